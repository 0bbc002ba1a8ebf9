"""Words with their places in the text, as the entity extractors read them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Letters joined by hyphens or a zero-width non-joiner (Persian) make one word.
_WORD = re.compile(r"[^\W\d_]+(?:[-‐\u200c][^\W\d_]+)*")
# A sentence ends at . ! ? ؟ after a word of two letters or more (not after г. or м.),
# at ! ? ؟ anyway, and at a line break.
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})[.!?؟:](?=\s)|[!?؟](?=\s)|\n")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    suffix: bool  # a Turkish case ending after an apostrophe (Tiran'da), not a word

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


def tokens(text: str) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end(), m.start() > 0 and text[m.start() - 1] in "'’")
            for m in _WORD.finditer(text)]


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Start and end of the sentence around the span `start`..`end`."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, start if end is None else end)
    return (starts[-1] if starts else 0), (after.end() if after else len(text))


@lru_cache(maxsize=16)  # relations and events split the same main text
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, the end after its final mark."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[start:m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return tuple(spans)
