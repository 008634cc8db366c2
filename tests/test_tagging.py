"""Mention tagging: gold spans <-> BIO tags, whole-word decoding, mention features, and the one-pass pipeline."""
import json

import pytest
import torch

from actor_stance.encoding import MentionEncoder
from actor_stance.gazetteer import Actor, Gazetteer
from actor_stance.modeling import MENTION_TAGS
from actor_stance.sentences import Sentence
from actor_stance.tagging import decode_tags, guess_kind, make_mention, spans_to_tags

from .conftest import FIXTURES, ROOT, write_tiny_config

TAG = {label: i for i, label in enumerate(MENTION_TAGS)}


def roundtrip(tokenizer, text, spans, types):
    ids, offsets = MentionEncoder(tokenizer, "span").tokenize(text)
    tags = spans_to_tags(offsets, spans, types, MENTION_TAGS)
    return tags, [(s, e, t) for _, _, s, e, t in decode_tags(tags, offsets, text, MENTION_TAGS)]


def test_gold_spans_come_back_from_their_tags(tokenizer):
    text = "Haftar's forces advanced on Tripoli, and the general said he would not stop."
    spans, types = [(0, 15), (41, 52), (58, 60)], ["nominal", "nominal", "pronoun"]
    tags, decoded = roundtrip(tokenizer, text, spans, types)
    assert decoded == [(s, e, t) for (s, e), t in zip(spans, types)]
    assert tags[0] == TAG["B-nominal"] and TAG["I-nominal"] in tags and tags[-1] == TAG["O"]


def test_every_labeled_mention_survives_the_round_trip(tokenizer):
    """On the project's own data every gold span is whole words, so tags lose none of them."""
    records = [json.loads(line) for line in (ROOT / "data" / "dev.jsonl").read_text().splitlines()[:150]]
    lost = []
    for record in records:
        spans = [(m["start"], m["end"]) for m in record["mentions"]]
        types = [m["type"] for m in record["mentions"]]
        _, decoded = roundtrip(tokenizer, record["text"], spans, types)
        lost += sorted(set(zip(spans, types)) - {((s, e), t) for s, e, t in decoded})
    assert len(lost) <= 2, lost[:5]


def test_decoding_keeps_whole_words_and_accepts_a_leading_inside_tag(tokenizer):
    text = "Hemedti warned the paramilitaries."
    ids, offsets = MentionEncoder(tokenizer, "span").tokenize(text)
    assert len(ids) > len(text.split())  # "Hemedti" is several word pieces
    tags = [TAG["O"]] * len(ids)
    tags[1] = TAG["I-name"]  # only the second piece of the first word tagged, and as I-
    decoded = decode_tags(tags, offsets, text, MENTION_TAGS)
    assert [(s, e, t) for _, _, s, e, t in decoded] == [(0, 7, "name")]


def test_mention_features_for_resolution():
    gazetteer = Gazetteer([Actor("Khalifa Haftar", ["Haftar"], kind="person")])
    sentence = Sentence(3, 100, 170, "Haftar, the general, said they would advance with the army of Libya.")
    name = make_mention(sentence, 0, 6, "name", gazetteer)
    assert (name.start, name.kind, name.type) == (100, "person", "name")
    general = make_mention(sentence, 8, 19, "nominal", gazetteer, previous=name)
    assert general.head == "general" and general.kind == "person" and general.extra["appos_of"] == 100
    army = make_mention(sentence, 50, 67, "nominal", gazetteer)
    assert army.text == "the army of Libya" and army.head == "army" and ("Libya", "ORG") in army.extra["names_inside"]
    they = make_mention(sentence, 26, 30, "pronoun", gazetteer)
    assert they.kind == "group" and they.plural
    assert make_mention(sentence, 50, 57, "nominal", gazetteer).plural is False


@pytest.mark.parametrize("name, kind", [("Libyan National Army", "group"), ("Ahmad al-Mesmari", "person"),
                                        ("RSF", "group"), ("President Kiir", "person"), ("Moscow", "group"),
                                        ("Haftar", "person"), ("La Barredora", "group"), ("Los Lobos", "group")])
