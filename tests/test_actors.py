"""One name per actor in the labeled data (train/actors.py) and the gazetteer derived from a training split."""
from actor_stance.gazetteer import Gazetteer
from actor_stance.train.actors import derive_actors, normalise_actor_names, strip_possessives

WORLD = [{"name": "Turkey", "aliases": ["Ankara", "Turkish government"], "kind": "group"}]


def _record(rid, doc, text, mentions):
    out = []
    for phrase, actor, mtype in mentions:
        start = text.index(phrase)
        out.append({"start": start, "end": start + len(phrase), "text": phrase, "actor": actor, "type": mtype,
                    "stance": "none", "sentiment": "neutral"})
    return {"id": rid, "doc_id": doc, "text": text, "mentions": out}


def test_actors_are_named_by_the_gazetteer_else_their_longest_form():
    records = [
        _record("a1", "a", "Ankara said General Yasar Guler would speak.",
                [("Ankara", "Government of Turkey", "name"), ("General Yasar Guler", "Guler", "name")]),
        _record("a2", "a", "Guler said he would not.", [("Guler", "Guler", "name"), ("he", "Guler", "pronoun")]),
        _record("b1", "b", "The rebels said they would stay.",
                [("The rebels", "Kurdish rebels", "nominal"), ("they", "Kurdish rebels", "pronoun")]),
    ]
    normalise_actor_names(records, Gazetteer.from_entries(WORLD))
    actors = [m["actor"] for r in records for m in r["mentions"]]
    assert actors == ["Turkey", "Yasar Guler", "Yasar Guler", "Yasar Guler", "rebels", "rebels"]
    assert records[0]["mentions"][0]["actor_as_annotated"] == "Government of Turkey"  # kept beside it
    assert normalise_actor_names(records, Gazetteer.from_entries(WORLD)) == 0  # idempotent


def test_possessives_stay_out_of_spans():
    records = [_record("a", "a", "Chapo's offer stood.", [("Chapo's", "Daniel Chapo", "name")])]
    assert strip_possessives(records) == 1
    m = records[0]["mentions"][0]
    assert (m["text"], m["end"]) == ("Chapo", 5)


def test_the_gazetteer_learns_training_actors_without_taking_world_aliases():
    records = [_record("a", "a", "The RSF and Ankara spoke.", [("The RSF", "Rapid Support Forces", "name"),
                                                               ("Ankara", "Turkey", "name")])]
    entries = {e["name"]: e for e in derive_actors(records, WORLD)}
    assert entries["Rapid Support Forces"]["aliases"] == ["RSF"] and entries["Rapid Support Forces"]["kind"] == "group"
    assert entries["Turkey"]["aliases"] == ["Ankara", "Turkish government"]


def test_a_surname_alone_is_the_one_gazetteer_person_who_carries_it():
    people = WORLD + [{"name": "Paul Kagame", "aliases": [], "kind": "person"}]
    records = [_record("a1", "a", "President Kagame spoke.", [("President Kagame", "Kagame", "name")]),
               _record("b1", "b", "Kagame met Ali.", [("Kagame", "Kagame", "name"), ("Ali", "Ali", "name")])]
    normalise_actor_names(records, Gazetteer.from_entries(people))
    assert [m["actor"] for r in records for m in r["mentions"]] == ["Paul Kagame", "Paul Kagame", "Ali"]
    names = {e["name"] for e in derive_actors(records, people)}
    assert "Kagame" not in names and "Paul Kagame" in names  # the surname is no actor of its own


def test_a_bare_defence_ministry_is_no_actor_and_no_alias():
    records = [_record("a", "a", "The Defence Ministry said Russia's Defence Ministry would not.",
                       [("The Defence Ministry", "Defence Ministry", "name"),
                        ("Russia's Defence Ministry", "Russian Armed Forces", "name")])]
    entries = {e["name"]: e for e in derive_actors(records, WORLD)}
    assert "Defence Ministry" not in entries
    assert entries["Russian Armed Forces"]["aliases"] == ["Russia's Defence Ministry"]

