"""The command line end to end, with a tiny model trained for a few steps (no pretrained weights)."""
import csv
import json
import subprocess
import sys

import pytest

from actor_stance.cli import main

from .conftest import ROOT, read_jsonl

EXAMPLE = ROOT / "examples" / "tripoli.txt"
FIELDS = ["doc_id", "sentence_index", "start", "end", "mention", "actor", "type", "stance", "stance_score",
          "sentiment", "sentiment_score", "sentence"]


def run(*args):
    return main([str(a) for a in args])


def test_classify_writes_one_record_per_mention(tiny_model_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    assert run("classify", EXAMPLE, "--model", tiny_model_dir, "-o", out) == 0
    records = read_jsonl(out)
    text = EXAMPLE.read_text(encoding="utf-8")
    assert len(records) > 20
    labels = {"none", "calls_for_restraint", "threatens_advance", "alert"}
    for r in records:
        assert list(r) == FIELDS
        assert text[r["start"]:r["end"]] == r["mention"] and r["mention"] in r["sentence"]
        assert r["stance"] in labels and 0 < r["stance_score"] <= 1 and r["doc_id"] == "tripoli"
    assert {"Khalifa Haftar", "Antonio Guterres", "Government of National Accord"} <= {r["actor"] for r in records}


def test_classify_csv_from_a_folder(tiny_model_dir, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text("The army declared a state of emergency.", encoding="utf-8")
    (folder / "two.txt").write_text("Guterres called for restraint, his spokesman said.", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run("classify", folder, "--model", tiny_model_dir, "-o", out) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == FIELDS and {r["doc_id"] for r in rows} == {"one", "two"}


def test_user_supplied_mentions(tiny_model_dir, tmp_path, capsys):
    mentions = tmp_path / "m.jsonl"
    mentions.write_text('{"doc_id": "tripoli", "start": 1015, "end": 1064, "actor": "UN chief"}\n', encoding="utf-8")
    assert run("classify", EXAMPLE, "--model", tiny_model_dir, "--mentions", mentions) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["mention"] == "United Nations Secretary General Antonio Guterres" and record["actor"] == "UN chief"


def test_python_api_and_dataframe(tiny_model_dir):
    from actor_stance import StancePipeline

    pipe = StancePipeline(tiny_model_dir)
    records = pipe(["Haftar ordered troops to advance.", "The UN urged calm."], doc_ids=["a", "b"])
    assert {r["doc_id"] for r in records} == {"a", "b"}
    frame = pipe("Haftar ordered troops to advance.", as_dataframe=True)
    assert list(frame.columns) == FIELDS and len(frame) >= 1


def test_evaluate_writes_metrics_in_the_stable_layout(tiny_model_dir, tmp_path, tiny_data_dir):
    for extra in (["--gold-mentions"], []):
        out = tmp_path / ("gold" if extra else "e2e")
        assert run("evaluate", "--data", tiny_data_dir / "dev.jsonl", "--model", tiny_model_dir, "-o", out, *extra) == 0
        metrics = json.loads((out / "metrics.json").read_text())
        assert {"report.md", "errors.jsonl", "confusion_stance.png", "confusion_sentiment.png",
                "reliability.png"} <= {p.name for p in out.iterdir()}
        assert (out / "confusion_stance.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert metrics["n_sentences"] == 3 and metrics["n_mentions"] == 4
        for task, labels in (("stance", 4), ("sentiment", 3)):
            block = metrics[task]
            assert set(block) == {"macro_f1", "accuracy", "per_class", "confusion", "ci95", "calibration"}
            assert 0.0 <= block["ci95"]["macro_f1"][0] <= block["ci95"]["macro_f1"][1] <= 1.0
            assert 0.0 <= block["calibration"]["ece"] <= 1.0
            assert len(block["per_class"]) == labels
            assert set(block["per_class"]["none" if task == "stance" else "neutral"]) == {
                "precision", "recall", "f1", "support", "ci95"}
            n = len(block["confusion"]["labels"])
            assert len(block["confusion"]["matrix"]) == n
        if extra:
            assert metrics["mentions"] is None
            assert sum(map(sum, metrics["stance"]["confusion"]["matrix"])) == 4
        else:
            assert set(metrics["mentions"]) == {"precision", "recall", "f1"}
            actors = metrics["actors"]
            assert set(actors["exact"]) == set(actors["overlap"]) == {"name", "nominal", "pronoun"}
            assert actors["exact"]["name"]["support"] == 2  # Tal, The UN
            for kind in ("name", "nominal", "pronoun"):
                assert actors["overlap"][kind]["recall"] >= actors["exact"][kind]["recall"]
            assert 0.0 <= actors["canonical_accuracy"] <= actors["cluster_accuracy"] <= 1.0


def test_errors_are_one_line_with_status_2(tmp_path, tiny_model_dir):
    cases = [
        (["classify", tmp_path / "missing.txt", "--model", tiny_model_dir], "missing.txt: no such file or folder"),
        (["classify", EXAMPLE, "--model", tmp_path / "nomodel"], "nomodel: model directory not found"),
        (["evaluate", "--data", tmp_path / "none.jsonl", "--model", tiny_model_dir], "none.jsonl: no such file"),
    ]
    for args, message in cases:
        proc = subprocess.run([sys.executable, "-m", "actor_stance.cli", *map(str, args)], capture_output=True,
                              text=True)
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert lines == [lines[-1]] and lines[0].startswith("actor-stance: error: ") and message in lines[0], lines


def test_validate_reports_every_problem(tmp_path, capsys, tiny_data_dir):
    assert run("validate", tiny_data_dir / "train.jsonl") == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Haftar spoke.", "mentions": [{"start": 0, "end": 6, "stance": "attack",'
                   ' "sentiment": "neutral"}]}\n', encoding="utf-8")
    assert run("validate", bad) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl: line 1: mention 0: unknown stance 'attack'" in err


def test_debug_shows_the_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "actor_stance.cli", "--debug", "validate", str(tmp_path / "x.jsonl")],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "Traceback" in proc.stderr and "InputError" in proc.stderr