def test_kind_of_a_name(name, kind):
    assert guess_kind(name, Gazetteer([Actor("Khalifa Haftar", ["Haftar"], kind="person")])) == kind


@pytest.fixture(scope="module")
def tagging_model_dir(tmp_path_factory, tiny_encoder_dir):
    import yaml

    from actor_stance.train.train import main as train_main

    work = tmp_path_factory.mktemp("tagger")
    config = write_tiny_config(work / "c.yaml", tiny_encoder_dir, FIXTURES, marking="span")
    raw = yaml.safe_load(config.read_text())
    raw["model"]["tag_mentions"] = True
    config.write_text(yaml.safe_dump(raw))
    train_main(config, output_dir=work / "model", max_steps=3, quiet=True)
    return work / "model"


def test_tagging_model_saves_its_head_and_labels(tagging_model_dir):
    from actor_stance.loading import load_model

    model, _ = load_model(tagging_model_dir)
    assert model.config.tag_labels == list(MENTION_TAGS) and model.tag_head.out_features == len(MENTION_TAGS)


def test_one_pass_finds_labels_and_resolves_mentions(tagging_model_dir, monkeypatch):
    """Tags forced onto known tokens must come out as resolved, labelled records with exact offsets."""
    from actor_stance import StancePipeline

    pipe = StancePipeline(tagging_model_dir, gazetteer=Gazetteer([Actor("Khalifa Haftar", ["Haftar"], kind="person")]))
    assert pipe.tags_mentions
    text = "Haftar ordered an advance. He said the army would win."
    calls = []

    def forced(hidden):  # B-name on the first token of each sequence, B-pronoun on "he"
        calls.append(hidden.shape[0])
        logits = torch.zeros(*hidden.shape[:2], len(MENTION_TAGS))
        logits[..., TAG["O"]] = 1.0
        for row in range(hidden.shape[0]):
            logits[row, 1, TAG["B-name"]] = 5.0
        return logits

    monkeypatch.setattr(pipe.model, "tag", forced)
    records = pipe(text)
    assert [(r["mention"], r["actor"], r["type"]) for r in records][:1] == [("Haftar", "Khalifa Haftar", "name")]
    assert all(text[r["start"]:r["end"]] == r["mention"] for r in records)
    assert {r["stance"] for r in records} <= set(pipe.stance_labels)
    assert sum(calls) == 2  # one encoder pass per sentence, nothing per mention
    rules = StancePipeline(tagging_model_dir, detector="rules")
    assert not rules.tags_mentions


def test_detector_model_needs_a_tagging_head(tiny_model_dir):
    from actor_stance import StancePipeline
    from actor_stance.errors import InputError

    with pytest.raises(InputError, match="no mention tagging head"):
        StancePipeline(tiny_model_dir, detector="model")


def test_an_attached_acronym_joins_its_name(tokenizer):
    text = "Haftar heads the Libyan National Army (LNA) today."
    ids, offsets = MentionEncoder(tokenizer, "span").tokenize(text)
    tags = spans_to_tags(offsets, [(13, 39), (39, 43)], ["name", "name"], MENTION_TAGS)  # "...Army (" + "LNA)"
    decoded = decode_tags(tags, offsets, text, MENTION_TAGS)
    assert [text[s:e] for _, _, s, e, _ in decoded] == ["the Libyan National Army (LNA)"]
    tags = spans_to_tags(offsets, [(13, 39)], ["name"], MENTION_TAGS)  # a mention never ends on "("
    assert [text[s:e] for _, _, s, e, _ in decode_tags(tags, offsets, text, MENTION_TAGS)] == \
        ["the Libyan National Army"]


def test_the_word_decides_a_pronoun_type():
    sentence = Sentence(0, 0, 30, "He said our army would win.")
    assert make_mention(sentence, 0, 2, "name", Gazetteer([])).type == "pronoun"
    assert make_mention(sentence, 8, 11, "nominal", Gazetteer([])).type == "pronoun"
    assert make_mention(sentence, 8, 16, "pronoun", Gazetteer([])).type == "nominal"


