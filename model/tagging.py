"""Mention tagging: gold spans -> BIO token tags for training; predicted tags -> actor mentions at inference.

The tagging head (see modeling.py) reads the same encoder pass as the stance and sentiment heads. Spans are
snapped to whole words, and each found mention gets what resolution needs (kind, number, head noun, names inside
it, the name it stands in apposition to) from light rules and the gazetteer, since no parser runs on this path.
"""
from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .mentions import ACTOR_LEMMAS, GROUP_NOUNS, GROUP_PRONOUNS, PERSON_NOUNS, PERSON_PRONOUNS, THING_PRONOUNS, \
    Mention
from .sentences import Sentence

_PLURAL_IRREGULAR = {"men": "man", "gunmen": "gunman", "militias": "militia", "allies": "ally",
                     "authorities": "authority", "countries": "country", "paramilitaries": "paramilitary",
                     "police": "police", "people": "people"}
_HEAD_STOP = re.compile(r"\s(?:of|loyal|who|which|that|in|from|at|on|for|to|with)\s|\s*[(,]", re.IGNORECASE)
_NAME_RUN = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:al-|bin\s|de\s|of\s|the\s)?[A-Z][\w.'’-]*)*")
_DEMONYM = re.compile(r"(?:an|ian|ese|ish|i|ic)$")
_FIRST_PERSON = {"we", "us", "our", "ours", "i", "me", "my"}
_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS | _FIRST_PERSON | {"hers", "theirs", "himself",
                                                                                "herself", "themselves", "itself"}
_TITLE_WORDS = {"secretary", "leader", "chief", "spokesman", "spokeswoman", "commander", "major", "lieutenant",
                "president", "general", "gen.", "minister", "prime", "colonel", "col.", "marshal", "king", "prince",
                "sheikh", "emir", "mr", "mr.", "mrs", "ms", "dr", "secretary-general", "commander", "lt.", "maj."}
_GROUP_NAME_WORDS = GROUP_NOUNS | {"front", "forces", "brigades", "corps", "nations", "organisation", "organization",
                                   "republic", "kingdom", "federation", "agency", "ministry", "office", "state",
                                   "houthis", "taliban", "hamas", "hezbollah", "un", "nato", "eu", "au", "ecowas"}


def word_starts(offsets, text: str) -> list[bool]:
    """Whether each token starts a word: it does unless it touches the previous token with letters on both sides."""
    starts = []
    for i, (a, _) in enumerate(offsets):
        starts.append(i == 0 or a != offsets[i - 1][1] or not (text[a - 1:a].isalnum() and text[a:a + 1].isalnum()))
    return starts


def spans_to_tags(offsets, spans, types, tag_labels) -> list[int]:
    """BIO tag ids, one per token, for gold mention spans (character offsets) of the given types."""
    index = {label: i for i, label in enumerate(tag_labels)}
    outside = index["O"]
    tags = [outside] * len(offsets)
    for (start, end), mtype in zip(spans, types):
        inside = [i for i, (a, b) in enumerate(offsets) if a < end and b > start and b > a]
        if inside:
            tags[inside[0]] = index.get(f"B-{mtype}", outside)
            for i in inside[1:]:
                tags[i] = index.get(f"I-{mtype}", outside)
    return tags


def allowed_transitions(tag_labels):
    """BIO constraints as a (previous, current) boolean matrix: I-x only after B-x or I-x."""
    import torch

    n = len(tag_labels)
    allowed = torch.ones((n, n), dtype=torch.bool)
    for j, cur in enumerate(tag_labels):
        if cur.startswith("I-"):
            for i, prev in enumerate(tag_labels):
                allowed[i, j] = prev in (f"B-{cur[2:]}", cur)
    return allowed


def viterbi(logits, lengths, tag_labels) -> list[list[int]]:
    """The most probable tag sequence of each row that obeys BIO (no I-x after O or after another type), so a
    mention is never cut into pieces where the head hesitates between types. ``logits``: (rows, length, tags)
    over the tokens between [CLS] and [SEP]; ``lengths``: tokens per row."""
    import torch

    allowed = allowed_transitions(tag_labels)
    penalty = torch.where(allowed, 0.0, float("-inf"))
    scores = torch.log_softmax(logits.float(), -1)
    starts = torch.tensor([not label.startswith("I-") for label in tag_labels])
    best = scores[:, 0].masked_fill(~starts, float("-inf"))
    row_lengths = torch.as_tensor(lengths).unsqueeze(1)
    back = []
    for t in range(1, scores.shape[1]):
        step = best.unsqueeze(2) + penalty  # (rows, previous, current)
        value, index = step.max(1)
        live = row_lengths > t
        best = torch.where(live, value + scores[:, t], best)
        back.append(torch.where(live, index, torch.arange(len(tag_labels)).expand_as(index)))
    paths = []
    for row, n in enumerate(lengths):
        tag = int(best[row].argmax())
        path = [tag]
        for t in range(n - 1, 0, -1):
            tag = int(back[t - 1][row, tag])
            path.append(tag)
        paths.append(path[::-1][:n])
    return paths


def decode_tags(tag_ids, offsets, text: str, tag_labels) -> list[tuple[int, int, int, int, str]]:
    """Mentions from predicted tags: (token start, token end, char start, char end, type), whole words only.

    An I- tag after O starts a mention (the head is sometimes unsure of the first token); a word's pieces never
    end up in two mentions, and a mention that would cut a word is widened to the whole word.
    """
    starts = word_starts(offsets, text)
    runs, current = [], None
    for i, tag in enumerate(tag_ids):
        label = tag_labels[int(tag)]
        if label == "O":
            current = None
            continue
        prefix, mtype = label.split("-", 1)
        if current and current[2] == mtype and (prefix == "I" or not starts[i]):
            current[1] = i + 1
        else:
            current = [i, i + 1, mtype]
            runs.append(current)
    mentions = []
    for first, last, mtype in runs:
        while first > 0 and not starts[first]:
            first -= 1
        while last < len(offsets) and not starts[last]:
            last += 1
        if mentions and first < mentions[-1][1]:  # widened into the previous mention: join them
            prev = mentions.pop()
            first, mtype = prev[0], prev[4]
        char_start, char_end = offsets[first][0], offsets[last - 1][1]
        if text[char_start:char_end].strip():
            mentions.append([first, last, char_start, char_end, mtype])
    return [tuple(m) for m in _mend_brackets(mentions, offsets, text)]


def _mend_brackets(mentions, offsets, text):
    """An attached acronym belongs to its name ("the Libyan National Army (LNA)"): join "...Army (" + "LNA)", and
    never let a mention end on an opening bracket or carry a closing one it did not open."""
    mended = []
    for m in mentions:
        if mended and text[mended[-1][3] - 1] == "(" and m[2] == mended[-1][3]:
            mended[-1][1], mended[-1][3] = m[1], m[3]
            continue
        mended.append(m)
    for m in mended:
        span = text[m[2]:m[3]]
        while m[1] - m[0] > 1 and (span.endswith("(") or (span.endswith(")") and span.count("(") < span.count(")"))):
            m[1] -= 1
            m[3] = offsets[m[1] - 1][1]
            span = text[m[2]:m[3]]
    return mended


def _head(text: str) -> tuple[str, bool]:
    """The head noun of a nominal (singular form) and whether it is plural."""
    core = _HEAD_STOP.split(" " + text + " ", maxsplit=1)[0]
    words = re.findall(r"[A-Za-z][\w-]*", core) or re.findall(r"[A-Za-z][\w-]*", text) or [text]
    word = words[-1].lower()
    if word in _PLURAL_IRREGULAR:
        return _PLURAL_IRREGULAR[word], word not in ("police",)
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        stem = word[:-1]
        if stem in ACTOR_LEMMAS or word in GROUP_NOUNS or stem in PERSON_NOUNS:
            return (stem if stem in ACTOR_LEMMAS | PERSON_NOUNS else word), True
        return word, True
    return word, False


def guess_kind(name: str, gazetteer: Gazetteer) -> str:
    """person or group for a name: the gazetteer's word (for the name or its tail: "UN chief Antonio Guterres"),
    else the shape of the name."""
    words = re.findall(r"[\w.'’-]+", name)
    for i in range(len(words)):
        entry = gazetteer.lookup(" ".join(words[i:]))
        if entry and entry.kind:
            return entry.kind
    lower = [w.lower().strip(".") for w in words]
    if not lower or lower[-1] in _GROUP_NAME_WORDS or (len(words) == 1 and words[0].isupper()):
        return "group"
    if any(w in _TITLE_WORDS for w in lower[:-1]):
        return "person"
    if any(w in _GROUP_NAME_WORDS for w in lower):
        return "group"
    capitalised = [w for w in words if w[:1].isupper() or w.lower().startswith("al-")]
    return "person" if len(capitalised) >= 2 and len(words) <= 4 else "group"


def _names_inside(text: str, gazetteer: Gazetteer) -> list[tuple[str, str]]:
    names = []
    for match in _NAME_RUN.finditer(text):
        name = re.sub(r"['’]s$", "", match.group(0)).strip()
        if name.split()[0].lower() in ("the", "a", "an") and len(name.split()) > 1:
            name = name.split(" ", 1)[1]
        if name.lower() in ("the", "a", "an") or not name:
            continue
        if " " not in name and _DEMONYM.search(name) and not gazetteer.lookup(name):
            continue  # "Libyan" in "a renegade Libyan general" describes, it does not name
        names.append((name, "PERSON" if guess_kind(name, gazetteer) == "person" else "ORG"))
    return names


def _in_quote(text: str, position: int) -> bool:
    before = text[:position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def make_mention(sentence: Sentence, char_start: int, char_end: int, mtype: str, gazetteer: Gazetteer,
                 previous: Mention | None = None) -> Mention:
    """A Mention with what resolution needs, for a span of ``sentence`` (offsets within the sentence)."""
    text = sentence.text[char_start:char_end]
    start = sentence.start + char_start
    lower = text.lower()
    extra: dict = {"in_quote": _in_quote(sentence.text, char_start)}
    # Pronouns are a closed class: the word decides the type, whatever the tagging head said.
    if lower in _PRONOUNS:
        mtype = "pronoun"
    elif mtype == "pronoun":
        mtype = "nominal"
    if mtype == "pronoun":
        kind = "person" if lower in PERSON_PRONOUNS | {"i", "me", "my"} else \
            "thing" if lower in THING_PRONOUNS else "group"
        head, plural = lower, lower in GROUP_PRONOUNS | {"we", "us", "our"}
        if lower in _FIRST_PERSON and extra["in_quote"]:
            extra["quoted"] = "speaker" if lower in ("i", "me", "my") else "speaker_group"
    else:
        extra["names_inside"] = [n for n in _names_inside(text, gazetteer) if n[0] != text]
        if mtype == "nominal":
            head, plural = _head(text)
            kind = "person" if head in PERSON_NOUNS and not plural else "group"
            if previous is not None and previous.type == "name" and previous.sentence_index == sentence.index:
                between = sentence.text[previous.end - sentence.start:char_start]
                if between.strip() == ",":  # "Khalifa Haftar, the general," is the general Haftar
                    extra["appos_of"] = previous.start
        else:
            head, plural = lower.split()[-1] if lower.split() else lower, False
            kind = guess_kind(text, gazetteer)
    return Mention(sentence_index=sentence.index, start=start, end=start + len(text), text=text, type=mtype,
                   kind=kind, plural=plural, head=head, extra=extra)
