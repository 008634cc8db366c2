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


def test_a_world_actor_learns_the_training_splits_nominals_for_it_but_not_agent_nouns():
    world = WORLD + [{"name": "Rapid Support Forces", "aliases": ["RSF"], "kind": "group", "roles": ["militia"]}]
    records = [_record("a", "a", "The RSF said the paramilitaries had crossed.",
                       [("The RSF", "Rapid Support Forces", "name"),
                        ("the paramilitaries", "Rapid Support Forces", "nominal")]),
               _record("b", "b", "Ankara said the government would act.",
                       [("Ankara", "Turkey", "name"), ("the government", "Turkey", "nominal")])]
    entries = {e["name"]: e for e in derive_actors(records, world)}
    assert entries["Rapid Support Forces"]["roles"] == ["militia", "paramilitaries"]  # the curated role first
    assert "roles" not in entries["Turkey"]  # "the government" is the state the story is about, not a role


THAILAND = [{"name": "Thailand", "aliases": ["Bangkok", "Thai government"], "kind": "group"},
            {"name": "Royal Thai Armed Forces", "aliases": ["Thai army", "Thai troops"], "kind": "group"}]


def test_a_states_forces_and_offices_are_read_from_the_gazetteers_state_table():
    gazetteer = Gazetteer.from_entries(THAILAND)
    assert gazetteer.forces_named("Thailand's armed forces").name == "Royal Thai Armed Forces"
    assert gazetteer.forces_named("Thai forces").name == "Royal Thai Armed Forces"
    assert gazetteer.forces_named("Thai Forces") is None  # a capitalised name is its own ("Lebanese Forces")
    assert gazetteer.state_office("Thailand's Defence Ministry") == ("Thailand", "defence ministry")
    assert gazetteer.state_office("the Thai foreign ministry") == ("Thailand", "foreign ministry")
    assert gazetteer.state_office("Defence Ministry") is None


def test_a_states_forces_are_named_by_the_gazetteer_and_its_offices_once():
    records = [
        _record("a1", "a", "Thailand's armed forces said they would stay.",
                [("Thailand's armed forces", "Thailand's armed forces", "name"),
                 ("they", "Thailand's armed forces", "pronoun")]),
        _record("b1", "b", "The Thai Defence Ministry spoke.", [("The Thai Defence Ministry", "Thai Defence Ministry",
                                                                "name")]),
        _record("c1", "c", "Thailand's Defence Ministry spoke.",
                [("Thailand's Defence Ministry", "Thailand's Defence Ministry", "name")]),
        _record("d1", "d", "The Thai Defence Ministry spoke.", [("The Thai Defence Ministry", "Thai Defence Ministry",
                                                                "name")]),
    ]
    normalise_actor_names(records, Gazetteer.from_entries(THAILAND))
    assert [m["actor"] for m in records[0]["mentions"]] == ["Royal Thai Armed Forces"] * 2
    entries = {e["name"]: e for e in derive_actors(records, THAILAND)}
    assert "Thailand's Defence Ministry" not in entries  # the name used more often keeps the entry
    assert entries["Thai Defence Ministry"]["aliases"] == ["Thailand's Defence Ministry"]


def test_a_joint_actor_is_named_by_its_members_names_when_the_gazetteer_knows_them_all():
    world = WORLD + [{"name": "United Kingdom", "aliases": ["Britain"], "kind": "group"}]
    records = [_record("a", "a", "Turkey and Britain said they would talk.",
                       [("they", "Ankara and Britain", "pronoun")]),
               _record("b", "b", "Turkey and the Kurds said they would talk.",
                       [("they", "Turkey and the Kurds", "pronoun")])]
    normalise_actor_names(records, Gazetteer.from_entries(world))
    assert [r["mentions"][0]["actor"] for r in records] == ["Turkey and United Kingdom", "Turkey and the Kurds"]


def test_a_joint_actor_takes_the_names_its_document_gives_its_members():
    records = [_record("a", "a", "The rival Zaire militia and CODECO clashed; the 444th Brigade watched.",
                       [("The rival Zaire militia", "Zaire militia", "nominal"), ("CODECO", "CODECO", "name"),
                        ("the 444th Brigade", "444th Brigade", "name")]),
               _record("b", "a", "Both armed groups denied it.", [("Both armed groups", "CODECO and Zaire militia",
                                                                    "nominal")])]
    normalise_actor_names(records, Gazetteer.from_entries(WORLD))
    actors = [m["actor"] for r in records for m in r["mentions"]]
    assert actors == ["rival Zaire militia", "CODECO", "444th Brigade", "CODECO and rival Zaire militia"]