@pytest.mark.parametrize("text, expected", [
    ("the Government of National Accord", "name"), ("Secretary-General Ban Ki-moon", "name"),
    ("the Libyan National Army (LNA)", "name"), ("Prime Minister Mohammed Shia al-Sudani", "name"),
    ("South Korea's defence ministry", "nominal"), ("forces loyal to the LNA", "nominal"),
    ("the head of Myanmar's junta", "nominal"), ("Bosnian Serbs", "nominal"), ("the Palestinians", "nominal"),
    ("US", "name"), ("us", "pronoun"), ("its", "pronoun"), ("3R", "name"), ("Paris", "name"),
])
def test_the_words_decide_name_or_nominal(text, expected):
    from actor_stance.tagging import mention_type

    assert mention_type(text) == expected


def test_a_capitalised_common_noun_opening_the_sentence_is_a_nominal():
    from actor_stance.tagging import mention_type

    assert mention_type("Rebels", at_sentence_start=True) == "nominal"
    assert mention_type("Rebels") == "name"  # mid-sentence capitals mean a name ("Rebels" as a group's name)


def _decode(tokenizer, text, spans, types, probs=None):
    ids, offsets = MentionEncoder(tokenizer, "span").tokenize(text)
    tags = spans_to_tags(offsets, spans, types, MENTION_TAGS)
    return [text[s:e] for _, _, s, e, _ in decode_tags(tags, offsets, text, MENTION_TAGS, probs)]


def _span(text, phrase):
    start = text.index(phrase)
    return start, start + len(phrase)


def test_decoding_repairs_what_a_reader_would(tokenizer):
    text = "Officials welcomed Chapo's offer while a Danish researcher and state media watched the so-called Libyan army."
    phrases = ["Chapo's", "Danish", "state media", "the so-called", "Libyan army"]
    types = ["name", "name", "nominal", "nominal", "name"]
    decoded = _decode(tokenizer, text, [_span(text, p) for p in phrases], types)
    assert decoded == ["Chapo", "the so-called Libyan army"]  # no possessive, no adjective alone, no source


def test_a_mention_cut_short_runs_on_while_the_head_allows(tokenizer):
    text = "We will not allow a handful of terrorists to win."
    ids, offsets = MentionEncoder(tokenizer, "span").tokenize(text)
    start = text.index("a handful")
    tags = spans_to_tags(offsets, [(start, start + 1)], ["nominal"], MENTION_TAGS)  # only "a" tagged
    probs = torch.zeros(len(ids), len(MENTION_TAGS))
    probs[:, TAG["O"]] = 1.0
    assert [text[s:e] for _, _, s, e, _ in decode_tags(tags, offsets, text, MENTION_TAGS, probs)] == []
    end = text.index(" to win")
    for i, (a, b) in enumerate(offsets):
        if start < a < end:
            probs[i, TAG["I-nominal"]] = 0.6
    assert [text[s:e] for _, _, s, e, _ in decode_tags(tags, offsets, text, MENTION_TAGS, probs)] == \
        ["a handful of terrorists"]


def test_a_hyphenated_word_is_never_cut(tokenizer):
    text = "The Kenya Anti-Corruption body said so."
    ids, offsets = MentionEncoder(tokenizer, "span").tokenize(text)
    tags = spans_to_tags(offsets, [(0, 19)], ["name"], MENTION_TAGS)  # "The Kenya Anti-" tagged, the rest not
    decoded = [text[s:e] for _, _, s, e, _ in decode_tags(tags, offsets, text, MENTION_TAGS)]
    assert decoded == ["The Kenya Anti-Corruption"]


@pytest.mark.parametrize("text, tagged, expected", [
    ("MINURSO, the UN mission that has watched the line, urged calm.", "the UN mission that has", "the UN mission"),
    ("Serbian army units near Raska were on alert.", "Serbian army units near Raska", "Serbian army units"),
    ("Then the group's commander, Abu Hamza, spoke.", "the group's commander,", "the group's commander"),
    ("Arms went to the U.S. forces.", "the U.S", "the U.S."),
    ("Aid came from the World Food Program (WFP) on Monday.", "the World Food Program (WFP",
     "the World Food Program (WFP)"),
    ("Later the Polisario Front said so.", "the Polisario", "the Polisario Front"),
    ("Talks with the United States on Monday stalled.", "the United", "the United States"),
])
def test_a_span_ends_where_the_guidelines_end_it(tokenizer, text, tagged, expected):
    """No relative clause, "near" phrase or trailing comma; an abbreviation's full stop, an acronym's closing
    bracket and a name's whole capitalised run (never a day) belong to the mention."""
    assert _decode(tokenizer, text, [_span(text, tagged)], ["name"]) == [expected]


