"""Build the labeled set from its markup sources: data/raw/*.txt -> data/{train,dev,test}.jsonl and
data/plover/plover_labeled.jsonl.

    python scripts/build_dataset.py [--out DIR]

Splits are by article. Every article of a held-out conflict goes to test, so the test score shows how the model
does on actors it never saw; the other articles are shuffled with a fixed seed and cut 70/15/15 overall (each
group of batch files on its own).
Adjudicated labels from the second-annotator pass (data/raw/adjudicated.jsonl) override the first labels.
Then the project's conventions: possessives stay out of spans, and every actor is named one way (see
train/actors.py): the gazetteer's name (configs/world_actors.yaml, then the training split's actors, written to
configs/actors.yaml), else its longest name form in the article; the annotators' name stays in
``actor_as_annotated``.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from actor_stance.gazetteer import Gazetteer  # noqa: E402
from actor_stance.train.actors import derive_actors, normalise_actor_names, strip_possessives  # noqa: E402
from actor_stance.train.datastats import TRAIN_ONLY_BATCHES  # noqa: E402
from actor_stance.train.markup import parse_articles  # noqa: E402
from scripts.build_gazetteer import world_actors, write_gazetteer  # noqa: E402

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


GROUPS = ("b", "n", "w")


def main(groups=GROUPS, out: Path = ROOT) -> None:
    # Each group of batches is split on its own, so adding a group leaves the earlier articles where they were:
    # b* are the conflict stories, n* the general news in which most actors take no stance, w* wire briefs built
    # around the guidelines' near-misses.
    splits = {"train": [], "dev": [], "test": []}
    for pattern in (f"{group}*.txt" for group in groups):
        articles = []
        for path in sorted((ROOT / "data" / "raw").glob(pattern)):
            parsed = parse_articles(path.read_text(encoding="utf-8").splitlines(), source=str(path))
            (splits["train"] if path.stem in TRAIN_ONLY_BATCHES else articles).extend(parsed)
        for split, part in split_articles(articles).items():
            splits[split].extend(part)
    fixes = load_adjudications(ROOT / "data" / "raw" / "adjudicated.jsonl")
    records = {split: [r for a in part for r in a.records] for split, part in splits.items()}
    plover = ROOT / "data" / "raw" / "plover.txt"
    if plover.exists():
        records["plover"] = []
        for article in parse_articles(plover.read_text(encoding="utf-8").splitlines(), source=str(plover)):
            for record in article.records:
                record["id"] = article.doc_id
                for key in ("doc_id", "context", "conflict"):
                    record.pop(key, None)
                records["plover"].append(record)
    changed = sum(apply_adjudications(rs, fixes) for rs in records.values())
    trimmed = sum(strip_possessives(rs) for rs in records.values())
    # Names: the world list first, so the training split's actors are named before the gazetteer learns them.
    world = world_actors()
    normalise_actor_names(records["train"], Gazetteer.from_entries(world))
    entries = derive_actors(records["train"], world)
    write_gazetteer(entries, out / "configs" / "actors.yaml")
    gazetteer = Gazetteer.from_entries(entries)
    renamed = sum(normalise_actor_names(rs, gazetteer) for rs in records.values())
    for split, rs in records.items():
        path = out / "data" / "plover" / "plover_labeled.jsonl" if split == "plover" else out / "data" / f"{split}.jsonl"
        write_jsonl(path, rs)
        print(f"{split}: {len(splits[split]) if split in splits else len(rs)} articles, {len(rs)} sentences, "
              f"{sum(len(r['mentions']) for r in rs)} mentions")
    print(f"adjudicated labels applied: {changed}; possessives trimmed: {trimmed}; "
          f"actor names changed by the naming convention: {renamed}; configs/actors.yaml: {len(entries)} actors")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", nargs="+", default=list(GROUPS), help="batch groups to build (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT, help="write data/ and configs/actors.yaml under this "
                        "folder instead of the repository (to compare a build with the committed files)")
    args = parser.parse_args()
    main(args.groups, args.out)
