"""Corpus classification on a two-worker Dask LocalCluster gives exactly the CLI's records."""
import pytest

from actor_stance.cli import main

from .conftest import read_jsonl

distributed = pytest.importorskip("distributed")


def test_two_worker_cluster_matches_one_unsharded_run(tmp_path, tiny_model_dir):
    from actor_stance.distributed import classify_corpus

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for i in range(7):
        (folder / ("sub" if i % 2 else "") / f"d{i}.txt").write_text(
            f"Militia {i} vowed to storm the town. The army declared a curfew, its spokesman said.", encoding="utf-8")
    (folder / "batch.jsonl").write_text('{"id": "j1", "text": "The UN urged calm."}\n', encoding="utf-8")
    assert main(["classify", str(folder), "--model", str(tiny_model_dir), "-o", str(tmp_path / "cli.jsonl"),
                 "--no-progress"]) == 0
    key = lambda r: (r["doc_id"], r["start"])  # noqa: E731
    expected = sorted(read_jsonl(tmp_path / "cli.jsonl"), key=key)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        records = classify_corpus(client, [folder], model=tiny_model_dir, files_per_partition=3)
        summary = classify_corpus(client, [folder], model=tiny_model_dir, files_per_partition=3,
                                  output_dir=tmp_path / "parts")
    assert sorted(records, key=key) == expected
    written = [r for part in sorted((tmp_path / "parts").glob("part-*.jsonl")) for r in read_jsonl(part)]
    assert sorted(written, key=key) == expected
    assert sum(s["records"] for s in summary) == len(expected) and len(summary) == 3
