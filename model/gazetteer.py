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


def _key(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).lower()
    for prefix in ("the ",):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


class Gazetteer:
    def __init__(self, actors: list[Actor]):
        self.actors = actors
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
        actors = []
        for i, entry in enumerate(data.get("actors") or []):
            if not isinstance(entry, dict) or not entry.get("name"):
                raise InputError(path, f"actor {i} needs a 'name'")
            actors.append(Actor(name=str(entry["name"]), aliases=[str(a) for a in entry.get("aliases") or []],
                                kind=entry.get("kind"), code=entry.get("code"),
                                roles=[str(r).lower() for r in entry.get("roles") or []],
                                forces=entry.get("forces")))
        return cls(actors)

    def lookup(self, text: str) -> Actor | None:
        return self._by_alias.get(_key(text))

    def matcher(self, nlp):
        """A spaCy PhraseMatcher over every name and alias (case-sensitive, so acronyms stay precise)."""
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        patterns = [nlp.make_doc(alias) for actor in self.actors for alias in [actor.name, *actor.aliases]]
        if patterns:
            matcher.add("ACTOR", patterns)
        return matcher
