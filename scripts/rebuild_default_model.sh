#!/usr/bin/env bash
# Rebuild the default model shipped in model/default/ from configs/default.yaml, then score it.
# About 10 minutes on 2 CPU cores. Run from anywhere inside the repository, with the package installed.
set -euo pipefail
cd "$(dirname "$0")/.."
actor-stance train --config configs/default.yaml --output-dir runs/default
python scripts/install_default_model.py runs/default
