"""Baselines scored exactly like the model (same ``predict`` interface, same metrics.json layout).

- ``majority``: the most frequent training label, for every mention.
- ``lexicon``: keyword rules over the words right after the mention (its clause) and the words before it.
- ``tfidf``: TF-IDF of the mention, a window of words around it and the whole sentence, then logistic regression.
"""
from __future__ import annotations

import re
from collections import Counter

import numpy as np

from actor_stance.pipeline import Prediction

RESTRAINT = ("restraint", "calm", "ceasefire", "cease-fire", "truce", "de-escalat", "dialogue", "negotiat", "talks",
             "peaceful", "no military solution", "spare civilians", "protect civilians", "halt", "urged", "appealed")
THREAT = ("advance", "offensive", "march on", "storm", "retake", "seize", "seized", "capture", "captured",
          "liberate", "crush", "cleanse", "mass", "massed", "mobiliz", "mobilis", "will strike", "attack", "vowed",
          "threaten", "in control of", "took control", "push toward", "push towards")
ALERT = ("alert", "emergency", "curfew", "martial law", "readiness", "standby", "stand-by", "on guard",
         "reinforc", "war footing", "high alert", "state of siege", "defensive")
NEGATIVE = ("renegade", "militant", "terror", "rebel", "accused", "war crimes", "killed", "attack", "gang",
            "jihadist", "insurgent", "warlord", "brutal", "condemned", "blamed")
POSITIVE = ("praised", "welcomed", "hailed", "backed", "commended", "thanked", "legitimate", "un-backed")


def _window(text, start, end, before=6, after=12):
    left = re.findall(r"\S+", text[:start])[-before:]
    right = re.findall(r"\S+", text[end:])[:after]
    return " ".join(left).lower(), " ".join(right).lower()


def _prediction(stance_labels, sentiment_labels, stance, sentiment, stance_probs=None, sentiment_probs=None):
    sp = stance_probs if stance_probs is not None else [float(x == stance) for x in stance_labels]
    tp = sentiment_probs if sentiment_probs is not None else [float(x == sentiment) for x in sentiment_labels]
    return Prediction(stance, max(sp), sentiment, max(tp), list(sp), list(tp))


class _Baseline:
    stance_labels = ["none", "calls_for_restraint", "threatens_advance", "alert"]
    sentiment_labels = ["negative", "neutral", "positive"]

    def predict(self, items):
        return [[self._one(text, start, end) for start, end in spans] for text, spans in items]


class MajorityBaseline(_Baseline):
    def __init__(self, train_records):
        mentions = [m for r in train_records for m in r["mentions"]]
        self.stance = Counter(m["stance"] for m in mentions).most_common(1)[0][0]
        self.sentiment = Counter(m["sentiment"] for m in mentions).most_common(1)[0][0]

    def _one(self, text, start, end):
        return _prediction(self.stance_labels, self.sentiment_labels, self.stance, self.sentiment)


class LexiconBaseline(_Baseline):
    def _one(self, text, start, end):
        before, after = _window(text, start, end)
        after = re.split(r"\b(?:while|whereas|but|as|after|before)\b|[;]", after)[0]  # the mention's own clause
        scores = {label: sum(word in after for word in words)
                  for label, words in (("calls_for_restraint", RESTRAINT), ("threatens_advance", THREAT),
                                       ("alert", ALERT))}
        stance = max(scores, key=scores.get) if max(scores.values()) else "none"
        if re.search(r"\b(denied|not|never|no plans)\b", after[:40]):
            stance = "none"
        context = before + " " + text[start:end].lower() + " " + after[:30]
        sentiment = ("negative" if any(w in context for w in NEGATIVE)
                     else "positive" if any(w in context for w in POSITIVE) else "neutral")
        return _prediction(self.stance_labels, self.sentiment_labels, stance, sentiment)


class TfidfBaseline(_Baseline):
    def __init__(self, train_records, seed: int = 0):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.preprocessing import FunctionTransformer

        def column(i):
            return FunctionTransformer(lambda rows: [row[i] for row in rows])

        features = make_union(
            make_pipeline(column(0), TfidfVectorizer(ngram_range=(1, 2), min_df=1)),  # words before
            make_pipeline(column(1), TfidfVectorizer(ngram_range=(1, 2), min_df=1)),  # words after (the clause)
            make_pipeline(column(2), TfidfVectorizer(ngram_range=(1, 2), min_df=2)),  # the mention
            make_pipeline(column(3), TfidfVectorizer(min_df=2)),  # the sentence
        )
        from sklearn.base import clone

        # Each head learns from the mentions that carry its label (sentiment-only data such as NewsMTSC works).
        for task in ("stance", "sentiment"):
            rows, labels = [], []
            for record in train_records:
                for m in record["mentions"]:
                    if m.get(task) is not None:
                        rows.append(self._features(record["text"], m["start"], m["end"]))
                        labels.append(m[task])
            model = make_pipeline(clone(features), LogisticRegression(max_iter=2000, C=5.0, random_state=seed))
            setattr(self, f"{task}_model", model.fit(rows, labels) if rows else None)

    @staticmethod
    def _features(text, start, end):
        before, after = _window(text, start, end)
        return (before, after, text[start:end].lower(), text.lower())

    def predict(self, items):
        flat = [(text, s, e) for text, spans in items for s, e in spans]
        if not flat:
            return [[] for _ in items]
        rows = [self._features(*x) for x in flat]
        sp = self._aligned(self.stance_model, rows, self.stance_labels)
        tp = self._aligned(self.sentiment_model, rows, self.sentiment_labels)
        preds = [_prediction(self.stance_labels, self.sentiment_labels, self.stance_labels[int(np.argmax(a))],
                             self.sentiment_labels[int(np.argmax(b))], a, b) for a, b in zip(sp, tp)]
        out, i = [], 0
        for _, spans in items:
            out.append(preds[i:i + len(spans)])
            i += len(spans)
        return out

    @staticmethod
    def _aligned(model, rows, labels):
        if model is None:  # no training data for this task: uniform scores
            return [[1.0 / len(labels)] * len(labels) for _ in rows]
        probs = model.predict_proba(rows)
        order = [list(model.classes_).index(label) if label in model.classes_ else None for label in labels]
        return [[float(p[j]) if j is not None else 0.0 for j in order] for p in probs]


def build(name: str, train_records):
    return {"majority": lambda: MajorityBaseline(train_records), "lexicon": LexiconBaseline,
            "tfidf": lambda: TfidfBaseline(train_records)}[name]()
