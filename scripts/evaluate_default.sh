#!/usr/bin/env bash
# Score a model (default: the shipped one) on dev, test and PLOVER, with gold mentions and end to end.
# Writes reports/<set>/{metrics.json,report.md,errors.jsonl}. Usage: bash scripts/evaluate_default.sh [MODEL_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
model=(); [ $# -ge 1 ] && model=(--model "$1")
for split in dev test; do
  actor-stance evaluate --data "data/$split.jsonl" --gold-mentions -o "reports/$split" "${model[@]}"
done
actor-stance evaluate --data data/plover/plover_labeled.jsonl --gold-mentions -o reports/plover "${model[@]}"
actor-stance evaluate --data data/test.jsonl -o reports/test-e2e "${model[@]}"
actor-stance evaluate --data data/plover/plover_labeled.jsonl -o reports/plover-e2e "${model[@]}"
