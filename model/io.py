"""Reading articles (a .txt file, a folder of them, a .jsonl of {"id","text"}, or stdin) and writing records.

Readers yield documents and rejects instead of raising, so one bad article never stops a batch; writers put each
document's records down in one write and flush, so an interrupt never leaves half a record behind.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

MAX_CHARS = 5_000_000  # a document beyond this is almost surely not an article (a dump, a binary)


@dataclass
class Document:
    doc_id: str
    text: str
    source: str


@dataclass
class Reject:
    source: str
    reason: str
    doc_id: str | None = None

    def as_record(self) -> dict:
        return {"source": self.source, "doc_id": self.doc_id, "reason": self.reason}


def decode(data: bytes, source: str) -> Document | Reject | str:
    """Bytes -> text, or a Reject saying why they are not a readable article."""
    if not data.strip():
        return Reject(source, "empty document (no text)")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return Reject(source, "UTF-16 text, not UTF-8 (save it as UTF-8)")
    head = data[:8192]
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13) or b == 127)
    if control > len(head) // 10:
        return Reject(source, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Reject(source, f"not UTF-8 text (invalid byte at offset {err.start})")
    if len(text) > MAX_CHARS:
        return Reject(source, f"document has {len(text):,} characters, more than the limit of {MAX_CHARS:,}")
    return text.replace("\x00", " ")  # stray NULs become spaces so offsets stay put


def _text_document(text_or_reject, doc_id, source):
    if isinstance(text_or_reject, Reject):
        text_or_reject.doc_id = doc_id
        return text_or_reject
    if not text_or_reject.strip():
        return Reject(source, "empty document (whitespace only)", doc_id)
    return Document(doc_id, text_or_reject, source)


def _read_bytes(path: Path):
    try:
        return path.read_bytes()
    except PermissionError:
        return Reject(str(path), "permission denied")
    except OSError as err:
        return Reject(str(path), f"cannot read ({err.strerror or err})")


def iter_jsonl_documents(lines, source: str):
    seen = set()
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}: line {lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Reject(where, f"not valid JSON ({err.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Reject(where, "record has no 'text' string", str(record.get("id")) if isinstance(record, dict)
                         else None)
            continue
        doc_id = str(record.get("id", record.get("doc_id", f"line{lineno}")))
        if doc_id in seen:
            yield Reject(where, f"duplicate id {doc_id!r}", doc_id)
            continue
        seen.add(doc_id)
        yield _text_document(record["text"].replace("\x00", " "), doc_id, where)


def iter_documents(inputs: list[str], stdin=None):
    """Documents from every input in order; folders are read in sorted order so runs are deterministic."""
    for name in inputs:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read()
            decoded = decode(data, "<stdin>")
            if isinstance(decoded, str) and decoded.lstrip().startswith("{"):
                yield from iter_jsonl_documents(io.StringIO(decoded), "<stdin>")
            else:
                yield _text_document(decoded, "stdin", "<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".txt", ".jsonl"))
            if not files:
                raise InputError(path, "folder holds no .txt or .jsonl files")
            for file in files:
                yield from iter_file(file, doc_id=str(file.relative_to(path).with_suffix("")))
        elif path.exists():
            yield from iter_file(path, doc_id=path.stem)
        else:
            raise InputError(path, "no such file or folder")


def iter_file(path: Path, doc_id: str):
    data = _read_bytes(path)
    if isinstance(data, Reject):
        yield data
        return
    decoded = decode(data, str(path))
    if path.suffix == ".jsonl":
        if isinstance(decoded, Reject):
            yield decoded
        else:
            yield from iter_jsonl_documents(io.StringIO(decoded), str(path))
    else:
        yield _text_document(decoded, doc_id, str(path))


class RecordWriter:
    """JSONL or CSV records, one document at a time, flushed after each."""

    def __init__(self, handle, fmt: str, fields):
        self.handle, self.fmt, self.fields = handle, fmt, list(fields)
        self._header_done = False

    def write(self, records: list[dict]) -> None:
        buffer = io.StringIO()
        if self.fmt == "csv":
            writer = csv.DictWriter(buffer, fieldnames=self.fields, extrasaction="ignore", lineterminator="\n")
            if not self._header_done:
                writer.writeheader()
                self._header_done = True
            writer.writerows(records)
        else:
            for record in records:
                buffer.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.handle.write(buffer.getvalue())
        self.handle.flush()

    def skip_header(self) -> None:
        """Resuming into a CSV that already has its header."""
        self._header_done = True
