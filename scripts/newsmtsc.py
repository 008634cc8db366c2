"""Target sentiment on NewsMTSC (real news, crowd labels): the model and TF-IDF + LR beside the paper's best.

    python scripts/newsmtsc.py [--model DIR ...] [--newsmtsc ../shared/data/newsmtsc]

Each test set (test-mt: several targets per sentence; test-rw: the natural mix of news) is converted to the
project's schema (one sentence, one labelled target, no stance) and the target is scored as a gold mention.
Writes reports/newsmtsc-<name>-<set>/metrics.json and prints one Markdown table. The TF-IDF baseline learns
sentiment from NewsMTSC's own training split, as the paper's models do.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from actor_stance.train.evaluation import add_confidence_intervals, label_metrics
from actor_stance.train.train import sentiment_only_records

ROOT = Path(__file__).resolve().parents[1]
PAPER = {"mt": 0.825, "rw": 0.831}  # GRU-TSC on RoBERTa-base, F1m (Hamborg & Donnay, EACL 2021, table 3)


def score(predictor, records) -> dict:
    items = [(r["text"], [(m["start"], m["end"]) for m in r["mentions"]]) for r in records]
    preds = [p for ps in predictor.predict(items) for p in ps]
    gold = [m["sentiment"] for r in records for m in r["mentions"]]
    labels = ["negative", "neutral", "positive"]
    block = label_metrics(gold, [p.sentiment for p in preds], labels)
    add_confidence_intervals(block, [r["text"] for r in records for _ in r["mentions"]], gold,
                             [p.sentiment for p in preds], labels)
    return block


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", default=None, help="model directory (repeatable; default: shipped)")
    parser.add_argument("--newsmtsc", default=str(ROOT.parent / "shared" / "data" / "newsmtsc"))
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    from actor_stance import StancePipeline
    from actor_stance.train.baselines import TfidfBaseline

    data = Path(args.newsmtsc) / "hf"
    sets = {name: sentiment_only_records(data / name / "test.jsonl") for name in ("mt", "rw")}
    predictors = {}
    if not args.no_baseline:
        predictors["tfidf"] = TfidfBaseline(sentiment_only_records(data / "mt" / "train.jsonl"))
    for model in args.model or [None]:
        predictors[Path(model).name if model else "default"] = StancePipeline(model)
    rows = ["| model | test-mt F1m (95% CI) | test-mt acc | test-rw F1m (95% CI) | test-rw acc |", "|---|---|---|---|---|",
            f"| GRU-TSC, RoBERTa-base (paper) | {PAPER['mt']:.3f} | | {PAPER['rw']:.3f} | |"]
    for name, predictor in predictors.items():
        cells = []
        for set_name, records in sets.items():
            block = score(predictor, records)
            out = ROOT / "reports" / f"newsmtsc-{name}-{set_name}"
            out.mkdir(parents=True, exist_ok=True)
            (out / "metrics.json").write_text(json.dumps({"sentiment": block, "n_mentions": len(records)}, indent=2)
                                              + "\n", encoding="utf-8")
            lo, hi = block["ci95"]["macro_f1"]
            cells += [f"{block['macro_f1']:.3f} ({lo:.3f}-{hi:.3f})", f"{block['accuracy']:.3f}"]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
