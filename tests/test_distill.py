"""Distillation: softened teacher targets, the KL loss, and a tiny teacher -> student run from a config."""
import json

import pytest
import torch
import yaml

from actor_stance.encoding import MentionEncoder, collate
from actor_stance.loading import build_model
from actor_stance.train.distill import soften, unlabeled_sentences

from .conftest import FIXTURES, write_tiny_config


def test_soften_keeps_order_and_flattens():
    assert soften([0.2, 0.8], 1.0) == pytest.approx([0.2, 0.8])
    flat = soften([0.1, 0.9], 2.0)
    assert sum(flat) == pytest.approx(1.0) and 0.1 < flat[0] < 0.5 and flat[1] > flat[0]


def test_kl_term_vanishes_when_the_student_matches_the_teacher(tiny_encoder_dir):
    torch.manual_seed(0)
    model, tokenizer = build_model(str(tiny_encoder_dir), marking="span")
    model.eval()
    seqs = MentionEncoder(tokenizer, "span", max_length=64).encode("Haftar urged calm to the army.", [(0, 6), (21, 29)])
    batch = collate([{"input_ids": s.input_ids, "pools": s.pools} for s in seqs])
    out = model(**batch)
    model.config.distill_alpha, model.config.distill_temperature = 0.0, 2.0
    matched = {"stance_soft": torch.softmax(out.stance_logits / 2.0, -1),
               "sentiment_soft": torch.softmax(out.sentiment_logits / 2.0, -1)}
    labels = {"stance_labels": torch.tensor([1, 0]), "sentiment_labels": torch.tensor([0, 1])}
    assert model(**batch, **labels, **matched).loss.item() == pytest.approx(0.0, abs=1e-5)
    wrong = {k: v.flip(-1) for k, v in matched.items()}
    assert model(**batch, **labels, **wrong).loss.item() > 0.01
    model.config.distill_alpha = 1.0  # only the gold labels count
    assert model(**batch, **labels, **wrong).loss.item() == pytest.approx(model(**batch, **labels).loss.item())


def test_unlabeled_text_from_txt_and_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text("Rebels said they would advance. Rebels said they would advance.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"sentence": "The army declared an alert."}) + "\n" +
                                      json.dumps({"text": "Guterres urged calm."}) + "\n", encoding="utf-8")
    sentences = unlabeled_sentences([tmp_path / "a.txt", tmp_path / "b.jsonl"])
    assert sentences == ["Rebels said they would advance.", "The army declared an alert.", "Guterres urged calm."]
    assert unlabeled_sentences([tmp_path / "b.jsonl"], limit=1) == ["The army declared an alert."]


def test_student_learns_from_a_teacher_and_unlabeled_text(tmp_path, tiny_encoder_dir):
    from actor_stance.train.train import main as train_main

    teacher_config = write_tiny_config(tmp_path / "t.yaml", tiny_encoder_dir, FIXTURES, marking="span")
    raw = yaml.safe_load(teacher_config.read_text())
    raw["model"]["tag_mentions"] = True
    teacher_config.write_text(yaml.safe_dump(raw))
    train_main(teacher_config, output_dir=tmp_path / "teacher", max_steps=2, quiet=True)
    (tmp_path / "news.txt").write_text("Troops massed near the border. The minister urged calm.", encoding="utf-8")
    raw["distill"] = {"teacher": str(tmp_path / "teacher"), "temperature": 2.0, "alpha": 0.5,
                      "unlabeled": [str(tmp_path / "news.txt")]}
    student_config = tmp_path / "s.yaml"
    student_config.write_text(yaml.safe_dump(raw))
    summary = train_main(student_config, output_dir=tmp_path / "student", max_steps=2, quiet=True)
    assert summary["teacher"] == str(tmp_path / "teacher")
    config = json.loads((tmp_path / "student" / "config.json").read_text())
    assert config["distill_alpha"] == 0.5 and config["distill_temperature"] == 2.0
    assert summary["train_sentences"] == 8 + 2  # the labeled fixture sentences and the two unlabeled ones
