"""NewsMTSC yardstick: the conversion keeps targets and labels, and the scorer counts right and wrong."""
import importlib.util
import json

import pytest

from actor_stance.pipeline import Prediction
from actor_stance.train.train import sentiment_only_records

from .conftest import ROOT, SHARED

NEWSMTSC = SHARED / "data" / "newsmtsc" / "hf"
pytestmark = pytest.mark.skipif(not NEWSMTSC.is_dir(), reason="../shared/data/newsmtsc is not here")


def load_script():
    spec = importlib.util.spec_from_file_location("newsmtsc_script", ROOT / "scripts" / "newsmtsc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Oracle:
    """Predicts the gold label for the first ``right`` targets and a wrong one after."""

    def __init__(self, gold, right):
        self.gold, self.right = gold, right

    def predict(self, items):
        out, k = [], 0
        for _, spans in items:
            row = []
            for _ in spans:
                label = self.gold[k] if k < self.right else {"negative": "positive"}.get(self.gold[k], "negative")
                row.append(Prediction("none", 1.0, label, 1.0, [1, 0, 0, 0], [0, 0, 0]))
                k += 1
            out.append(row)
        return out


@pytest.mark.parametrize("name", ["mt", "rw"])
def test_conversion_keeps_every_target_and_label(name):
    rows = [json.loads(line) for line in (NEWSMTSC / name / "test.jsonl").read_text().splitlines()]
    records = sentiment_only_records(NEWSMTSC / name / "test.jsonl")
    assert len(records) == len(rows)
    polarity = {-1: "negative", 0: "neutral", 1: "positive"}
    for row, record in zip(rows, records):
        (m,) = record["mentions"]
        assert record["text"][m["start"]:m["end"]] == row["mention"]
        assert m["sentiment"] == polarity[row["polarity"]] and "stance" not in m


def test_scorer_counts_right_and_wrong():
    script = load_script()
    records = sentiment_only_records(NEWSMTSC / "rw" / "test.jsonl")[:200]
    gold = [r["mentions"][0]["sentiment"] for r in records]
    assert script.score(Oracle(gold, len(gold)), records)["accuracy"] == 1.0
    half = script.score(Oracle(gold, 100), records)
    assert half["accuracy"] == pytest.approx(0.5) and half["macro_f1"] < 0.8
    assert half["ci95"]["macro_f1"][0] <= half["macro_f1"] <= half["ci95"]["macro_f1"][1]
