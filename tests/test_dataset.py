"""The project's labeled set: valid records, the size and coverage targets, clean splits, no near-duplicates."""
import importlib.util
import json
import re

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from actor_stance.data import read_jsonl, validate_records
from actor_stance.modeling import DEFAULT_SENTIMENTS, DEFAULT_STANCES
from actor_stance.sentences import split_sentences
from actor_stance.train.datastats import TRAIN_ONLY_BATCHES, check, compute, load_splits

from .conftest import ROOT, SHARED

DATA = ROOT / "data"
FILES = [DATA / "train.jsonl", DATA / "dev.jsonl", DATA / "test.jsonl", DATA / "plover" / "plover_labeled.jsonl"]


@pytest.fixture(scope="module")
def splits():
    return load_splits(DATA)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_passes_the_validator(path):
    assert validate_records(read_jsonl(path), path, DEFAULT_STANCES, DEFAULT_SENTIMENTS) == []
    assert all(all(m.get("type") in ("name", "nominal", "pronoun") for m in r["mentions"]) for r in read_jsonl(path))


def test_size_coverage_and_hard_case_targets_are_met(splits):
    assert check(compute(splits)) == []


def test_splits_are_by_article_and_hold_out_conflicts(splits):
    docs = {s: {r["doc_id"] for r in splits[s]} for s in splits}
    assert not (docs["train"] & docs["dev"] or docs["train"] & docs["test"] or docs["dev"] & docs["test"])
    stats = compute(splits)
    assert len(stats["held_out_conflicts"]) >= 5
    late = {d for d in docs["train"] if d.split("-")[0] in TRAIN_ONLY_BATCHES}
    assert late and not any(d.split("-")[0] in TRAIN_ONLY_BATCHES for d in docs["dev"] | docs["test"])
    n = stats["articles"] - len(late)  # 70/15/15 of the articles that were split
    assert abs((stats["split_articles"]["train"] - len(late)) / n - 0.70) < 0.03


def test_ids_unique_across_splits(splits):
    ids = [r["id"] for s in splits.values() for r in s]
    assert len(ids) == len(set(ids))


def test_no_near_duplicate_sentences(splits):
    texts = [r["text"] for s in splits.values() for r in s]
    matrix = TfidfVectorizer().fit_transform(texts)
    sims = (matrix @ matrix.T).tocoo()
    close = [(texts[i], texts[j]) for i, j, v in zip(sims.row, sims.col, sims.data) if i < j and v > 0.8]
    assert close == []


def test_example_article_is_in_no_split(splits):
    example = (ROOT / "examples" / "tripoli.txt").read_text(encoding="utf-8")
    sentences = [s.text for s in split_sentences(example)]
    texts = [r["text"] for s in splits.values() for r in s]
    vectorizer = TfidfVectorizer().fit(texts + sentences)
    sims = (vectorizer.transform(sentences) @ vectorizer.transform(texts).T).toarray()
    assert sims.max() < 0.5


def test_datasheet_counts_match_the_files(splits):
    sheet = (DATA / "README.md").read_text(encoding="utf-8")
    stats = compute(splits)
    for figure in (stats["articles"], stats["sentences"], stats["mentions"], *stats["stance"].values(),
                   *stats["sentiment"].values(), *stats["split_mentions"].values()):
        assert re.search(rf"\b{figure:,}\b|\b{figure}\b", sheet), figure


def test_plover_set_carries_its_license_and_every_sentence():
    assert "CC BY-SA 4.0" in (DATA / "plover" / "README.md").read_text(encoding="utf-8")
    records = read_jsonl(DATA / "plover" / "plover_labeled.jsonl")
    assert len(records) == 322


@pytest.mark.skipif(not (SHARED / "data" / "plover" / "plover_gsr.jsonl").exists(), reason="../shared is absent")
def test_plover_texts_are_the_originals():
    originals = {}
    for line in (SHARED / "data" / "plover" / "plover_gsr.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        originals.setdefault(row["id"], []).append(row["text"].strip())
    for record in read_jsonl(DATA / "plover" / "plover_labeled.jsonl"):
        source_id = record["id"].removesuffix("-dup")
        assert record["text"] in originals[source_id]


def test_agreement_is_reported():
    agreement = json.loads((DATA / "agreement" / "agreement.json").read_text())
    labeled = [r for path in FILES for r in read_jsonl(path) if r["mentions"]]
    assert agreement["sentences"] >= round(0.1 * len(labeled))
    assert 0 < agreement["stance"]["kappa"] <= 1 and 0 < agreement["sentiment"]["kappa"] <= 1


def test_the_committed_files_are_what_the_build_writes(tmp_path):
    """Hand edits to the labeled set or the gazetteer would be lost at the next build: they belong in its sources."""
    spec = importlib.util.spec_from_file_location("build_dataset", ROOT / "scripts" / "build_dataset.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.main(out=tmp_path)
    for path in FILES + [ROOT / "configs" / "actors.yaml"]:
        built = tmp_path / path.relative_to(ROOT)
        assert built.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), f"{path.name} differs"
