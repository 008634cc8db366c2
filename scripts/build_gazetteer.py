"""Build configs/actors.yaml from the training split: each actor named there, the names it goes by, whether it
is a person, and the nominals that refer to it. Test and dev actors are left out, so detection scores on those
splits are not helped by the gazetteer.

    python scripts/build_gazetteer.py
"""
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from actor_stance.mentions import ACTOR_NOUNS

ROOT = Path(__file__).resolve().parents[1]
PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}
# One-word names that are ordinary words elsewhere ("the North" for North Korea) would match far too much.
AMBIGUOUS_ALIASES = {"North", "South", "East", "West", "Army", "Government", "Police", "Military", "Council"}
HEADER = """\
# Actors the pipeline finds and names. Each: name (canonical), aliases, kind (person or group), optional code
# (CAMEO, ISO or your own), roles (nominals such as "the general" that may refer to it), forces (for a person:
# the actor that "his forces" names). Extend it with your own actors, or pass --gazetteer FILE.
# Generated from the training split by scripts/build_gazetteer.py; the first entries (MANUAL there) are by hand.
"""
MANUAL = [  # actors of the example article that a user would expect out of the box (none is in the training data)
    {"name": "Khalifa Haftar", "aliases": ["Haftar", "Khalifa Hifter", "Hifter"], "kind": "person",
     "roles": ["general", "field marshal", "commander"], "forces": "Libyan National Army"},
    {"name": "Libyan National Army", "aliases": ["LNA", "Libyan Arab Armed Forces", "LAAF"], "kind": "group"},
    {"name": "Government of National Accord", "aliases": ["GNA"], "kind": "group", "roles": ["government"]},
    {"name": "Antonio Guterres", "aliases": ["Guterres", "António Guterres"], "kind": "person",
     "roles": ["secretary-general"]},
]


def clean(text: str) -> str:
    text = re.sub(r"^(the|a|an)\s+", "", " ".join(text.split()), flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", text)


def main() -> None:
    aliases, roles, kinds = defaultdict(Counter), defaultdict(Counter), defaultdict(Counter)
    for line in (ROOT / "data" / "train.jsonl").read_text(encoding="utf-8").splitlines():
        for m in json.loads(line)["mentions"]:
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
    actors = {a["name"]: a for a in MANUAL}
    for actor in sorted(aliases):
        if actor in actors or " and " in actor:
            continue  # joint sets ("India and Pakistan") are named by the text, not the gazetteer
        entry = {"name": actor, "aliases": sorted(a for a in aliases[actor] if a != actor and a not in AMBIGUOUS_ALIASES)}
        entry["kind"] = "person" if kinds[actor]["person"] > kinds[actor]["group"] else "group"
        if roles[actor]:
            entry["roles"] = sorted(roles[actor])
        actors[actor] = entry
    body = yaml.safe_dump({"actors": list(actors.values())}, allow_unicode=True, sort_keys=False, width=120)
    (ROOT / "configs" / "actors.yaml").write_text(HEADER + body, encoding="utf-8")
    print(f"configs/actors.yaml: {len(actors)} actors")


if __name__ == "__main__":
    main()
