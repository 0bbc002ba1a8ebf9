"""Words with their places in the text, as the entity extractors read them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

# Letters joined by hyphens or a zero-width non-joiner (Persian) make one word.
_WORD = re.compile(r"[^\W\d_]+(?:[-‐\u200c][^\W\d_]+)*")
# A sentence ends at . ! ? ؟ after a word of two letters or more (not after г. or м.),
# at ! ? ؟ anyway, and at a line break.
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})[.!?؟:](?=\s)|[!?؟](?=\s)|\n")


class Token(NamedTuple):  # a tuple: made by the thousand on every page
    text: str
    start: int
    end: int
    suffix: bool  # a Turkish case ending after an apostrophe (Tiran'da), not a word

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


@lru_cache(maxsize=16)  # cities and officials read the same main text
def tokens(text: str) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end(), m.start() > 0 and text[m.start() - 1] in "'’")
            for m in _WORD.finditer(text)]


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Start and end of the sentence around the span `start`..`end`."""
    ends = _sentence_ends(text)
    before = bisect_right(ends, start) - 1  # the last sentence end at or before `start`
    after = bisect_left(ends, (start if end is None else end) + 1)
    return (ends[before] if before >= 0 else 0), (ends[after] if after < len(ends) else len(text))


@lru_cache(maxsize=16)
def _sentence_ends(text: str) -> list[int]:
    return [m.end() for m in _SENTENCE_END.finditer(text)]


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
