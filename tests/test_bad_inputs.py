"""The catalogue of bad inputs, each through the CLI: exit status, one-line message, good records kept."""
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from actor_stance.cli import main

from .conftest import FIXTURES, read_jsonl, write_tiny_config

GOOD = "The army declared a state of emergency. The UN urged calm, its spokesman said."


def classify(capsys, *args):
    code = main(["classify", *map(str, args), "--no-progress"])
    return code, capsys.readouterr()


def one_error_line(err: str, *needles):
    lines = [line for line in err.strip().splitlines() if line]
    assert len(lines) == 1, lines
    assert lines[0].startswith("actor-stance: error: ")
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "empty document"),
    ("blank.txt", b"  \n\t \r\n", "empty document"),
    ("binary.txt", bytes(range(256)) * 40, "binary file"),
    ("latin1.txt", "Le général a déclaré l'état d'urgence.".encode("latin-1"), "not UTF-8"),
])
def test_a_single_bad_input_is_one_error_line(tmp_path, capsys, tiny_model_dir, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    code, out = classify(capsys, path, "--model", tiny_model_dir)
    assert code == 2 and out.out == ""
    one_error_line(out.err, message)


@pytest.mark.parametrize("data, message", [
    (b'{"id": "a", "text": "x"\n', "line 1: not valid JSON"),
    (b'{"id": "a", "body": "x"}\n', "line 1 (id a): record has no 'text'"),
])
def test_a_jsonl_with_no_good_record_names_file_and_line(tmp_path, capsys, tiny_model_dir, data, message):
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    code, out = classify(capsys, path, "--model", tiny_model_dir)
    assert code == 2 and out.out == ""
    skipped, error = out.err.strip().splitlines()
    assert skipped.startswith("actor-stance: skipped: ") and f"in.jsonl: {message}" in skipped
    assert error.startswith("actor-stance: error: ") and "in.jsonl: no readable document" in error


def test_bad_documents_in_a_batch_are_skipped_and_kept_aside(tmp_path, capsys, tiny_model_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(b"\x00\x01" * 500)
    (folder / "d_good.txt").write_text("Rebels vowed to storm the capital.", encoding="utf-8")
    (folder / "e.jsonl").write_text('{"id": "j1", "text": "Police imposed a curfew."}\n{oops\n{"id": "j3"}\n',
                                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, captured = classify(capsys, folder, "--model", tiny_model_dir, "-o", out)
    assert code == 0
    docs = {r["doc_id"] for r in read_jsonl(out)}
    assert {"a_good", "d_good", "j1"} <= docs
    rejects = read_jsonl(Path(f"{out}.rejects.jsonl"))
    assert len(rejects) == 4 and all(r["reason"] for r in rejects)
    assert any(r["source"].endswith("e.jsonl: line 2") for r in rejects)
    assert captured.err.count("actor-stance: skipped:") == 4 and "Traceback" not in captured.err


def test_strict_stops_at_the_first_bad_document(tmp_path, capsys, tiny_model_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    code, out = classify(capsys, folder, "--model", tiny_model_dir, "--strict", "-o", tmp_path / "o.jsonl")
    assert code == 2
    one_error_line(out.err, "b.txt", "empty document")
    assert {r["doc_id"] for r in read_jsonl(tmp_path / "o.jsonl")} == {"a"}  # what was written stays


@pytest.mark.parametrize("text", [
    "\ufeffThe army declared a state of emergency.",
    "The army declared a state of emergency.\r\nThe UN urged calm.\r\n",
    "The army declared a state of emergency.\rThe UN urged calm.",
    "The army declared\x00 a state of emergency.",
    "The army, " + "which had long been quiet and " * 120 + "declared a state of emergency, said the UN.",
    "The weather was mild and the market was busy.",
])
def test_awkward_text_keeps_offsets_right(tmp_path, capsys, tiny_model_dir, text):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    code, out = classify(capsys, path, "--model", tiny_model_dir)
    assert code == 0
    document = path.read_bytes().decode("utf-8-sig").replace("\x00", " ")
    for line in out.out.splitlines():
        record = json.loads(line)
        assert document[record["start"]:record["end"]] == record["mention"]


def test_a_million_characters(tmp_path, capsys, tiny_model_dir):
    path = tmp_path / "big.txt"
    path.write_text(("The market was busy and the weather mild. " * 24000)[:1_000_000], encoding="utf-8")
    code, out = classify(capsys, path, "--model", tiny_model_dir, "-o", tmp_path / "o.jsonl")
    assert code == 0 and "1 documents" in out.err


def test_model_problems(tmp_path, capsys, tiny_model_dir):
    example = tmp_path / "a.txt"
    example.write_text(GOOD, encoding="utf-8")
    code, out = classify(capsys, example, "--model", tmp_path / "nope")
    assert code == 2 and one_error_line(out.err, "nope: model directory not found")
    broken = tmp_path / "broken"
    broken.mkdir()
    for f in tiny_model_dir.iterdir():
        if f.is_file():
            (broken / f.name).write_bytes(f.read_bytes())
    weights = broken / "adapter_model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    code, out = classify(capsys, example, "--model", broken)
    assert code == 2 and one_error_line(out.err, "corrupt or truncated weights")
    config = json.loads((tiny_model_dir / "config.json").read_text())
    config["stance_labels"] = config["stance_labels"][:3]
    weights.write_bytes((tiny_model_dir / "adapter_model.safetensors").read_bytes())
    (broken / "config.json").write_text(json.dumps(config))
    code, out = classify(capsys, example, "--model", broken)
    assert code == 2 and one_error_line(out.err, "stance_labels lists 3 labels but the weights have 4")


def test_input_and_output_problems(tmp_path, capsys, tiny_model_dir, monkeypatch):
    empty = tmp_path / "empty_folder"
    empty.mkdir()
    (empty / "notes.md").write_text("x")
    code, out = classify(capsys, empty, "--model", tiny_model_dir)
    assert code == 2 and one_error_line(out.err, "folder holds no .txt or .jsonl files")
    article = tmp_path / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    code, out = classify(capsys, article, "--model", tiny_model_dir, "-o", tmp_path / "no" / "dir" / "o.jsonl")
    assert code == 2 and one_error_line(out.err, "cannot write output")
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(PermissionError(13, "denied"))
                        if self.name == "a.txt" else real_read(self))
    code, out = classify(capsys, article, "--model", tiny_model_dir)
    assert code == 2 and one_error_line(out.err, "a.txt", "permission denied")


def test_labeled_data_problems(tmp_path, capsys, tiny_model_dir, tiny_encoder_dir):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "Haftar spoke.", "mentions": [
        {"start": 0, "end": 7, "text": "Haftar", "stance": "none", "sentiment": "neutral"}]}) + "\n")
    code = main(["evaluate", "--data", str(bad), "--model", str(tiny_model_dir), "--gold-mentions"])
    assert code == 2
    one_error_line(capsys.readouterr().err, "bad.jsonl", "line 1", "text[0:7] is 'Haftar ', not 'Haftar'")
    config = write_tiny_config(tmp_path / "c.yaml", tiny_encoder_dir, FIXTURES)
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": "x", "text": "Haftar spoke.", "mentions": [
        {"start": 0, "end": 6, "stance": "attack", "sentiment": "neutral"}]}) + "\n")
    config.write_text(config.read_text().replace(str(FIXTURES / "train.jsonl"), str(labels)))
    assert main(["train", "--config", str(config), "--max-steps", "1"]) == 2
    one_error_line(capsys.readouterr().err, "unknown stance 'attack'", "known: none, calls_for_restraint")


