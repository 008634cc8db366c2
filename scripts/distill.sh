#!/usr/bin/env bash
# Distil the large model (the teacher) into the small default recipe, score it, and report both side by side.
# Needs the teacher: model/large (shipped; pip install -e '.[large]' for its encoder) or train it first with
#   actor-stance train --config configs/large.yaml --output-dir runs/large
# Run from anywhere inside the repository, with the package installed.
set -euo pipefail
cd "$(dirname "$0")/.."
actor-stance train --config configs/distill.yaml "$@"
