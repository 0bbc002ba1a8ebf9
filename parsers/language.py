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
from parsers.text import LETTERS
from scraper.encoding import SCRIPT_CLASS, SCRIPT_NAMES, SCRIPT_RANGES

SAMPLE = 1000  # characters enough to tell a language (the model's time grows with them)
DECLARED_PLAUSIBLE = 0.05  # the declared language wins with this much of the model's belief
PROFILE_SURE = 0.1  # this share of a profile's function words confirms its declared language
OWN_SHARE = 0.01  # and this share of the letters its own beyond ASCII (ç, ş, ğ in Turkish)
FOREIGN_SHARE = 0.002  # letters foreign to a profile's language, per letter, that veto it


COUNTED_SCRIPTS = "LCA"  # latin, cyrillic and arabic (SCRIPT_RANGES' names)
# Runs of their letters, counted where a letter's first byte does not tell its script
# (regular expressions count them faster than a translation table can name each letter).
_SCRIPT_RUNS = {name: re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b - 1))}"
                                              for a, b in SCRIPT_RANGES[name]) + "]+")
                for name in COUNTED_SCRIPTS}


def dominant_script(text: str) -> str | None:
    """latin, cyrillic or arabic: the script most of the text's letters are in."""
    return _dominant_script(text[:SAMPLE])


@lru_cache(maxsize=16)  # a page asks it of its prose sample twice
def _dominant_script(sample: str) -> str | None:
    table, unsure = _lead_bytes()
    if unsure.search(sample) is None:  # each letter's script told by its first byte
        named = sample.encode("utf-8", "surrogatepass").translate(table)
        counts = {name: named.count(name.encode()) for name in COUNTED_SCRIPTS}
    else:
        counts = {name: sum(map(len, _SCRIPT_RUNS[name].findall(sample)))
                  for name in COUNTED_SCRIPTS}
    best = max(counts, key=counts.__getitem__)
    return SCRIPT_NAMES[best] if counts[best] else None


@cache
def _lead_bytes() -> tuple[bytes, re.Pattern]:
    """The script each first byte of a character's UTF-8 form begins only letters of
    (ASCII letters, à to ɏ, most of Cyrillic and Arabic), as a table for bytes.translate:
    ten times faster than counting runs. And the letters whose first byte also begins
    characters of another script or none (the end of Latin Extended-B, the Cyrillic
    Supplement, Arabic presentation forms): where the text has one, runs are counted."""
    letters = [code for ranges in SCRIPT_RANGES.values() for a, b in ranges for code in range(a, b)]
    table = bytearray(b"." * 256)
    alone: dict[int, bool] = {}  # per first byte: whether it begins letters of one script only
    for code in letters:
        lead = chr(code).encode()[0]
        if lead not in alone:  # the characters it begins: one, a block of 64 or of 4,096
            size = 1 if code < 0x80 else 64 if code < 0x800 else 4096
            first = code - code % size
            alone[lead] = len({SCRIPT_CLASS.get(c) for c in range(first, first + size)}) == 1
        if alone[lead]:
            table[lead] = ord(SCRIPT_CLASS[code])  # type: ignore[arg-type]
    unsure = [code for code in letters if table[chr(code).encode()[0]] == ord(".")]
    return bytes(table), re.compile(f"[{''.join(map(re.escape, map(chr, unsure)))}]"
                                    if unsure else r"(?!x)x")


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
    words = LETTERS.findall(sample)
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
