"""The model shipped in model/default/: small enough for git, safe to load, and right on the example article."""
import pytest

from actor_stance.loading import DEFAULT_MODEL_DIR

from .conftest import ROOT

pytestmark = pytest.mark.skipif(not (DEFAULT_MODEL_DIR / "config.json").exists(), reason="no default model built")


def test_model_files_are_small_and_safetensors_only():
    files = list(DEFAULT_MODEL_DIR.iterdir())
    assert sum(f.stat().st_size for f in files) <= 20 * 1024 * 1024
    assert not [f for f in files if f.suffix in (".bin", ".pt", ".pth", ".pkl", ".ckpt")]
    assert (DEFAULT_MODEL_DIR / "README.md").exists()


@pytest.fixture(scope="module")
def example_records():
    from actor_stance import StancePipeline

    text = (ROOT / "examples" / "tripoli.txt").read_text(encoding="utf-8")
    return StancePipeline()(text, doc_ids=["tripoli"])


def stances(records, actor, sentences=None):
    return [r["stance"] for r in records
            if r["actor"] == actor and (sentences is None or r["sentence_index"] in sentences)]


def test_haftar_threatens_advance(example_records):
    assert stances(example_records, "Khalifa Haftar", {0}) == ["threatens_advance"]  # "ordered troops to advance"
    assert "threatens_advance" in stances(example_records, "Khalifa Haftar", {8})  # "He instructed fighters to ..."


def test_guterres_calls_for_restraint(example_records):
    assert stances(example_records, "Antonio Guterres", {6})[0] == "calls_for_restraint"


def test_gna_on_alert(example_records):
    assert stances(example_records, "Government of National Accord", {11})[0] == "alert"


def test_lna_forces_threaten_in_the_advance_sentences(example_records):
    assert "threatens_advance" in stances(example_records, "Libyan National Army", {8, 9, 10})


def test_example_actors_found_and_places_not(example_records):
    mentions = {r["mention"] for r in example_records}
    for expected in ("A renegade Libyan general", "Haftar", "the LNA", "his forces", "the Government of National Accord",
                     "Major General Ahmad al-Mesmari", "ISIS"):
        assert expected in mentions, expected
    assert any("Guterres" in m for m in mentions) and any("Gadhafi" in m for m in mentions)
    assert not {"Tripoli", "Benghazi", "the capital"} & mentions  # places as places are not actors


def test_references_carry_the_canonical_actor(example_records):
    by_mention = {(r["sentence_index"], r["mention"]): r["actor"] for r in example_records}
    assert by_mention[(0, "A renegade Libyan general")] == "Khalifa Haftar"
    assert by_mention[(5, "He")] == "Khalifa Haftar"
    assert by_mention[(8, "his forces")] == "Libyan National Army"
