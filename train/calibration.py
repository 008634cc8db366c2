"""Confidence that means what it says: expected calibration error, and temperature scaling fitted on dev.

The fitted temperatures are stored in the model's config (``stance_temperature``, ``sentiment_temperature``) and
divide the logits at inference, so ``stance_score`` and ``sentiment_score`` are calibrated probabilities.
"""
from __future__ import annotations

import numpy as np


def expected_calibration_error(confidence, correct, n_bins: int = 15) -> float:
    """ECE with equal-width bins: the gap between confidence and accuracy, weighted by bin size."""
    confidence, correct = np.asarray(confidence, float), np.asarray(correct, float)
    if not len(confidence):
        return 0.0
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        in_bin = bins == b
        if in_bin.any():
            ece += in_bin.mean() * abs(confidence[in_bin].mean() - correct[in_bin].mean())
    return float(ece)


def reliability(confidence, correct, n_bins: int = 15) -> list[dict]:
    """Per-bin confidence, accuracy and count, for the reliability diagram."""
    confidence, correct = np.asarray(confidence, float), np.asarray(correct, float)
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    return [{"bin": b, "confidence": float(confidence[bins == b].mean()), "accuracy": float(correct[bins == b].mean()),
             "count": int((bins == b).sum())} for b in range(n_bins) if (bins == b).any()]


def fit_temperature(probs, gold) -> float:
    """The factor T minimising the negative log-likelihood of softmax(log(probs) / T) on labeled examples.

    ``probs`` are the model's current probabilities (already at its current temperature), so the returned
    factor multiplies the stored temperature. A grid over [0.2, 5] is exact enough and cannot diverge.
    """
    log_probs = np.log(np.clip(np.asarray(probs, float), 1e-12, 1.0))
    gold = np.asarray(gold, int)
    best, best_nll = 1.0, np.inf
    for t in np.exp(np.linspace(np.log(0.2), np.log(5.0), 400)):
        z = log_probs / t
        z = z - z.max(1, keepdims=True)
        nll = -(z[np.arange(len(gold)), gold] - np.log(np.exp(z).sum(1))).mean()
        if nll < best_nll:
            best, best_nll = float(t), nll
    return best


def calibrate(pipeline, records) -> dict:
    """Fit stance and sentiment temperatures on ``records`` (gold mentions) and set them on the model config."""
    items = [(r["text"], [(m["start"], m["end"]) for m in r["mentions"]]) for r in records]
    preds = [p for ps in pipeline.predict(items) for p in ps]
    mentions = [m for r in records for m in r["mentions"]]
    config = pipeline.model.config
    result = {}
    for task, labels in (("stance", pipeline.stance_labels), ("sentiment", pipeline.sentiment_labels)):
        keep = [i for i, m in enumerate(mentions) if m.get(task) in labels]
        probs = [getattr(preds[i], f"{task}_probs") for i in keep]
        gold = [labels.index(mentions[i][task]) for i in keep]
        factor = fit_temperature(probs, gold)
        new = getattr(config, f"{task}_temperature") * factor
        setattr(config, f"{task}_temperature", round(new, 4))
        result[task] = round(new, 4)
    return result
