"""Print the Markdown results table from reports/*/metrics.json (run the evaluations first).

    python scripts/results_table.py
"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = [  # (row name, report directory)
    ("majority class", "baseline-majority-{set}"),
    ("keyword lexicon", "baseline-lexicon-{set}"),
    ("TF-IDF + logistic regression", "baseline-tfidf-{set}"),
    ("default model (MiniLM + LoRA)", "{set}"),
]


def cell(block):
    lo, hi = block["ci95"]["macro_f1"]
    return f"{block['macro_f1']:.3f} ({lo:.3f}-{hi:.3f})"


if __name__ == "__main__":
    print("| model | test stance F1m | test sentiment F1m | PLOVER stance F1m | PLOVER sentiment F1m |")
    print("|---|---|---|---|---|")
    for name, pattern in ROWS:
        cells = []
        for set_name in ("test", "plover"):
            path = ROOT / "reports" / pattern.format(set=set_name) / "metrics.json"
            if path.exists():
                metrics = json.loads(path.read_text())
                cells += [cell(metrics["stance"]), cell(metrics["sentiment"])]
            else:
                cells += ["-", "-"]
        print(f"| {name} | " + " | ".join(cells) + " |")
