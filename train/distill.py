"""Distillation targets: a teacher model's softened stance and sentiment distributions for the student to learn.

    actor-stance train --config configs/distill.yaml        (or: bash scripts/distill.sh)

Over the labeled set the teacher labels the gold mentions; over unlabeled real text (NewsMTSC sentences, or any
articles the user lists) it also finds the mentions, so the student learns the teacher's spans (its tagging head)
and labels in the register of real news. The training itself is train.py's, with the distillation loss on.
"""
from __future__ import annotations

import logging
from pathlib import Path

from tqdm.auto import tqdm

from actor_stance.data import read_jsonl
from actor_stance.errors import InputError
from actor_stance.sentences import Sentence, split_sentences

logger = logging.getLogger("actor_stance.train")
TEACHER_BATCH = 64  # sentences per teacher call, so the progress bar moves


def soften(probs, temperature: float) -> list[float]:
    """``probs`` at a higher temperature: softmax(log p / T), the teacher's logits divided by T once more."""
    powered = [max(p, 1e-12) ** (1.0 / temperature) for p in probs]
    total = sum(powered)
    return [p / total for p in powered]


def unlabeled_sentences(paths, limit=None) -> list[str]:
    """Distinct sentences from .txt articles or .jsonl rows (a "text" or, as in NewsMTSC, a "sentence" field)."""
    seen, out = set(), []
    for path in paths:
        path = Path(path)
        if path.suffix == ".jsonl":
            texts = [row.get("text") or row.get("sentence") or "" for row in read_jsonl(path)]
        else:
            try:
                texts = [path.read_text(encoding="utf-8")]
            except (OSError, UnicodeDecodeError) as err:
                raise InputError(path, f"cannot read unlabeled text ({err})") from None
        for text in texts:
            for sentence in split_sentences(text):
                key = " ".join(sentence.text.split())
                if key and key not in seen:
                    seen.add(key)
                    out.append(sentence.text)
    return out[:limit] if limit else out


def teacher_targets(args, train_records: list[dict]) -> list[dict]:
    """The labeled records with teacher distributions on each gold mention, plus unlabeled sentences whose
    mentions (spans, types and distributions) all come from the teacher."""
    from actor_stance.pipeline import StancePipeline

    teacher = StancePipeline(args.teacher)
    t = args.temperature
    width = len(teacher.sentiment_labels)

    def targets(p):  # a task the teacher does not teach gets a zero row, which the loss skips
        return {"stance_soft": soften(p.stance_probs, t) if "stance" in args.tasks else [0.0] * len(p.stance_probs),
                "sentiment_soft": soften(p.sentiment_probs, t) if "sentiment" in args.tasks else [0.0] * width}

    labeled = []
    for b in tqdm(range(0, len(train_records), TEACHER_BATCH), desc="teacher: labeled set", unit="batch"):
        chunk = train_records[b:b + TEACHER_BATCH]
        preds = teacher.predict([(r["text"], [(m["start"], m["end"]) for m in r["mentions"]]) for r in chunk])
        for record, ps in zip(chunk, preds):
            mentions = [dict(m, **targets(p)) for m, p in zip(record["mentions"], ps)]
            labeled.append(dict(record, mentions=mentions))
    texts = unlabeled_sentences(args.unlabeled, args.unlabeled_limit)
    unlabeled = []
    for b in tqdm(range(0, len(texts), TEACHER_BATCH), desc="teacher: unlabeled text", unit="batch"):
        sentences = [Sentence(0, 0, len(text), text) for text in texts[b:b + TEACHER_BATCH]]  # split already
        for sentence, pairs in zip(sentences, teacher.detect(sentences)):
            unlabeled.append({"id": f"unlabeled-{len(unlabeled)}", "text": sentence.text, "mentions": [
                {"start": m.start - sentence.start, "end": m.end - sentence.start, "type": m.type, **targets(p)}
                for m, p in pairs]})
    logger.info("distillation: %d labeled and %d unlabeled sentences (%d teacher mentions)", len(labeled),
                len(unlabeled), sum(len(r["mentions"]) for r in unlabeled))
    return labeled + unlabeled
