"""Dates in languages muni has no profile for, read by dateparser (200+ locales), behind
find_dates' interface: a researcher who adds a Romanian or Greek municipality gets its
dates on day one. The profile languages keep muni's own grammar, which measures better
on them (README, "Dependencies").

dateparser's search also reads ordinary words as dates (German "die", Spanish "de"), so
only a match that holds a number is kept: municipal pages give their dates in figures.
For the same reason only the runs of sentences that hold a year or a numeric date are
searched, 4,000 characters of them at most: the search translates every word it is
given, and costs tens of milliseconds on a long page (seconds on a page of figures).
"""

from __future__ import annotations

import calendar
import logging
import re
from datetime import date
from functools import cache

from parsers.text import Text

_FIGURE = re.compile(r"\d")
_DATED = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)|(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
MAX_SEARCHED = 4_000  # characters of a page dateparser searches (a short article)
MAX_CANDIDATES = 40  # years and numeric dates of a page it is given
log = logging.getLogger(__name__)
PERIODS = ("day", "month", "year")


@cache
def _parsers(language: str):
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
                "REQUIRE_PARTS": []}
    return search_dates, DateDataParser(languages=[language], settings=settings), settings


def _bounds(day: date, period: str) -> tuple[date, date]:
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return date(day.year, day.month, 1), date(day.year, day.month, last)
    return day, day


def find_dates_any(text: Text) -> list:
    """date_mentions for a language without a profile: every dated figure dateparser
    reads, in order."""
    language = text.language
    if not language or not text.raw.strip():
        return []
    search, reader, settings = _parsers(language)
    mentions: list = []
    seen: set[tuple[date, date]] = set()
    # dateparser costs about 2 ms a date-like figure: a page gets a bounded share of it,
    # in characters and in candidates (a list of 500 years is not 500 dates to look up)
    budget, candidates = MAX_SEARCHED, MAX_CANDIDATES
    for start, end in _with_figures(text):
        end = min(end, start + budget)
        given = 0  # the date-like figures of this run, the run cut after the last allowed
        for found_at in _DATED.finditer(text.raw, start, end):
            given += 1
            if given >= candidates:
                end = found_at.end()
                break
        budget -= end - start
        candidates -= given
        if budget < 0 or candidates < 0 or start >= end:
            log.debug("dates: the text from %d on not read by dateparser", start)
            break
        try:
            found = search(text.raw[start:end], languages=[language], settings=settings) or []
        except (ValueError, KeyError):  # a locale dateparser does not have
            return []
        cursor = start
        for written, _ in found:
            at = text.raw.find(written, cursor, end)
            if at < 0 or not _FIGURE.search(written):
                continue
            cursor = at + len(written)
            mention = _mention(reader, written, at, seen)
            if mention is not None:
                mentions.append(mention)
    return mentions


def _with_figures(text: Text) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive sentences that hold a year or a numeric
    date: the dates municipal pages give (a page of other figures costs dateparser
    seconds and gives nothing)."""
    runs: list[tuple[int, int]] = []
    for start, end in text.sentences:
        if _DATED.search(text.raw, start, end):
            if runs and runs[-1][1] == start:
                start = runs.pop()[0]
            runs.append((start, end))
    return runs


def _mention(reader, written: str, at: int, seen: set):
    """The match at `at` as a DateMention, or None when it reads as no new date."""
    from parsers.dates import DateMention

    part, data = _read(reader, written)
    if data is None:
        return None
    first, last = _bounds(data.date_obj.date(), data.period)
    start = at + written.find(part)
    if (start, first, last) in seen or not 1000 <= first.year <= 2100:
        return None
    seen.add((start, first, last))
    return DateMention(part, start, start + len(part), first, last, data.period, "gregorian")


def _read(reader, written: str):
    """The match read as one date, in the fewest of its words that say the same (search
    leaves prepositions and articles around it: "am 12. März 2019 die"): (what was read,
    its date data) or (written, None)."""
    words = written.split(" ")

    def parsed(first: int, end: int):
        part = " ".join(words[first:end])
        if not _FIGURE.search(part):
            return None
        data = reader.get_date_data(part)
        return data if data.date_obj is not None and data.period in PERIODS else None

    spans = [(k, e) for k in range(len(words)) for e in range(len(words), k, -1)]
    found = next(((k, e, d) for k, e in spans if (d := parsed(k, e)) is not None), None)
    if found is None:
        return written, None
    first, end, data = found
    same = (data.date_obj, data.period)
    while end - first > 1 and (d := parsed(first + 1, end)) is not None \
            and (d.date_obj, d.period) == same:
        first += 1
    while end - first > 1 and (d := parsed(first, end - 1)) is not None \
            and (d.date_obj, d.period) == same:
        end -= 1
    return " ".join(words[first:end]), data
