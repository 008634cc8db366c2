from hypothesis import given, settings
from hypothesis import strategies as st

from actor_stance.sentences import split_sentences


def test_sentences_have_exact_offsets():
    text = "Haftar advanced. Guterres urged calm.\r\nThe GNA was on alert.\rA lone CR line."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Haftar advanced.", "Guterres urged calm.", "The GNA was on alert.",
                                           "A lone CR line."]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == [0, 1, 2, 3]


def test_very_long_paragraph_is_split_without_losing_offsets():
    text = ("The army said it was on alert. " * 2000).strip()
    sentences = split_sentences(text)
    assert len(sentences) >= 1900
    assert all(text[s.start:s.end] == s.text for s in sentences)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_offsets_hold_for_any_text(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text
