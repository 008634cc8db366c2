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
from collections import Counter
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .mentions import COMPOUND_MODIFIER, GROUP_NOUNS, PERSON_NOUNS, Mention

TITLES = {
    "president", "prime", "minister", "general", "major", "lieutenant", "lt", "gen", "col", "colonel", "field",
    "marshal", "secretary", "secretary-general", "un", "u.n.", "united", "nations", "mr", "mrs", "ms", "dr",
    "foreign", "defence", "defense", "interior", "chief", "commander", "spokesman", "spokeswoman", "king",
    "sheikh", "emir", "brigadier", "admiral", "captain", "sergeant", "envoy", "special", "vice", "deputy",
    "senator", "ambassador", "governor", "premier", "army", "military", "leader", "prince", "chairman",
    "speaker", "head", "mayor", "judge", "bishop", "archbishop", "imam", "cardinal", "rev", "father", "sir",
    "lord", "queen", "crown", "sultan", "ayatollah", "grand", "supreme", "acting", "interim", "caretaker",
    "transitional", "former", "ex", "newly", "appointed", "elected", "self-proclaimed", "opposition", "rebel",
    "militia", "gang", "warlord", "cleric", "first", "second", "lt.", "gen.", "col.", "maj.", "sgt.", "capt.",
    "brig.", "adm.", "maj", "gen", "brig", "adm", "capt", "sgt", "spokesperson", "negotiator", "mediator",
    "coordinator", "representative", "commissioner", "chancellor", "attorney", "director", "marshall", "commodore",
    "staff", "state", "affairs",  # "Chief of Staff Dan Halutz", "Secretary of State Warren Christopher"
}
MILITARY_PLURALS = {"forces", "troops", "fighters", "soldiers", "units", "militants", "rebels"}
# Heads of armed nominals; a state modifying the first set names its armed forces ("Thai troops"), never the
# second ("Sudanese rebels" are not Sudan's army).
STATE_FORCE_HEADS = {"force", "forces", "troop", "soldier", "unit", "army", "brigade", "battalion", "division", "patrol",
                     "military", "navy", "marine", "serviceman", "servicemen", "officer", "commander", "airforce"}
NON_STATE_ARMED_HEADS = {"fighter", "militant", "rebel", "militia", "men", "gunman", "guerrilla", "guerrillas",
                         "insurgent", "jihadist", "separatist", "paramilitary", "combatant", "combatants"}
# Their weapons stand for them: "Israeli tanks" are the Israel Defense Forces, "U.N. helicopters" the UN (bare
# "warplanes" stay themselves: no owner is named).
WEAPON_HEADS = {"aircraft", "artillery"} | {f"{w}{s}" for w in ("tank", "warplane", "jet", "helicopter", "gunship",
                                                                 "gunboat", "warship", "bulldozer", "drone")
                                          for s in ("", "s")}
STATE_FORCE_HEADS |= WEAPON_HEADS
ARMED_HEADS = STATE_FORCE_HEADS | NON_STATE_ARMED_HEADS | {"guard"}
# Words a report uses for the same unnamed armed men: "some 30 heavily armed men" ... "the attackers"
ATTACKER_HEADS = NON_STATE_ARMED_HEADS | {"man", "gunmen"} | {
    f"{w}{s}" for w in ("attacker", "assailant", "raider", "kidnapper", "bomber", "sniper") for s in ("", "s")}
_DETERMINERS = re.compile(r"^(the|a|an|this|that|these|those)\s+", re.IGNORECASE)
_TRAILING_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z.-]{1,9})\)\s*$")


def _words(text: str) -> list[str]:
    return re.findall(r"[\w-]+", text.lower().replace("secretary general", "secretary-general"))


def _clean(text: str) -> str:
    """A phrase as an actor's name: no determiner, no acronym in brackets after it, no "Kenyan-led" before a
    capitalised name (a "US-led coalition" keeps its modifier), no possessive ending."""
    text = _TRAILING_ACRONYM.sub("", _DETERMINERS.sub("", " ".join(text.split())))
    first, _, rest = text.partition(" ")
    if COMPOUND_MODIFIER.search(first) and rest[:1].isupper():
        text = rest
    return re.sub(r"['’]s$", "", text)


_PARTICLE = re.compile(r"^(?:al|el|bin|ibn|de|del|van|von|den|der|da|di|du|le|la|las|los|dos|das)(?:[-‐].+)?$")


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or bool(_PARTICLE.match(token))


_NAME_CONNECTORS = {"of", "for", "the", "and", "in", "on", "y", "et"}


def _is_title(token: str) -> bool:
    """"General", and a compound of titles: "Lieutenant-General", "Major-General"."""
    word = token.lower().strip(".,")
    return word in TITLES or ("-" in word and all(part in TITLES for part in word.split("-")))


def _describes(token: str) -> bool:
    return token[:1].islower() and not _capitalised(token) and token not in _NAME_CONNECTORS \
        and not re.search(r"['’]s?$", token)


def name_form(text: str, kind: str) -> str:
    """The bare name: no determiner, possessive, leading description, attached acronym or (for persons) title.

    A person's name is the run of capitalised words after the last title or description ("Saddam Hussein" in
    "Iraqi President Saddam Hussein", "F.W. de Klerk" in "South African leader F.W. de Klerk")."""
    tokens = _TRAILING_ACRONYM.sub("", _clean(text)).split()
    while len(tokens) > 1 and (not tokens[0][:1].isupper() and not tokens[0][:1].isdigit()
                               or COMPOUND_MODIFIER.search(tokens[0])):  # "444th Brigade" keeps its number
        tokens = tokens[1:]  # "so-called Libyan National Army", "strongman ...", "the Algeria-backed Polisario"
    # A description in lower case before the name is no part of it ("Human rights organization Amnesty
    # International", "Hezbollah lawmaker Hassan Fadlallah"); a possessive is ("The Syrian army's Fourth Division").
    described = [i for i, token in enumerate(tokens) if _describes(token)]
    if described and described[-1] < len(tokens) - 1 and tokens[described[-1] + 1][:1].isupper():
        tokens = tokens[described[-1] + 1:]
    if kind == "person":
        cut = 0
        for i, token in enumerate(tokens[:-1]):  # "Mozambique's Chapo": a possessive describes too
            if token.lower() == "sheikh" and cut != i:
                continue  # within a name: "Hassan Sheikh Mohamud", "Sharif Sheikh Ahmed"
            if _is_title(token) or not _capitalised(token) or re.search(r"['’]s?$", token):
                cut = i + 1
        tokens = tokens[cut:] or tokens[-1:]
        while len(tokens) > 1 and _PARTICLE.match(tokens[0]) and "-" not in tokens[0]:
            tokens = tokens[1:]
    return " ".join(tokens)


_GENERIC_TAIL = re.compile(r"\s*\([^)]*\)|\s+(?:group|movement|militia|organi[sz]ation|party|gang|alliance|coalition"
                           r"|network)$", re.IGNORECASE)


