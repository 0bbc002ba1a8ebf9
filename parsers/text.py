"""Words with their places in the text, as the entity extractors read them."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters joined by hyphens or a zero-width non-joiner (Persian) make one word.
_WORD = re.compile(r"[^\W\d_]+(?:[-‐\u200c][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?؟\n]\s")


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


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence around `position`."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, position)]
    after = _SENTENCE_END.search(text, position)
    return (starts[-1] if starts else 0), (after.start() if after else len(text))
