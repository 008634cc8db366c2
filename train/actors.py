"""One way to name each actor, in the labeled data and in the gazetteer the pipeline names actors with.

The convention (issue 5, and what ``resolve.py`` does at inference): an actor in the gazetteer is named by the
gazetteer's canonical name; any other actor by its longest name form in the document (no determiner, title or
possessive: "Khalifa Haftar" for "General Khalifa Haftar", "Haftar", "the general", "he"); an actor named only by
common nouns by its longest such phrase ("ethnic Albanian guerrillas"); a joint set keeps the annotators' name
("India and Pakistan").

Annotators decide which mentions refer to the same actor; this module only gives each such group its name, so
that "Ankara", "Turkey" and "the Turkish government" are one actor however the writer happened to spell it. The
annotators' own string stays in each mention's ``actor_as_annotated``.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from actor_stance.gazetteer import Actor, Gazetteer
from actor_stance.mentions import ACTOR_NOUNS
from actor_stance.resolve import AGENT_HEADS, GOVERNMENT_HEADS, name_form
from actor_stance.tagging import guess_kind

PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}
# One-word names that are ordinary words elsewhere ("the North" for North Korea) would match far too much.
AMBIGUOUS_ALIASES = {"North", "South", "East", "West", "Army", "Government", "Police", "Military", "Council"}
# A bare defence ministry is any state's: neither an alias nor an actor of its own, so that the resolver names it
# by the report's state (Gazetteer.office_of) and "its troops" by that state's forces.
BARE_OFFICES = {"Defence Ministry", "Defense Ministry"}
# Agent nouns ("the government", "officials", "a spokesman") the resolver gives to a state by its place in the story
# (the state just named, the dateline's); as a world actor's role they would go to whichever was named nearest.
STATE_AGENT_ROLES = GOVERNMENT_HEADS | AGENT_HEADS


def clean(text: str) -> str:
    text = re.sub(r"^(the|a|an)\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", text)


def _documents(records):
    docs = defaultdict(list)
    for record in records:
        docs[record.get("doc_id") or record["id"]].append(record)
    return docs.values()


def _cluster_name(annotated: str, mentions: list[dict], gazetteer: Gazetteer, named: dict) -> str:
    entry = gazetteer.lookup(annotated)
    if entry:
        return entry.name
    person = any(m["text"].lower() in PERSON_PRONOUNS for m in mentions) or guess_kind(annotated, gazetteer) == "person"
    kind = "person" if person else "group"
    names = [m["text"] for m in mentions if m.get("type") == "name"]
    for text in names:
        entry = gazetteer.lookup(text) or gazetteer.lookup(name_form(text, kind))
        if entry:
            return entry.name
    if " and " in annotated:
        return _joint_name(annotated, gazetteer, named)
    for text in names + [m["text"] for m in mentions if m.get("type") == "nominal"]:
        entry = gazetteer.forces_named(clean(text))
        if entry:  # "Venezuela's armed forces", "Venezuelan troops": the gazetteer's name for that state's forces
            return entry.name
    if names:
        forms = [name_form(text, kind) for text in names]
        longest = max(forms, key=lambda f: (len(f.split()), len(f), -forms.index(f)))
        entry = gazetteer.person_by_surname(longest) if kind == "person" else None
        return entry.name if entry else longest  # "Kagame" alone in the article: the gazetteer's Paul Kagame
    nominals = [clean(m["text"]) for m in mentions if m.get("type") == "nominal"]
    if nominals:
        return max(nominals, key=lambda f: (len(f.split()), len(f), -nominals.index(f)))
    return annotated


def _joint_name(annotated: str, gazetteer: Gazetteer, named: dict) -> str:
    """A joint actor is named by its members' names when every member is known, by the gazetteer or as an actor of
    the same document (``named``: annotators' name -> name), as each member alone is named ("United States and
    Britain" -> "United States and United Kingdom"; "CODECO and Zaire militia" -> "CODECO and rival Zaire militia"
    where the document names the militia so); else as the annotators wrote it."""
    members = re.split(r",\s*(?:and\s+)?|\s+and\s+", annotated)
    names = []
    for member in members:
        entry = gazetteer.lookup(member) or gazetteer.forces_named(member)
        names.append(entry.name if entry else named.get(member))
    if not all(names):
        return annotated
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def normalise_actor_names(records: list[dict], gazetteer: Gazetteer) -> int:
    """Name every mention's actor by the convention above (in place); returns how many names changed."""
    changed = 0
    for doc in _documents(records):
        clusters = defaultdict(list)
        for record in doc:
            for m in record["mentions"]:
                m.setdefault("actor_as_annotated", m["actor"])
                clusters[m["actor_as_annotated"]].append(m)
        named = {}  # single actors first, so that a joint actor can be named by its members' names
        for annotated in sorted(clusters, key=lambda a: " and " in a):
            name = named[annotated] = _cluster_name(annotated, clusters[annotated], gazetteer, named)
            for m in clusters[annotated]:
                changed += m["actor"] != name
                m["actor"] = name
    return changed