def _core(form: str) -> str:
    """A group's name without a gloss in brackets or a generic noun after it: "Hizbollah (Party of God) group"
    -> "Hizbollah" (twice, for a noun before the gloss: "Hamas group (HG)")."""
    return _GENERIC_TAIL.sub("", _GENERIC_TAIL.sub("", form)).strip()


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


def resolve(mentions: list[Mention], gazetteer: Gazetteer | None = None, home: str | None = None) -> list[Mention]:
    """Set ``actor`` on every mention of one document (in document order); drops unresolved pronouns. ``home``:
    the state of the story's dateline (``dateline_state``), for "the government" in a report that names no state."""
    gazetteer = gazetteer or Gazetteer([])
    names = _resolve_names(mentions, gazetteer)
    by_start = {m.start: m for m in mentions}
    resolved: list[Mention] = []
    quoted = []  # first-person pronouns in quotes: resolved to the speaker once every mention is named
    for mention in mentions:
        if (mention.type == "pronoun" and mention.extra.get("quoted")) or (
                mention.type == "nominal" and not mention.actor and mention.extra.get("in_quote")
                and (re.match(r"^(?:our|my)\s", mention.text, re.IGNORECASE) or _ENEMY.match(mention.text))):
            quoted.append(mention)  # "we", "our troops", "the enemy": by the speaker, often named after the quote
            continue
        if mention.type == "nominal" and not mention.actor:
            head_mention = by_start.get(mention.extra.get("appos_of"))
            if head_mention is not None and head_mention.actor:
                mention.actor, mention.code = head_mention.actor, head_mention.code
            else:
                mention.actor = _nominal_actor(mention, resolved, names, gazetteer, home)
        elif mention.type == "pronoun":
            antecedent = _reporting_subject(mention, resolved) or _antecedent(mention, resolved)
            pair = _named_pair(mention, resolved, gazetteer, sentences_back=0) \
                if mention.kind == "group" and mention.plural else None
            if pair and (antecedent is None or antecedent.actor in pair.split(" and ")):
                mention.actor = pair  # "Iraq and Libya ... their arms industries"
            elif antecedent is None:
                continue
            else:
                mention.actor, mention.code = antecedent.actor, antecedent.code
        resolved.append(mention)
    for pronoun in quoted:
        speaker = _speaker(pronoun, resolved)
        if pronoun.type == "nominal":  # "our troops": the speaker side's forces, else the side itself
            side = _speaker_side(speaker, resolved, gazetteer, home) if speaker is not None else None
            if side and _ENEMY.match(pronoun.text):  # "the enemy": the other side
                side = _opponent(side, resolved, gazetteer)
            elif side and pronoun.head in STATE_FORCE_HEADS:
                side = _forces_or_self(side, gazetteer)
            pronoun.actor = side or _clean(pronoun.text)
            resolved.append(pronoun)
            continue
        if speaker is None:
            continue
        pronoun.actor, pronoun.code = speaker.actor, speaker.code
        if pronoun.extra["quoted"] == "speaker_group":
            pronoun.actor = _speaker_side(speaker, resolved, gazetteer, home)
            pronoun.code = None if pronoun.actor != speaker.actor else speaker.code
        resolved.append(pronoun)
    resolved = sorted(resolved, key=lambda m: m.start) if quoted else resolved
    _local_branches(resolved, gazetteer, home)
    return resolved


def _local_branches(resolved: list[Mention], gazetteer, home: str | None) -> None:
    """In a report about one state, a group's unnamed fighters are its branch there where the gazetteer has one:
    "Islamic State-linked insurgents", "the militants", "its fighters" in a story datelined PEMBA, Mozambique are
    Islamic State Mozambique Province. Where the writer names the group itself ("Islamic State claimed"), it
    stays the group (in place)."""
    state = home
    if state is None:  # else the state the report names most
        named = Counter(m.actor for m in resolved if gazetteer.is_state(m.actor)).most_common(1)
        state = named[0][0] if named else None
    if state is None:
        return
    for m in resolved:
        members = m.actor.split(" and ") if m.actor else []
        branches = [gazetteer.branch_of(member, state) for member in members]  # cached: cheap for most actors
        if any(branches) and gazetteer.lookup(name_form(m.text, "group")) is None:
            m.actor = " and ".join(b.name if b else member for b, member in zip(branches, members))
            m.code = None


def _resolve_names(mentions, gazetteer) -> list[_Name]:
    """Canonical names for name mentions; returns every name seen (inside other mentions too) for nominals."""
    names: list[_Name] = []
    for m in mentions:
        if m.type == "name":
            names.append(_Name(m.start, m.text, "", m.kind, m.sentence_index))
        for text, label in m.extra.get("names_inside", []):
            if text != m.text and text.lower() not in GROUP_NOUNS:  # "Junta leader Assimi Goita": no "Junta"
                names.append(_Name(m.start, text, "", "person" if label == "PERSON" else "group", m.sentence_index))
    for name in names:
        name.form = name_form(name.raw, name.kind)
    aliases = {}  # "LNA" -> "Libyan National Army", from "the Libyan National Army (LNA)"
    for name in names:
        acronym = _TRAILING_ACRONYM.search(name.raw)
        if acronym:
            aliases[acronym.group(1)] = name.form
    for name in names:
        entry = gazetteer.lookup(name.form) or gazetteer.lookup(name.raw) or gazetteer.lookup(_core(name.form)) \
            or gazetteer.close_match(name.form)  # "Ethopia", "President Laurent Gbago"
        if entry:
            name.actor = entry.name
            name.kind = entry.kind or name.kind
    for name in names:
        if name.actor:
            continue
        form = aliases.get(name.form, name.form)
        words, best, longest = _words(form), form, None
        for other in names:  # the longest form of the same name: its tail ("Haftar"), or for groups its start
            other_words = _words(other.form)  # ("the Polisario" of "the Polisario Front"), or its acronym
            if len(other_words) > len(_words(best)) and (
                    (words and other_words[-len(words):] == words
                     and other_words[-len(words) - 1] not in _NAME_CONNECTORS)  # not "Colonel X of the Frontier Corps"
                    or _acronym(other.form) == form
                    or (name.kind != "person" and other.kind != "person" and words
                        and other_words[:len(words)] == words)):
                best, longest = other.form, other
        if longest is None and len(words) == 1 and name.raw[:1].isupper():
            # "Kang" after "Kang Young-hoon", "Somchai" after "Somchai Wongsawat": a name given family name first
            # (or a Thai given name), when one person of the article starts with it
            starting = {other.form: other for other in names if other.kind == "person"
                        and len(_words(other.form)) > 1 and _words(other.form)[0] == words[0]}
            if len(starting) == 1:
                best, longest = next(iter(starting.items()))
        entry = gazetteer.lookup(best) or (gazetteer.person_by_surname(best) if name.kind == "person" else None)
        # "President Mugabe" alone in the article: Robert Mugabe; "the North" after "North Korean": North Korea
        name.actor = entry.name if entry else longest.actor if longest is not None and longest.actor else best
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