def test_interrupt_leaves_whole_records_and_resume_completes_them(tmp_path, tiny_model_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(300):
        (folder / f"d{i:03d}.txt").write_text(f"Rebel group {i} vowed to storm the capital. {GOOD}", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "actor_stance.cli", "classify", str(folder), "--model", str(tiny_model_dir),
           "-o", str(out), "--no-progress"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.stat().st_size < 2000):
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    one_error_line(err, "interrupted")
    partial = read_jsonl(out)  # every line parses: no half-written record
    assert 0 < len({r["doc_id"] for r in partial}) < 300
    subprocess.run(cmd + ["--resume"], check=True, capture_output=True)
    resumed = read_jsonl(out)
    fresh = tmp_path / "fresh.jsonl"
    subprocess.run(cmd[:-3] + ["-o", str(fresh), "--no-progress"], check=True, capture_output=True)
    key = lambda r: (r["doc_id"], r["start"])  # noqa: E731
    assert sorted(map(key, resumed)) == sorted(map(key, read_jsonl(fresh)))
    assert len(resumed) == len({key(r) for r in resumed})


def test_shards_together_give_the_unsharded_records(tmp_path, capsys, tiny_model_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"d{i:02d}.txt").write_text(f"Group {i} said it was on alert. {GOOD}", encoding="utf-8")
    outputs = []
    for shard in (None, "1/2", "2/2"):
        out = tmp_path / f"{shard or 'all'}.jsonl".replace("/", "of")
        extra = ["--shard", shard] if shard else []
        assert classify(capsys, folder, "--model", tiny_model_dir, "-o", out, *extra)[0] == 0
        outputs.append(read_jsonl(out))
    whole, first, second = outputs
    assert first and second and not {r["doc_id"] for r in first} & {r["doc_id"] for r in second}
    assert sorted(first + second, key=lambda r: (r["doc_id"], r["start"])) == \
        sorted(whole, key=lambda r: (r["doc_id"], r["start"]))
