"""Labeled data in the schema of ANNOTATION.md: reading JSONL and checking every record."""
from __future__ import annotations

import json
from pathlib import Path

from .errors import InputError

MENTION_TYPES = ("name", "nominal", "pronoun")


def read_jsonl(path: str | Path) -> list[dict]:
    """Read a JSONL file; a malformed line is an InputError naming the file and line."""
    path = Path(path)
    records = []
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for lineno, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as err:
                    raise InputError(path, f"line {lineno}: not valid JSON ({err.msg})") from None
                if not isinstance(record, dict):
                    raise InputError(path, f"line {lineno}: expected a JSON object")
                record.setdefault("_line", lineno)
                records.append(record)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, expected a JSONL file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except UnicodeDecodeError as err:
        raise InputError(path, f"not UTF-8 text (byte {err.start})") from None
    return records


def record_problems(record: dict, stance_labels=None, sentiment_labels=None) -> list[str]:
    """Everything wrong with one annotated record (empty when it is valid)."""
    problems = []
    text = record.get("text")
    if not isinstance(text, str):
        return ["missing 'text'"]
    if not isinstance(record.get("id"), (str, int)):
        problems.append("missing 'id'")
    mentions = record.get("mentions")
    if not isinstance(mentions, list):
        return problems + ["missing 'mentions' list"]
    spans = []
    for i, m in enumerate(mentions):
        where = f"mention {i}"
        start, end = m.get("start"), m.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            problems.append(f"{where}: span {start}-{end} is not inside the text (length {len(text)})")
            continue
        if "text" in m and text[start:end] != m["text"]:
            problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not {m['text']!r}")
        if stance_labels is not None and m.get("stance") not in stance_labels:
            problems.append(f"{where}: unknown stance {m.get('stance')!r} (known: {', '.join(stance_labels)})")
        if sentiment_labels is not None and m.get("sentiment") not in sentiment_labels:
            problems.append(
                f"{where}: unknown sentiment {m.get('sentiment')!r} (known: {', '.join(sentiment_labels)})")
        if "type" in m and m["type"] not in MENTION_TYPES:
            problems.append(f"{where}: unknown type {m['type']!r} (known: {', '.join(MENTION_TYPES)})")
        spans.append((start, end, i))
    spans.sort()
    for (s1, e1, i1), (s2, e2, i2) in zip(spans, spans[1:]):
        if s2 < e1:
            problems.append(f"mentions {i1} and {i2} overlap ({s1}-{e1}, {s2}-{e2})")
    return problems


def validate_records(records: list[dict], path, stance_labels=None, sentiment_labels=None) -> list[str]:
    """All problems in a file, each prefixed with the record's line; ids must be unique."""
    problems, seen = [], {}
    for record in records:
        line = record.get("_line", "?")
        for problem in record_problems(record, stance_labels, sentiment_labels):
            problems.append(f"{path}: line {line}: {problem}")
        rid = record.get("id")
        if rid in seen:
            problems.append(f"{path}: line {line}: id {rid!r} repeats line {seen[rid]}")
        seen.setdefault(rid, line)
    return problems


def load_annotated(path, stance_labels=None, sentiment_labels=None) -> list[dict]:
    """Read and validate a labeled file; the first problem becomes an InputError."""
    records = read_jsonl(path)
    problems = validate_records(records, path, stance_labels, sentiment_labels)
    if problems:
        first = problems[0].split(": ", 1)[1]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise InputError(path, first + more)
    return records