def strip_possessives(records: list[dict]) -> int:
    """"Chapo's offer": the mention is "Chapo" (most labels already leave the possessive out)."""
    changed = 0
    for record in records:
        for m in record["mentions"]:
            match = re.search(r"['’]s?$", m["text"])
            if match and m["text"][:match.start()].strip() and m["text"].lower() not in ("its'", "their'"):
                m["text"] = m["text"][:match.start()]
                m["end"] = m["start"] + len(m["text"])
                changed += 1
    return changed


def derive_actors(train_records: list[dict], world: list[dict]) -> list[dict]:
    """Gazetteer entries: the world list, then each other actor named in the training split with the names it
    goes by there, whether it is a person, and the nominals that refer to it. Dev and test actors are left out,
    so detection and naming scores on those splits are not helped by the gazetteer."""
    aliases, roles, kinds = defaultdict(Counter), defaultdict(Counter), defaultdict(Counter)
    for record in train_records:
        for m in record["mentions"]:
            actor = m["actor"]
            if m["type"] == "name":
                aliases[actor][clean(m["text"])] += 1
            elif m["type"] == "nominal":
                head = m["text"].lower().split()[-1]
                if head in ACTOR_NOUNS:
                    roles[actor][head] += 1
            elif m["text"].lower() in PERSON_PRONOUNS:
                kinds[actor]["person"] += 1
            else:
                kinds[actor]["group"] += 1
    entries = {e["name"]: dict(e) for e in world}
    taken = Gazetteer([Actor(e["name"], list(e.get("aliases") or [])) for e in world])
    for actor in sorted(aliases):
        if " and " in actor:
            continue  # joint sets ("India and Pakistan") are named by the text, not the gazetteer
        new = sorted(a for a in aliases[actor] if a != actor and a not in AMBIGUOUS_ALIASES | BARE_OFFICES
                     and taken.lookup(a) is None)
        if actor in entries:  # a world actor: the training split's other names and nominals for it join its own
            if new:
                entries[actor]["aliases"] = sorted(set(entries[actor].get("aliases") or []) | set(new))
            learned = [role for role in sorted(roles[actor]) if role not in STATE_AGENT_ROLES
                       and role not in (entries[actor].get("roles") or [])]
            if learned:
                entries[actor]["roles"] = list(entries[actor].get("roles") or []) + learned
            continue
        if taken.lookup(actor) is not None or actor in BARE_OFFICES:
            continue
        kind = "person" if kinds[actor]["person"] > kinds[actor]["group"] else \
            "group" if kinds[actor]["group"] > kinds[actor]["person"] else guess_kind(actor, taken)
        entry = {"name": actor, "aliases": new, "kind": kind}
        if roles[actor]:
            entry["roles"] = sorted(roles[actor])
        entries[actor] = entry
    _merge_state_offices(entries, world, aliases)
    # An actor known only by a short form ("Gadhafi") that is another actor's alias, or the surname of one person
    # ("Kagame"), is that actor.
    aliases_of = {a: name for name, e in entries.items() for a in e.get("aliases") or [] if a != name}
    people = Gazetteer([Actor(e["name"], kind="person") for e in entries.values() if e.get("kind") == "person"])
    world_names = {x["name"] for x in world}
    return [e for name, e in entries.items() if name in world_names or not (
        name in aliases_of or people.person_by_surname(name) is not None)]


def _merge_state_offices(entries: dict, world: list[dict], name_counts: dict) -> None:
    """One entry per state office and per state's forces, in place: "Turkey's Defence Ministry" joins "Turkish
    Defence Ministry" (the world list's entry, else the name the training split uses more often), "Venezuela's
    armed forces" the world list's forces entry."""
    gazetteer = Gazetteer.from_entries(list(entries.values()))
    world_names = {e["name"] for e in world}
    offices = defaultdict(list)
    for name, entry in list(entries.items()):
        if entry.get("kind") == "person":
            continue
        forces = gazetteer.forces_named(name) if name not in world_names else None
        if forces is not None and forces.name != name:
            _merge(entries, name, forces.name)
        elif gazetteer.state_office(name):
            offices[gazetteer.state_office(name)].append(name)
    for names in offices.values():
        keep = max(names, key=lambda n: (n in world_names, sum(name_counts[n].values()), n))
        for name in names:
            if name != keep and name not in world_names:
                _merge(entries, name, keep)


def _merge(entries: dict, name: str, into: str) -> None:
    entry, target = entries.pop(name), entries[into]
    target["aliases"] = sorted(set(target.get("aliases") or []) | {name} | set(entry.get("aliases") or []))
    if entry.get("roles"):
        target["roles"] = sorted(set(target.get("roles") or []) | set(entry["roles"]))