# Nominals that stand for the state or organisation that modifies them ("U.S. officials", "a senior Israeli
# official", "the Iraqi government", "Turkish authorities", "Hamas leaders").
AGENT_HEADS = {"official", "officials", "government", "authorities", "authority", "diplomat", "diplomats",
               "administration", "regime", "leadership", "delegation", "cabinet", "spokesman", "spokeswoman",
               "spokesperson", "minister", "ministers", "embassy", "negotiator", "negotiators"}
# "Israeli leaders" are the state, "Afghan rebel leaders" are not
_NATION_LEADERS = re.compile(r"^(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?\s+leaders$")
# "Hamas leaders", "the Taliban religious faction", "the UNITA militarist wing"
GROUP_AGENT_HEADS = {"leader", "leaders", "member", "members", "commander", "commanders", "faction", "wing"}


_POSTED_TO = re.compile(r"\b(envoy|ambassador|representative|delegate|emissary)\s+(?:to|at)\s.*$", re.IGNORECASE)


def _modifying_actor(text: str, gazetteer) -> str | None:
    """The state (by name or nationality adjective) or gazetteer organisation named inside ``text``; not the body
    an envoy is sent to ("Polisario's envoy to the United Nations" is Polisario's)."""
    text = _POSTED_TO.sub(r"\1", text)
    # "al Shabaab fighters", "a 444th Brigade commander"
    words = re.findall(r"(?:\b(?:al|el|ad|as|ash)[\s-]|\b\d+(?:st|nd|rd|th)\s)?[A-Z][\w.'’-]*", text)
    for n in range(min(3, len(words)), 0, -1):  # the longest run first: "South Korean" before "Korean"
        for i in range(len(words) - n + 1):
            run = re.sub(r"['’]s?$", "", " ".join(words[i:i + n]))
            found = gazetteer.state(run) or gazetteer.lookup(run)
            if found is not None and found.kind != "person":
                return found.name
    return None


def _state_pair(text: str, gazetteer) -> str | None:
    """"Senior Hungarian and Romanian officials", "French and Egyptian warships": the two states, as a set."""
    pair = re.match(r"^(?:\w+\s+)*?([A-Z][\w.'’-]*) and ([A-Z][\w.'’-]*)(\s[A-Z][\w.'’-]*)?\s", text)
    if not pair:
        return None
    first, second, more = pair.groups()
    # "Pakistani and Afghan Taliban negotiators": the second is the Taliban, not Afghanistan
    second_actor = (gazetteer.lookup(second + more) if more else None) or gazetteer.state(second)
    states = [gazetteer.state(first), second_actor]
    return " and ".join(st.name for st in states) if all(states) else None


SPEAKER_HEADS = {"official", "officials", "spokesman", "spokeswoman", "spokesperson", "source", "sources"}


def _military_agent(mention) -> bool:
    """"Israeli army officials", "a military spokesman": they speak for the armed forces, not the state."""
    return mention.head in SPEAKER_HEADS and bool(re.search(r"\b(?:army|military)\b", mention.text, re.IGNORECASE))


def _state_agent(mention, gazetteer) -> str | None:
    if mention.head in AGENT_HEADS and not _military_agent(mention):
        return _state_pair(mention.text, gazetteer) or _modifying_actor(mention.text, gazetteer)
    if mention.head in GROUP_AGENT_HEADS:
        found = _modifying_actor(mention.text, gazetteer)  # "Hamas leaders" are Hamas, "Israeli leaders" Israel
        return found if found and (not gazetteer.is_state(found) or _NATION_LEADERS.match(mention.text)) else None
    return None


_JOINT_HEADS = {"sides", "countries", "neighbours", "neighbors", "governments", "parties", "delegations", "armies",
                "rivals", "capitals", "leaders", "nations", "states", "foes", "adversaries", "camps", "groups",
                "factions"}
STATE_NOUNS = {"kingdom", "country", "republic", "state", "emirate", "nation"}
GENERIC_ROLES = {"group", "member", "leader", "official", "party", "faction", "force", "unit", "organisation",
                 "organization"}
GROUP_NOUNS_BARE = {"group", "movement", "gang", "militia", "bloc", "alliance", "organisation", "organization",
                    "faction", "party", "coalition", "front", "network", "cartel", "mission", "agency"}
# A state's institutions are actors of their own (the labeled set never names one by its state)
INSTITUTION_HEADS = {"parliament", "court", "senate", "congress", "assembly", "legislature"}
GOVERNMENT_HEADS = {"government", "authority", "authorities", "administration", "presidency", "cabinet", "regime",
                    "junta"}


def _recent(resolved, mention, test, sentences_back: int = 3):
    """The nearest earlier resolved mention (at most ``sentences_back`` sentences back) that passes ``test``."""
    for candidate in reversed(resolved):
        if candidate.sentence_index < mention.sentence_index - sentences_back:
            return None
        if candidate.actor and candidate.start < mention.start and test(candidate):
            return candidate
    return None


_OPEN_JOINT = re.compile(r"^(?:the\s+|all\s+(?:the\s+)?)?(?:(?:warring|rival)\s+(?:factions|groups|camps|governments)"
                         r"|(?:warring\s+|rival\s+)?(?:parties|sides|neighbou?rs|camps))$", re.IGNORECASE)
_STATE_SETS = re.compile(r"countries|neighbou?rs|capitals|governments|nations|states", re.IGNORECASE)
_ARMED_SETS = re.compile(r"armies|forces|troops|groups|factions", re.IGNORECASE)
_ARMED_TROOPS = re.compile(r"\b(?:armies|forces|troops|soldiers)\b", re.IGNORECASE)


def _joint_set(mention, resolved, gazetteer) -> str | None:
    """"both sides", "the two countries", "the warring parties", "both leaders": the pair last named together, else
    the two actors the article names most, in the order the article names them."""
    core = re.split(r"\s(?:of|from|in)\s", mention.text.lower())
    if not _OPEN_JOINT.match(mention.text) and (not re.search(r"\b(?:two|both)\b", mention.text, re.IGNORECASE) or not (
            core[0].split()[-1] in _JOINT_HEADS or (len(core) > 1 and core[-1].split()[-1] in _JOINT_HEADS))):
        return None  # "both sides", "the two West African neighbours", "the leaders of the two countries"
    pair = _named_pair(mention, resolved, gazetteer, states_only=bool(_STATE_SETS.search(mention.text)),
                       outside_sentence=mention.extra.get("after_appeal", False),
                       persons=len(core) == 1 and core[0].split()[-1] == "leaders",
                       as_states=not _ARMED_SETS.search(mention.text),
                       belligerents=bool(re.search(r"\bwarring\b", mention.text, re.IGNORECASE)))
    if pair and _ARMED_TROOPS.search(mention.text):  # "both armies" of two states: their armed forces
        pair = " and ".join(_forces_or_self(member, gazetteer) for member in pair.split(" and "))
    return pair


