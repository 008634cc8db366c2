"""The user's actor gazetteer (``configs/actors.yaml``): canonical names, aliases, kind, code and roles.

```yaml
actors:
  - name: Khalifa Haftar
    aliases: [Haftar, Khalifa Hifter]
    kind: person          # person or group: what "he" / "they" / "it" may refer back to
    code: LBYMIL          # optional: CAMEO, ISO or the user's own
    roles: [general, field marshal, commander]   # nominals that may refer to this actor
    forces: Libyan National Army                  # what "his forces" names
```
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError

# configs/actors.yaml beside the package in a source checkout; users point --gazetteer at their own.
DEFAULT_GAZETTEER = Path(__file__).resolve().parents[1] / "configs" / "actors.yaml"


@dataclass
class Actor:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    code: str | None = None
    roles: list[str] = field(default_factory=list)
    forces: str | None = None  # for a person: the canonical name of the forces "his forces" refers to


_FORCES_ALIAS = re.compile(r"^([a-z][\w.'’-]*(?: [a-z][\w.'’-]*)?)(?:'s)? (?:army|military|armed forces|forces|troops)$")
# A state (one or two words, the fewest that fit) before its forces or an office.
_STATE_FORCES = re.compile(r"^([a-z][\w.'’-]*(?: [a-z][\w.'’-]*)??) (?:army|military|armed forces|forces|troops)$")
_OFFICE = re.compile(r"^([a-z][\w.'’-]*(?: [a-z][\w.'’-]*)??) ((?:defen[cs]e|foreign|interior|war) ministry"
                     r"|ministry of (?:defen[cs]e|foreign affairs|the interior))$")
_GOVERNMENT_ALIAS = re.compile(r"^([a-z][\w.'’-]*(?: [a-z][\w.'’-]*)?) (?:government|authorities)$")


_ARMED_GROUP_ROLES = {"militant", "insurgent", "rebel", "guerrilla", "jihadist"}


def _key(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).lower()
    for prefix in ("the ",):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _deletions(text: str) -> set[str]:
    return {text[:i] + text[i + 1:] for i in range(len(text))}


def _one_slip(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inserted, deleted or changed letter, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i + 1:i + 2] == b[i:i + 1] and a[i:i + 1] == b[i + 1:i + 2]
                                           and a[i + 2:] == b[i + 2:])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1:] == shorter[i:]


class Gazetteer:
    def __init__(self, actors: list[Actor]):
        self.actors = actors
        self._states = None
        self._surnames = None
        self._by_deletion = None
        self._branches, self._by_first_word, self._missions = {}, None, {}
        self._by_alias = {}
        for actor in actors:
            for alias in [actor.name, *actor.aliases]:
                self._by_alias.setdefault(_key(alias), actor)

    @classmethod
    def from_yaml(cls, path) -> "Gazetteer":
        path = Path(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise InputError(path, "gazetteer file not found") from None
        except (yaml.YAMLError, UnicodeDecodeError) as err:
            raise InputError(path, f"not valid YAML ({str(err).splitlines()[0]})") from None
        return cls.from_entries(data.get("actors") or [], path)

    @classmethod
    def from_entries(cls, entries: list[dict], source="gazetteer") -> "Gazetteer":
        actors = []
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or not entry.get("name"):
                raise InputError(source, f"actor {i} needs a 'name'")
            actors.append(Actor(name=str(entry["name"]), aliases=[str(a) for a in entry.get("aliases") or []],
                                kind=entry.get("kind"), code=entry.get("code"),
                                roles=[str(r).lower() for r in entry.get("roles") or []],
                                forces=entry.get("forces")))
        return cls(actors)

    def lookup(self, text: str) -> Actor | None:
        return self._by_alias.get(_key(text))

    def close_match(self, text: str) -> Actor | None:
        """The one actor with an alias a single typing slip away (a letter added, dropped, changed or two swapped:
        "Ethopia", "Laurent Gbago"); only for names of seven letters or more, where such a slip rarely makes
        another real name. None when no actor or several are that close."""
        key = _key(text)
        if len(key) < 7:
            return None
        if self._by_deletion is None:  # each alias under itself and under every one-letter deletion of it
            self._by_deletion = {}
            for alias, actor in self._by_alias.items():
                if len(alias) >= 6:
                    for variant in {alias} | _deletions(alias):
                        self._by_deletion.setdefault(variant, []).append((alias, actor))
        close = {alias: actor for variant in {key} | _deletions(key)
                 for alias, actor in self._by_deletion.get(variant, []) if _one_slip(key, alias)}
        if any(_unaccented(alias) == _unaccented(key) for alias in close):
            return None  # "Nicolás Maduro" is no slip for "Nicolas Maduro": the article's spelling stands
        actors = {actor.name: actor for actor in close.values()}
        return next(iter(actors.values())) if len(actors) == 1 else None

    def person_by_surname(self, word: str) -> Actor | None:
        """The one person whose name ends in ``word`` ("Mugabe" -> Robert Mugabe); None when ``word`` is more
        than one word, or when no person or several carry it."""
        if self._surnames is None:
            self._surnames = {}
            for actor in self.actors:
                if actor.kind == "person" and " " in actor.name:
                    self._surnames.setdefault(_key(actor.name.split()[-1]), []).append(actor)
        found = self._surnames.get(_key(word), []) if " " not in word.strip() else []
        return found[0] if len(found) == 1 else None

    def is_state(self, name: str | None) -> bool:
        self.state("")  # builds the tables
        return name in self._state_names

    def forces_of(self, state_name: str) -> Actor | None:
        """A state's armed forces: the entry with an alias such as "Thai troops" or "Serbia's army"."""
        self.state("")
        return self._forces.get(state_name)

    def state_of_forces(self, name: str | None) -> str | None:
        """The state whose armed forces ``name`` is ("Israel Defense Forces" -> Israel); None for any other."""
        self.state("")
        entry = self.lookup(name or "")
        return self._state_by_forces.get(entry.name) if entry is not None else None

    def forces_named(self, text: str) -> Actor | None:
        """The armed forces that a state-plus-forces phrase names ("Venezuela's armed forces", "Venezuelan troops"),
        where the gazetteer knows that state's forces. A capitalised name is its own ("Lebanese Forces", a party)."""
        self.state("")
        if not text.split() or not text.split()[-1].islower():
            return None
        match = _STATE_FORCES.match(_key(text))
        state = self._states.get(re.sub(r"'s$", "", match.group(1))) if match else None
        return self._forces.get(state.name) if state is not None else None

    def state_office(self, text: str) -> tuple[str, str] | None:
        """("Turkey", "defence ministry") for "Turkish Defence Ministry" or "Turkey's defence ministry"."""
        self.state("")
        match = _OFFICE.match(_key(text))
        state = self._states.get(re.sub(r"'s$", "", match.group(1))) if match else None
        return (state.name, match.group(2)) if state is not None else None

    def branch_of(self, group_name: str, state_name: str) -> Actor | None:
        """A group's branch in a state, where the gazetteer has one entry for it: ``branch_of("Islamic State",
        "Mozambique")`` is Islamic State Mozambique Province. None for a state or a state's forces."""
        key = (group_name, state_name)
        if key not in self._branches:
            if self._by_first_word is None:  # entries by their first word: a branch's name opens with its group's
                self._by_first_word = {}
                for actor in self.actors:
                    self._by_first_word.setdefault(actor.name.split()[0], []).append(actor)
            found = []
            if group_name and not self.is_state(group_name) and not self.is_forces(group_name):
                pattern = re.compile(rf"{re.escape(group_name)}\s.*\b{re.escape(state_name)}\b")
                found = [a for a in self._by_first_word.get(group_name.split()[0], []) if pattern.match(a.name)]
            self._branches[key] = found[0] if len(found) == 1 else None
        return self._branches[key]

    def un_mission_in(self, state_name: str) -> Actor | None:
        """The UN mission the gazetteer places in a state, where it has exactly one: ``un_mission_in("Mali")`` is
        MINUSMA ("United Nations Multidimensional Integrated Stabilization Mission in Mali")."""
        if state_name not in self._missions:
            pattern = re.compile(rf"^(?:United Nations|UN|U\.N\.)\s.*\sin\s+(?:the\s+)?{re.escape(state_name)}$")
            found = [a for a in self.actors if any(pattern.match(form) for form in [a.name, *a.aliases])]
            self._missions[state_name] = found[0] if len(found) == 1 else None
        return self._missions[state_name]

    def office_of(self, state_name: str, office: str) -> Actor | None:
        """A state's office as the gazetteer names it: ``office_of("Turkey", "defence ministry")`` finds the entry
        called "Turkish Defence Ministry" or "Turkey's defence ministry", if there is one."""
        self.state("")
        forms = [form for form, actor in self._states.items() if actor.name == state_name]
        for form in forms:
            entry = self.lookup(f"{form} {office}") or self.lookup(f"{form}'s {office}")
            if entry is not None and entry.name != state_name:
                return entry
        return None

    def is_forces(self, name: str | None) -> bool:
        self.state("")
        entry = self.lookup(name or "")
        return entry is not None and entry.name in self._forces_names

    def state(self, word: str) -> Actor | None:
        """The state that a name or nationality adjective refers to ("U.S.", "Israeli", "Iran"): states are the
        entries with a "<Demonym> government" alias, and the demonym is read from that alias."""
        if self._states is None:
            self._states = {}
            for actor in self.actors:
                if set(actor.roles) & _ARMED_GROUP_ROLES:
                    continue  # "Hamas authorities" do not make Hamas a state
                forms = [_key(a) for a in actor.aliases]
                demonyms = [m.group(1) for f in forms for m in [_GOVERNMENT_ALIAS.match(f)] if m]
                if demonyms:
                    for form in [_key(actor.name), *forms, *demonyms]:
                        if not _GOVERNMENT_ALIAS.match(form) and " " not in form.replace(" ", "", 1):
                            self._states.setdefault(form, actor)
            self._state_names = {a.name for a in self._states.values()}
            self._forces, self._forces_names, self._state_by_forces = {}, set(), {}
            for actor in self.actors:
                for alias in actor.aliases:
                    match = _FORCES_ALIAS.match(_key(alias))
                    state = self._states.get(match.group(1)) if match else None
                    if state is not None and state is not actor:
                        self._forces.setdefault(state.name, actor)
                        self._forces_names.add(actor.name)
                        self._state_by_forces.setdefault(actor.name, state.name)
        return self._states.get(_key(word))

    def matcher(self, nlp):
        """A spaCy PhraseMatcher over every name and alias (case-sensitive, so acronyms stay precise)."""
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        patterns = [nlp.make_doc(alias) for actor in self.actors for alias in [actor.name, *actor.aliases]]
        if patterns:
            matcher.add("ACTOR", patterns)
        return matcher
