from actor_stance.encoding import MentionEncoder, collate

TEXT = "Haftar ordered troops to advance on Tripoli, while Guterres urged calm."
SPANS = [(0, 6), (51, 59)]


def test_markers_wrap_each_mention_and_pool_the_start_marker(tokenizer):
    encoder = MentionEncoder(tokenizer, "markers", ("«", "»"), 64)
    sequences = encoder.encode(TEXT, SPANS)
    assert len(sequences) == 2
    for seq, (start, end) in zip(sequences, SPANS):
        tokens = tokenizer.convert_ids_to_tokens(seq.input_ids)
        a, b = seq.pools[0]
        assert tokens[a] == "«" and b == a + 1
        closing = tokens.index("»")
        inside = tokenizer.convert_tokens_to_string(tokens[a + 1:closing])
        assert inside == TEXT[start:end].lower()


def test_span_mode_scores_all_mentions_from_one_sequence(tokenizer):
    encoder = MentionEncoder(tokenizer, "span", max_length=64)
    (seq,) = encoder.encode(TEXT, SPANS)
    tokens = tokenizer.convert_ids_to_tokens(seq.input_ids)
    assert seq.mentions == [0, 1]
    assert tokenizer.convert_tokens_to_string(tokens[slice(*seq.pools[1])]) == "guterres"


def test_long_sentences_are_windowed_around_the_mention(tokenizer):
    text = "word " * 300 + "Haftar advanced."
    start = text.index("Haftar")
    for marking in ("markers", "span"):
        encoder = MentionEncoder(tokenizer, marking, max_length=32)
        (seq,) = encoder.encode(text, [(start, start + 6)])
        assert len(seq.input_ids) <= 32
        tokens = tokenizer.convert_ids_to_tokens(seq.input_ids)
        assert "ha" in tokens[seq.pools[0][0]:seq.pools[0][0] + 3]


def test_collate_maps_mentions_to_their_sequences(tokenizer):
    encoder = MentionEncoder(tokenizer, "span", max_length=64)
    feats = [{"input_ids": s.input_ids, "pools": s.pools, "stance_labels": [0] * len(s.pools)}
             for s in encoder.encode(TEXT, SPANS) + encoder.encode("Short text here.", [(0, 5)])]
    batch = collate(feats)
    assert batch["input_ids"].shape[0] == 2
    assert batch["sequence_index"].tolist() == [0, 0, 1]
    assert batch["span_mask"].shape == (3, batch["input_ids"].shape[1])
    assert batch["stance_labels"].tolist() == [0, 0, 0]
    assert batch["attention_mask"][1].sum() == len(feats[1]["input_ids"])