_ARMED_GROUPS = re.compile(r"(?:the|these|both|all)\s+(?:(?:armed|rival|warring)\s+)?(?:groups|gangs|cartels|militias"
                           r"|factions)", re.IGNORECASE)
_ARMED_GROUP_NOUNS = {"gang", "cartel", "militia", "faction"}
_ARMED_ROLES = {"militant", "insurgent", "rebel", "guerrilla", "jihadist", "gang", "cartel", "militia"}


def _armed_groups(mention, resolved, gazetteer) -> str | None:
    """"the armed groups", "the gangs", "the warring factions": the two armed groups the article names most, as for
    "both sides", where it names two or more; with one, the rules for a single group decide."""
    if not _ARMED_GROUPS.fullmatch(mention.text):
        return None
    def armed_group(m):
        if m.start >= mention.start or not m.actor or " and " in m.actor or m.kind == "person" \
                or gazetteer.is_state(m.actor) or gazetteer.is_forces(m.actor):
            return False
        entry = gazetteer.lookup(m.actor)
        return (m.type == "nominal" and m.head in _ARMED_GROUP_NOUNS) or bool(entry and set(entry.roles) & _ARMED_ROLES)
    return _two_most_named([m.actor for m in resolved if armed_group(m)])


def _named_pair(mention, resolved, gazetteer, states_only=False, sentences_back=None, outside_sentence=False,
                persons=False, as_states=False, belligerents=False) -> str | None:
    """The two actors a joint reference means: the last pair named together ("Thailand and Cambodia", or in one
    mention resolved before: "Indian and Chinese troops"), else the two the article names most (the most recent
    first on a tie), in the order the article names them.
    ``outside_sentence``: not the actors of the mention's own sentence (who call on the set); ``persons``: two
    people ("both leaders"); ``as_states``: a state's forces count as the state ("both sides": Israel, not the IDF);
    ``belligerents``: only sides that can fight ("the warring parties": not the Red Cross that visits them)."""
    def side(actor):
        return (gazetteer.state_of_forces(actor) or actor) if as_states else actor

    def eligible(m):
        return (m.kind == "person") == persons and m.actor and " and " not in m.actor and m.start < mention.start \
            and (gazetteer.is_state(side(m.actor)) or not states_only) \
            and (not belligerents or _belligerent(m.actor, gazetteer)) \
            and not (outside_sentence and m.sentence_index == mention.sentence_index)
    named = [m for m in resolved if m.type == "name" and eligible(m)]
    pairs = [(b.start, a, f"{side(a.actor)} and {side(b.actor)}") for a, b in zip(named, named[1:])
             if a.sentence_index == b.sentence_index and a.actor != b.actor and b.start - a.end <= len(" and ")
             and not a.extra.get("mediator")]  # "brokered by Qatar and Turkey": the mediators, not the parties
    # or a pair already resolved as one mention ("Indian and Chinese troops" ... "the two sides")
    pairs += [(m.start, m, " and ".join(side(x) for x in m.actor.split(" and "))) for m in resolved
              if m.type != "pronoun" and m.actor and m.actor.count(" and ") == 1 and "," not in m.actor
              and m.start < mention.start and (m.kind == "person") == persons
              and not (outside_sentence and m.sentence_index == mention.sentence_index)
              and all(x[:1].isupper() for x in m.actor.split(" and "))]
    if pairs:  # the pair named together last
        _, a, pair = max(pairs, key=lambda p: p[0])
        if sentences_back is not None and a.sentence_index < mention.sentence_index - sentences_back:
            return None
        if not states_only or all(gazetteer.is_state(x) for x in pair.split(" and ")):
            return pair
    if sentences_back is not None:
        return None
    return _two_most_named([side(m.actor) for m in resolved if eligible(m)])


def _two_most_named(actors: list[str]) -> str | None:
    """"A and B": the two actors named most often in ``actors`` (in document order; the most recent first on a
    tie), in the order the document first names them; None with fewer than two."""
    counts, first = {}, {}
    for rank, actor in enumerate(actors):
        counts[actor] = (counts.get(actor, (0, 0))[0] + 1, rank)
        first.setdefault(actor, rank)
    chosen = sorted(counts, key=counts.get, reverse=True)[:2]
    if len(chosen) < 2:
        return None
    return " and ".join(sorted(chosen, key=lambda a: first[a]))


def _state_of(actor: str, resolved, gazetteer) -> str | None:
    """The state an actor belongs to, read from how the article introduces it ("Colombian President Gustavo
    Petro" -> Colombia)."""
    if gazetteer.is_state(actor):
        return actor
    for m in resolved:
        if m.actor == actor:
            found = _modifying_actor(m.text, gazetteer)
            if found and gazetteer.is_state(found):
                return found
    return None


def _armed_actor(mention, resolved, gazetteer, inside: str | None = None, home: str | None = None,
                 names: list[_Name] = ()) -> str | None:
    """Armed nominals: "Thai troops" (a state's forces), "Taliban forces" / "fighters of JNIM" (the group),
    bare "the army" / "troops" (the armed actor just named, else the forces of the state just named)."""
    military_agent = _military_agent(mention)
    if mention.head not in ARMED_HEADS and mention.text.lower().split()[-1] not in MILITARY_PLURALS \
            and not military_agent:
        return None
    if _IRREGULAR_MODIFIER.search(mention.text):
        return None  # "a gang commander", "rebel troops": no state's forces
    pair = _state_pair(mention.text, gazetteer)
    if pair and mention.head not in WEAPON_HEADS:  # "Thai and Cambodian troops": the two armed forces
        return " and ".join(_forces_or_self(state, gazetteer) for state in pair.split(" and "))
    if pair:  # "French and Egyptian warships": the two states
        return pair
    owner = _modifying_actor(mention.text, gazetteer) or inside
    if owner:
        if not gazetteer.is_state(owner):
            return owner
        if mention.head not in STATE_FORCE_HEADS and not military_agent:
            return None
        branch = _BRANCH.search(mention.text)
        named = {n.actor for n in names if branch and n.actor and n.kind != "person"
                 and n.actor.lower().endswith(branch.group(1).lower())}
        if len(named) == 1:  # "the Greek navy" in a report that names "The Hellenic Navy"
            return named.pop()
        forces = _forces_or_branch(owner, mention.text, gazetteer)
        return forces if forces != owner else None
    if re.match(r"^(his|her|its|their|our)\s", mention.text, re.IGNORECASE) or mention.head in WEAPON_HEADS \
            or (mention.head not in STATE_FORCE_HEADS and not military_agent) \
            or (mention.head == "force" and not mention.plural):
        return None  # the possessive decides (below); bare "rebels" are not the army just named, nor is "the
        # force" (the "Gang Suppression Force" the report names, below)
    # a state's: "the army" (or "a military source") is not the RSF just named
    national = mention.head in ("army", "military") or military_agent
    if national and mention.extra.get("reported_by"):  # "President Daniel Chapo said the army": his state's
        side = _reported_side(mention, resolved, gazetteer, state=True, home=home)
        subject = _reporting_subject(mention, resolved, agree=False) if side is None else None
        if subject is not None and subject.kind != "person":  # "Algeria's foreign ministry ... said the army"
            owner = _modifying_actor(subject.text, gazetteer)
            side = owner if owner and gazetteer.is_state(owner) else None
        forces = gazetteer.forces_of(side) if side else None
        if forces is not None:
            return forces.name
    # "government forces" are the story's state's, never the armed group just named
    armed = None if _GOVERNMENT_FORCES.search(mention.text) else _recent(
        resolved, mention, lambda m: m.kind != "person" and _is_armed_name(m.actor, gazetteer)
        and " and " not in m.actor  # not a joint actor ("both armed groups")
        and (not national or gazetteer.state_of_forces(m.actor) is not None
             or gazetteer.lookup(m.actor) is None), sentences_back=2)
    if armed is not None:
        return armed.actor
    # the dateline's state ("the army" in a report from BAMAKO), else the state just named, else the one the
    # article names most so far
    state = _recent(resolved, mention, lambda m: gazetteer.is_state(m.actor))
    state_name = (home if home and gazetteer.forces_of(home) else None) or (
        state.actor if state is not None else _main_state(mention, resolved, gazetteer, home))
    forces = gazetteer.forces_of(state_name) if state_name else None
    return forces.name if forces else None


