"""Metrics, intervals and calibration on hand-made predictions (no model)."""
import numpy as np

from actor_stance.train.calibration import expected_calibration_error, fit_temperature
from actor_stance.train.evaluation import MISSED, SPURIOUS, add_confidence_intervals, label_metrics

LABELS = ["none", "alert"]


def test_missed_and_spurious_mentions_count_as_errors():
    gold = ["alert", "alert", "none", SPURIOUS]
    pred = ["alert", MISSED, "none", "alert"]
    m = label_metrics(gold, pred, LABELS)
    assert m["per_class"]["alert"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert m["accuracy"] == 0.5
    assert m["confusion"]["labels"] == ["none", "alert", MISSED, SPURIOUS]


def test_intervals_shrink_with_more_data():
    rng = np.random.default_rng(1)
    def width(n):
        gold = list(rng.choice(LABELS, n))
        pred = [g if rng.random() < 0.8 else ("none" if g == "alert" else "alert") for g in gold]
        block = label_metrics(gold, pred, LABELS)
        add_confidence_intervals(block, list(range(n)), gold, pred, LABELS, n_boot=300)
        lo, hi = block["ci95"]["macro_f1"]
        assert lo <= block["macro_f1"] <= hi
        return hi - lo
    assert width(2000) < width(100) / 2


def test_ece_is_zero_when_confidence_matches_accuracy():
    assert expected_calibration_error([0.75] * 4, [True, True, True, False]) == 0.0
    assert abs(expected_calibration_error([0.99] * 4, [True, False, True, False]) - 0.49) < 1e-9


def test_temperature_softens_an_overconfident_model():
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 3, 3000)
    logits = rng.normal(size=(3000, 3))
    logits[np.arange(3000), gold] += 1.0  # some signal
    sharp = np.exp(logits * 4)  # the same ranking, four times too confident
    probs = sharp / sharp.sum(1, keepdims=True)
    t = fit_temperature(probs, gold)
    assert 3.0 < t < 5.0


def test_actor_names_are_scored_against_the_convention_and_the_annotators_spelling():
    from actor_stance.train.evaluation import actor_metrics

    record = {"id": "s1", "doc_id": "d"}
    gold = [{"start": 0, "end": 6, "type": "name", "actor": "Turkey", "actor_as_annotated": "Government of Turkey"},
            {"start": 10, "end": 12, "type": "pronoun", "actor": "Turkey", "actor_as_annotated": "Government of Turkey"}]
    pred = [{"start_in_sentence": 0, "end_in_sentence": 6, "type": "name", "actor": "Turkey"},
            {"start_in_sentence": 10, "end_in_sentence": 12, "type": "pronoun", "actor": "Ankara"}]
    result = actor_metrics([(record, g, p) for g, p in zip(gold, pred)])
    assert result["canonical_accuracy"] == 0.5 and result["annotated_name_accuracy"] == 0.0
    assert result["cluster_accuracy"] == 1.0  # each predicted actor maps to one gold actor
    assert result["exact"]["name"]["f1"] == 1.0


def test_a_joint_actor_is_scored_as_a_set_of_members():
    from actor_stance.train.evaluation import actor_metrics

    record = {"id": "s1", "doc_id": "d"}
    gold = [{"start": 0, "end": 10, "type": "nominal", "actor": "Morocco and the Polisario Front"},
            {"start": 20, "end": 30, "type": "nominal", "actor": "Egypt, Qatar and the United States"},
            {"start": 40, "end": 50, "type": "nominal", "actor": "Thailand and Cambodia"}]
    pred = [{"start_in_sentence": 0, "end_in_sentence": 10, "type": "nominal", "actor": "Polisario Front and Morocco"},
            {"start_in_sentence": 20, "end_in_sentence": 30, "type": "nominal",
             "actor": "United States, Egypt and Qatar"},
            {"start_in_sentence": 40, "end_in_sentence": 50, "type": "nominal", "actor": "Thailand and Laos"}]
    assert actor_metrics([(record, g, p) for g, p in zip(gold, pred)])["canonical_accuracy"] == 2 / 3
