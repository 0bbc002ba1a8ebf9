"""When two mentions name the same person (ANNOTATION.md: case folded, titles dropped,
one name's words all found in the other's: Стоянова is Галина Стоянова)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import combinations

from parsers.languages import profiles

_WORD = re.compile(r"\w+(?:-\w+)?")


@cache
def _titles() -> frozenset[str]:
    return frozenset(w.rstrip(".") for p in profiles().values() for h in p.honorifics
                     for w in h.split())


@lru_cache(maxsize=1 << 14)  # each name is compared with others many times
def name_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD.findall((name or "").casefold())
                 if w.rstrip(".") not in _titles())


@lru_cache(maxsize=1 << 14)
def spelling_words(name: str) -> tuple[str, ...]:
    """A name's words as one person's name is spelled two ways on a page: with or
    without the dots of Turkish i (Jenuzi and Jenuzı, İbrahim and Ibrahim)."""
    return name_words(name.replace("İ", "i").replace("ı", "i"))


def same_person(a: str, b: str, words: Callable[[str], tuple[str, ...]] = name_words) -> bool:
    """One name's words all among the other's (`words` reads a name's words)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    shorter, longer = sorted((wa, wb), key=len)
    return all(w in longer for w in shorter)


class NameIndex:
    """Names taken one by one, each at its number; which is the first that names the
    same person as another name. A name is the same person as the name whose words are
    a part of its own, or of whose words its own are a part, however it spells Turkish i
    (spelling_words): both are looked up (its
    words' sets of words, the names holding all its words), never every name compared
    with every other, which is quadratic on a page of hundreds of people."""

    def __init__(self) -> None:
        self._names: list[str] = []
        self._by_word: dict[str, set[int]] = {}
        self._by_words: dict[frozenset[str], set[int]] = {}

    def add(self, name: str) -> None:
        self._names.append(name)
        self.rename(len(self._names) - 1, name)

    def rename(self, number: int, name: str) -> None:
        """The name at `number` is now `name` (a fuller one)."""
        self._names[number] = name
        words = frozenset(spelling_words(name))
        self._by_words.setdefault(words, set()).add(number)
        for word in words:
            self._by_word.setdefault(word, set()).add(number)

    def first_same(self, name: str) -> int | None:
        words = sorted(set(spelling_words(name)))
        if not words:
            return None
        holding = [self._by_word.get(w, set()) for w in words]  # every word in another
        found = set.intersection(*holding)
        if len(words) <= MAX_NAME_WORDS:  # another's words all among these
            found |= set().union(*(self._by_words.get(frozenset(part), ())
                                   for k in range(1, len(words) + 1)
                                   for part in combinations(words, k)))
        else:
            found |= set().union(*holding)
        return next((i for i in sorted(found)
                     if same_person(self._names[i], name, spelling_words)), None)


MAX_NAME_WORDS = 8  # a longer "name" is compared with every name sharing a word with it