# A common noun, not a name: "a gang commander", "Rebel troops", but not the "Gang Suppression Force"
_IRREGULAR_MODIFIER = re.compile(
    r"\b(?:[Gg]ang|[Rr]ebel|[Mm]ilitia|[Gg]uerrilla|[Jj]ihadist|[Ii]nsurgent|[Cc]artel)\s+[a-z]")
_GOVERNMENT_FORCES = re.compile(r"(?<![-\w])(?:government|regime)\s+\w+$", re.IGNORECASE)  # not "pro-government"


def _main_state(mention, resolved, gazetteer, home: str | None = None) -> str | None:
    """The state the article names most before ``mention``, else the state of its dateline (``home``), else the
    state that introduces someone ("Sri Lankan President Chandrika Kumaratunga")."""
    counts: dict = {}
    for m in resolved:
        if m.start < mention.start and gazetteer.is_state(m.actor):
            counts[m.actor] = counts.get(m.actor, 0) + 1
    found = max(counts, key=counts.get, default=None) or home
    if found is None and not re.search(r"\sof\s", mention.text):  # not "the administration of General Haftar"
        for m in resolved:
            state = _modifying_actor(m.text, gazetteer) if m.start < mention.start and m.kind == "person" else None
            if state and gazetteer.is_state(state):
                return state
    return found


# "CITY, Country" then ", Dec 10 -" or " (Reuters) -", at the start or after a headline
_DATELINE = re.compile(r"(?:^|(?<=\s))([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*)(?:,\s*([A-Z][\w.'’ -]+?))?"
                       r"(?:,\s*[A-Z][a-z]{2,4}\.? \d{1,2}|\s*\([A-Z][\w ]+\))\s*[-–—]")


def dateline_state(text: str, gazetteer) -> str | None:
    """The state of a wire story's dateline: "PORT SUDAN, Sudan, Dec 10 - " (the country given), "TAIPEI, July 9 -"
    (the capital's state in the gazetteer), also after a headline ("Serbia puts army on alert BELGRADE, Dec 27 -");
    None without a dateline."""
    match = _DATELINE.search(text[:300])
    if match is None:
        return None
    city, country = match.groups()
    if country:
        found = gazetteer.state(country) or gazetteer.lookup(country)  # "Central African Republic"
    else:  # a headline's last capitalised word may run into the city: "... in DRC KINSHASA"
        words = city.split()
        found = next((f for f in (gazetteer.lookup(" ".join(words[i:]).title()) for i in range(len(words))) if f),
                     None)
    return found.name if found is not None and gazetteer.is_state(found.name) else None


_LOCAL = re.compile(r"\b(?:state|city|provincial|province|regional|local|municipal|county|district|town|village)\s"
                    r"(?:government|authorit|administration)", re.IGNORECASE)


def _government_actor(mention, resolved, gazetteer, owner=None, home: str | None = None) -> str | None:
    """"the government", "federal authorities", "a government spokesman", "his government", "his country": the
    state just named, or the owner's state."""
    if mention.head not in GOVERNMENT_HEADS and not (owner is not None and mention.head in ("country", "nation")) \
            and not (mention.head in AGENT_HEADS and re.search(r"\bgovernment\b", mention.text, re.IGNORECASE)):
        return None
    if _LOCAL.search(mention.text):
        return None  # "the state government", "city authorities": not the country's
    if owner is not None:
        side = _speaker_side(owner, resolved, gazetteer, home) if owner.kind == "person" else owner.actor
        return side if gazetteer.is_state(side) else _state_of(owner.actor, resolved, gazetteer)
    if re.match(r"^[A-Z][\w.'’-]*['’]s\s", mention.text):  # "Petro's government"
        person = mention.text.split("'")[0].split("’")[0]
        named = next((m for m in resolved if m.actor and person in m.actor.split()), None)
        if named is None:
            return None
        side = _speaker_side(named, resolved, gazetteer, home)  # "President Gustavo Petro" in a Colombian story
        return side if gazetteer.is_state(side) else _state_of(named.actor, resolved, gazetteer)
    state = _recent(resolved, mention, lambda m: gazetteer.is_state(m.actor))
    # else "the government" of the state the report is about
    return state.actor if state is not None else _main_state(mention, resolved, gazetteer, home)


# A UN mission's names ("United Nations Interim Force in Lebanon", "UN Verification Mission in Colombia") and the
# nominals that mean the mission a report names ("UN peacekeepers", "the UN peacekeeping force", "the mission")
_UN_MISSION = re.compile(r"^(?:United Nations|UN|U\.N\.)\s.*\b(?:mission|force|operation|office)\b", re.IGNORECASE)
_UN_PEACEKEEPING = re.compile(r"\b(?:UN|U\.N\.|United Nations)\s+(?:peacekeep\w*|mission|force|troops)\b", re.IGNORECASE)
_BARE_MISSION = re.compile(r"^the\s+(?:mission|peacekeepers|peacekeeping (?:force|mission))$", re.IGNORECASE)


def _is_un_mission(actor: str | None, gazetteer) -> bool:
    entry = gazetteer.lookup(actor or "")
    return any(_UN_MISSION.match(form) for form in [actor or ""] + (entry.aliases if entry else []))


