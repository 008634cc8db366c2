#!/usr/bin/env bash
# Score a model (default: the shipped one) on dev, test and PLOVER, with gold mentions and end to end.
# Writes OUT/<set>/{metrics.json,report.md,errors.jsonl,*.png}.
# Usage: bash scripts/evaluate_default.sh [MODEL_DIR [OUT]]      (OUT defaults to reports/)
set -euo pipefail
cd "$(dirname "$0")/.."
model=(); [ $# -ge 1 ] && model=(--model "$1")
out="${2:-reports}"
for split in dev test; do
  actor-stance evaluate --data "data/$split.jsonl" --gold-mentions -o "$out/$split" "${model[@]}"
done
actor-stance evaluate --data data/plover/plover_labeled.jsonl --gold-mentions -o "$out/plover" "${model[@]}"
actor-stance evaluate --data data/test.jsonl -o "$out/test-e2e" "${model[@]}"
actor-stance evaluate --data data/plover/plover_labeled.jsonl -o "$out/plover-e2e" "${model[@]}"
