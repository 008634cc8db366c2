#!/usr/bin/env bash
# Rebuild the models shipped in model/large/ (the teacher) and model/default/ (distilled from it), and score them.
# About 50 minutes for the teacher (skipped when model/large exists) and 35 to 60 for the student on 2 CPU cores.
# Run from anywhere inside the repository, with the package installed with its large extra:
#   pip install -e '.[large]'
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f model/large/config.json ]; then
  actor-stance train --config configs/large.yaml --output-dir runs/large
  python scripts/install_default_model.py runs/large model/large
fi
actor-stance train --config configs/distill.yaml --output-dir runs/distilled
python scripts/install_default_model.py runs/distilled model/default