def _un_mission(mention, resolved, names, gazetteer, home: str | None = None) -> str | None:
    """"UN peacekeepers", "the UN peacekeeping mission", "the mission": the UN mission the report names (the
    nearest before, else the first after), else the one the gazetteer places in the story's state; a bare "the
    mission" only where the nearest mission before is a UN one."""
    bare = bool(_BARE_MISSION.match(mention.text))
    if not bare and not _UN_PEACEKEEPING.search(mention.text):
        return None
    for candidate in reversed(resolved):
        if candidate.start < mention.start and _is_un_mission(candidate.actor, gazetteer):
            return candidate.actor
        if bare and candidate.start < mention.start and candidate.head == "mission":
            return None  # "the EU mission ... the mission"
    if bare and "peacekeep" not in mention.text.lower():
        return None  # "the peacekeeping force" may be the mission named after it, as "UN peacekeepers" may
    named = next((n.actor for n in names if n.position > mention.start and _is_un_mission(n.actor, gazetteer)), None)
    state = None if named else home or _main_state(mention, resolved, gazetteer)
    mission = gazetteer.un_mission_in(state) if state else None
    return named or (mission.name if mission is not None else None)


def _group_inside(mention, names, gazetteer) -> str | None:
    """A gazetteer group (no state, no state's forces) named inside a nominal: "ELN" in "Colombia's ELN guerrillas"."""
    for name in names:
        entry = gazetteer.lookup(name.raw) if name.position == mention.start and name.actor else None
        if entry is not None and entry.kind != "person" and not gazetteer.is_state(entry.name) \
                and not gazetteer.is_forces(entry.name):
            return name.actor
    return None


_MINISTRY = re.compile(r"\b(defen[cs]e|foreign|interior|war|information|justice)\s+ministry\b"
                       r"|\bministry\s+of\s+(?:the\s+)?(defen[cs]e|foreign affairs|interior|war|information|justice)",
                       re.IGNORECASE)


def _ministry(text: str) -> str | None:
    """"defence ministry" for "the defence ministry" and "the Ministry of Defense"; None for a bare "the ministry"."""
    found = _MINISTRY.search(text)
    if not found:
        return None
    kind = (found.group(1) or found.group(2)).lower().replace("defense", "defence").replace("foreign affairs", "foreign")
    return f"{kind} ministry"


