"""Baselines share the model's predict interface and metrics layout."""
from actor_stance.data import load_annotated
from actor_stance.train.baselines import build
from actor_stance.train.evaluation import evaluate_records

from .conftest import FIXTURES


def test_baselines_score_like_the_model():
    train = load_annotated(FIXTURES / "train.jsonl")
    dev = load_annotated(FIXTURES / "dev.jsonl")
    for name in ("majority", "lexicon", "tfidf"):
        metrics, pairs = evaluate_records(build(name, train), dev, gold_mentions=True)
        assert len(pairs) == 4 and set(metrics["stance"]["per_class"]) == {
            "none", "calls_for_restraint", "threatens_advance", "alert"}


def test_majority_and_lexicon_rules():
    train = load_annotated(FIXTURES / "train.jsonl")
    majority = build("majority", train)
    (pred,), = majority.predict([("Anyone spoke.", [(0, 6)])])
    assert pred.stance == "threatens_advance"  # the most frequent stance of the fixture set
    lexicon = build("lexicon", train)
    text = "The army declared a state of emergency while the UN urged restraint and rebels vowed to storm the city."
    army, un, rebels = lexicon.predict([(text, [(0, 8), (45, 51), (72, 78)])])[0]
    assert (army.stance, un.stance, rebels.stance) == ("alert", "calls_for_restraint", "threatens_advance")
