import pytest

from actor_stance.train.markup import MarkupError, parse_articles, parse_sentence


def test_offsets_are_computed_from_the_markup():
    text, mentions, tags = parse_sentence(
        "[Haftar|Khalifa Haftar|name|T|neg] ordered [his forces|Libyan National Army|nom|T|neu] to advance. "
        "#tags: passive_voice")
    assert text == "Haftar ordered his forces to advance."
    assert [(m["start"], m["end"]) for m in mentions] == [(0, 6), (15, 25)]
    assert all(text[m["start"]:m["end"]] == m["text"] for m in mentions)
    assert mentions[0]["stance"] == "threatens_advance" and mentions[1]["type"] == "nominal"
    assert tags == ["passive_voice"]


@pytest.mark.parametrize("line, problem", [
    ("[Haftar|Khalifa Haftar|person|T|neg] spoke.", "type"),
    ("[Haftar|Khalifa Haftar|name|X|neg] spoke.", "stance"),
    ("[Haftar|Khalifa Haftar|name|T|bad] spoke.", "sentiment"),
    ("[Haftar|Khalifa Haftar|name|T] spoke.", "stray"),
    ("[Haftar|Khalifa Haftar|name|T|neg] spoke. #tags: nonsense", "unknown tag"),
])
def test_bad_markup_is_named(line, problem):
    with pytest.raises(MarkupError, match=problem):
        parse_sentence(line)


def test_articles_get_ids_and_context():
    articles = parse_articles([
        "=== doc: x-01 | conflict: libya",
        "[Haftar|Khalifa Haftar|name|T|neg] spoke.",
        "[He|Khalifa Haftar|pro|N|neu] left.",
    ])
    first, second = articles[0].records
    assert (first["id"], second["id"]) == ("x-01-001", "x-01-002")
    assert "context" not in first and second["context"] == "Haftar spoke."
    assert second["conflict"] == "libya"


def test_sentence_before_header_is_an_error():
    with pytest.raises(MarkupError, match="before the first"):
        parse_articles(["no header here"], source="f.txt")
