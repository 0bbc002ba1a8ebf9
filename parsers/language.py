"""Language identification for the main text: script first, then letters and stop words.

The page's own declaration (<html lang>, meta) decides when its script agrees with the
text; Bulgarian is never claimed for text whose letters are Russian or Macedonian.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from parsers.languages import Profile, profiles
from scraper.encoding import SCRIPT_CLASS, SCRIPT_NAMES

SAMPLE = 5000  # characters enough to tell a language

_WORD = re.compile(r"[^\W\d_]+")


def dominant_script(text: str) -> str | None:
    """latin, cyrillic or arabic: the script most of the text's letters are in."""
    counts = Counter(text[:SAMPLE].translate(SCRIPT_CLASS))
    best = max("LCA", key=lambda c: counts[c])
    return SCRIPT_NAMES[best] if counts[best] else None


def _score(profile: Profile, words: list[str], sample: str, letters: int) -> float:
    if not words:
        return 0.0
    stop = sum(map(profile.stop_words.__contains__, words)) / len(words)
    foreign = len(_foreign(profile.code).findall(sample)) / max(1, letters)
    return stop - 20 * foreign


@cache
def _foreign(code: str) -> re.Pattern:
    letters = "".join(sorted(profiles()[code].foreign_letters)) or "\x00"
    return re.compile(f"[{re.escape(letters)}]")


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of the text, or None when there is no text to tell by."""
    script = dominant_script(text)
    if script is None:
        return None
    candidates = [p for p in profiles().values() if p.script == script]
    if not candidates:
        return None
    sample = text[:SAMPLE].lower()
    words = _WORD.findall(sample)
    letters = sum(map(len, words))
    scores = {p.code: _score(p, words, sample, letters) for p in candidates}
    best = max(scores, key=scores.get)
    declared = (declared or "").split("-")[0].split("_")[0].lower()
    if declared in scores and scores[declared] >= scores[best] - 0.05 and scores[declared] > -0.05:
        return declared
    return best
