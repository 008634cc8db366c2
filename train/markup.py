"""Inline markup in which the project's labeled articles are written, and its conversion to records.

Writers mark each actor mention in place, so offsets are computed, never typed by hand:

    === doc: sudan-fasher-01 | conflict: sudan
    EL FASHER, Sudan, May 12 - [The Rapid Support Forces|Rapid Support Forces|name|T|neg] said ... #tags: headline_dateline

``[surface|canonical actor|type|stance|sentiment]`` with type ``name``/``nom``/``pro``, stance ``R`` (calls for
restraint), ``T`` (threatens advance), ``A`` (alert), ``N`` (none), sentiment ``pos``/``neu``/``neg``.
Each line after a ``=== doc:`` header is one sentence (one record); ``#tags:`` lists hard-case tags.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TYPES = {"name": "name", "nom": "nominal", "pro": "pronoun"}
STANCES = {"R": "calls_for_restraint", "T": "threatens_advance", "A": "alert", "N": "none"}
SENTIMENTS = {"pos": "positive", "neu": "neutral", "neg": "negative"}
TAGS = (
    "negation", "attribution", "conditional_threat", "past_attack", "demand_not_restraint",
    "alert_vs_threat", "quote_speaker_after", "passive_voice", "headline_dateline", "rhetoric_no_stance",
)

_MENTION = re.compile(r"\[([^\[\]|]+)\|([^\[\]|]+)\|([^\[\]|]+)\|([^\[\]|]+)\|([^\[\]|]+)\]")
_HEADER = re.compile(r"^===\s*doc:\s*(?P<doc>[\w.-]+)\s*(?:\|\s*conflict:\s*(?P<conflict>[\w.-]+))?\s*$")


class MarkupError(ValueError):
    """A line of markup that cannot be read; the message names the line."""


@dataclass
class Article:
    doc_id: str
    conflict: str | None
    records: list[dict] = field(default_factory=list)


def parse_sentence(line: str) -> tuple[str, list[dict], list[str]]:
    """Return (plain text, mentions with offsets, tags) for one marked-up sentence."""
    tags: list[str] = []
    if "#tags:" in line:
        line, tag_part = line.split("#tags:", 1)
        tags = [t.strip() for t in tag_part.split(",") if t.strip()]
        unknown = [t for t in tags if t not in TAGS]
        if unknown:
            raise MarkupError(f"unknown tag(s) {unknown}; known: {', '.join(TAGS)}")
    line = line.strip()
    text_parts: list[str] = []
    mentions: list[dict] = []
    pos = 0
    length = 0
    for match in _MENTION.finditer(line):
        before = line[pos:match.start()]
        text_parts.append(before)
        length += len(before)
        surface, actor, mtype, stance, sentiment = (g.strip() for g in match.groups())
        if mtype not in TYPES:
            raise MarkupError(f"mention {surface!r}: type {mtype!r} is not one of {sorted(TYPES)}")
        if stance not in STANCES:
            raise MarkupError(f"mention {surface!r}: stance {stance!r} is not one of {sorted(STANCES)}")
        if sentiment not in SENTIMENTS:
            raise MarkupError(f"mention {surface!r}: sentiment {sentiment!r} is not one of {sorted(SENTIMENTS)}")
        raw_surface = match.group(1)
        if raw_surface != surface:
            raise MarkupError(f"mention {raw_surface!r}: surface text has leading or trailing spaces")
        mentions.append({
            "start": length, "end": length + len(surface), "text": surface, "actor": actor,
            "type": TYPES[mtype], "stance": STANCES[stance], "sentiment": SENTIMENTS[sentiment],
        })
        text_parts.append(surface)
        length += len(surface)
        pos = match.end()
    text_parts.append(line[pos:])
    text = "".join(text_parts)
    leftover = [c for c in "[]|" if c in text]
    if leftover:
        raise MarkupError(f"stray {''.join(leftover)!r} outside a well-formed [surface|actor|type|stance|sentiment]")
    return text, mentions, tags


def parse_articles(lines, source: str = "<markup>") -> list[Article]:
    """Parse a whole markup file into articles of ANNOTATION.md records (ids ``<doc_id>-NNN``)."""
    articles: list[Article] = []
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        if line.startswith("==="):
            header = _HEADER.match(line.strip())
            if not header:
                raise MarkupError(f"{source}:{lineno}: header must read '=== doc: <id> | conflict: <name>'")
            articles.append(Article(header["doc"], header["conflict"]))
            continue
        if not articles:
            raise MarkupError(f"{source}:{lineno}: sentence before the first '=== doc:' header")
        article = articles[-1]
        try:
            text, mentions, tags = parse_sentence(line)
        except MarkupError as err:
            raise MarkupError(f"{source}:{lineno}: {err}") from None
        record = {"id": f"{article.doc_id}-{len(article.records) + 1:03d}", "doc_id": article.doc_id,
                  "text": text}
        if article.records and any(m["type"] != "name" for m in mentions):
            record["context"] = article.records[-1]["text"]
        record["mentions"] = mentions
        record["tags"] = tags
        record["conflict"] = article.conflict
        article.records.append(record)
    return articles