def test_names_apart_only_by_a_space_or_a_nickname_are_one(tokenizer):
    text = 'La Barredora and Jimmy "Barbecue" Chérizier met.'
    spans = [_span(text, p) for p in ("La", "Barredora", "Jimmy", "Chérizier")]
    assert _decode(tokenizer, text, spans, ["name"] * 4) == ["La Barredora", 'Jimmy "Barbecue" Chérizier']


def test_name_parts_joined_by_of_or_for_and_an_acronym_in_brackets_are_one_name(tokenizer):
    text = "Demands came from National Union for the Total Independence of Angola (UNITA) today."
    spans = [_span(text, p) for p in ("National Union", "Angola", "UNITA)")]
    assert _decode(tokenizer, text, spans, ["name"] * 3) == [
        "National Union for the Total Independence of Angola (UNITA)"]
    text = "He may lift the ban on Islamic Salvation Front (FIS) soon."
    spans = [_span(text, p) for p in ("Islamic Salvation Front", "FIS")]
    assert _decode(tokenizer, text, spans, ["name"] * 2) == ["Islamic Salvation Front (FIS)"]
    text = "Bosnia and Slovenia agreed."  # "and" alone joins nothing
    assert _decode(tokenizer, text, [_span(text, "Bosnia"), _span(text, "Slovenia")], ["name"] * 2) == \
        ["Bosnia", "Slovenia"]


@pytest.mark.parametrize("text, tagged, expected", [
    ("Uganda granted asylum to 18 Rwandan rebels on Monday.", "Rwandan rebels", "18 Rwandan rebels"),
    ("It sent some 4,000 troops to the border.", "troops", "some 4,000 troops"),
    ("U.S. and Russian negotiators met.", "Russian negotiators", "U.S. and Russian negotiators"),
    ("The emergency runs until Dec. 31, the presidency said.", "the presidency", "the presidency"),
    ("Talks begun in 2006 government officials said.", "government officials", "government officials"),
    ("They freed more than 30 members of his government.", "his government", "more than 30 members of his government"),
    ("A first patch of Bangladeshi troops arrived.", "Bangladeshi troops", "A first patch of Bangladeshi troops"),
    ("It will not allow candidates from Hamas.", "Hamas", "candidates from Hamas"),
    ("It was retaken from rebels of the Military Command Council (CCMSR).", "the Military Command Council (CCMSR)",
     "rebels of the Military Command Council (CCMSR)"),
    ("They opposed the withdrawal of Serbian forces.", "Serbian forces", "Serbian forces"),  # an event, not people
])
def test_a_nominal_keeps_its_quantity_and_a_coordinated_nationality(tokenizer, text, tagged, expected):
    assert _decode(tokenizer, text, [_span(text, tagged)], ["nominal"]) == [expected]


def test_a_title_before_the_name_it_describes_is_that_person():
    gazetteer = Gazetteer([])
    text = "The group's regional commander, Abu Hamza al-Timbukti, said so."
    sentence = Sentence(0, 0, len(text), text)
    commander = make_mention(sentence, 0, 30, "nominal", gazetteer)
    make_mention(sentence, 32, 53, "name", gazetteer, previous=commander)
    assert commander.extra["appos_of"] == 32
    text = "The army's commander, the UN said, fled."  # not a person's name: no apposition
    sentence = Sentence(0, 0, len(text), text)
    commander = make_mention(sentence, 0, 20, "nominal", gazetteer)
    make_mention(sentence, 22, 28, "name", gazetteer, previous=commander)
    assert "appos_of" not in commander.extra


