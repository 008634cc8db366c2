"""Mention detection approaches side by side, end to end, on the test split and the PLOVER set.

    python scripts/compare_detectors.py [--model DIR] [--sets test plover]

For each detector (spaCy rules with the gazetteer; the model's tagging head; their union) prints exact-span
precision, recall and F1 per mention type, overlap F1, canonical-actor and cluster accuracy, end-to-end stance
macro-F1 and the speed of the whole pipeline (sentences per second), as one Markdown table.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from actor_stance import StancePipeline
from actor_stance.data import load_annotated
from actor_stance.train.evaluation import evaluate_records

ROOT = Path(__file__).resolve().parents[1]
SETS = {"test": ROOT / "data" / "test.jsonl", "plover": ROOT / "data" / "plover" / "plover_labeled.jsonl"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model directory (default: the shipped model)")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--detectors", nargs="+", default=["rules", "model", "union"])
    args = parser.parse_args()
    print("| set | detector | P | R | F1 | name F1 | nominal F1 | pronoun F1 | overlap F1 (name/nom/pro) | "
          "canonical acc. | cluster acc. | e2e stance F1m | sentences/s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for detector in args.detectors:
        pipe = StancePipeline(args.model, detector=detector)
        pipe("Warm-up: the army said it was on alert.")
        for name in args.sets:
            records = load_annotated(SETS[name])
            start = time.perf_counter()
            metrics, _ = evaluate_records(pipe, records, gold_mentions=False)
            seconds = time.perf_counter() - start
            m, a = metrics["mentions"], metrics["actors"]
            exact = [a["exact"][t]["f1"] for t in ("name", "nominal", "pronoun")]
            overlap = "/".join(f"{a['overlap'][t]['f1']:.3f}" for t in ("name", "nominal", "pronoun"))
            print(f"| {name} | {detector} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | "
                  + " | ".join(f"{x:.3f}" for x in exact)
                  + f" | {overlap} | {a['canonical_accuracy']:.3f} | {a['cluster_accuracy']:.3f} | "
                  f"{metrics['stance']['macro_f1']:.3f} | {len(records) / seconds:.1f} |", flush=True)


if __name__ == "__main__":
    main()
