"""When two mentions name the same person (ANNOTATION.md: case folded, titles dropped,
one name's words all found in the other's: Стоянова is Галина Стоянова)."""

from __future__ import annotations

import re
from functools import cache

from parsers.languages import profiles

_WORD = re.compile(r"\w+(?:-\w+)?")


@cache
def _titles() -> frozenset[str]:
    return frozenset(w.rstrip(".") for p in profiles().values() for h in p.honorifics
                     for w in h.split())


def name_words(name: str) -> list[str]:
    return [w for w in _WORD.findall((name or "").casefold()) if w.rstrip(".") not in _titles()]


def same_person(a: str, b: str) -> bool:
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    shorter, longer = sorted((wa, wb), key=len)
    return all(w in longer for w in shorter)
