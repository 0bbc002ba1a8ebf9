"""Decoding HTML bytes the way the page meant them.

requests falls back to ISO-8859-1 when a server names no charset, and generic charset
detection reads short windows-1254 Turkish as windows-1252 ("kardeş" becomes "kardeþ").
So we decode ourselves: the HTTP charset, then a BOM or meta charset, then UTF-8, then
the legacy code pages of the source's language, and each candidate is checked against
the letters that language uses.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache
from itertools import islice


@dataclass(frozen=True)
class Decoding:
    """What a page's language tells about its bytes (the language profiles say it; the
    crawler is handed it): the legacy code pages its sites use, most likely first, and its
    letters beyond ASCII, against which each decoding is checked."""

    code_pages: tuple[str, ...] = ()
    letters: str = ""


_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
PLAUSIBILITY_WORDS = 300
_LETTER_RUNS = re.compile(r"[^\W\d_]+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_.:-]+)", re.I)


# Python codecs that are no web encoding: they raise on every page (undefined), take
# minutes over one (punycode), or read markup as code (the escapes, UTF-7).
NOT_WEB_ENCODINGS = frozenset(("undefined", "punycode", "idna", "raw-unicode-escape",
                               "unicode-escape", "utf-7", "palmos"))


def _codec(name: str | None) -> str | None:
    """The codec a declared charset names, or None when it names none a page may use."""
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    name = info.name
    if not getattr(info, "_is_text_encoding", True) or name in NOT_WEB_ENCODINGS:
        return None
    # Report the names the web uses (windows-1251), not Python's aliases (cp1251).
    return re.sub(r"^cp(125\d)$", r"windows-\1", name)


def header_charset(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return _codec(match.group(1)) if match else None


def meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return _codec(match.group(1).decode("ascii", "ignore")) if match else None


def language_fit(words: list[str], letters: str) -> float:
    """Share of the words' letters beyond ASCII that belong to the language (1.0 when
    none are known)."""
    alphabet = set(letters)
    if not alphabet:
        return 1.0
    found = _NOT_ASCII.findall("".join(words))
    if not found:
        return 1.0
    alphabet |= {c.upper() for c in alphabet} | {"İ"}
    return sum(map(alphabet.__contains__, found)) / len(found)


# Each letter to a one-letter name of its script (ASCII non-letters dropped), for
# str.translate: one C-level pass tells a word's or a text's scripts.
SCRIPT_RANGES = {
    "L": ((0x41, 0x5B), (0x61, 0x7B), (0xC0, 0x250)), "G": ((0x370, 0x400),),
    "C": ((0x400, 0x530),), "H": ((0x590, 0x600),),
    "A": ((0x600, 0x780), (0xFB50, 0xFE00), (0xFE70, 0xFF00)),
}
SCRIPT_CLASS = {
    **{c: None for c in range(0x80)},
    **{c: name for name, ranges in SCRIPT_RANGES.items() for r in ranges for c in range(*r)},
}
SCRIPT_NAMES = {"L": "latin", "G": "greek", "C": "cyrillic", "H": "hebrew", "A": "arabic"}


@cache  # asked of the first letter of every word
def script_of(char: str) -> str:
    """The writing system of a letter (latin, cyrillic, arabic, greek, hebrew, other)."""
    return SCRIPT_NAMES.get(char.translate(SCRIPT_CLASS)[:1], "other")


def plausibility(text: str, letters: str) -> float:
    """How much a decoding reads like text: 1.0 for clean text in the language.

    A wrong code page shows as words that mix scripts ("kardeю"), letters foreign to
    the language, and (in cased scripts) capitals in the middle of words. The first few
    hundred words beyond ASCII tell it as well as the whole page.
    """
    runs = _LETTER_RUNS.findall(text)
    words = list(islice((w for w in runs if not w.isascii()), PLAUSIBILITY_WORDS))
    if not words:
        return 1.0
    mixed = sum(len(set(w.translate(SCRIPT_CLASS))) > 1 for w in words) / len(words)
    inner = "".join(w[1:] for w in words)
    lower, upper = sum(map(str.islower, inner)), sum(map(str.isupper, inner))
    share = lower / (lower + upper) if lower + upper else 1.0
    return (1 - mixed) * language_fit(words, letters) * (0.5 + 0.5 * share)


def decode_html(body: bytes, content_type: str | None = None,
                decoding: Decoding | None = None) -> tuple[str, str]:
    """Decode page bytes; returns (text, encoding name). The first 16 KiB tell a code
    page as well as the whole page, at a fraction of the cost."""
    decoding = decoding or Decoding()
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, "replace"), name.replace("-sig", "")
    candidates = [header_charset(content_type), meta_charset(body), "utf-8",
                  *decoding.code_pages]
    # Latin-1 and windows-1252 decode any bytes, so they must fit the language fully.
    best: tuple[float, str, str] | None = None
    for name in dict.fromkeys(c for c in candidates if c):
        try:
            text = body.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if name == "utf-8":  # legacy code pages' letters are almost never valid UTF-8
            return text, name
        fit = plausibility(text[:16384], decoding.letters)
        if fit >= 0.9 and name not in ("iso8859-1", "windows-1252") or fit >= 0.99:
            return text, name
        if best is None or fit > best[0]:
            best = (fit, text, name)
    if best is not None:
        return best[1], best[2]
    return body.decode("utf-8", "replace"), "utf-8"
