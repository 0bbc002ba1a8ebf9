"""Language identification for any language: py3langid's model (97 languages, shipped
inside the package) read together with the page's own declaration and muni's profiles.

- The declaration (<html lang>, Content-Language, og:locale) decides when the model finds
  the declared language plausible: a template's `lang="en"` on a Turkish article does not.
- A profile's foreign letters veto it: Bulgarian is never claimed for text whose letters
  are Macedonian or Russian (the model's nearest neighbours).
- A declared language that its profile reads plainly (a tenth of the words its function
  words, its own letters beyond ASCII, none of its foreign letters) is taken without
  asking the model, which costs more than the rest of the page's reading.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from parsers.languages import profiles
from scraper.encoding import SCRIPT_NAMES, SCRIPT_RANGES

SAMPLE = 1000  # characters enough to tell a language (the model's time grows with them)
DECLARED_PLAUSIBLE = 0.05  # the declared language wins with this much of the model's belief
PROFILE_SURE = 0.1  # this share of a profile's function words confirms its declared language
OWN_SHARE = 0.01  # and this share of the letters its own beyond ASCII (ç, ş, ğ in Turkish)
FOREIGN_SHARE = 0.002  # letters foreign to a profile's language, per letter, that veto it

_WORD = re.compile(r"[^\W\d_]+")


# Runs of latin, cyrillic and arabic letters (regular expressions count them faster than
# a translation table can name each letter).
_SCRIPT_RUNS = {name: re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b - 1))}"
                                              for a, b in SCRIPT_RANGES[name]) + "]+")
                for name in "LCA"}


def dominant_script(text: str) -> str | None:
    """latin, cyrillic or arabic: the script most of the text's letters are in."""
    return _dominant_script(text[:SAMPLE])


@lru_cache(maxsize=16)  # a page asks it of its prose sample twice
def _dominant_script(sample: str) -> str | None:
    counts = {name: sum(map(len, runs.findall(sample))) for name, runs in _SCRIPT_RUNS.items()}
    best = max(counts, key=counts.__getitem__)
    return SCRIPT_NAMES[best] if counts[best] else None


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _foreign(code: str) -> re.Pattern | None:
    profile = profiles().get(code)
    if profile is None or not profile.foreign_letters:
        return None
    return re.compile(f"[{re.escape(''.join(sorted(profile.foreign_letters)))}]")


def _vetoed(code: str, sample: str, letters: int) -> bool:
    foreign = _foreign(code)
    return foreign is not None and len(foreign.findall(sample)) > FOREIGN_SHARE * letters


def _profile_confirms(code: str, words: list[str], sample: str, letters: int,
                      script: str | None) -> bool:
    """A declared language whose profile reads the text plainly (its script, its own
    letters beyond ASCII, its function words, none of its foreign letters) needs no model
    to confirm it."""
    profile = profiles().get(code)
    if profile is None or script != profile.script:
        return False
    own = _own_letters(code)
    if own is not None and sum(map(len, own.findall(sample))) < OWN_SHARE * letters:
        return False
    stop = sum(map(profile.stop_words.__contains__, words)) / len(words)
    return stop >= PROFILE_SURE and not _vetoed(code, sample, letters)


@cache
def _own_letters(code: str) -> re.Pattern | None:
    own = profiles()[code].own_letters
    return re.compile(f"[{re.escape(own)}]+") if own else None  # runs: fewer to count


def normalise_code(value: str | None) -> str | None:
    """`bg-BG`, `tr_TR`, ` FA ` → the ISO 639-1 code; None for nothing."""
    code = (value or "").strip().replace("_", "-").split("-")[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of the text, or None when there is no text to tell by."""
    sample = text[:SAMPLE].lower()
    words = _WORD.findall(sample)
    letters = sum(map(len, words))
    if not letters:
        return None
    declared = normalise_code(declared)
    # the script of the text as given (its caller asks the same of it again)
    if declared is not None and _profile_confirms(declared, words, sample, letters,
                                                  dominant_script(text)):
        return declared
    ranked = _identifier().rank(sample)[:8]
    belief = dict(ranked)
    if declared is not None and belief.get(declared, 0.0) >= DECLARED_PLAUSIBLE \
            and not _vetoed(declared, sample, letters):
        return declared
    for code, _ in ranked:
        if not _vetoed(code, sample, letters):
            return code
    return ranked[0][0]