def test_an_appositive_is_closed_by_punctuation():
    gazetteer = Gazetteer([])
    text = "He warned the United States, South Korea's defence ministry said."
    sentence = Sentence(0, 0, len(text), text)
    us = make_mention(sentence, 10, 27, "name", gazetteer)
    ministry = make_mention(sentence, 29, 59, "nominal", gazetteer, previous=us)
    assert "appos_of" not in ministry.extra
    text = "Egypt, Haftar's main regional ally, warned."
    sentence = Sentence(0, 0, len(text), text)
    egypt = make_mention(sentence, 0, 5, "name", gazetteer)
    assert make_mention(sentence, 7, 34, "nominal", gazetteer, previous=egypt).extra["appos_of"] == 0
    text = "MINURSO, the UN mission that has monitored the line since 1991, urged calm."  # or by a relative clause
    sentence = Sentence(0, 0, len(text), text)
    minurso = make_mention(sentence, 0, 7, "name", gazetteer)
    assert make_mention(sentence, 9, 23, "nominal", gazetteer, previous=minurso).extra["appos_of"] == 0


@pytest.mark.parametrize("appositive", ["the current ASEAN chair", "a senior adviser", "his counterpart"])
def test_a_persons_appositive_with_a_person_noun_is_that_person(appositive):
    text = f"Prime Minister Anwar Ibrahim, {appositive}, urged calm."
    sentence = Sentence(0, 0, len(text), text)
    anwar = make_mention(sentence, 0, 28, "name", Gazetteer([]))
    start = text.index(appositive)
    nominal = make_mention(sentence, start, start + len(appositive), "nominal", Gazetteer([]), previous=anwar)
    assert nominal.kind == "person" and nominal.extra["appos_of"] == 0


@pytest.mark.parametrize("text, expected", [
    ("Taiwan's Vice Foreign Minister", "nominal"), ("the US President", "nominal"), ("the Foreign Minister", "nominal"),
    ("British Prime Minister John Major", "name"), ("U.S. Secretary of State Colin Powell", "name"),
    ("General Haftar", "name"),
])
def test_a_title_without_a_name_is_a_nominal(text, expected):
    from actor_stance.tagging import mention_type

    assert mention_type(text) == expected


def test_an_organisations_name_is_no_persons():
    gazetteer = Gazetteer([])
    assert guess_kind("Asia-Pacific Economic Cooperation", gazetteer) == "group"
    assert guess_kind("African National Congress", gazetteer) == "group"
    assert guess_kind("Khalifa Haftar", gazetteer) == "person"


def test_a_spokesperson_for_an_actor_is_one_mention(tokenizer):
    text = "A spokesman for Secretary-General Antonio Guterres said so."
    assert _decode(tokenizer, text, [_span(text, "Secretary-General Antonio Guterres")], ["name"]) == \
        ["A spokesman for Secretary-General Antonio Guterres"]


def test_a_name_with_a_connector_is_a_group():
    assert guess_kind("Physicians for Human Rights", Gazetteer([])) == "group"
    assert guess_kind("Tabasco Chamber of Commerce", Gazetteer([])) == "group"


def test_two_actors_named_side_by_side_are_two_mentions(tokenizer):
    from actor_stance.tagging import split_coordinated

    gazetteer = Gazetteer([Actor("United States", ["US"]), Actor("Jordan"), Actor("Trinidad and Tobago"),
                           Actor("Trinidad")])
    for text, tagged, expected in [
            ("The United States and Jordan signed.", "The United States and Jordan", ["The United States", "Jordan"]),
            ("Trinidad and Tobago signed.", "Trinidad and Tobago", ["Trinidad and Tobago"]),  # one gazetteer actor
            ("The Front for Change and Concord signed.", "The Front for Change and Concord",
             ["The Front for Change and Concord"])]:  # its parts are no actors
        ids, offsets = MentionEncoder(tokenizer, "span").tokenize(text)
        tags = spans_to_tags(offsets, [_span(text, tagged)], ["name"], MENTION_TAGS)
        spans = split_coordinated(decode_tags(tags, offsets, text, MENTION_TAGS), offsets, text, gazetteer)
        assert [text[s:e] for _, _, s, e, _ in spans] == expected
        assert all(text[s:e] == text[offsets[a][0]:offsets[b - 1][1]] for a, b, s, e, _ in spans)  # tokens agree


