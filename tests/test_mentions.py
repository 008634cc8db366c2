"""Detection and resolution on the project's example article (spaCy's small English model, no stance model)."""
import pytest

from actor_stance.gazetteer import Gazetteer
from actor_stance.mentions import MentionDetector
from actor_stance.resolve import resolve
from actor_stance.sentences import split_sentences

from .conftest import ROOT


@pytest.fixture(scope="module")
def example_mentions():
    text = (ROOT / "examples" / "tripoli.txt").read_text(encoding="utf-8")
    detector = MentionDetector(Gazetteer([]))  # rules alone: the gazetteer must not be what makes this pass
    mentions = resolve([m for ms in detector.detect(split_sentences(text)) for m in ms])
    return text, mentions


def test_offsets_point_at_the_mention_text(example_mentions):
    text, mentions = example_mentions
    assert mentions and all(text[m.start:m.end] == m.text for m in mentions)
    spans = sorted((m.start, m.end) for m in mentions)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), "mentions overlap"


def test_actors_an_analyst_would_mark_are_found(example_mentions):
    _, mentions = example_mentions
    found = {m.text for m in mentions}
    for expected in ["A renegade Libyan general", "the Government of National Accord", "Haftar", "his forces",
                     "United Nations Secretary General Antonio Guterres", "Major General Ahmad al-Mesmari",
                     "strongman leader Moammar Gadhafi", "ISIS", "the LNA"]:
        assert expected in found, expected


def test_places_are_not_actors(example_mentions):
    _, mentions = example_mentions
    assert not {"Tripoli", "Libya", "western Libya"} & {m.text for m in mentions}


def test_nominals_and_pronouns_carry_the_canonical_actor(example_mentions):
    text, mentions = example_mentions
    actor = {(m.text, m.sentence_index): m.actor for m in mentions}
    assert actor[("A renegade Libyan general", 0)] == "Khalifa Haftar"
    assert actor[("Haftar", 4)] == "Khalifa Haftar"
    assert actor[("He", 5)] == "Khalifa Haftar"
    assert actor[("he", 6)] == "Antonio Guterres"
    assert actor[("Guterres", 7)] == "Antonio Guterres"
    assert actor[("the LNA", 9)] == actor[("the so-called Libyan National Army (LNA)", 4)] == "Libyan National Army"
    assert actor[("it", 11)] == "Government of National Accord"


def test_gazetteer_names_and_codes_actors(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  - name: Libyan National Army\n    aliases: [LNA, Haftar's forces]\n"
                    "    kind: group\n    code: LBYMIL\n", encoding="utf-8")
    gazetteer = Gazetteer.from_yaml(path)
    text = "The LNA said it had taken the town."
    mentions = resolve([m for ms in MentionDetector(gazetteer).detect(split_sentences(text)) for m in ms],
                       gazetteer)
    lna = next(m for m in mentions if m.text == "The LNA")
    assert (lna.actor, lna.code) == ("Libyan National Army", "LBYMIL")
    assert next(m for m in mentions if m.text == "it").actor == "Libyan National Army"
