"""Check markup files of the labeled set and print their counts.

    python scripts/check_markup.py data/raw/*.txt
"""
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from train.markup import MarkupError, parse_articles  # noqa: E402


def check_plover(articles, source="../shared/data/plover/plover_gsr.jsonl"):
    """Every PLOVER sentence once, its text unchanged by the markup."""
    import json
    originals = {}
    for line in open(Path(__file__).resolve().parents[1] / source, encoding="utf-8"):
        rec = json.loads(line)
        originals[rec["id"]] = rec["text"]
    seen = set()
    for art in articles:
        if art.doc_id not in originals:
            print(f"ERROR unknown PLOVER id {art.doc_id}")
            continue
        seen.add(art.doc_id)
        if len(art.records) != 1 or art.records[0]["text"] != originals[art.doc_id]:
            print(f"ERROR {art.doc_id}: text differs from the original sentence")
    print(f"PLOVER ids covered {len(seen)} of {len(originals)}")


def main(paths):
    plover = paths and paths[0] == "--plover"
    paths = paths[1:] if plover else paths
    stance, sentiment, mtype, tags, conflicts = Counter(), Counter(), Counter(), Counter(), Counter()
    n_docs = n_sent = n_multi = 0
    ok = True
    for path in paths:
        try:
            articles = parse_articles(open(path, encoding="utf-8"), source=path)
        except MarkupError as err:
            print(f"ERROR {err}")
            ok = False
            continue
        if plover:
            check_plover(articles)
        for art in articles:
            n_docs += 1
            conflicts[art.conflict] += 1
            for rec in art.records:
                n_sent += 1
                tags.update(rec["tags"])
                ms = rec["mentions"]
                if len({m["stance"] for m in ms}) >= 2:
                    n_multi += 1
                for m in ms:
                    stance[m["stance"]] += 1
                    sentiment[m["sentiment"]] += 1
                    mtype[m["type"]] += 1
    n_ment = sum(stance.values())
    print(f"articles {n_docs}  sentences {n_sent}  mentions {n_ment}")
    print(f"stance {dict(stance)}  none share {stance['none'] / max(n_ment, 1):.2f}")
    print(f"sentiment {dict(sentiment)}")
    print(f"type {dict(mtype)}  nominal+pronoun share {(mtype['nominal'] + mtype['pronoun']) / max(n_ment, 1):.2f}")
    print(f"sentences with 2+ different stances {n_multi} ({n_multi / max(n_sent, 1):.2f})")
    print(f"tags {dict(tags)}")
    print(f"conflicts {dict(conflicts)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