def test_a_title_phrase_with_an_article_is_a_nominal():
    from actor_stance.tagging import mention_type

    assert mention_type("the United Nations Emergency Relief Coordinator") == "nominal"
    assert mention_type("the Secretary-General Antonio Guterres") == "name"
    assert mention_type("United Nations Emergency Relief Coordinator Martin Griffiths") == "name"


def test_a_nationality_tagged_as_a_name_joins_the_nominal_it_is_coordinated_with(tokenizer):
    text = "U.S. and Russian negotiators met Macedonian and ethnic Albanian parties."
    spans = [_span(text, p) for p in ("U.S.", "Russian negotiators", "Macedonian", "ethnic Albanian parties")]
    assert _decode(tokenizer, text, spans, ["name", "nominal", "name", "nominal"]) == [
        "U.S. and Russian negotiators", "Macedonian and ethnic Albanian parties"]
    text = "Russia and Ukrainian troops clashed."  # a state, not a nationality: two actors
    spans = [_span(text, p) for p in ("Russia", "Ukrainian troops")]
    assert _decode(tokenizer, text, spans, ["name", "nominal"]) == ["Russia", "Ukrainian troops"]


@pytest.mark.parametrize("text, tagged, expected", [
    ("Pakistan today threatened Congo.", ["Pakistan today", "Congo"], ["Pakistan", "Congo"]),
    ("The EC gave the Ivory Coast 5.1 million dollars.", ["The EC", "the Ivory Coast 5"],
     ["The EC", "the Ivory Coast"]),
    ("Turkey refused to join the US-led war.", ["Turkey", "the US-led"], ["Turkey"]),
    ("Katsav refused to meet Jordan's visiting King Abdullah II there.", ["Katsav", "Jordan", "King Abdullah II"],
     ["Katsav", "Jordan's visiting King Abdullah II"]),
    ("Israel's war against Hamas went on.", ["Israel", "Hamas"], ["Israel", "Hamas"]),  # not a title: two actors
])
def test_time_words_figures_and_modifiers_end_no_name_and_a_states_titled_person_is_one(tokenizer, text, tagged,
                                                                                        expected):
    assert _decode(tokenizer, text, [_span(text, p) for p in tagged], ["name"] * len(tagged)) == expected


def test_a_capitalised_actor_noun_right_after_a_dateline_opens_the_sentence():
    text = "KABO, Central African Republic, Feb 17 - Fighters of the MPC seized the town."
    start = text.index("Fighters")
    mention = make_mention(Sentence(0, 0, len(text), text), start, start + len("Fighters of the MPC"), "name",
                           Gazetteer([]))
    assert mention.type == "nominal"


def test_a_quoted_nickname_does_not_split_a_name_into_organisations():
    text = 'Jimmy "Barbecue" Cherizier told residents to leave.'
    sentence = Sentence(0, 0, len(text), text)
    boss = make_mention(sentence, 0, 26, "name", Gazetteer([]))
    assert not [name for name, label in boss.extra["names_inside"] if label == "ORG"]  # no "Jimmy" group to speak for


def test_an_appositive_may_go_on_with_a_participle_phrase():
    text = "La Barredora, a gang born inside the police, has denied it."
    sentence = Sentence(0, 0, len(text), text)
    gang = make_mention(sentence, 0, 12, "name", Gazetteer([]))
    assert make_mention(sentence, 14, 20, "nominal", Gazetteer([]), previous=gang).extra["appos_of"] == 0
    text = "He warned Hamas, the army reported."  # a clause, no participle phrase set off by commas
    sentence = Sentence(0, 0, len(text), text)
    hamas = make_mention(sentence, 10, 15, "name", Gazetteer([]))
    assert "appos_of" not in make_mention(sentence, 17, 25, "nominal", Gazetteer([]), previous=hamas).extra


@pytest.mark.parametrize("text, excluded", [
    ("witnesses", True), ("A Saudi businessman", True), ("a US national", True), ("Thai farmers", True),
    ("A Christian missionary from Calgary", True), ("the national army", False), ("Israeli soldiers", False),
])
def test_private_people_and_bystanders_are_no_actors(text, excluded):
    from actor_stance.tagging import names_no_actor

    assert names_no_actor(text) == excluded
