"""Inter-annotator agreement on the blind 10 % sample: Cohen's kappa for stance and sentiment.

    python scripts/agreement.py

Compares the first labels (data/raw markup, before adjudication) with the blind second pass
(data/agreement/second_pass*.jsonl), writes data/agreement/agreement.json and the disagreements to
data/agreement/disagreements.jsonl (the input of adjudication, whose decisions live in data/raw/adjudicated.jsonl).
"""
import json
import sys
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from train.markup import parse_articles  # noqa: E402


def first_labels() -> dict:
    records = {}
    for path in sorted((ROOT / "data" / "raw").glob("*.txt")):
        for article in parse_articles(path.read_text(encoding="utf-8").splitlines(), source=str(path)):
            for record in article.records:
                rid = article.doc_id if path.name == "plover.txt" else record["id"]
                records[rid] = record
    return records


def main() -> None:
    first = first_labels()
    sample, second = [], {}
    # Each batch group had its own blind sample: b* and PLOVER (blind_sample), n* (blind_sample_n), w1-w4 (_w),
    # w5-w8 (_w2), w9-w12 (_w3).
    for suffix in ("", "_n", "_w", "_w2", "_w3"):
        agreement_dir = ROOT / "data" / "agreement"
        sample += [json.loads(line) for line in (agreement_dir / f"blind_sample{suffix}.jsonl").read_text()
                   .splitlines()]
        second.update({row["id"]: row for row in map(json.loads, (agreement_dir / f"second_pass{suffix}.jsonl")
                                                     .read_text().splitlines())})
    pairs, disagreements = {"stance": ([], []), "sentiment": ([], [])}, []
    for item in sample:
        gold = first[item["id"]]["mentions"]
        labels = {label["i"]: label for label in second[item["id"]]["labels"]}
        for m in item["mentions"]:
            a, b = gold[m["i"]], labels[m["i"]]
            assert (a["start"], a["end"]) == (m["start"], m["end"]), item["id"]
            for task in pairs:
                pairs[task][0].append(a[task])
                pairs[task][1].append(b[task])
            if a["stance"] != b["stance"] or a["sentiment"] != b["sentiment"]:
                disagreements.append({"id": item["id"], "text": item["text"], "context": item.get("context"),
                                      "mention": m["text"], "start": m["start"], "end": m["end"],
                                      "first": {"stance": a["stance"], "sentiment": a["sentiment"]},
                                      "second": {"stance": b["stance"], "sentiment": b["sentiment"]}})
    result = {"sentences": len(sample), "mentions": len(pairs["stance"][0])}
    for task, (a, b) in pairs.items():
        result[task] = {"kappa": round(cohen_kappa_score(a, b), 3),
                        "raw_agreement": round(sum(x == y for x, y in zip(a, b)) / len(a), 3)}
    result["disagreeing_mentions"] = len(disagreements)
    (ROOT / "data/agreement/agreement.json").write_text(json.dumps(result, indent=2) + "\n")
    with open(ROOT / "data/agreement/disagreements.jsonl", "w", encoding="utf-8") as handle:
        for row in disagreements:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
