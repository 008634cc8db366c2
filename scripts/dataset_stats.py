"""Print the labeled set's size, balance, coverage, hard-case and split figures, and check them against targets.

    python scripts/dataset_stats.py [--json]
"""
import json
import sys
from pathlib import Path

from actor_stance.train.datastats import check, compute, format_stats, load_splits

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    stats = compute(load_splits(ROOT / "data"))
    print(json.dumps(stats, indent=2) if "--json" in sys.argv else format_stats(stats))
    misses = check(stats)
    print("targets: all met" if not misses else "targets missed:\n  " + "\n  ".join(misses))
    sys.exit(1 if misses else 0)
