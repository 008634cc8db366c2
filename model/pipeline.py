"""article -> sentences -> actor mentions -> encoded inputs -> model -> labelled mention records.

``StancePipeline`` is both the engine of the CLI and the Python API for notebooks::

    from actor_stance import StancePipeline
    pipe = StancePipeline()                       # the default model shipped with the package
    records = pipe("Haftar ordered troops to advance on Tripoli.")
    frame = pipe(["text one", "text two"], as_dataframe=True)
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

from .encoding import MentionEncoder, collate
from .gazetteer import DEFAULT_GAZETTEER, Gazetteer
from .loading import load_model
from .mentions import Mention, MentionDetector
from .resolve import dateline_state, resolve
from .sentences import Sentence, split_sentences
from .tagging import decode_tags, make_mention, split_coordinated, viterbi

CHUNK_DOCUMENTS = 16  # documents classified together: batches fill across documents, memory stays flat
RECORD_FIELDS = ("doc_id", "sentence_index", "start", "end", "mention", "actor", "type", "stance", "stance_score",
                 "sentiment", "sentiment_score", "sentence")


def quantize_dynamic(model):
    """int8 weights for the nn.Linear layers, activations quantised on the fly (CPU inference only).

    Layers named in the config's ``int8_skip_modules`` stay in float. In MPNet the feed-forward down-projections
    must: their input, the GELU output, has a few very large activations that leave one per-tensor int8 scale no
    room for the rest (quantised too, they took the large model's test stance macro-F1 from 0.91 to 0.59)."""
    import warnings

    from torch.ao.quantization import default_dynamic_qconfig

    skip = model.config.int8_skip_modules
    spec = {name: default_dynamic_qconfig for name, module in model.named_modules()
            if isinstance(module, torch.nn.Linear) and not any(key in name for key in skip)}
    with warnings.catch_warnings():  # torch announces the move of this API to torchao; it still works
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, spec, dtype=torch.qint8)


@dataclass
class Prediction:
    stance: str
    stance_score: float
    sentiment: str
    sentiment_score: float
    stance_probs: list[float]
    sentiment_probs: list[float]


DETECTORS = ("auto", "model", "rules", "union")


