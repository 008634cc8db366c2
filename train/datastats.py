"""Counts of the labeled set and the targets it must meet (size, balance, coverage, hard cases, splits)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .markup import TAGS

SPLITS = ("train", "dev", "test")
GENERAL_NEWS = "general-news"  # articles of international news that belong to no one conflict
BRIEFS = "world-briefs"  # short wire briefs (w* batches) from three decades of world news, mostly `none`
TARGETS = {
    "sentences": 1500, "articles": 250, "mentions": 4000, "calls_for_restraint": 400, "threatens_advance": 400,
    "alert": 400, "negative": 600, "positive": 200, "conflicts": 30, "each_tag": 40, "held_out_conflicts": 5,
}
# Batches written after the splits were fixed go to train whole, so dev and test (and every figure measured on
# them) stay as they were.
TRAIN_ONLY_BATCHES = ("w5", "w6", "w7", "w8", "w9", "w10", "w11", "w12")
MAX_NONE_SHARE = 0.60  # over the articles (b*, n*): enough stance-bearing mentions to learn from
MAX_BRIEF_NONE_SHARE = 0.85  # the briefs are meant to read like real leads, where most actors take no stance
MIN_NOMINAL_PRONOUN_SHARE = 0.15
MIN_MIXED_SENTENCE_SHARE = 0.20


def load_splits(data_dir) -> dict[str, list[dict]]:
    data_dir = Path(data_dir)
    return {split: [json.loads(line) for line in (data_dir / f"{split}.jsonl").read_text(encoding="utf-8")
                    .splitlines() if line.strip()] for split in SPLITS}


def compute(splits: dict[str, list[dict]]) -> dict:
    records = [r for split in SPLITS for r in splits[split]]
    mentions = [m for r in records for m in r["mentions"]]
    stance, sentiment, mtype = (Counter(m[k] for m in mentions) for k in ("stance", "sentiment", "type"))
    tags = Counter(t for r in records for t in r.get("tags", []))
    conflicts_by_split = {s: Counter(r["conflict"] for r in splits[s]) for s in SPLITS}
    docs_by_split = {s: len({r["doc_id"] for r in splits[s]}) for s in SPLITS}
    all_conflicts = set().union(*conflicts_by_split.values()) - {GENERAL_NEWS, BRIEFS}
    held_out = sorted(set(conflicts_by_split["test"]) - set(conflicts_by_split["train"]) - {GENERAL_NEWS, BRIEFS})
    article_stances = Counter(m["stance"] for r in records if r.get("conflict") != BRIEFS for m in r["mentions"])
    brief_stances = Counter(m["stance"] for r in records if r.get("conflict") == BRIEFS for m in r["mentions"])
    mixed = sum(1 for r in records if len(r["mentions"]) >= 2 and len({m["stance"] for m in r["mentions"]}) >= 2)
    return {
        "articles": sum(docs_by_split.values()), "sentences": len(records), "mentions": len(mentions),
        "stance": dict(stance), "sentiment": dict(sentiment), "type": dict(mtype), "tags": dict(tags),
        "none_share": stance["none"] / len(mentions),
        "article_none_share": article_stances["none"] / max(sum(article_stances.values()), 1),
        "brief_none_share": brief_stances["none"] / max(sum(brief_stances.values()), 1),
        "brief_mentions": sum(brief_stances.values()),
        "nominal_pronoun_share": (mtype["nominal"] + mtype["pronoun"]) / len(mentions),
        "mixed_stance_sentence_share": mixed / len(records),
        "conflicts": len(all_conflicts), "held_out_conflicts": held_out,
        "split_articles": docs_by_split, "split_sentences": {s: len(splits[s]) for s in SPLITS},
        "split_mentions": {s: sum(len(r["mentions"]) for r in splits[s]) for s in SPLITS},
        "conflict_articles": {c: sum(len({r["doc_id"] for r in splits[s] if r["conflict"] == c}) for s in SPLITS)
                              for c in sorted(all_conflicts | {GENERAL_NEWS, BRIEFS}) if c in set().union(
                                  *conflicts_by_split.values())},
    }


def check(stats: dict) -> list[str]:
    """The targets the set misses (empty when it meets all of them)."""
    misses = []
    for key in ("articles", "sentences", "mentions", "conflicts"):
        if stats[key] < TARGETS[key]:
            misses.append(f"{key}: {stats[key]} < {TARGETS[key]}")
    for label in ("calls_for_restraint", "threatens_advance", "alert"):
        if stats["stance"].get(label, 0) < TARGETS[label]:
            misses.append(f"stance {label}: {stats['stance'].get(label, 0)} < {TARGETS[label]}")
    for label in ("negative", "positive"):
        if stats["sentiment"].get(label, 0) < TARGETS[label]:
            misses.append(f"sentiment {label}: {stats['sentiment'].get(label, 0)} < {TARGETS[label]}")
    for tag in TAGS:
        if stats["tags"].get(tag, 0) < TARGETS["each_tag"]:
            misses.append(f"tag {tag}: {stats['tags'].get(tag, 0)} < {TARGETS['each_tag']}")
    if stats["article_none_share"] > MAX_NONE_SHARE:
        misses.append(f"none share of the articles {stats['article_none_share']:.2f} > {MAX_NONE_SHARE}")
    if stats["brief_none_share"] > MAX_BRIEF_NONE_SHARE:
        misses.append(f"none share of the briefs {stats['brief_none_share']:.2f} > {MAX_BRIEF_NONE_SHARE}")
    if stats["nominal_pronoun_share"] < MIN_NOMINAL_PRONOUN_SHARE:
        misses.append(f"nominal+pronoun share {stats['nominal_pronoun_share']:.2f} < {MIN_NOMINAL_PRONOUN_SHARE}")
    if stats["mixed_stance_sentence_share"] < MIN_MIXED_SENTENCE_SHARE:
        misses.append(f"mixed-stance sentences {stats['mixed_stance_sentence_share']:.2f} < "
                      f"{MIN_MIXED_SENTENCE_SHARE}")
    if len(stats["held_out_conflicts"]) < TARGETS["held_out_conflicts"]:
        misses.append(f"conflicts only in test: {len(stats['held_out_conflicts'])} < {TARGETS['held_out_conflicts']}")
    return misses


def format_stats(stats: dict) -> str:
    lines = [
        f"articles {stats['articles']}  sentences {stats['sentences']}  mentions {stats['mentions']}",
        f"stance {stats['stance']}  (none share {stats['none_share']:.3f}; articles {stats['article_none_share']:.3f},"
        f" briefs {stats['brief_none_share']:.3f} of {stats['brief_mentions']} mentions)",
        f"sentiment {stats['sentiment']}",
        f"type {stats['type']}  (nominal+pronoun share {stats['nominal_pronoun_share']:.3f})",
        f"sentences with 2+ actors of different stances: {stats['mixed_stance_sentence_share']:.3f}",
        f"tags {stats['tags']}",
        f"conflicts {stats['conflicts']}; only in test: {', '.join(stats['held_out_conflicts'])}",
        f"split articles {stats['split_articles']}  sentences {stats['split_sentences']}  "
        f"mentions {stats['split_mentions']}",
        "articles per conflict: " + ", ".join(f"{c} {n}" for c, n in stats["conflict_articles"].items()),
    ]
    return "\n".join(lines)
