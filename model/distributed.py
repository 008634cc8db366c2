"""Classifying a corpus on a Dask cluster (``pip install 'actor-stance[dask]'``).

Files are spread over the workers in partitions; each worker loads the model once and keeps it for every
partition it gets; records come back to the caller, or are written as one JSONL file per partition::

    from dask.distributed import Client
    from actor_stance.distributed import classify_corpus
    client = Client("tcp://scheduler:8786")            # or LocalCluster() on one machine
    records = classify_corpus(client, ["articles/"])  # or output_dir="out/" for part-00000.jsonl, ...
"""
from __future__ import annotations

import json
from pathlib import Path

from .io import Document, iter_file

_PIPELINES: dict = {}  # one pipeline per worker process and model, loaded on first use


def _pipeline(model, gazetteer, batch_size):
    key = (str(model), str(gazetteer), batch_size)
    if key not in _PIPELINES:
        from .pipeline import StancePipeline

        _PIPELINES[key] = StancePipeline(model, gazetteer=gazetteer, batch_size=batch_size)
    return _PIPELINES[key]


def _files(inputs) -> list[tuple[str, str]]:
    """(path, doc_id) for every file, with the ids the CLI gives them."""
    files = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            files += [(str(p), str(p.relative_to(path).with_suffix(""))) for p in sorted(path.rglob("*"))
                      if p.is_file() and p.suffix in (".txt", ".jsonl")]
        else:
            files.append((str(path), path.stem))
    return files


def _classify_partition(paths, model, gazetteer, batch_size, output_dir, partition_id=None):
    pipeline = _pipeline(model, gazetteer, batch_size)
    documents, rejects = [], []
    for path, doc_id in paths:
        for item in iter_file(Path(path), doc_id):
            if isinstance(item, Document):
                documents.append((item.doc_id, item.text, None))
            else:
                rejects.append(item.as_record())
    records = [r for rs in pipeline.classify_documents(documents) for r in rs]
    if output_dir is None:
        return [records]
    out = Path(output_dir) / f"part-{partition_id:05d}.jsonl"
    tmp = out.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(out)  # a partition's file appears whole or not at all
    return [{"partition": partition_id, "records": len(records), "rejects": rejects}]


def classify_corpus(client, inputs, model=None, gazetteer=None, batch_size: int = 32, files_per_partition: int = 50,
                    output_dir=None):
    """Classify every document under ``inputs`` on the cluster behind ``client``.

    Returns the records (in input order) or, with ``output_dir``, a summary per partition after writing
    ``part-NNNNN.jsonl`` files there.
    """
    files = _files(inputs)
    parts = [files[i:i + files_per_partition] for i in range(0, len(files), files_per_partition)]
    if output_dir is not None:
        Path(output_dir).mkdir(parents=True, exist_ok=True)
    futures = [client.submit(_classify_partition, part, model, gazetteer, batch_size, output_dir, i, pure=False)
               for i, part in enumerate(parts)]
    results = client.gather(futures)
    if output_dir is None:
        return [record for (records,) in results for record in records]
    return [summary for (summary,) in results]