class StancePipeline:
    def __init__(self, model=None, gazetteer=None, batch_size: int = 32, threads: int | None = None,
                 quantize: bool = False, detector: str = "auto"):
        """``model``: a model directory (default: the shipped model); ``gazetteer``: a YAML file or Gazetteer;
        ``quantize``: dynamic int8 quantisation of the linear layers (CPU; 1.6x faster, stance within 0.01,
        sentiment 0.01 to 0.03 lower);
        ``detector``: ``model`` (the model's tagging head: one encoder pass finds and labels mentions),
        ``rules`` (spaCy parse + gazetteer + guideline rules), ``union`` (the head's mentions plus the rules' where
        they do not overlap) or ``auto`` (the head when the model has one)."""
        if detector not in DETECTORS:
            raise ValueError(f"detector must be one of {DETECTORS}, not {detector!r}")
        if threads:
            torch.set_num_threads(threads)
        self.model, self.tokenizer = load_model(model)
        if quantize:
            self.model = quantize_dynamic(self.model)
        config = self.model.config
        self.encoder = MentionEncoder(self.tokenizer, config.marking, config.marker_tokens, config.max_seq_length)
        self.stance_labels, self.sentiment_labels = config.stance_labels, config.sentiment_labels
        self.batch_size = batch_size
        if gazetteer is None:
            gazetteer = DEFAULT_GAZETTEER if DEFAULT_GAZETTEER.exists() else Gazetteer([])
        self.gazetteer = gazetteer if isinstance(gazetteer, Gazetteer) else Gazetteer.from_yaml(gazetteer)
        self._detector = None
        has_head = bool(getattr(config, "tag_labels", None))
        if detector in ("model", "union") and not has_head:
            from .errors import InputError

            raise InputError(model or "default model", "this model has no mention tagging head; use detector rules")
        self.tags_mentions = has_head and detector != "rules"
        self.union = detector == "union"

    @property
    def detector(self) -> MentionDetector:
        if self._detector is None:  # spaCy loads only when mentions must be found
            self._detector = MentionDetector(self.gazetteer)
        return self._detector

    # -- the API ------------------------------------------------------------------------------------------
    @staticmethod
    def _documents(texts, doc_ids):
        texts = [texts] if isinstance(texts, str) else list(texts)
        doc_ids = list(doc_ids) if doc_ids is not None else [f"doc{i}" for i in range(len(texts))]
        return list(zip(doc_ids, texts))

    def __call__(self, texts, doc_ids=None, as_dataframe: bool = False):
        documents = self._documents(texts, doc_ids)
        records = [r for rs in self.classify_documents((d, t, None) for d, t in documents) for r in rs]
        if as_dataframe:
            import pandas as pd

            return pd.DataFrame(records, columns=list(RECORD_FIELDS))
        return records

    def html(self, texts, doc_ids=None, path=None) -> str:
        """Classify and render a self-contained HTML page (written to ``path`` when given)."""
        from .html import render_html, write_html

        documents = self._documents(texts, doc_ids)
        records = self([t for _, t in documents], [d for d, _ in documents])
        if path:
            return write_html(path, documents, records, self.stance_labels)
        return render_html(documents, records, self.stance_labels)

    def classify_document(self, doc_id: str, text: str, mentions: list[dict] | None = None) -> list[dict]:
        """Records for one document; ``mentions`` (dicts with start/end, optional actor) skips detection."""
        return self.classify_many([(doc_id, text, mentions)])[0]

    def classify_documents(self, documents, chunk: int = CHUNK_DOCUMENTS):
        """Records per document, in order, for an iterable of (doc_id, text, mentions or None) triples,
        classified ``chunk`` documents at a time."""
        pending = []
        for document in documents:
            pending.append(document)
            if len(pending) >= chunk:
                yield from self.classify_many(pending)
                pending = []
        if pending:
            yield from self.classify_many(pending)

    def classify_many(self, documents) -> list[list[dict]]:
        """Records for several documents at once: one detection pass and one model pass over all their sentences,
        so batches fill up across documents. ``documents``: (doc_id, text, mentions or None) triples."""
        prepared = []  # [doc_id, text, {sentence index: Sentence}, mentions, {id(mention): Prediction}]
        to_detect = []
        for doc_id, text, mentions in documents:
            sentences = split_sentences(text)
            if mentions is None:
                to_detect.extend(sentences)
                prepared.append([doc_id, text, {s.index: s for s in sentences}, None, {}])
            else:
                found, holders = self._user_mentions(text, sentences, mentions)
                prepared.append([doc_id, text, holders, found, {}])
        detected = iter(self.detect(to_detect)) if to_detect else iter(())
        for doc in prepared:
            if doc[3] is None:
                pairs = [pair for _ in doc[2] for pair in next(detected)]
                doc[4] = {id(m): p for m, p in pairs}
                doc[3] = resolve([m for m, _ in pairs], self.gazetteer, dateline_state(doc[1], self.gazetteer))
        items, owners = [], []
        for doc in prepared:
            by_sentence: dict[int, list[Mention]] = {}
            for mention in doc[3]:
                if id(mention) not in doc[4]:
                    by_sentence.setdefault(mention.sentence_index, []).append(mention)
            for index, ms in sorted(by_sentence.items()):
                sentence = doc[2][index]
                items.append((sentence.text, [(m.start - sentence.start, m.end - sentence.start) for m in ms]))
                owners.append((doc, ms))
        for (doc, ms), preds in zip(owners, self.predict(items)):
            doc[4].update((id(m), p) for m, p in zip(ms, preds))
        results: list[list[dict]] = []
        for doc_id, text, holders, doc_mentions, predictions in prepared:
            records = []
            for mention in sorted(doc_mentions, key=lambda m: (m.sentence_index, m.start)):
                pred, sentence = predictions[id(mention)], holders[mention.sentence_index]
                records.append({
                    "doc_id": doc_id, "sentence_index": sentence.index, "start": mention.start, "end": mention.end,
                    "mention": text[mention.start:mention.end], "actor": mention.actor or mention.text,
                    "type": mention.type, "stance": pred.stance, "stance_score": round(pred.stance_score, 4),
                    "sentiment": pred.sentiment, "sentiment_score": round(pred.sentiment_score, 4),
                    "sentence": sentence.text,
                })
            results.append(records)
        return results

    @staticmethod
    def _user_mentions(text, sentences: list[Sentence], mentions):
        """User spans as mentions, and the sentence each is read in (a span across sentences widens its own)."""
        holders = {s.index: s for s in sentences}
        out = []
        for m in sorted(mentions, key=lambda m: m["start"]):
            first = next((s for s in sentences if s.end > m["start"]), None)
            index = first.index if first else len(sentences)
            base = holders.get(index)
            if base is None or m["start"] < base.start or m["end"] > base.end:
                start = min(m["start"], base.start) if base else m["start"]
                end = max(m["end"], base.end) if base else m["end"]
                holders[index] = Sentence(index, start, end, text[start:end])
            out.append(Mention(index, m["start"], m["end"], text[m["start"]:m["end"]], m.get("type", "name"),
                               actor=m.get("actor")))
        return out, holders

    def detect(self, sentences: list[Sentence]) -> list[list[tuple[Mention, Prediction]]]:
        """The mentions of each sentence with their predictions (not yet resolved to actors)."""
        tagged = self.tag_sentences(sentences) if self.tags_mentions else None  # found and labelled in one pass
        if tagged is not None and not self.union:
            return tagged
        found = self.detector.detect(sentences)
        if tagged is not None:  # union: the rules add what the head missed, never overlapping its mentions
            found = [[m for m in ms if not any(m.start < t.end and t.start < m.end for t, _ in ts)]
                     for ms, ts in zip(found, tagged)]
        predictions = self.predict([(s.text, [(m.start - s.start, m.end - s.start) for m in ms])
                                    for s, ms in zip(sentences, found)])
        pairs = [list(zip(ms, ps)) for ms, ps in zip(found, predictions)]
        if tagged is not None:
            pairs = [sorted(ts + ps, key=lambda pair: pair[0].start) for ts, ps in zip(tagged, pairs)]
        return pairs

    # -- the model ----------------------------------------------------------------------------------------
    def _predictions(self, stance_logits, sentiment_logits) -> list[Prediction]:
        config = self.model.config
        stance = torch.softmax(stance_logits.float() / config.stance_temperature, -1)
        sentiment = torch.softmax(sentiment_logits.float() / config.sentiment_temperature, -1)
        return [Prediction(self.stance_labels[int(sp.argmax())], float(sp.max()),
                           self.sentiment_labels[int(tp.argmax())], float(tp.max()), sp.tolist(), tp.tolist())
                for sp, tp in zip(stance, sentiment)]

    def _encoded_batches(self, sequences):
        """(chunk, batch, hidden states) for (owner, Sequence) pairs, batched by length so padding stays small."""
        order = sorted(range(len(sequences)), key=lambda k: len(sequences[k][1].input_ids))
        for b in range(0, len(order), self.batch_size):
            chunk = [sequences[k] for k in order[b:b + self.batch_size]]
            batch = collate([{"input_ids": s.input_ids, "pools": s.pools} for _, s in chunk],
                            pad_id=self.tokenizer.pad_token_id or 0)
            yield chunk, batch, self.model.encode(batch["input_ids"], batch["attention_mask"])

    @torch.inference_mode()
    def predict(self, items) -> list[list[Prediction]]:
        """``items``: (sentence text, [(start, end), ...] offsets in the sentence); a Prediction per span."""
        sequences = []  # (item index, sequence)
        for i, (text, spans) in enumerate(items):
            if spans:
                sequences.extend((i, seq) for seq in self.encoder.encode(text, spans))
        results: list[list[Prediction | None]] = [[None] * len(spans) for _, spans in items]
        for chunk, batch, hidden in self._encoded_batches(sequences):
            preds = iter(self._predictions(*self.model.classify(hidden, batch["span_mask"], batch["sequence_index"])))
            for item_index, seq in chunk:
                for mention_index in seq.mentions:
                    results[item_index][mention_index] = next(preds)
        return results

    @torch.inference_mode()
    def tag_sentences(self, sentences: list[Sentence]) -> list[list[tuple[Mention, Prediction]]]:
        """Find and label the mentions of each sentence with one encoder pass (the model's tagging head)."""
        tokenized = [self.encoder.tokenize(s.text) for s in sentences]
        sequences = [(i, seq) for i, (ids, _) in enumerate(tokenized) if ids for seq in self.encoder.windows(ids)]
        found: list[list[tuple[int, int, str, Prediction]]] = [[] for _ in sentences]
        tag_labels = self.model.config.tag_labels
        for chunk, _, hidden in self._encoded_batches(sequences):
            lengths = [len(seq.input_ids) - 2 for _, seq in chunk]
            tag_logits = self.model.tag(hidden)[:, 1:max(lengths) + 1]
            tags = viterbi(tag_logits, lengths, tag_labels)
            tag_probs = torch.softmax(tag_logits.float(), -1)
            masks, rows, owners = [], [], []
            for row, (i, seq) in enumerate(chunk):
                n = lengths[row]
                offsets = tokenized[i][1][seq.offset:seq.offset + n]
                spans = decode_tags(tags[row], offsets, sentences[i].text, tag_labels, tag_probs[row, :n])
                for first, last, start, end, mtype in split_coordinated(spans, offsets, sentences[i].text,
                                                                        self.gazetteer):
                    mask = torch.zeros(hidden.shape[1], dtype=torch.long)
                    mask[first + 1:last + 1] = 1
                    masks.append(mask)
                    rows.append(row)
                    owners.append((i, start, end, mtype))
            if not masks:
                continue
            preds = self._predictions(*self.model.classify(hidden, torch.stack(masks), torch.tensor(rows)))
            for (i, start, end, mtype), pred in zip(owners, preds):
                found[i].append((start, end, mtype, pred))
        results = []
        for sentence, spans in zip(sentences, found):
            pairs, previous = [], None
            for start, end, mtype, pred in sorted(spans, key=lambda x: x[0]):
                mention = make_mention(sentence, start, end, mtype, self.gazetteer, previous)
                pairs.append((mention, pred))
                previous = mention
            results.append(pairs)
        return results
