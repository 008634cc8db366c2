import json

import pytest

from actor_stance.data import load_annotated, record_problems, validate_records
from actor_stance.errors import InputError

LABELS = ["none", "calls_for_restraint", "threatens_advance", "alert"]


def record(**changes):
    base = {"id": "a", "text": "Haftar spoke to Guterres.",
            "mentions": [{"start": 0, "end": 6, "text": "Haftar", "stance": "none", "sentiment": "neutral"}]}
    base.update(changes)
    return base


def test_a_good_record_has_no_problems():
    assert record_problems(record(), LABELS, ["negative", "neutral", "positive"]) == []


@pytest.mark.parametrize("mentions, problem", [
    ([{"start": 0, "end": 7, "text": "Haftar", "stance": "none"}], "is 'Haftar '"),
    ([{"start": 20, "end": 40, "stance": "none"}], "not inside the text"),
    ([{"start": 0, "end": 6, "stance": "attack"}], "unknown stance 'attack' (known: none, calls_for_restraint"),
    ([{"start": 0, "end": 6, "stance": "none"}, {"start": 3, "end": 10, "stance": "none"}], "overlap"),
    ([{"start": 0, "end": 6, "stance": "none", "type": "person"}], "unknown type"),
])
def test_problems_are_found(mentions, problem):
    problems = record_problems(record(mentions=mentions), LABELS)
    assert any(problem in p for p in problems), problems


def test_duplicate_ids_are_found():
    problems = validate_records([record(_line=1), record(_line=2)], "f.jsonl")
    assert problems == ["f.jsonl: line 2: id 'a' repeats line 1"]


def test_load_annotated_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record()) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_annotated(path)
    assert err.value.source == str(path) and "line 2" in err.value.message


def test_unknown_label_lists_the_known_ones(tmp_path):
    path = tmp_path / "labels.jsonl"
    bad = record(mentions=[{"start": 0, "end": 6, "stance": "attack", "sentiment": "neutral"}])
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="known: none, calls_for_restraint, threatens_advance, alert"):
        load_annotated(path, LABELS)
