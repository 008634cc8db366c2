"""Score the baselines (majority, lexicon, TF-IDF + logistic regression) on the same sets as the model.

    python scripts/baselines.py          # writes reports/baseline-<name>-<set>/ (metrics.json, report.md, ...)
"""
from pathlib import Path

from actor_stance.data import load_annotated
from actor_stance.train.baselines import build
from actor_stance.train.evaluation import evaluate_records, write_outputs

ROOT = Path(__file__).resolve().parents[1]
SETS = {"test": ROOT / "data" / "test.jsonl", "plover": ROOT / "data" / "plover" / "plover_labeled.jsonl"}

if __name__ == "__main__":
    train = load_annotated(ROOT / "data" / "train.jsonl")
    for name in ("majority", "lexicon", "tfidf"):
        baseline = build(name, train)
        for set_name, path in SETS.items():
            metrics, pairs = evaluate_records(baseline, load_annotated(path), gold_mentions=True)
            write_outputs(metrics, pairs, ROOT / "reports" / f"baseline-{name}-{set_name}", f"{name} on {set_name}")
            print(f"{name:<9} {set_name:<7} stance macro-F1 {metrics['stance']['macro_f1']:.3f}  "
                  f"sentiment macro-F1 {metrics['sentiment']['macro_f1']:.3f}")
