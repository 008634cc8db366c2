"""Within-document actor resolution: one canonical name for every mention of an actor.

No coreference model runs offline here, so the usual antecedent rules are applied by hand: names are grouped with
the longest form of the same name in the document (or the gazetteer's canonical name); acronyms join the name they
abbreviate; an appositive joins the name it describes; nominals ("the general", "the militia") join the nearest
actor whose name, title or gazetteer role holds their head noun; pronouns join the nearest earlier actor that
agrees in kind and number. A pronoun with no actor to refer to is dropped: it refers to someone the guidelines do
not count (residents, witnesses).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .mentions import PERSON_NOUNS, Mention

TITLES = {
    "president", "prime", "minister", "general", "major", "lieutenant", "lt", "gen", "col", "colonel", "field",
    "marshal", "secretary", "secretary-general", "un", "u.n.", "united", "nations", "mr", "mrs", "ms", "dr",
    "foreign", "defence", "defense", "interior", "chief", "commander", "spokesman", "spokeswoman", "king",
    "sheikh", "emir", "brigadier", "admiral", "captain", "sergeant", "envoy", "special", "vice", "deputy",
    "senator", "ambassador", "governor", "premier", "army", "military", "leader", "pope", "prince",
}
MILITARY_PLURALS = {"forces", "troops", "fighters", "soldiers", "units", "militants", "rebels"}
_DETERMINERS = re.compile(r"^(the|a|an|this|that|these|those)\s+", re.IGNORECASE)
_TRAILING_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z.-]{1,9})\)\s*$")


def _words(text: str) -> list[str]:
    return re.findall(r"[\w-]+", text.lower().replace("secretary general", "secretary-general"))


def _clean(text: str) -> str:
    text = _DETERMINERS.sub("", " ".join(text.split()))
    return re.sub(r"['’]s$", "", text)


def name_form(text: str, kind: str) -> str:
    """The bare name: no determiner, possessive, leading description, attached acronym or (for persons) title."""
    tokens = _TRAILING_ACRONYM.sub("", _clean(text)).split()
    while len(tokens) > 1 and not tokens[0][:1].isupper():  # "so-called Libyan National Army", "strongman ..."
        tokens = tokens[1:]
    if kind == "person":
        while len(tokens) > 1 and tokens[0].lower().strip(".,") in TITLES:
            tokens = tokens[1:]
    return " ".join(tokens)


def _acronym(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", text) if w[0].isupper())


@dataclass
class _Name:
    position: int
    raw: str
    form: str
    kind: str
    sentence_index: int
    actor: str | None = None


def resolve(mentions: list[Mention], gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Set ``actor`` on every mention of one document (in document order); drops unresolved pronouns."""
    gazetteer = gazetteer or Gazetteer([])
    names = _resolve_names(mentions, gazetteer)
    by_start = {m.start: m for m in mentions}
    resolved: list[Mention] = []
    quoted = []  # first-person pronouns in quotes: resolved to the speaker once every mention is named
    for mention in mentions:
        if mention.type == "pronoun" and mention.extra.get("quoted"):
            quoted.append(mention)
            continue
        if mention.type == "nominal" and not mention.actor:
            head_mention = by_start.get(mention.extra.get("appos_of"))
            if head_mention is not None and head_mention.actor:
                mention.actor, mention.code = head_mention.actor, head_mention.code
            else:
                mention.actor = _nominal_actor(mention, resolved, names, gazetteer)
        elif mention.type == "pronoun":
            antecedent = _antecedent(mention, resolved)
            if antecedent is None:
                continue
            mention.actor, mention.code = antecedent.actor, antecedent.code
        resolved.append(mention)
    for pronoun in quoted:
        speaker = _speaker(pronoun, resolved)
        if speaker is None:
            continue
        pronoun.actor, pronoun.code = speaker.actor, speaker.code
        if pronoun.extra["quoted"] == "speaker_group" and speaker.kind == "person":
            groups = [name for name, label in speaker.extra.get("names_inside", []) if label == "ORG"]
            entry = gazetteer.lookup(speaker.actor or "")
            pronoun.actor = (groups[0] if groups else None) or (entry.forces if entry else None) or speaker.actor
            pronoun.code = None
        resolved.append(pronoun)
    return sorted(resolved, key=lambda m: m.start) if quoted else resolved


