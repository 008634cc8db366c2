"""Batch classification: documents in, records out, bad documents to a rejects file, progress on stderr."""
from __future__ import annotations

import json
import signal
import sys
from collections import defaultdict
from pathlib import Path

from .data import read_jsonl
from .errors import InputError
from .io import Reject, RecordWriter, iter_documents
from .pipeline import CHUNK_DOCUMENTS, RECORD_FIELDS, StancePipeline
from .resume import in_shard, parse_shard, prepare_resume


def _user_mentions(path) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for record in read_jsonl(path):
        start, end = record.get("start"), record.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            raise InputError(path, f"line {record['_line']}: 'start' and 'end' must be integers with start < end")
        by_doc[str(record.get("doc_id", ""))].append(record)
    return by_doc


def _open_output(path: str | None, append: bool = False):
    if not path:
        return sys.stdout
    target = Path(path)
    try:
        return open(target, "a" if append else "w", encoding="utf-8", newline="")
    except OSError as err:
        raise InputError(target, f"cannot write output ({err.strerror or err})") from None


def run_classify(args) -> int:
    fmt = args.format or ("csv" if args.output and args.output.endswith(".csv") else "jsonl")
    for name in args.inputs:  # cheap checks first: a typo should not wait for the model to load
        if name != "-" and not Path(name).exists():
            raise InputError(name, "no such file or folder")
    user_mentions = _user_mentions(args.mentions) if args.mentions else None
    shard = parse_shard(args.shard) if args.shard else None
    # One plain article cannot be "skipped": its problem is the run's error.
    strict = args.strict or (len(args.inputs) == 1 and args.inputs[0] != "-" and Path(args.inputs[0]).is_file()
                             and Path(args.inputs[0]).suffix != ".jsonl")
    if args.resume and not args.output:
        raise InputError("--resume", "needs an output file (-o)")
    # The model is checked before any article is read or any output is opened.
    pipeline = StancePipeline(args.model, gazetteer=args.gazetteer, batch_size=args.batch_size,
                              threads=args.threads, detector=args.detector, quantize=args.quantize)
    documents = iter_documents(args.inputs)
    done = prepare_resume(Path(args.output), fmt) if args.resume else set()
    handle = _open_output(args.output, append=args.resume)
    rejects_path = Path(f"{args.output}.rejects.jsonl") if args.output else None
    rejects_handle = None
    writer = RecordWriter(handle, fmt, RECORD_FIELDS)
    if args.resume and handle.tell() > 0:
        writer.skip_header()
    counts = {"docs": 0, "records": 0}
    n_rejects = 0
    shown: list[tuple[str, str]] = []  # (doc_id, text) kept only when an HTML page is asked for
    shown_records: list[dict] = []
    stop = _GracefulInterrupt()
    pending: list = []  # documents waiting to be classified together (batches fill across documents)

    def flush():
        if not pending:
            return
        results = pipeline.classify_many([(item.doc_id, item.text, mentions) for item, mentions in pending])
        for (item, _), records in zip(pending, results):
            writer.write(records)  # one document per write, flushed: never half a record
            if args.html:
                shown.append((item.doc_id, item.text))
                shown_records.extend(records)
            progress.update(1)
        counts["docs"] += len(pending)
        counts["records"] += sum(map(len, results))
        pending.clear()

    try:
        from tqdm import tqdm

        progress = tqdm(desc="classify", unit="doc", file=sys.stderr, disable=args.no_progress or None,
                        leave=False)
        for item in documents:
            if not in_shard(item.doc_id or item.source, shard) or item.doc_id in done:
                continue
            if isinstance(item, Reject):
                n_rejects += 1
                where = item.source + (f" (id {item.doc_id})" if item.doc_id and ": line" in item.source else "")
                if strict:
                    flush()  # the good documents before it are kept
                    raise InputError(where, item.reason)
                print(f"actor-stance: skipped: {where}: {item.reason}", file=sys.stderr)
                if rejects_path:
                    if rejects_handle is None:
                        rejects_handle = open(rejects_path, "a" if args.resume else "w", encoding="utf-8")
                    rejects_handle.write(json.dumps(item.as_record(), ensure_ascii=False) + "\n")
                    rejects_handle.flush()
                continue
            mentions = user_mentions.get(item.doc_id, []) if user_mentions is not None else None
            pending.append((item, mentions))
            if len(pending) >= CHUNK_DOCUMENTS:
                flush()
            if stop.requested:
                break
        flush()
        progress.close()
        if stop.requested:
            raise KeyboardInterrupt
    finally:
        stop.restore()
        if handle is not sys.stdout:
            handle.close()
        if rejects_handle:
            rejects_handle.close()
    if args.html:
        from .html import write_html

        write_html(args.html, shown, shown_records, pipeline.stance_labels)
    if counts["docs"] == 0 and n_rejects:
        return _all_rejected(args, n_rejects)
    if args.output or n_rejects:
        summary = f"actor-stance: {counts['docs']} documents, {counts['records']} mentions"
        if n_rejects:
            summary += f", {n_rejects} skipped" + (f" (see {rejects_path})" if rejects_path else "")
        print(summary, file=sys.stderr)
    return 0


class _GracefulInterrupt:
    """The first Ctrl-C lets the current document finish writing, then stops; a second one stops at once."""

    def __init__(self):
        self.requested = False
        try:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread (e.g. inside a worker): keep the default behaviour
            self._previous = None

    def _handle(self, signum, frame):
        self.requested = True
        signal.signal(signal.SIGINT, self._previous or signal.default_int_handler)

    def restore(self):
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _all_rejected(args, n_rejects) -> int:
    source = args.inputs[0] if len(args.inputs) == 1 else ", ".join(args.inputs)
    print(f"actor-stance: error: {source}: no readable document ({n_rejects} skipped)", file=sys.stderr)
    return 2
