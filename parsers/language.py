"""Language identification for the main text: script first, then letters and stop words.

The page's own declaration (<html lang>, meta) decides when its script agrees with the
text; Bulgarian is never claimed for text whose letters are Russian or Macedonian.
"""

from __future__ import annotations

import re
import unicodedata

from parsers.languages import Profile, profiles

_WORD = re.compile(r"[^\W\d_]+")


def script_of(char: str) -> str | None:
    name = unicodedata.name(char, "")
    for script in ("LATIN", "CYRILLIC", "ARABIC"):
        if name.startswith(script):
            return script.lower()
    return None


def dominant_script(text: str) -> str | None:
    counts: dict[str, int] = {}
    for char in text[:20000]:
        if char.isalpha():
            script = script_of(char)
            if script:
                counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _score(profile: Profile, words: list[str], letters: str) -> float:
    if not words:
        return 0.0
    stop = sum(w in profile.stop_words for w in words) / len(words)
    foreign = sum(c in profile.foreign_letters for c in letters) / max(1, len(letters))
    return stop - 20 * foreign


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of the text, or None when there is no text to tell by."""
    script = dominant_script(text)
    if script is None:
        return None
    candidates = [p for p in profiles().values() if p.script == script]
    if not candidates:
        return None
    sample = text[:20000].lower()
    words = _WORD.findall(sample)
    letters = "".join(c for c in sample if c.isalpha())
    scores = {p.code: _score(p, words, letters) for p in candidates}
    best = max(scores, key=scores.get)
    declared = (declared or "").split("-")[0].split("_")[0].lower()
    if declared in scores and scores[declared] >= scores[best] - 0.05 and scores[declared] > -0.05:
        return declared
    return best