def _resolve_names(mentions, gazetteer) -> list[_Name]:
    """Canonical names for name mentions; returns every name seen (inside other mentions too) for nominals."""
    names: list[_Name] = []
    for m in mentions:
        if m.type == "name":
            names.append(_Name(m.start, m.text, "", m.kind, m.sentence_index))
        for text, label in m.extra.get("names_inside", []):
            if text != m.text:
                names.append(_Name(m.start, text, "", "person" if label == "PERSON" else "group", m.sentence_index))
    for name in names:
        name.form = name_form(name.raw, name.kind)
    aliases = {}  # "LNA" -> "Libyan National Army", from "the Libyan National Army (LNA)"
    for name in names:
        acronym = _TRAILING_ACRONYM.search(name.raw)
        if acronym:
            aliases[acronym.group(1)] = name.form
    for name in names:
        entry = gazetteer.lookup(name.form) or gazetteer.lookup(name.raw)
        if entry:
            name.actor = entry.name
            name.kind = entry.kind or name.kind
            continue
        form = aliases.get(name.form, name.form)
        words, best = _words(form), form
        for other in names:
            other_words = _words(other.form)
            if len(other_words) > len(_words(best)) and (
                    (words and other_words[-len(words):] == words) or _acronym(other.form) == form):
                best = other.form
        entry = gazetteer.lookup(best)
        name.actor = entry.name if entry else best
    # One kind per actor: spaCy may tag "Haftar" PERSON in one sentence and ORG in the next.
    person_actors = {n.actor for n in names if n.kind == "person"}
    for name in names:
        if name.actor in person_actors:
            name.kind = "person"
    by_position = {(n.position, n.raw): n for n in names}
    for m in mentions:
        if m.type == "name":
            name = by_position[(m.start, m.text)]
            entry = gazetteer.lookup(name.actor)
            m.actor = m.actor or name.actor
            m.kind = name.kind
            m.code = m.code or (entry.code if entry else None)
    return names


def _nominal_actor(mention, resolved, names: list[_Name], gazetteer):
    head = mention.head
    owner = re.match(r"^(his|her|its|their)\s", mention.text, re.IGNORECASE)
    if owner:  # "his forces", "its units": the forces of the actor the possessive points to
        pronoun = Mention(mention.sentence_index, mention.start, mention.start, owner.group(1), "pronoun",
                          kind="person" if owner.group(1).lower() in ("his", "her") else "group")
        antecedent = _antecedent(pronoun, resolved)
        if antecedent is not None:
            if antecedent.kind == "person":
                entry = gazetteer.lookup(antecedent.actor)
                return (entry.forces if entry else None) or f"forces of {antecedent.actor}"
            return antecedent.actor
    wants_person = head in PERSON_NOUNS and not mention.plural
    before = [n for n in names if n.position < mention.start][::-1]
    after = [n for n in names if n.position > mention.start]
    for candidate in before + after:
        if (candidate.kind == "person") != wants_person:
            continue
        entry = gazetteer.lookup(candidate.actor or "")
        if (entry and head in entry.roles) or head in _words(candidate.raw):
            return candidate.actor
    last = mention.text.lower().split()[-1]
    if last in MILITARY_PLURALS and mention.text.lower() in (last, f"the {last}"):
        for candidate in before:  # bare "forces" / "the troops": the armed group just named
            if candidate.kind != "person" and candidate.sentence_index >= mention.sentence_index - 1:
                return candidate.actor
    return _clean(mention.text)


def _speaker(pronoun: Mention, resolved: list[Mention]) -> Mention | None:
    """Who says a quote: the first actor of the sentence outside the quotes ("...," said Haftar), else the
    speaker of the sentence before."""
    for index in (pronoun.sentence_index, pronoun.sentence_index - 1):
        for candidate in resolved:
            if candidate.sentence_index == index and candidate.type != "pronoun" and candidate.actor \
                    and not candidate.extra.get("in_quote"):
                return candidate
    return None


def _antecedent(pronoun: Mention, resolved: list[Mention]) -> Mention | None:
    """Nearest earlier actor (this sentence or the two before) that agrees with the pronoun."""
    for candidate in reversed(resolved):
        if candidate.sentence_index < pronoun.sentence_index - 2:
            break
        if candidate.start >= pronoun.start or not candidate.actor:
            continue
        if pronoun.kind == "person" and candidate.kind == "person" and not candidate.plural:
            return candidate
        if pronoun.kind == "group" and candidate.kind != "person" and (candidate.plural or candidate.type == "name"):
            return candidate
        if pronoun.kind == "thing" and candidate.kind != "person" and not candidate.plural:
            return candidate
    return None
