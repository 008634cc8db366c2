import io
import json

import pytest

from actor_stance.errors import InputError
from actor_stance.io import Document, Reject, RecordWriter, decode, iter_documents


def docs(*inputs, stdin=None):
    return list(iter_documents(list(inputs), stdin=stdin))


def test_text_file_folder_and_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text("Haftar advanced.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Guterres urged calm.", encoding="utf-8")
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text('{"id": "x1", "text": "One."}\n{"id": "x2", "text": "Two."}\n', encoding="utf-8")
    got = docs(str(tmp_path))
    assert [(d.doc_id, d.text) for d in got] == [("a", "Haftar advanced."), ("x1", "One."), ("x2", "Two."),
                                                 ("sub/b", "Guterres urged calm.")]


@pytest.mark.parametrize("data, reason", [
    (b"", "empty document"),
    (b"   \n\t  ", "empty document"),
    (b"\x00\x01\x02" * 100, "binary file"),
    (b"caf\xe9 au lait", "not UTF-8"),
])
def test_bad_bytes_become_rejects(data, reason):
    result = decode(data, "f.txt")
    assert isinstance(result, Reject) and reason in result.reason


def test_bom_and_stray_nul_are_cleaned():
    assert decode("\ufeffHaftar".encode("utf-8"), "f") == "Haftar"
    assert decode(b"Haf\x00tar advanced", "f") == "Haf tar advanced"


def test_jsonl_errors_name_the_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "ok"}\n{broken\n{"id": "c"}\n{"id": "a", "text": "again"}\n',
                    encoding="utf-8")
    got = docs(str(path))
    assert isinstance(got[0], Document)
    assert [r.source.endswith(f"line {n}") for n, r in zip((2, 3, 4), got[1:])] == [True, True, True]
    assert "not valid JSON" in got[1].reason and "no 'text'" in got[2].reason and "duplicate id" in got[3].reason


def test_stdin_text_or_jsonl():
    assert docs("-", stdin=io.BytesIO(b"Haftar advanced."))[0].doc_id == "stdin"
    assert docs("-", stdin=io.BytesIO(b'{"id": "s1", "text": "x"}\n'))[0].doc_id == "s1"


def test_missing_input_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        docs(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="no .txt or .jsonl"):
        docs(str(tmp_path))


def test_writer_flushes_whole_documents():
    out = io.StringIO()
    writer = RecordWriter(out, "csv", ["doc_id", "mention"])
    writer.write([{"doc_id": "a", "mention": "Haftar, the general"}])
    writer.write([{"doc_id": "b", "mention": "He"}])
    assert out.getvalue() == 'doc_id,mention\na,"Haftar, the general"\nb,He\n'
    out = io.StringIO()
    RecordWriter(out, "jsonl", ["doc_id"]).write([{"doc_id": "a"}, {"doc_id": "b"}])
    assert [json.loads(line)["doc_id"] for line in out.getvalue().splitlines()] == ["a", "b"]
