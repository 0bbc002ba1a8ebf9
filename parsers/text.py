"""The text model every entity extractor reads: one page's main text with its language,
its date, its folded form, its words and its sentences, each worked out once (lazily)
and shared by all the extractors of the page, instead of caches keyed on the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from itertools import repeat
from typing import NamedTuple

from parsers.calendars import normalize_digits, normalize_letters
from parsers.languages import profiles


def _letter_set() -> str:
    r"""What `[^\W\d_]` matches (a word's characters: alphanumeric, no digit, no
    underscore) in the Basic Multilingual Plane, as one set of ranges: re looks a set up
    in a table, where it tests those categories with several calls per character (a fifth
    of the time of all the patterns a page is read with). The letters beyond the plane
    (historic scripts, mathematical letters) are none of the languages muni reads."""
    # (the runs are found by re itself over the plane's characters: a loop in Python over
    # 65,536 of them cost a cold start 30 ms)
    plane = "".join(map(chr, range(0x10000)))
    spans = []
    for run in re.finditer(r"[^\W\d_]+", plane):
        first, last = run.start(), run.end() - 1
        # (the letters themselves, not \u escapes: re parses a set a third faster so)
        spans.append(chr(first) + (f"-{chr(last)}" if last > first else ""))
    return "[" + "".join(spans) + "]"


# One letter of a word, for the patterns that read runs of them. The guards inside other
# patterns (no letter before or after) keep re's categories: they test one character a
# match, and the set's size would slow every such pattern's compiling more than it gains.
LETTER = _letter_set()
LETTERS = re.compile(f"{LETTER}+")  # a run of letters
# Letters joined by hyphens or a zero-width non-joiner (Persian) make one word.
_WORD = re.compile(rf"{LETTER}+(?:[-‐\u200c]{LETTER}+)*")
# A sentence ends at . or : after a word of two letters or more that is no abbreviation
# (not after г., м., гр. or Dr.), at ! ? ؟ anyway, and at a line break.
_SENTENCE_MARK = re.compile(r"[.!?؟:](?=\s)|\n")
_WORD_BEFORE = re.compile(f"{LETTER}+$")
_YEAR_BEFORE = re.compile(r"\d{4}\s?$")
# a quotation or a bracket closed before the full stop (“ closes Bulgarian „…“)
_CLOSING = frozenset("\"”“»’)]")
# what Turkish pages set a case ending off with (Tiran'da, Tiran’da, Üsküp´te)
APOSTROPHES = "'’´`"
_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
# where a clause of a sentence ends: a comma or semicolon, or a dash set off by spaces
CLAUSE_BREAK = re.compile(r"[,،;]\s|\s[–—-]\s")
FRONTED_DATE_WORDS = 4  # "През месец септември 2017 г."


class Token(NamedTuple):  # a tuple: made by the thousand on every page
    text: str
    start: int
    end: int
    suffix: bool  # a Turkish case ending after an apostrophe (Tiran'da), not a word

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


def fold(text: str, language: str | None) -> str:
    """Lower case that keeps offsets: Turkish İ/I, Persian letter forms, Eastern digits,
    and the zero-width non-joiner as the space Persian writes as often between the parts
    of a compound (خواهر‌خواندگی, خواهر خواندگی: the phrases' spaces find both)."""
    profile = profiles().get(language or "")
    if profile is not None and profile.dotted_i:
        text = text.replace("İ", "i").replace("I", "ı")
    text = normalize_letters(normalize_digits(text)).replace("\u200c", " ")
    folded = text.lower()
    return folded if len(folded) == len(text) else text  # never shift offsets


@dataclass(frozen=True, eq=False)
class Text:
    """One text as the extractors read it. `raw` is the text itself (offsets point into
    it), `language` its ISO code, `published` the page's date where it has one, `title`
    its headline (no entity is read from it: it only says who the text is about)."""

    raw: str
    language: str | None = None
    published: date | None = None
    title: str | None = None

    @cached_property
    def folded(self) -> str:
        return fold(self.raw, self.language)

    @cached_property
    def headline(self) -> Text | None:
        """The headline read as a text of its own (officials' and events' words in it),
        its folding and words worked out once for both."""
        return Text(self.title, self.language, self.published) if self.title else None

    @cached_property
    def countries(self) -> list[tuple[int, int, str]]:
        """(start, end, ISO code) of each country the text names (cities are looked for
        outside them; an office's holder is read past them)."""
        return countries_in(self.raw, self.language)

    @cached_property
    def cases(self) -> dict[tuple, bool]:
        """Which case sets off each mention asked of (cities.in_case): several extractors
        ask it of the same one."""
        return {}

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        # thousands a page: made in C loops (map over the matches, tuple.__new__ past the
        # named tuple's Python-level constructor), and the case endings looked for only
        # where the text has an apostrophe
        raw, found = self.raw, list(_WORD.finditer(self.raw))
        starts = list(map(re.Match.start, found))
        suffixes: Iterable[bool] = repeat(False)
        if _APOSTROPHE.search(raw):
            suffixes = [start > 0 and raw[start - 1] in APOSTROPHES for start in starts]
        return tuple(map(tuple.__new__, repeat(Token), zip(
            map(re.Match.group, found), starts, map(re.Match.end, found), suffixes,
            strict=False)))  # (the endings may be endless: repeat)

    @cached_property
    def sentence_ends(self) -> tuple[int, ...]:
        return tuple(_sentence_ends(self.raw))

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each sentence, the end after its final mark."""
        raw, spans, start = self.raw, [], 0
        for end in self.sentence_ends:
            if raw[start:end].strip():
                spans.append((start, end))
            start = end
        if raw[start:].strip():
            spans.append((start, len(raw)))
        return tuple(spans)

    def sentence_bounds(self, start: int, end: int | None = None) -> tuple[int, int]:
        """Start and end of the sentence around the span `start`..`end`."""
        ends = self.sentence_ends
        before = bisect_right(ends, start) - 1  # the last sentence end at or before `start`
        after = bisect_left(ends, (start if end is None else end) + 1)
        return (ends[before] if before >= 0 else 0), \
            (ends[after] if after < len(ends) else len(self.raw))

    def sentence(self, start: int, end: int | None = None) -> str:
        """The sentence around a span, as evidence."""
        first, last = self.sentence_bounds(start, end)
        return self.raw[first:last].strip()


def _sentence_ends(text: str) -> list[int]:
    abbreviations, year_marks = _abbreviations()
    ends: list[int] = []
    for m in _SENTENCE_MARK.finditer(text):
        if m.group() in ".:" and text[m.start() - 1:m.start()] not in _CLOSING:
            before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
            word = before.group().lower() if before else ""
            # "... кмет от 2011 г. Преизбрана е": a year's mark may end a sentence, though
            # not a date put first ("През септември 2017 г. Кметът ...")
            year_end = (word in year_marks and m.group() == "." and before is not None
                        and _YEAR_BEFORE.search(text, max(0, m.start() - 8), before.start())
                        and text[m.end():m.end() + 4].lstrip()[:1].isupper()
                        and len(LETTERS.findall(text, ends[-1] if ends else 0, m.start()))
                        > FRONTED_DATE_WORDS)
            if (len(word) < 2 or word in abbreviations) and not year_end:
                continue
        ends.append(m.end())
    return ends


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """Words written with a full stop inside sentences, in every language known (the
    profiles' abbreviations and dotted honorifics), and the year marks among them (г.)."""
    short, years = set(), set()
    for profile in profiles().values():
        short |= {w.rstrip(".") for w in profile.abbreviations}
        short |= {w.rstrip(".") for w in profile.honorifics if w.endswith(".")}
        years |= {w.rstrip(".") for w in profile.date_words.get("year_after", ())
                  if w.endswith(".")}
    return frozenset(short | years), frozenset(years)

def leading_letters(phrases: Iterable[str]) -> frozenset[str]:
    """The run of letters each phrase begins with. A pattern made of the phrases, with no
    letter allowed before them, can only match where a text's run of letters is one of
    these: trying it there only is much faster than letting it scan the whole text."""
    runs = set()
    for phrase in phrases:
        match = LETTERS.match(phrase)
        if match is None:
            raise ValueError(f"a listed phrase that does not begin with a letter: {phrase!r}")
        runs.add(match.group())
    return frozenset(runs)


def matches_at(pattern: re.Pattern, text: str, starts: Sequence[int]) -> Iterator[re.Match]:
    """What pattern.finditer(text) gives, when every match begins at one of `starts`
    (sorted, each once)."""
    end = 0
    for start in starts:
        match = pattern.match(text, start) if start >= end else None
        if match is not None:
            end = match.end()
            yield match


_LETTER = re.compile(LETTER)


class WordPattern:
    r"""A pattern that matches only where a word begins, as if `(?<![^\W\d_])` stood
    before it. re would try that check at every position of the text; scanning for the
    pattern itself lets re skip to where its first letters occur, and each find is then
    checked (a rejected one resumes one character on, so nothing is missed)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None,
                 overlapping: bool = False) -> Iterator[re.Match]:
        """The matches in order; `overlapping`, the next is looked for from one character
        after the last one's start, not from its end."""
        end = len(text) if endpos is None else endpos
        while (m := self.search(text, pos, end)) is not None:
            yield m
            at = m.start()
            pos = m.end() if m.end() > at and not overlapping else at + 1

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """The first match (no generator made for it: searches come by the thousand)."""
        end = len(text) if endpos is None else endpos
        while (m := self.pattern.search(text, pos, end)) is not None:
            at = m.start()
            if not (at and _LETTER.match(text, at - 1)):
                return m
            pos = at + 1
        return None


def next_word(text: str, at: int) -> str:
    """The word after `at` (past any spaces), in lower case; "" where a mark comes first."""
    match = _WORD_AFTER.match(text, at)
    return match.group(1).lower() if match else ""


_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)")


def whole_words(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of each of the words where it stands whole in the text: for a few
    words, str.find over the text costs far less than a pattern's scan."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if not (at and text[at - 1].isalpha() or end < len(text) and text[end].isalpha()):
                found.append((at, end))
            at = text.find(word, at + 1)
    return found


@cache
def phrase_before(phrases: tuple[str, ...], stems: bool = False) -> re.Pattern | None:
    """Any of the phrases, as whole words, ending where a search of the text stops
    (`pattern.search(text, pos, at)`: right before `at`), spaces and opening quotes
    between (در رابطه با برگزاری «هفته فرهنگی …»); with `stems`, their last word may go
    on (نشست|های). None for none."""
    if not phrases:
        return None
    tail = r"[^\W\d_]*" if stems else r"(?![^\W\d_])"
    return re.compile(rf"(?<![^\W\d_])(?:{alternation(phrases, space=None)}){tail}"
                      r"[\s«\"“„']*\Z")


@cache
def word_pattern(words: tuple[str, ...], whole: bool = False) -> WordPattern | None:
    """Any of the words at the start of a word (stems), or as whole words; None for none."""
    if not words:
        return None
    return WordPattern("(?:" + "|".join(map(re.escape, words)) + ")"
                       + (r"(?![^\W\d_])" if whole else ""))


CONTAINING_CUES = 4  # matches before one (of other kinds) that may hold it


class WordCues:
    """Kinds of stems (visits, meetings, …), each found where a word begins. One scan
    (of a tree of their letters) finds every word start where any stem begins; each kind
    is then tried there only, which finds what a scan of the text per kind would (several
    matches of one kind never overlap), at a fraction of the cost."""

    def __init__(self, stems: Mapping[str, Iterable[str]]) -> None:
        self.stems = {kind: tuple(words) for kind, words in stems.items() if words}
        self.kinds = {kind: re.compile("(?:" + "|".join(map(re.escape, words)) + ")")
                      for kind, words in self.stems.items()}
        every = {w for words in self.stems.values() for w in words}
        self.any = WordPattern(_beginning_any(every)) if every else None
        self._begun: dict[str, list[str]] = {}  # per stem the scan stops at: the kinds to try

    def starts(self, text: str) -> dict[str, list[int]]:
        """Where each kind's matches begin, in order. A match inside a longer one of
        another kind is that kind's only: "bir araya geldi" is a meeting, not a visit's
        "geldi"; "göreve geldi" is taking office."""
        found: dict[str, list[int]] = {kind: [] for kind in self.kinds}
        if self.any is None:
            return found
        ends = dict.fromkeys(self.kinds, 0)
        hits: list[tuple[int, int, str]] = []  # (start, end, kind) in order of starts
        # (overlapping: a stem of another kind may begin inside this one's words)
        for m in self.any.finditer(text, overlapping=True):
            at = m.start()
            for kind in self._kinds_beginning(m.group()):
                if at >= ends[kind] and (hit := self.kinds[kind].match(text, at)) is not None:
                    rest = LETTERS.match(text, hit.end())  # (a stem held to its word's end)
                    hits.append((at, rest.end() if rest else hit.end(), kind))
                    ends[kind] = hit.end()
        for i, (at, end, kind) in enumerate(hits):
            if not any(other != kind and start <= at and end <= stop and stop - start > end - at
                       for start, stop, other in hits[max(0, i - CONTAINING_CUES):i + 1]):
                found[kind].append(at)
        return found

    def _kinds_beginning(self, shortest: str) -> list[str]:
        """The kinds a stem of which begins with the shortest stem the scan found: any
        other stem found there is longer, so begins with it too."""
        kinds = self._begun.get(shortest)
        if kinds is None:
            kinds = self._begun[shortest] = [
                kind for kind, words in self.stems.items()
                if any(w.startswith(shortest) for w in words)]
        return kinds


def alternation(phrases: Iterable[str], space: str | None = r"\s+",
                written: Mapping[str, str] | None = None) -> str:
    """A regular expression for any of the phrases that matches as `longest|…|shortest`
    does (the longest phrase the rest of the pattern allows), written as a tree of their
    characters, each space a run of `space` (or itself), and each character `written`
    maps as the pattern it gives (a hyphen as a dash, an apostrophe as any): re tries one
    branch per character instead of every phrase in turn. Never empty: no phrases match
    nothing."""
    units = {**({" ": space} if space else {}), **(written or {})}
    tree: dict = {}
    for phrase in phrases:
        node = tree
        for char in phrase:
            node = node.setdefault(units.get(char) or re.escape(char), {})
        node[""] = {}
    if not tree:
        return r"(?!x)x"

    def branch(node: dict) -> str:
        arms = [unit + branch(child) for unit, child in sorted(node.items()) if unit]
        body = "" if not arms else arms[0] if len(arms) == 1 else "(?:" + "|".join(arms) + ")"
        return f"(?:{body})?" if "" in node and body else body

    return branch(tree)


def _beginning_any(words: Iterable[str]) -> str:
    """A pattern that matches where any of the words begins, as a tree of their letters
    (посе(?:т|щ)|визит): re tries one branch per letter instead of every word in turn.
    It stops at the shortest word that matches; only where it matches counts."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        if "" in node:
            return ""
        arms = [re.escape(char) + branch(child) for char, child in sorted(node.items())]
        return arms[0] if len(arms) == 1 else "(?:" + "|".join(arms) + ")"

    return branch(tree)


def starts_between(starts: list[int], start: int, end: int) -> list[int]:
    """The positions (sorted) that fall within start..end."""
    return starts[bisect_left(starts, start):bisect_left(starts, end)]


def named_between(starts: Mapping[str, list[int]], start: int, end: int) -> list[str]:
    """The names of the patterns that match within start..end, in their order (most
    have no match on a page: those cost nothing)."""
    named = []
    for name, found in starts.items():
        if found:
            first = bisect_left(found, start)  # the first match at or after `start`
            if first < len(found) and found[first] < end:
                named.append(name)
    return named


def run_starts(text: str, leading: Mapping[str, frozenset[str]]) -> dict[str, list[int]]:
    """For each kind of phrase, where a run of letters it can begin with starts: one scan
    for all the runs (a tree of their letters), each find given to the kinds it begins."""
    starts: dict[str, list[int]] = {kind: [] for kind in leading}
    pattern = _runs_pattern(tuple(leading.items()))
    if pattern is not None:
        for m in pattern.finditer(text):
            run = m.group()
            for kind, runs in leading.items():
                if run in runs:
                    starts[kind].append(m.start())
    return starts


@cache
def _runs_pattern(leading: tuple[tuple[str, frozenset[str]], ...]) -> WordPattern | None:
    runs = set().union(*(found for _, found in leading))
    return WordPattern(rf"(?:{alternation(runs, space=None)})(?![^\W\d_])") if runs else None


class FreeSpans:
    """Spans taken one by one, none overlapping another, kept in text order: whether a new
    one is free costs a bisection (checking it against every span taken would be
    quadratic on a long page)."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        at = bisect_left(self._spans, (start, end))
        return not ((at and self._spans[at - 1][1] > start)
                    or (at < len(self._spans) and self._spans[at][0] < end))

    def take(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))


@cache
def _country_pattern(language: str) -> WordPattern:
    """The language's country names (as a tree of their letters: one scan is quick)."""
    return WordPattern("(" + alternation(profiles()[language].countries, space=None)
                       + rf")(?:[{APOSTROPHES}][^\W\d_]+)?(?![^\W\d_])")


def countries_in(text: str, language: str | None) -> list[tuple[int, int, str]]:
    """(start, end, ISO code) of each country name in the text, in the language's names."""
    profile = profiles().get(language or "")
    if profile is None or not profile.countries:
        return []
    folded = normalize_letters(text)  # تركيه is ترکیه
    return [(m.start(), m.end(), profile.countries[m.group(1)])
            for m in _country_pattern(profile.code).finditer(folded)]
