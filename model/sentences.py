"""Article -> sentences with character offsets into the article (pysbd, rule-based, made for news-like text)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_PARAGRAPH = re.compile(r"[^\r\n]+")
# pysbd is slow and unreliable on very long unbroken paragraphs; they are cut at whitespace first.
_MAX_PARAGRAPH = 20_000


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def _pieces(text: str, offset: int):
    """Cut an over-long paragraph at whitespace so each piece stays under the segmenter's limit."""
    while len(text) > _MAX_PARAGRAPH:
        cut = text.rfind(" ", 0, _MAX_PARAGRAPH)
        cut = cut if cut > 0 else _MAX_PARAGRAPH
        yield offset, text[:cut]
        offset, text = offset + cut, text[cut:]
    yield offset, text


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; ``text[s.start:s.end] == s.text`` holds for each, without edge whitespace."""
    sentences: list[Sentence] = []
    for paragraph in _PARAGRAPH.finditer(text):
        for offset, piece in _pieces(paragraph.group(), paragraph.start()):
            cursor = 0
            for sent in _segmenter().segment(piece):
                stripped = sent.strip()
                if not stripped:
                    continue
                # Locate each returned sentence in the piece to get exact offsets (pysbd's own spans can drift).
                found = piece.find(stripped, cursor)
                if found < 0:
                    continue
                cursor = found + len(stripped)
                start = offset + found
                sentences.append(Sentence(len(sentences), start, start + len(stripped), stripped))
    return sentences
