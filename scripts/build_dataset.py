"""Build the labeled set from its markup sources: data/raw/*.txt -> data/{train,dev,test}.jsonl and
data/plover/plover_labeled.jsonl.

    python scripts/build_dataset.py

Splits are by article. Every article of a held-out conflict goes to test, so the test score shows how the model
does on actors it never saw; the other articles are shuffled with a fixed seed and cut 70/15/15 overall (each
group of batch files on its own).
Adjudicated labels from the second-annotator pass (data/raw/adjudicated.jsonl) override the first labels.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from train.markup import parse_articles  # noqa: E402

HELD_OUT_CONFLICTS = ("western-sahara", "mozambique", "kosovo", "thailand-cambodia", "guyana-venezuela")
SEED = 13
DEV_SHARE = TEST_SHARE = 0.15


def load_adjudications(path: Path) -> dict:
    """{record id: {mention start: {stance, sentiment}}} from the adjudication file, if present."""
    if not path.exists():
        return {}
    fixes = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            fixes.setdefault(row["id"], {})[row["start"]] = {"stance": row["stance"], "sentiment": row["sentiment"]}
    return fixes


def apply_adjudications(records, fixes) -> int:
    changed = 0
    for record in records:
        for mention in record["mentions"]:
            fix = fixes.get(record["id"], {}).get(mention["start"])
            if fix and (fix["stance"], fix["sentiment"]) != (mention["stance"], mention["sentiment"]):
                mention.update(fix)
                changed += 1
    return changed


def write_jsonl(path: Path, records) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def split_articles(articles):
    held_out = [a for a in articles if a.conflict in HELD_OUT_CONFLICTS]
    rest = sorted((a for a in articles if a.conflict not in HELD_OUT_CONFLICTS), key=lambda a: a.doc_id)
    random.Random(SEED).shuffle(rest)
    n_dev = round(DEV_SHARE * len(articles))
    n_test = max(0, round(TEST_SHARE * len(articles)) - len(held_out))
    return {"dev": rest[:n_dev], "test": held_out + rest[n_dev:n_dev + n_test], "train": rest[n_dev + n_test:]}


def main() -> None:
    # Each group of batches is split on its own, so adding a group leaves the earlier articles where they were:
    # b* are the conflict stories, n* the general news in which most actors take no stance.
    splits = {"train": [], "dev": [], "test": []}
    for pattern in ("b*.txt", "n*.txt"):
        articles = []
        for path in sorted((ROOT / "data" / "raw").glob(pattern)):
            articles.extend(parse_articles(path.read_text(encoding="utf-8").splitlines(), source=str(path)))
        for split, part in split_articles(articles).items():
            splits[split].extend(part)
    fixes = load_adjudications(ROOT / "data" / "raw" / "adjudicated.jsonl")
    changed = 0
    for split, split_articles_ in splits.items():
        records = [r for a in split_articles_ for r in a.records]
        changed += apply_adjudications(records, fixes)
        write_jsonl(ROOT / "data" / f"{split}.jsonl", records)
        print(f"{split}: {len(split_articles_)} articles, {len(records)} sentences, "
              f"{sum(len(r['mentions']) for r in records)} mentions")
    plover = ROOT / "data" / "raw" / "plover.txt"
    if plover.exists():
        records = []
        for article in parse_articles(plover.read_text(encoding="utf-8").splitlines(), source=str(plover)):
            for record in article.records:
                record["id"] = article.doc_id
                record.pop("doc_id", None)
                record.pop("context", None)
                record.pop("conflict", None)
                records.append(record)
        changed += apply_adjudications(records, fixes)
        write_jsonl(ROOT / "data" / "plover" / "plover_labeled.jsonl", records)
        print(f"plover: {len(records)} sentences, {sum(len(r['mentions']) for r in records)} mentions")
    print(f"adjudicated labels applied: {changed}")


if __name__ == "__main__":
    main()
