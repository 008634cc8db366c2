"""Input encoding: a sentence and its mention spans -> token sequences the model reads, and batches of them.

Markers are inserted as token ids, not as text, so the mention's character offsets never shift and no marker
string can collide with the article's own characters.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass
class Sequence:
    input_ids: list[int]
    pools: list[tuple[int, int]]  # token range [start, end) pooled for each mention of this sequence
    mentions: list[int]  # index of each pooled mention in the sentence's mention list
    offset: int = 0  # index, among the sentence's tokens, of the token after [CLS] (windows of long sentences)


class MentionEncoder:
    def __init__(self, tokenizer, marking: str = "markers", marker_tokens=("«", "»"), max_length: int = 128):
        self.tokenizer = tokenizer
        self.marking = marking
        self.max_length = max(max_length, 8)
        self.marker_ids = [self._single_token(t) for t in marker_tokens]
        self.cls_id, self.sep_id = tokenizer.cls_token_id, tokenizer.sep_token_id
        if self.cls_id is None or self.sep_id is None:  # RoBERTa-style tokenizers name them bos/eos
            self.cls_id, self.sep_id = tokenizer.bos_token_id, tokenizer.eos_token_id

    def _single_token(self, token: str) -> int:
        ids = self.tokenizer.convert_tokens_to_ids([token])
        if not ids or ids[0] is None or ids[0] == self.tokenizer.unk_token_id:
            raise ValueError(f"marker {token!r} is not a single token of this tokenizer's vocabulary")
        return ids[0]

    def tokenize(self, text: str):
        """Token ids of ``text`` and each token's character range."""
        enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        return enc["input_ids"], [tuple(o) for o in enc["offset_mapping"]]

    def token_spans(self, text: str, spans):
        """Token ids of ``text`` and, for each character span, the token range [start, end) that covers it."""
        ids, offsets = self.tokenize(text)
        ranges = []
        for start, end in spans:
            inside = [i for i, (a, b) in enumerate(offsets) if a < end and b > start and b > a]
            if inside:
                ranges.append((inside[0], inside[-1] + 1))
            else:  # a span of characters the tokenizer drops (e.g. only symbols): point at the next token
                nxt = next((i for i, (a, _) in enumerate(offsets) if a >= start), len(ids) - 1)
                ranges.append((max(nxt, 0), max(nxt, 0) + 1) if ids else (0, 0))
        return ids, ranges

    def _window(self, n_tokens: int, lo: int, hi: int, budget: int) -> tuple[int, int]:
        """A window of at most ``budget`` tokens that keeps [lo, hi) and centres it when cut."""
        if n_tokens <= budget:
            return 0, n_tokens
        hi = min(hi, lo + budget)
        spare = budget - (hi - lo)
        start = max(0, min(lo - spare // 2, n_tokens - budget))
        return start, start + budget

    def encode(self, text: str, spans) -> list[Sequence]:
        """Sequences for one sentence: one per mention with markers, one for all mentions with span pooling."""
        ids, ranges = self.token_spans(text, spans)
        budget = self.max_length - 2
        sequences = []
        if self.marking == "span" and len(ids) <= budget:
            pools = [(s + 1, max(e, s + 1) + 1) for s, e in ranges]
            return [Sequence([self.cls_id, *ids, self.sep_id], pools, list(range(len(spans))), 0)]
        for index, (s, e) in enumerate(ranges):
            if self.marking == "markers":
                marked = ids[:s] + [self.marker_ids[0]] + ids[s:e] + [self.marker_ids[1]] + ids[e:]
                a, b = self._window(len(marked), s, e + 2, budget)
                pool = (s - a + 1, s - a + 2)  # the start marker, after [CLS]
                sequences.append(Sequence([self.cls_id, *marked[a:b], self.sep_id], [pool], [index]))
            else:
                a, b = self._window(len(ids), s, e, budget)
                pool = (s - a + 1, min(e, b) - a + 1)
                sequences.append(Sequence([self.cls_id, *ids[a:b], self.sep_id], [pool], [index], a))
        return sequences

    def windows(self, ids: list[int]) -> list[Sequence]:
        """A sentence's tokens in consecutive windows that fit the encoder, none pooled yet (mention tagging)."""
        budget = self.max_length - 2
        return [Sequence([self.cls_id, *ids[a:a + budget], self.sep_id], [], [], a)
                for a in range(0, max(len(ids), 1), budget)]


def collate(features: list[dict], pad_id: int = 0) -> dict:
    """Batch sequences (dicts with input_ids, pools and optional per-mention labels) for the model."""
    length = max(len(f["input_ids"]) for f in features)
    input_ids = torch.full((len(features), length), pad_id, dtype=torch.long)
    attention_mask = torch.zeros((len(features), length), dtype=torch.long)
    span_rows, sequence_index = [], []
    for row, f in enumerate(features):
        n = len(f["input_ids"])
        input_ids[row, :n] = torch.tensor(f["input_ids"])
        attention_mask[row, :n] = 1
        for start, end in f["pools"]:
            mask = torch.zeros(length, dtype=torch.long)
            mask[start:end] = 1
            span_rows.append(mask)
            sequence_index.append(row)
    batch = {"input_ids": input_ids, "attention_mask": attention_mask,
             "span_mask": torch.stack(span_rows) if span_rows else torch.zeros((0, length), dtype=torch.long),
             "sequence_index": torch.tensor(sequence_index, dtype=torch.long)}
    for key in ("stance_labels", "sentiment_labels"):
        if key in features[0]:
            batch[key] = torch.tensor([label for f in features for label in f[key]], dtype=torch.long)
    for key in ("stance_soft", "sentiment_soft"):  # teacher distributions per mention (distillation)
        if key in features[0]:
            width = max((len(r) for f in features for r in f.get(key) or []), default=1)
            # A mention without a teacher distribution gets a zero row, which the loss skips.
            rows = [row for f in features for row in f.get(key) or [[0.0] * width] * len(f["pools"])]
            batch[key] = torch.tensor(rows, dtype=torch.float) if rows else torch.zeros((0, width))
    if "token_tags" in features[0]:  # per-token mention tags, -100 on padding and special tokens
        tags = torch.full((len(features), length), -100, dtype=torch.long)
        for row, f in enumerate(features):
            if f.get("token_tags"):
                tags[row, :len(f["token_tags"])] = torch.tensor(f["token_tags"])
        batch["token_tags"] = tags
    return batch