def _named_alike(mention, resolved, gazetteer) -> str | None:
    """"The Zaire group" after "the rival Zaire militia": a group nominal that shares a capitalised word with a group
    nominal just before it (one that named no gazetteer actor) is that group."""
    words = re.findall(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w'’-]+", mention.text)
    if not words or mention.kind == "person" or mention.head not in GROUP_NOUNS_BARE:
        return None  # not "The Zintan military council" after "Armed groups from ... Zintan"
    earlier = _recent(resolved, mention, lambda m: m.type == "nominal" and m.kind != "person"
                      and m.head in GROUP_NOUNS_BARE | NON_STATE_ARMED_HEADS
                      and gazetteer.lookup(m.actor) is None and " and " not in m.actor
                      and any(re.search(rf"\b{re.escape(w)}\b", m.text) for w in words), sentences_back=2)
    return earlier.actor if earlier is not None else None


def _nominal_actor(mention, resolved, names: list[_Name], gazetteer, home: str | None = None):
    head = mention.head
    core = _core(_clean(mention.text))
    entry = gazetteer.lookup(mention.text) or gazetteer.lookup(_clean(mention.text)) or (
        gazetteer.lookup(core) if core[:1].isupper() else None)
    if entry and core != _clean(mention.text) and gazetteer.is_state(entry.name):
        entry = None  # "the Zaire group" is a group named after a place, not the state
    if entry:  # "Russian forces", "the Kremlin", "the Viv Ansanm gang alliance" named as the gazetteer names them
        mention.code = entry.code
        return entry.name
    named_alike = _named_alike(mention, resolved, gazetteer)
    if named_alike:
        return named_alike
    inside = next((n.actor for n in names if n.position == mention.start and n.kind != "person" and n.actor
                   and re.search(r"\b(?:of|loyal to|from)\s+(?:the\s+)?" + re.escape(n.raw), mention.text)),
                  None)  # "Rebels of the National Salvation Front (NAS)", "fighters loyal to the STC"
    if inside is None:  # "a BSF officer": the force whose acronym the report defined ("Border Security Force (BSF)")
        inside = next((n.actor for n in names if n.position == mention.start and n.kind != "person"
                       and n.actor and n.raw.isupper() and n.actor != n.raw and _acronym(n.actor) == n.raw), None)
    if head in NON_STATE_ARMED_HEADS or mention.text.lower().split()[-1] in ("guerrillas", "rebels", "fighters"):
        group = _group_inside(mention, names, gazetteer)
        if group:  # "Colombia's ELN guerrillas": the group's, not the state's
            return group
    found = _un_mission(mention, resolved, names, gazetteer, home) or _state_agent(mention, gazetteer) \
        or _joint_set(mention, resolved, gazetteer) or _armed_groups(mention, resolved, gazetteer) \
        or _armed_actor(mention, resolved, gazetteer, inside, home, names)
    if found:
        return found
    bare = _clean(mention.text).lower()
    if bare in STATE_NOUNS or bare in GROUP_NOUNS_BARE:
        side = _reported_side(mention, resolved, gazetteer, state=bare in STATE_NOUNS, home=home)
        if side:
            return side
    owner = re.match(r"^(his|her|its|their)\s", mention.text, re.IGNORECASE)
    if owner:  # "his forces", "its units": the forces of the actor the possessive points to
        word = owner.group(1).lower()  # "its" is an "it" (one organisation), "their" a "they"
        pronoun = Mention(mention.sentence_index, mention.start, mention.start, owner.group(1), "pronoun",
                          kind="person" if word in ("his", "her") else "thing" if word == "its" else "group",
                          extra=mention.extra)
        antecedent = _reporting_subject(pronoun, resolved) or _antecedent(pronoun, resolved)
        if antecedent is not None:
            if antecedent.kind != "person":
                if head in INSTITUTION_HEADS:
                    return _clean(mention.text)  # "its parliament" acts for itself, not for Turkey
                if head not in STATE_FORCE_HEADS:
                    return antecedent.actor
                # "its troops": a state's are its army, and so are those of "Cambodia's defence ministry"
                ministry = re.search(r"\b(?:defen[cs]e|war)\s+(?:ministry|department)|ministry of defen[cs]e",
                                     antecedent.text, re.IGNORECASE)
                state = (_modifying_actor(antecedent.text, gazetteer) or home
                         or _main_state(mention, resolved, gazetteer)) if ministry else None  # "The Defence Ministry"
                owner_actor = state if state and gazetteer.is_state(state) else antecedent.actor
                return _forces_or_branch(owner_actor, mention.text, gazetteer)
            men = mention.text.lower().split()[-1] == "men"  # its head is "man", no armed head
            if head in ARMED_HEADS or mention.text.lower().split()[-1] in MILITARY_PLURALS or men:
                if gazetteer.is_forces(antecedent.actor):  # "the army chief ... his troops"
                    return antecedent.actor
                entry = gazetteer.lookup(antecedent.actor)
                if entry and entry.forces:
                    return entry.forces
                if entry and entry.kind != "person":  # "An RSF commander ... his men": named by the group
                    return _forces_or_self(entry.name, gazetteer)
                side = _speaker_side(antecedent, resolved, gazetteer, home)  # "Zelenskiy ... his troops"
                if side != antecedent.actor:  # "A Taliban commander, Mawlawi Abdul Rahim, ... his men"
                    return _forces_or_self(side, gazetteer)
                if not men:  # "his men" of a man with no known side stay themselves
                    return f"forces of {antecedent.actor}"
            state = _government_actor(mention, resolved, gazetteer, owner=antecedent, home=home)
            if state:
                return state
            # "his media office", "her ministry": its own actor, named by the phrase (below)
    wants_person = head in PERSON_NOUNS and not mention.plural
    # a gazetteer role is singular: "the gangs" are the actor whose roles hold "gang" (Viv Ansanm)
    role = head[:-1] if mention.plural and head.endswith("s") and not head.endswith("ss") else head
    role = head if role in GENERIC_ROLES else role  # "militant groups" are not the one group named
    before = [n for n in names if n.position < mention.start][::-1]
    after = [n for n in names if n.position > mention.start]
    # "a CODECO faction threatened ... the rival Zaire militia": not an actor its own sentence has named
    rivals = {m.actor for m in resolved if m.sentence_index == mention.sentence_index} \
        if re.search(r"\brival\b", mention.text, re.IGNORECASE) else set()
    for candidate in before + after:
        if (candidate.kind == "person") != wants_person or candidate.actor in rivals:
            continue
        entry = gazetteer.lookup(candidate.actor or "")
        if (entry and role in entry.roles) or head in _words(candidate.raw):
            return candidate.actor
    ministry = _ministry(mention.text) if head == "ministry" else None
    if ministry and _modifying_actor(mention.text, gazetteer):
        return _clean(mention.text)  # "The Iraqi foreign ministry": named by itself, not by the last ministry
    if ministry:  # "the defence ministry" in a report from Ankara: Turkey's, as the gazetteer names it
        state = home or _main_state(mention, resolved, gazetteer)
        entry = gazetteer.office_of(state, ministry) if state else None
        if entry is not None:
            return entry.name
    same_head = _recent(resolved, mention, lambda m: m.type == "nominal" and m.head == head
                        and (m.kind == "person") == wants_person and m.actor not in rivals
                        and (not ministry or _ministry(m.text) == ministry)
                        and bool(_LOCAL.search(m.text)) == bool(_LOCAL.search(mention.text)), sentences_back=4)
    if same_head is not None:  # "the agency" after "the UN refugee agency"
        return same_head.actor
    state = _government_actor(mention, resolved, gazetteer, home=home)
    if state:
        return state
    if bare in STATE_NOUNS:  # "the kingdom", "the country": the state just named
        found = _recent(resolved, mention, lambda m: gazetteer.is_state(m.actor), sentences_back=2)
        if found is not None:
            return found.actor
    if head in ATTACKER_HEADS and re.match(r"^(?:the|these|those)\s", mention.text, re.IGNORECASE):
        earlier = _recent(resolved, mention, lambda m: m.type == "nominal" and m.head in ATTACKER_HEADS
                          and m.actor not in rivals, sentences_back=4)  # "the attackers": the armed men just described
        if earlier is not None:
            return earlier.actor
    if bare in GROUP_NOUNS_BARE:  # "the group", "the movement": the organisation just named
        found = _recent(resolved, mention, lambda m: m.type == "name" and m.kind != "person"
                        and not gazetteer.is_state(m.actor) and not gazetteer.is_forces(m.actor), sentences_back=2)
        if found is not None:
            return found.actor
    return _clean(mention.text)


# Titles that make a speaker a voice of the armed forces: "we" in an army spokesman's quote is the army.
MILITARY_TITLES = {"army", "military", "colonel", "col", "brigadier", "brig", "lieutenant", "lt", "major", "maj",
                   "commander", "admiral", "adm", "captain", "capt", "sergeant", "sgt", "marshal", "forces", "troops",
                   "corps", "brigade", "battalion", "regiment", "navy", "naval", "gen", "general"}
CIVIL_BEFORE_GENERAL = {"secretary", "attorney", "solicitor", "auditor", "inspector", "consul", "governor"}


def _military_speaker(texts: list[str]) -> bool:
    for text in texts:
        words = [w.lower().strip(".,'’") for w in text.split()]
        for i, word in enumerate(words[:-1]):
            if word in MILITARY_TITLES and not (word in ("general", "gen") and i and words[i - 1] in
                                                CIVIL_BEFORE_GENERAL):
                return True
    return False


def _speaker_side(speaker: Mention, resolved: list[Mention], gazetteer, home: str | None = None) -> str:
    """Whose "we" a speaker voices. A group speaks for itself. A person speaks for the organisation or state
    the article introduces them with ("Guyanese President Irfaan Ali", "army chief ..."), the forces the gazetteer
    gives them, or the state named outside the quote in the same sentence; a military speaker speaks for that
    state's forces (or the armed actor just named)."""
    if speaker.kind != "person":
        return speaker.actor
    texts = [speaker.text] + [m.text for m in resolved if m.actor == speaker.actor and m is not speaker]
    groups = [name for name, label in speaker.extra.get("names_inside", []) if label == "ORG"]
    entry = gazetteer.lookup(speaker.actor or "")
    side = _modifying_actor(speaker.text, gazetteer) or (groups[0] if groups else None) \
        or (entry.forces if entry else None) \
        or next((found for found in (_modifying_actor(t, gazetteer) for t in texts[1:]) if found), None)
    military = _military_speaker(texts)
    if side is None:
        same = next((m for m in resolved if m.sentence_index == speaker.sentence_index and m.type == "name"
                     and not m.extra.get("in_quote") and gazetteer.is_state(m.actor)), None)
        main = None
        if _state_office(texts) and not military:
            # "President Irfaan Ali" in a story datelined GEORGETOWN: Guyana, else the state the report names most
            main = home or _main_state(speaker, resolved, gazetteer)
        elif military:  # "army spokesman Major General ..." in a datelined report: the dateline's army
            main = home or _main_state(speaker, resolved, gazetteer)
        if same is not None and not military:
            side = same.actor
        elif main is not None:
            side = main  # an unnamed state's president or commander: the state the report is about
        elif military:
            armed = _recent(resolved, speaker, lambda m: m.kind != "person" and _is_armed_name(m.actor, gazetteer),
                            sentences_back=3)
            side = armed.actor if armed is not None else None
    if side and military:
        side = _forces_or_self(side, gazetteer)
    return side or speaker.actor


_BRANCH = re.compile(r"\b(navy|air force|coast guard)\b", re.IGNORECASE)


def _forces_or_branch(actor: str, text: str, gazetteer) -> str:
    """A state's navy, air force or coast guard where the gazetteer has that branch ("its air force": the Pakistan
    Air Force), else its armed forces."""
    branch = _BRANCH.search(text)
    entry = gazetteer.office_of(actor, branch.group(1).lower()) if branch and gazetteer.is_state(actor) else None
    return entry.name if entry is not None else _forces_or_self(actor, gazetteer)


def _forces_or_self(actor: str, gazetteer) -> str:
    """A state's armed forces where the gazetteer has them; any other actor (or a state without) is itself."""
    forces = gazetteer.forces_of(actor)
    return forces.name if forces else actor


def _state_office(texts: list[str]) -> bool:
    return any(re.search(r"\b(?:President|Prime Minister|Premier|Minister|Chancellor|King|Emir)\b", t) for t in texts)


def _is_armed_name(actor: str | None, gazetteer) -> bool:
    return gazetteer.is_forces(actor) or bool(_ARMED_NAME.search(actor or ""))


_ARMED_NAME = re.compile(r"\b(?:army|forces|military|(?:defen[cs]e|security|border) force)\b", re.IGNORECASE)


# What a speaker calls the other side: "the enemy will not know from where", "the Moroccan occupier" is named
_ENEMY = re.compile(r"^the\s+(?:enemy|enemies|invaders?|occupiers?|aggressors?)$", re.IGNORECASE)


def _belligerent(actor: str, gazetteer) -> bool:
    """A state, a state's forces or an armed group: a side that can fight (not the Red Cross, not the UN)."""
    entry = gazetteer.lookup(actor)
    return gazetteer.is_state(gazetteer.state_of_forces(actor) or actor) or _is_armed_name(actor, gazetteer) or bool(
        entry and set(entry.roles) & (NON_STATE_ARMED_HEADS | {"gang", "terrorist"}))


def _opponent(side: str, resolved, gazetteer) -> str | None:
    """The other side of a two-sided report: the state or armed actor the article names most that is neither
    ``side`` nor its state or forces (pronouns, joint actors and an actor named once do not count)."""
    def state(actor):
        return gazetteer.state_of_forces(actor) or actor

    counts: dict = {}
    for m in resolved:
        if m.type != "pronoun" and m.actor and m.kind != "person" and " and " not in m.actor \
                and state(m.actor) != state(side) and _belligerent(m.actor, gazetteer):
            counts[m.actor] = counts.get(m.actor, 0) + 1
    best = max(counts, key=counts.get, default=None)
    return best if best and counts[best] > 1 else None


def _speaker(pronoun: Mention, resolved: list[Mention]) -> Mention | None:
    """Who says a quote: the first actor of the sentence outside the quotes ("...," said Haftar), else the
    speaker of the sentence before."""
    for index in (pronoun.sentence_index, pronoun.sentence_index - 1):
        for candidate in resolved:
            if candidate.sentence_index == index and candidate.type != "pronoun" and candidate.actor \
                    and not candidate.extra.get("in_quote"):
                return candidate
    return None


def _reporting_subject(pronoun: Mention, resolved: list[Mention], agree: bool = True) -> Mention | None:
    """The subject of the reporting verb before a pronoun ("Kosovo police said they", "The European Union, which
    signed a pact with Tunis, said it"): the actor right before the verb, else the sentence's first actor when
    only a parenthetical set off by commas stands between it and the verb."""
    prefix = pronoun.extra.get("reported_by")
    if prefix is None:
        return None
    offset = pronoun.extra["sentence_start"]
    before = [c for c in resolved if c.sentence_index == pronoun.sentence_index and c.actor
              and c.end - offset <= len(prefix) and not c.extra.get("in_quote")]
    if not before:
        return None
    lead = prefix[:before[0].start - offset].strip()
    opens_sentence = not lead or bool(_DATELINE.fullmatch(lead))  # the first actor is the sentence's subject
    if pronoun.extra.get("main_clause"):
        subject = before[0] if opens_sentence else None  # "..., saying it", "what it called"
    else:
        subject = before[-1] if not prefix[before[-1].end - offset:].strip() else None
    if subject is None and re.fullmatch(r",[^\"“”]*,\s*(?:(?:has|have|had|also|again)\s+)*",
                                        prefix[before[0].end - offset:]):  # "X, a gang ..., has denied that it"
        subject = before[0]
    if subject is None and opens_sentence \
            and re.fullmatch(r"(?:,[^\"“”]*,)?\s[^\"“”,;]*\band\s*", prefix[before[0].end - offset:]):
        subject = before[0]  # "Bourita praised Washington for drafting the text and said the kingdom"
    if subject is None or (agree and (pronoun.kind == "person") != (subject.kind == "person")):
        return None
    return subject


def _reported_side(mention, resolved, gazetteer, state: bool, home: str | None = None) -> str | None:
    """"Moroccan Foreign Minister Nasser Bourita said the kingdom", "a spokesman for Los Tiguerones said the gang":
    the side the reporting verb's subject speaks for, when it is a state (``state``) or else an organisation."""
    subject = _reporting_subject(mention, resolved, agree=False)
    if subject is None:
        return None
    side = _speaker_side(subject, resolved, gazetteer, home) if subject.kind == "person" else subject.actor
    if side == subject.actor and subject.kind == "person":
        return None
    is_state = gazetteer.is_state(side)
    return side if is_state == state and (state or not gazetteer.is_forces(side)) else None


def _antecedent(pronoun: Mention, resolved: list[Mention]) -> Mention | None:
    """Nearest earlier actor (this sentence or the two before) that agrees with the pronoun."""
    for candidate in reversed(resolved):
        if candidate.sentence_index < pronoun.sentence_index - 2:
            break
        if candidate.start >= pronoun.start or not candidate.actor:
            continue
        prefix = pronoun.extra.get("object_prefix")
        if prefix is not None and candidate.text.lower() in ("he", "she", "they") \
                and candidate.sentence_index == pronoun.sentence_index \
                and not re.search(r"[,;]|\band\b|\bthat\b", prefix[candidate.end - pronoun.extra["sentence_start"]:]):
            continue  # "he would not meet him": an object is not its own clause's subject
        if pronoun.kind == "person" and candidate.kind == "person" and not candidate.plural:
            return candidate
        if pronoun.kind == "group" and candidate.kind != "person" and (candidate.plural or candidate.type == "name"):
            return candidate
        if pronoun.kind == "thing" and candidate.kind != "person" and not candidate.plural \
                and not (candidate.sentence_index == pronoun.sentence_index
                         and candidate.text.lower().startswith("its ")):
            return candidate  # "its air force and its troops": one owner, not the second the first's
    return None
