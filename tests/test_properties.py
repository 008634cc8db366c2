"""Property tests: for any Unicode text, classify never crashes and every record points at its mention."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ACTOR_WORDS = ["The army", "Haftar", "he", "they", "the UN", "rebels", "The government", "it", "said", "urged calm",
               "vowed to storm", "declared an emergency", ".", ",", "\n", "\r\n", "“", "”", "(LNA)", "'s"]


@pytest.fixture(scope="module")
def pipeline(tiny_model_dir):
    from actor_stance import StancePipeline

    return StancePipeline(tiny_model_dir)


text_strategy = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(ACTOR_WORDS), st.text(max_size=12)), max_size=60).map(" ".join),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=text_strategy)
def test_classify_any_text(pipeline, text):
    records = pipeline(text, doc_ids=["d"])
    for record in records:
        assert text[record["start"]:record["end"]] == record["mention"]
        assert record["mention"] in record["sentence"]
        assert 0.0 <= record["stance_score"] <= 1.0
