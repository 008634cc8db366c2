"""Training end to end at tiny scale: the Trainer runs, the model directory round-trips, seeds reproduce."""
import json

import pytest

from actor_stance.errors import InputError
from actor_stance.loading import load_model
from actor_stance.train.train import load_config, main as train_main

from .conftest import FIXTURES, write_tiny_config


def test_training_writes_a_loadable_model_with_metrics(tiny_model_dir):
    names = {p.name for p in tiny_model_dir.iterdir()}
    assert {"config.json", "adapter_config.json", "adapter_model.safetensors", "train_results.json"} <= names
    assert not any(n.endswith((".bin", ".pt", ".pkl")) for n in names)
    assert not (tiny_model_dir / "checkpoints").exists()
    results = json.loads((tiny_model_dir / "train_results.json").read_text())
    assert 0.0 <= results["dev_stance_macro_f1"] <= 1.0
    metrics = json.loads((tiny_model_dir / "eval_dev" / "metrics.json").read_text())
    assert metrics["n_mentions"] == 4
    model, _ = load_model(tiny_model_dir)
    assert model.config.stance_labels == ["none", "calls_for_restraint", "threatens_advance", "alert"]


def test_same_seed_same_model(tmp_path, tiny_encoder_dir):
    results = []
    for run in ("a", "b"):
        config = write_tiny_config(tmp_path / f"{run}.yaml", tiny_encoder_dir, FIXTURES, lora=False)
        train_main(config, output_dir=tmp_path / run, max_steps=3, quiet=True)
        results.append(json.loads((tmp_path / run / "eval_dev" / "metrics.json").read_text()))
    assert results[0] == results[1]


def test_full_fine_tuning_and_span_marking(tmp_path, tiny_encoder_dir):
    config = write_tiny_config(tmp_path / "c.yaml", tiny_encoder_dir, FIXTURES, lora=False, marking="span")
    train_main(config, output_dir=tmp_path / "m", max_steps=2, quiet=True)
    assert (tmp_path / "m" / "model.safetensors").exists()
    model, _ = load_model(tmp_path / "m")
    assert model.config.marking == "span"


def test_unknown_label_in_training_data_lists_the_known_ones(tmp_path, tiny_encoder_dir):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "Haftar attacked.", "mentions": [
        {"start": 0, "end": 6, "stance": "attacks", "sentiment": "neutral"}]}) + "\n", encoding="utf-8")
    config = write_tiny_config(tmp_path / "c.yaml", tiny_encoder_dir, FIXTURES)
    text = config.read_text().replace(str(FIXTURES / "train.jsonl"), str(bad))
    config.write_text(text)
    with pytest.raises(InputError, match=r"unknown stance 'attacks' \(known: none, calls_for_restraint"):
        train_main(config, max_steps=1, quiet=True)


def test_config_errors_name_the_setting(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("model:\n  encodr: x\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown setting"):
        load_config(path)
    path.write_text("model: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_config(path)


def test_sentiment_only_data_is_read_with_stance_masked(tmp_path, tokenizer):
    from actor_stance.encoding import MentionEncoder
    from actor_stance.train.train import encode_records, sentiment_only_records

    path = tmp_path / "newsmtsc.jsonl"
    path.write_text('{"mention": "Hillary", "polarity": -1, "from": 25, "to": 32, "sentence": '
                    '"Colin Powell: Everything Hillary Touches She Screws Up With Hubris", "id": "x"}\n',
                    encoding="utf-8")
    (record,) = sentiment_only_records(path)
    assert record["text"][25:32] == "Hillary" and record["mentions"][0]["sentiment"] == "negative"
    (row,) = encode_records(MentionEncoder(tokenizer, "span"), [record], {"none": 0},
                            {"negative": 0, "neutral": 1, "positive": 2})
    assert row["stance_labels"] == [-100] and row["sentiment_labels"] == [0]


def test_sentiment_only_rows_are_grouped_by_sentence_and_sampled():
    from actor_stance.train.train import group_by_sentence

    text = "Trump met Clinton."
    rows = [{"id": "a", "text": text, "partial": True, "mentions": [{"start": 10, "end": 17, "sentiment": "neutral"}]},
            {"id": "b", "text": text, "partial": True, "mentions": [{"start": 0, "end": 5, "sentiment": "positive"}]},
            {"id": "c", "text": text, "partial": True, "mentions": [{"start": 0, "end": 9, "sentiment": "negative"}]},
            {"id": "d", "text": "Another one.", "partial": True, "mentions": [{"start": 0, "end": 7, "sentiment": "neutral"}]}]
    grouped = group_by_sentence(rows)
    assert len(grouped) == 2
    assert [(m["start"], m["sentiment"]) for m in grouped[0]["mentions"]] == [(0, "positive"), (10, "neutral")]
    assert len(group_by_sentence(rows, limit=1)) == 1
    assert group_by_sentence(rows, limit=1, seed=3) == group_by_sentence(rows, limit=1, seed=3)
