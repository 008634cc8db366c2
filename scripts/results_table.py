"""Print the Markdown results table from reports/*/metrics.json (run the evaluations first).

    python scripts/results_table.py

Reads reports/<row>/{test,plover}/metrics.json (scripts/evaluate_default.sh MODEL reports/<row>; the shipped
default model in reports/{test,plover}), reports/baseline-* (scripts/baselines.py) and reports/newsmtsc-*
(scripts/newsmtsc.py).
"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = [  # (row name, report directory pattern, NewsMTSC report name)
    ("majority class", "baseline-majority-{set}", None),
    ("keyword lexicon", "baseline-lexicon-{set}", None),
    ("TF-IDF + logistic regression", "baseline-tfidf-{set}", "tfidf"),
    ("small model, trained directly (MiniLM)", "small/{set}", "small"),
    ("large model, `model/large` (MPNet)", "large/{set}", "large"),
    ("default model, `model/default` (MiniLM, distilled)", "{set}", "default"),
]


def cell(block):
    lo, hi = block["ci95"]["macro_f1"]
    return f"{block['macro_f1']:.3f} ({lo:.3f}-{hi:.3f})"


def read(path):
    return json.loads(path.read_text()) if path.exists() else None


if __name__ == "__main__":
    print("| model | test stance F1m | test sentiment F1m | PLOVER stance F1m | PLOVER sentiment F1m | "
          "NewsMTSC test-mt sentiment F1m | NewsMTSC test-rw sentiment F1m |")
    print("|---|---|---|---|---|---|---|")
    print("| GRU-TSC on RoBERTa-base (NewsMTSC paper) | | | | | 0.825 | 0.831 |")
    for name, pattern, newsmtsc in ROWS:
        cells = []
        for set_name in ("test", "plover"):
            metrics = read(ROOT / "reports" / pattern.format(set=set_name) / "metrics.json")
            cells += [cell(metrics["stance"]), cell(metrics["sentiment"])] if metrics else ["-", "-"]
        for set_name in ("mt", "rw"):
            metrics = read(ROOT / "reports" / f"newsmtsc-{newsmtsc}-{set_name}" / "metrics.json") if newsmtsc else None
            cells.append(cell(metrics["sentiment"]) if metrics else "-")
        print(f"| {name} | " + " | ".join(cells) + " |")
