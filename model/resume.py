"""Sharding and resuming batch runs.

``--shard K/N`` keeps the documents whose id hashes to K (a stable hash, so any N processes or cluster jobs split
one corpus the same way every time). ``--resume`` reads an existing output, drops a torn last line and every
record of the last document in it (it may have been cut short), and returns the ids already done so the run
skips them and appends: no duplicates, nothing lost.
"""
from __future__ import annotations

import csv
import io
import json
import zlib
from pathlib import Path

from .errors import InputError


def parse_shard(text: str) -> tuple[int, int]:
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise InputError("--shard", f"expected K/N such as 1/4, got {text!r}") from None
    if not 1 <= k <= n:
        raise InputError("--shard", f"K must be between 1 and N, got {text!r}")
    return k, n


def in_shard(doc_id: str, shard: tuple[int, int] | None) -> bool:
    if shard is None:
        return True
    k, n = shard
    return zlib.crc32(doc_id.encode("utf-8")) % n == k - 1


def prepare_resume(path: Path, fmt: str) -> set[str]:
    """Trim ``path`` to whole documents and return the ids of the documents it holds."""
    if not path.exists() or path.stat().st_size == 0:
        return set()
    raw = path.read_text(encoding="utf-8", errors="replace")
    lines = raw.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines = lines[:-1]  # a torn last line
    header, body = ([lines[0]], lines[1:]) if fmt == "csv" and lines else ([], lines)
    ids = []
    for line in body:
        try:
            if fmt == "csv":
                ids.append(next(csv.reader(io.StringIO(line)))[0])
            else:
                ids.append(str(json.loads(line)["doc_id"]))
        except (ValueError, KeyError, StopIteration, IndexError):
            raise InputError(path, "cannot resume: the output holds a line that is not a record") from None
    if ids:  # the last document may be incomplete: drop it and redo it
        last = ids[-1]
        keep = len(ids)
        while keep and ids[keep - 1] == last:
            keep -= 1
        body, ids = body[:keep], ids[:keep]
    path.write_text("".join(header + body), encoding="utf-8")
    return set(ids)
