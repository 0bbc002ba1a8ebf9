"""Calendar dates written in text, normalised to Gregorian ranges (ANNOTATION.md, dates).

One grammar for every language, filled from the language's profile: month names (and
Solar and Lunar Hijri months for Persian), day numbers written as words, the words that
make a bare year a time (`през 2007г.`, `2019 yılında`, `سال ۱۳۹۴`), range words, era
markers, and the words that are a date only with their year (می, the verb prefix).

First the atoms: full dates (2019-12-25, 21.02.2019, 15-01-2020, 12.VIII.2024, 12.Mart.2019,
21 февруари 2019, ۱۴۰۲/۰۸/۱۰, 3/8/91), day lists and ranges (21-22 февруари 2019, 5-6-7
Haziran 2022, هشتم تا یازدهم آذر), month and year (нов 2008, 2021 yılı Kasım, آبان ماه سال
۱۳۸۷), periods of months and of years (Ocak-Şubat 2020, 2021 – 2027 г.), months alone after
a marker, and marked years. Then atoms joined only by a range word become one range (от
01.03.2015 до 31.03.2015; септември и началото на октомври 2021), and dates without a year
take it from their sentence, or the page's date when close."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from parsers.calendars import (
    HIJRI_YEARS,
    hijri_month_length,
    hijri_to_gregorian,
    hijri_year_of,
    jalali_month_length,
    jalali_to_gregorian,
    normalize_digits,
    normalize_letters,
)
from parsers.dates_any import borrowed_profile
from parsers.languages import Profile, profiles
from parsers.text import (
    APOSTROPHES,
    FreeSpans,
    Text,
    WordPattern,
    alternation,
    leading_letters,
    matches_at,
    run_starts,
)

ROMAN_MONTHS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8,
                "ix": 9, "x": 10, "xi": 11, "xii": 12}
# Cyrillic pages often type a Roman month with the Cyrillic look-alikes (30.ІХ.2020)
_ROMAN_LOOKALIKES = str.maketrans("іх", "ix")
NO_LETTER_BEFORE = r"(?<![^\W\d_])"
NO_LETTER_AFTER = r"(?![^\W\d_])"
GREGORIAN_YEARS = range(1000, 2101)
JALALI_YEARS = range(1200, 1501)
YEARS = {"gregorian": GREGORIAN_YEARS, "jalali": JALALI_YEARS, "hijri": HIJRI_YEARS}
SHORT_YEAR_PIVOT = 50  # a Gregorian year of two figures below this is 20xx, else 19xx
# a Solar Hijri one below this is 14xx, else 13xx: 1400 began in 2021, and a year of two
# figures names a year lived (بهمن ۵۷, سال ۳۲), not one decades ahead
JALALI_SHORT_PIVOT = 20
BETWEEN_REACH = 24  # characters before a date its "between" may stand (بین سال‌های)
SHORTEST_MONTH = 28  # days: the last day of a month is at least this one
LIST_MAX = 12  # items of a list of days or years read as one date
# characters from a day to its month's name, at most: a list of LIST_MAX days and range
# words (a day is tried as one only with a month this close after it)
MONTH_REACH = 240
PART_REACH = 12  # characters before a day a word for a part of a month is looked for in
# A yearless day this close to the page's date is in its year; a recurring holiday far
# from it (8 септември) is not certain enough. A month named alone ("eylül ayında
# yapılacak") is the page's month or one in the half year after it.
PUBLISHED_WINDOW = timedelta(days=45)
PUBLISHED_WINDOW_MONTH = timedelta(days=183)
# The years a headline may name for a page without a date ("… фестивал 2022", "جشنواره
# ۱۴۰۱"): a recent Gregorian or Solar Hijri year, as a number of its own.
HEADLINE_YEARS = {"gregorian": range(1900, 2101), "jalali": range(1300, 1500)}
_NUMBER = re.compile(r"(?<![\d.,/])\d{4}(?![\d.,/])")


@dataclass(frozen=True)
class DateMention:
    text: str
    offset: int
    end_offset: int
    start: date
    end: date
    precision: str  # day | month | year
    calendar: str  # gregorian | jalali | hijri

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "precision": self.precision,
                "calendar": self.calendar, "offset": self.offset}


@dataclass
class _Atom:
    """A date as written: what is known of it, at most day, month and year."""

    start: int
    end: int
    calendar: str
    year: int | None
    month: int | None
    day: int | None
    # a range's last day, month and year (None: the same as the first)
    year2: int | None = None
    month2: int | None = None
    day2: int | None = None
    listed: bool = False  # one item of a list (2014 ve 2019), never the end of a range


def _words(words: tuple[str, ...]) -> str:
    """A regex alternation of words or phrases, longest first (never empty)."""
    return alternation(words)


# The runs of figures a date can begin with are one or two long (a day, a two-digit year)
# or four (a year); a run of three, or of five or more, begins none (on a page of
# figures, most of its runs). All runs are found, then kept by their length: a pattern
# that begins with figures is scanned for fast, one that begins with a lookbehind is
# tried at every character.
_FIGURE_RUN = re.compile(r"\d+")
DATE_FIGURES = frozenset((1, 2, 4))
UNTIL_REACH = 16  # characters after a date its "until" may take (’ye kadar, yılına dek)
_DAY_FIGURES = re.compile(r"\d{1,2}")
_FIGURES = re.compile(r"\d+")


class _Grammar:
    """The compiled patterns of one language."""

    def __init__(self, profile: Profile | None) -> None:
        words = profile.date_words if profile else {}
        self.months: dict[str, tuple[str, int]] = {}
        for calendar, names in (("gregorian", profile.months if profile else ()),
                                ("jalali", profile.solar_months if profile else ()),
                                ("hijri", profile.lunar_months if profile else ())):
            for number, spellings in enumerate(names, start=1):
                for name in spellings:
                    self.months[normalize_letters(name)] = (calendar, number)
        self.counts_jalali = any(c == "jalali" for c, _ in self.months.values())
        # a year marked as Lunar Hijri (سال ۱۴۴۰ قمری)
        lunar = words.get("lunar_after", ())
        self.lunar = re.compile(rf"\s*(?:{_words(lunar)}){NO_LETTER_AFTER}") if lunar else None
        # day words (هشتم, هشتمین, بیست و سه), compared without their spaces: Persian writes
        # بیست و پنجم, بیست‌وپنجم and بیست‌و‌پنجم alike (and a zero-width non-joiner is a
        # space in the folded text read here)
        day_words = [[normalize_letters(w) for w in names]
                     for names in (profile.day_words if profile else ())]
        self.ordinals = {_unspaced(w): n for n, names in enumerate(day_words, start=1)
                         for w in names}
        day_spellings = [w for names in day_words for w in names]
        self.needs_year = frozenset(_unspaced(w) for w in words.get("only_with_year", ()))
        # a part of a month its ordinal counts (نیمه دوم اسفند: Esfand's second half): the
        # ordinal after it is no day
        parts = words.get("month_parts", ())
        self.month_part = re.compile(rf"{NO_LETTER_BEFORE}(?:{_words(parts)})\s+$") \
            if parts else None
        # Persian may join ماه to the month's name: آذرماه
        self.joined = words.get("month_joined", ())
        month_names = _words(tuple(self.months))
        month = (rf"{NO_LETTER_BEFORE}(?:{month_names})(?:{_words(self.joined)})?\.?"
                 rf"{NO_LETTER_AFTER}")
        suffixes = _words(words.get("day_suffixes", ()))
        spelled = alternation(day_spellings, space=r"\s*")
        day = (rf"(?:(?<![\d.,/])\d{{1,2}}(?:-?(?:{suffixes}))?\.?(?![\d/]|,\d)|"
               rf"{NO_LETTER_BEFORE}(?:{spelled}){NO_LETTER_AFTER})")
        rng = rf"\s*(?:{_words(words.get('range', ()))})\s*"
        # between two years or two months a conjunction lists them (2014 и 2019 г.): only
        # the other range words make a period of them (2021 – 2027 г., Ocak-Şubat 2020)
        conjunctions = set(profile.conjunctions if profile else ())
        spanning = tuple(w for w in words.get("range", ()) if w not in conjunctions)
        span = rf"\s*(?:{_words(spanning)})\s*"
        self.conjunction = re.compile(
            rf"{NO_LETTER_BEFORE}(?:{_words(tuple(conjunctions & set(words.get('range', ()))))})"
            rf"{NO_LETTER_AFTER}")
        # a month's name alone, for a date whose parts one mark joins (12.Mart.2019)
        bare_month = rf"(?:{month_names}){NO_LETTER_AFTER}"
        joined_month = rf"{NO_LETTER_BEFORE}((?:{month_names})(?:{_words(self.joined)})" \
            rf"{NO_LETTER_AFTER})" if self.joined else r"(?!)"
        # a word that may stand between a day and its month (۵ تا ۷ ماه ثور)
        between = rf"(?:(?:{_words(words.get('day_month_between', ()))})\s+)?"
        # the words between a month and its year (آبان ماه سال ۱۳۸۷)
        year_lead = (rf"(?:\s*(?:{_words(words.get('month_year_between', ()))})"
                     rf"{NO_LETTER_AFTER})*\s*,?\s*")
        # a year's mark: a word that may run on (2019'daki), or an abbreviation that ends
        # the word (۱۳۷۱ش, ۱۹۹۲ م.); a Lunar Hijri mark makes a year too (۱۴۴۰ قمری)
        year_after = _words(words.get("year_after", ()))
        ending = words.get("year_marks", ()) + lunar
        if ending:
            year_after = rf"{year_after}|(?:{_words(ending)}){NO_LETTER_AFTER}"
        and_words = _words(profile.conjunctions if profile else ())
        # (two figures are a year only in a Solar Hijri text: سال‌های ۹۸ و ۹۹)
        year_figures = r"(?:\d{4}|\d\d)" if self.counts_jalali else r"\d{4}"
        listing = rf"(?:\s*[,،]\s*|\s+(?:{and_words})\s+)"
        years = rf"(?:{listing}{year_figures}(?!\d)){{1,{LIST_MAX}}}"  # listed after one
        # "of last year" and "of this year" beside a date without one count from the page's
        # (април т.г., bu yılın Ekim ayında)
        self.years_back = [(re.compile(rf"{year_lead}(?:{_words(words.get(kind, ()))})"
                                       rf"{NO_LETTER_AFTER}"),
                            re.compile(rf"{NO_LETTER_BEFORE}(?:{_words(words.get(kind, ()))})"
                                       r"\s+$"), back)
                           for kind, back in (("last_year", 1), ("this_year", 0))]
        self.since = re.compile(rf"\s*(?:{_words(words.get('since_after', ()))})"
                                rf"{NO_LETTER_AFTER}")
        # the first date may keep its year's mark (от септември 2019 г. до май 2020 г.)
        mark = rf"(?:\s*(?:{year_after}){NO_LETTER_AFTER})?"
        before = rf"(?:(?:{_words(words.get('month_before', ()))})\s+)*$"
        self.range = re.compile(rf"^{mark}{rng}{before}")
        # a conjunction joins only consecutive days (14 и 15 май); other dates it lists
        self.spanning = re.compile(rf"^{mark}{span}{before}")
        # a case ending of "from" after the first date and one of "until" after the second
        # make a range with no word between (1 Ocak'tan 31 Mart'a kadar)
        opening, closing = words.get("range_from_after", ()), words.get("range_until_after", ())
        # (the ending may be a date's own mark: 2019 yılından 2022 yılına kadar)
        self.from_until = (re.compile(rf"(?:{_words(opening)})\s+$"),
                           re.compile(rf"(?:{_words(closing)}){NO_LETTER_AFTER}")) \
            if opening and closing else None
        # a word of "between" makes two dates a conjunction joins one period (между 5 и
        # 12 май, 5 ile 12 Mayıs arasında, بین سال‌های ۱۳۹۰ و ۱۳۹۵)
        lead, tail = words.get("between_before", ()), words.get("between_after", ())
        self.between_before = re.compile(
            rf"{NO_LETTER_BEFORE}(?:{_words(lead)})\s+(?:(?:{_words(words.get('year_before', ()))})"
            r"\s+)?$") if lead else None
        self.between_after = re.compile(rf"\s*(?:{_words(tail)}){NO_LETTER_AFTER}") \
            if tail else None
        self.range_word = re.compile(rf"(?:{_words(words.get('range', ()))}){NO_LETTER_AFTER}\s")
        self.day = re.compile(day)
        # (where a month's name begins: scanned for without the word-start check first)
        self.month = WordPattern(month.removeprefix(NO_LETTER_BEFORE))
        # a figure that counts (2000 души, ۱۳۹۸ نفر) or a year before the era; whole words
        # (در سال ۱۳۹۸ شهرداری: a year, not 1398 cities)
        counted = rf"(?:{_words(words.get('not_year_after', ()))}){NO_LETTER_AFTER}"
        self.not_year = re.compile(
            rf"\s*(?:{counted}|(?:{_words(words.get('before_era', ()))}){NO_LETTER_AFTER})"
            # (the first figure of a range counts what its last one does: от 1000 до 2000 лв.)
            rf"|{span}\d+\s*{counted}")
        # Where each pattern can begin, so it is tried there only: a scan of the whole
        # text per pattern costs more than all the rest of the date finding.
        self.leading = {kind: leading_letters(names) for kind, names in (
            ("ordinal", tuple(day_spellings)),
            ("month_before", words.get("month_before", ())),
            ("year_before", words.get("year_before", ())))}
        digit, by_day, by_month = ("digit",), ("day",), ("month",)
        month_day = (rf"({month})\s+(?:{_words(words['month_day_between'])})\s+(\d{{1,2}})"
                     rf"(?=[{APOSTROPHES}]|{NO_LETTER_AFTER})(?![\d.,/])") \
            if words.get("month_day_between") else ""
        self.patterns: list[tuple[str, re.Pattern, tuple[str, ...]]] = [
            # 2019-12-25, 2020/01/15; ۱۴۰۲/۰۸/۱۰ and ۱۳۹۴.۰۸.۲۰ are Solar Hijri where the
            # language counts them
            ("ymd", re.compile(r"(?<![\d./])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/])"),
             digit),
            # 12.VIII.2024, 12. VIII. 2024, 14 IX 2019 (by dots or by spaces alone)
            ("roman", re.compile(
                r"(?<![\d.])(\d{1,2})(?:(\.)\s?|\s)([ivxіх]{1,4})(?(2)\.\s?|\s)(\d{4})(?!\d)"),
             digit),
            ("numeric_range", re.compile(
                rf"(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})\.?{rng}(\d{{1,2}})\.(\d{{1,2}})\.?\s*"
                rf"(\d{{4}})(?!\d)"), digit),
            # a day, then a whole date it runs to: от 01 до 05.03.2019, 1-5.03.2019
            ("numeric_days", re.compile(
                rf"(?<![\d.])(\d{{1,2}})\.?{span}(\d{{1,2}})\.(\d{{1,2}})\.\s?(\d{{4}})(?!\d)"),
             digit),
            # lists are capped (LIST_MAX): tried at every figure, an uncapped one would read
            # a page-long run of figures to its end from each of them
            # days before one month, by range words and commas (5-7, 14 и 15, 5, 12 и 19 май)
            ("days", re.compile(rf"({day})((?:(?:{rng}|\s*[,،]\s*)(?:{day})){{1,{LIST_MAX}}})\s+"
                                      rf"{between}({month})"
                                      rf"(?:{year_lead}(\d{{4}}|\d\d)(?!\d))?"), by_day),
            # (a conjunction lists two whole days unless one is the next: 5 май и 7 юни)
            ("cross_range", re.compile(rf"({day})\s+{between}({month})({rng})"
                                       rf"({day})\s+{between}({month})"
                                       rf"(?:{year_lead}(\d{{4}}))?(?!\d)"), by_day),
        ]
        if profile is not None and profile.solar_months:
            self.patterns += [
                # two-figure years, first (۹۸/۰۷/۲۲) or last (3/8/91, ۱۲/۵/۹۸)
                ("jalali_short", re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{1,2})(?![\d/])"),
                 digit),
            ]
        self.patterns += [
            # (a dot may have a space after it: 14. 03. 2019 г.)
            ("dmy", re.compile(r"(?<![\d.])(\d{1,2})([./-])(?:(?<=\.)\s)?(\d{1,2})\2\s?(\d{4})"
                               r"(?!\d)"), digit),
            # a year of two figures where a year's mark follows it: 24.03.22г.
            ("dmy_marked", re.compile(rf"(?<![\d.])(\d{{1,2}})([./-])(\d{{1,2}})\2(\d\d)(?=\s?"
                                      rf"(?:{year_after}){NO_LETTER_AFTER})"), digit),
            # one mark joins the parts: 12.Mart.2019, 3-Ekim-2021
            ("joined_dmy", re.compile(rf"(?<![\d.,/])(\d{{1,2}})([./-])({bare_month})\2(\d{{4}})"
                                      r"(?!\d)"), digit),
            ("day_month_year", re.compile(rf"({day})\s+{between}({month}){year_lead}(\d{{4}}|\d\d)"
                                          r"(?!\d)"),
             by_day),
            ("month_day_year", re.compile(rf"({month})\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)"),
             by_month),
            # (2021 yılı) Ekim ayının 12'sinde: the month, its "of", the day with its case
            # ending
            *([("year_month_day", re.compile(
                rf"(?<![\d.])(\d{{4}})(?:\s*(?:{year_after}))?\s+{month_day}"), digit),
               ("month_day", re.compile(month_day), by_month)] if month_day else []),
            ("day_month", re.compile(rf"({day})\s+{between}({month})"), by_day),
            # 2021 yılı Kasım, 2023 Ekim ayı: a year right before a month is its year
            ("year_month", re.compile(rf"(?<![\d.])(\d{{4}})(?:\s*(?:{year_after}))?\s+({month})"),
             digit),
            # months listed before one year (март и април 2019, مهر و آبان ۱۴۰۲): each
            ("months", re.compile(rf"({month})(?:{listing}(?:{month})){{1,{LIST_MAX}}}"
                                  rf"{year_lead}(\d{{4}}|\d\d)(?!\d)"), by_month),
            ("months_range", re.compile(rf"({month}){span}({month}){year_lead}(\d{{4}}|\d\d)"
                                        r"(?!\d)"), by_month),
            ("month_year", re.compile(rf"({month}){year_lead}(\d{{4}}|\d\d)(?!\d)"), by_month),
            # (or the month with the word joined to it: آذرماه)
            ("month_alone", re.compile(
                rf"{NO_LETTER_BEFORE}(?:(?:{_words(words.get('month_before', ()))})\s+)+"
                rf"({month})|({month})\s+(?:{_words(words.get('month_after', ()))})"
                rf"{NO_LETTER_AFTER}|{joined_month}"), ("month_before", "month")),
            # 2014 ve 2019 yıllarında, 2014 и 2019 г., سال ۱۳۹۰ و ۱۳۹۵: each year of the list
            ("year_list", re.compile(
                rf"(?<![\d.])\d{{4}}{years}\s*(?:{year_after})(?!\d)|{NO_LETTER_BEFORE}"
                rf"(?:{_words(words.get('year_before', ()))})\s+{year_figures}{years}(?!\d)"),
             ("year_before", "digit")),
            # a period of years, marked: 2021 – 2027 г., سال‌های ۱۳۶۰ تا ۱۳۶۸; a school or
            # a season's year, two a slash joins (учебната 2019/2020 г.)
            ("year_range", re.compile(
                rf"{NO_LETTER_BEFORE}(?:{_words(words.get('year_before', ()))})\s+(\d{{4}}|\d\d)"
                rf"{span}(\d{{4}}|\d\d)(?:\s*(?:{year_after}))?(?!\d)|(?<![\d.])(\d{{4}}){span}(\d{{4}})\s*"
                rf"(?:{year_after})|(?<![\d./])(\d{{4}})/(\d{{4}})\s*(?:{year_after})"),
             ("year_before", "digit")),
            ("year", re.compile(
                rf"{NO_LETTER_BEFORE}(?:{_words(words.get('year_before', ()))})\s+(\d{{4}}|\d\d)"
                # (a year a slash joins to the next is none alone: 2022/2023 учебна година)
                rf"(?:\s*(?:{year_after}))?(?!\d|/\d)|(?<![\d.])(?<!\d/)(\d{{4}})\s*(?:{year_after})"
                # a chronology's line, opened by its year: "1974 – …", "۱۳۸۵: …"
                rf"|{CHRONOLOGY_YEAR}"),
             ("year_before", "digit")),
        ]

    def between(self, folded: str, start: int, end: int) -> bool:
        """A word of "between" stands before `start` or after `end`."""
        return self.between_before is not None and self.between_before.search(
            folded, max(0, start - BETWEEN_REACH), start) is not None or \
            self.between_after is not None and self.between_after.match(folded, end) is not None

    def day_value(self, token: str) -> int | None:
        token = token.strip().rstrip(".")
        match = _DAY_FIGURES.match(token)
        if match:
            return int(match.group(0))
        return self.ordinals.get(_unspaced(token))

    def wants_year(self, *tokens: str) -> bool:
        """Whether a day or month written so is a date only with its year (the month می
        is also a verb's prefix, the day دو a count: دو تیر is two shots)."""
        return any(_unspaced(t.strip().rstrip(".")) in self.needs_year for t in tokens if t)

    def month_value(self, token: str) -> tuple[str, int]:
        token = token.strip().rstrip(".")
        for suffix in self.joined:
            if token not in self.months and token.endswith(suffix):
                token = token[:-len(suffix)]
        return self.months[token]


# A year that opens a line, a colon or a spaced dash after it, or that closes a line in
# brackets or after a spaced dash: a chronology's entry (a history of twinning, a list of
# twin towns by year), 1800-2099 or 1300-1499 (Solar Hijri)
CHRONOLOGY_YEAR = r"(?<![^\n])((?:1[89]|20|1[34])\d\d)(?=[ \t]*(?::[ \t]|[–—-][ \t]+(?!\d)))" \
    r"|(?<=\()((?:1[89]|20|1[34])\d\d)(?=\)[ \t]*(?:\n|$))" \
    r"|(?:(?<=[^\W\d_] [–—-] )|(?<=\) [–—-] ))((?:1[89]|20|1[34])\d\d)(?=[ \t]*(?:\n|$))"
# (Bakü, Azerbaycan (2008); Darmstadt (Almanya) - 1971: not a figure after a figure's dash)


def _unspaced(words: str) -> str:
    return "".join(words.split())


@cache
def _grammar(language: str | None) -> _Grammar:
    """The grammar of a profile's language; of dateparser's locale data for another."""
    profile = profiles().get(language or "")
    return _Grammar(profile if profile or not language else borrowed_profile(language))


def _atom(kind: str, m: re.Match, g: _Grammar, folded: str) -> _Atom | None:
    s, e = m.start(), m.end()
    grp = m.groups()
    if kind == "ymd":
        return _Atom(s, e, _year_calendar(int(grp[0]), g, folded, e), int(grp[0]), int(grp[2]),
                     int(grp[3]))
    if kind == "roman":
        month = ROMAN_MONTHS.get(grp[2].translate(_ROMAN_LOOKALIKES))
        return _Atom(s, e, "gregorian", int(grp[3]), month, int(grp[0])) if month else None
    if kind == "dmy":  # (25/12/1401 is Solar Hijri where the language counts them)
        return _Atom(s, e, _year_calendar(int(grp[3]), g, folded, e), int(grp[3]), int(grp[2]),
                     int(grp[0]))
    if kind == "dmy_marked":
        short = int(grp[3])
        return _Atom(s, e, "gregorian", (2000 if short < SHORT_YEAR_PIVOT else 1900) + short,
                     int(grp[2]), int(grp[0]))
    if kind == "joined_dmy":
        calendar, month = g.month_value(grp[2])
        return _Atom(s, e, calendar, _year(grp[3], calendar), month, int(grp[0]))
    if kind == "numeric_range":
        y = int(grp[4])
        return _Atom(s, e, "gregorian", y, int(grp[1]), int(grp[0]), y, int(grp[3]), int(grp[2]))
    if kind == "numeric_days":
        first, last, y = int(grp[0]), int(grp[1]), int(grp[3])
        if last <= first:
            return None
        return _Atom(s, e, _year_calendar(y, g, folded, e), y, int(grp[2]), first, None, None,
                     last)
    if kind == "jalali_short":
        return _short_jalali(s, e, *grp)
    if kind == "cross_range":
        cal1, m1 = g.month_value(grp[1])
        cal2, m2 = g.month_value(grp[4])
        if cal1 != cal2:
            return None
        year = _year(grp[5], cal1)
        if year is None and g.wants_year(grp[0], grp[1], grp[3], grp[4]):
            return None
        one = _Atom(s, e, cal1, year, m1, g.day_value(grp[0]))
        other = _Atom(s, e, cal1, year, m2, g.day_value(grp[3]))
        if g.conjunction.search(grp[2]) and not g.between(folded, s, e) and \
                not _consecutive(one, other):
            return None  # 31 януари и 1 февруари is a range, 5 май и 7 юни two dates
        return _Atom(s, e, cal1, year, m1, one.day, year, m2, other.day)
    if kind == "day_month_year":
        calendar, month = g.month_value(grp[1])
        return _Atom(s, e, calendar, _year(grp[2], calendar), month, g.day_value(grp[0]))
    if kind == "month_day_year":
        calendar, month = g.month_value(grp[0])
        return _Atom(s, e, calendar, int(grp[2]), month, int(grp[1]))
    if kind == "month_day":
        calendar, month = g.month_value(grp[0])
        return _Atom(s, e, calendar, None, month, int(grp[1]))
    if kind == "year_month_day":
        calendar, month = g.month_value(grp[1])
        return _Atom(s, e, calendar, int(grp[0]), month, int(grp[2]))
    if kind == "day_month":
        if g.wants_year(grp[0], grp[1]):
            return None
        calendar, month = g.month_value(grp[1])
        return _Atom(s, e, calendar, None, month, g.day_value(grp[0]))
    if kind == "year_month":
        calendar, month = g.month_value(grp[1])
        return _Atom(s, e, calendar, int(grp[0]), month, None)
    if kind == "months_range":
        (cal1, m1), (cal2, m2) = g.month_value(grp[0]), g.month_value(grp[1])
        year = _year(grp[2], cal1)
        if cal1 != cal2 or m2 <= m1 or year is None:
            return None
        return _Atom(s, e, cal1, year, m1, None, year, m2)
    if kind == "month_year":
        calendar, month = g.month_value(grp[0])
        year = _year(grp[1], calendar)
        # (می ۲۰۰۵ نفر: 2005 people, not May 2005)
        if year is None and g.wants_year(grp[0]) or g.not_year.match(folded, e):
            return None
        return _Atom(s, e, calendar, year, month, None)
    if kind == "month_alone":
        written = grp[0] or grp[1] or grp[2]
        if g.wants_year(written):
            return None
        calendar, month = g.month_value(written)
        return _Atom(s, e, calendar, None, month, None)
    if kind == "year_range":
        if g.not_year.match(folded, e):
            return None  # от 1000 до 2000 лв.
        written = grp[0] or grp[2] or grp[4], grp[1] or grp[3] or grp[5]
        if grp[4] and int(grp[5]) != int(grp[4]) + 1:
            return None  # (a slash joins one year to the next only: 2019/2020)
        if min(map(len, written)) == 2:  # سال‌های ۹۲ تا ۹۶: two figures only in Solar Hijri
            if not g.counts_jalali:
                return None
            first, last = (_year(w, "jalali") or 0 for w in written)
            calendar = "jalali"
        else:
            first, last = map(int, written)
            calendar = _year_calendar(first, g)
            if _year_calendar(last, g) != calendar:
                return None
        if last <= first:
            return None
        return _Atom(s, e, calendar, first, None, None, last)
    # a marked year: never a decade, an age or a year before the era
    figures = next(k for k, written in enumerate(grp, start=1) if written)
    value = int(grp[figures - 1])
    if g.not_year.match(folded, e):
        return None
    if value < 100:  # سال ۹۷: two figures name a year only in a Solar Hijri text
        jalali = _year(grp[0], "jalali") if g.counts_jalali else None
        return _Atom(s, e, "jalali", jalali, None, None) if jalali else None
    # (its mark may be the Lunar Hijri one, read from where its figures end)
    return _Atom(s, e, _year_calendar(value, g, folded, m.end(figures)), value, None, None)


def _listed_year(figures: str, g: _Grammar) -> tuple[str, int]:
    """The calendar and value of a year in a list (two figures: a Solar Hijri year)."""
    if len(figures) == 2:
        return "jalali", _year(figures, "jalali") or 0
    return _year_calendar(int(figures), g), int(figures)


def _months(m: re.Match, g: _Grammar, folded: str) -> list[_Atom]:
    """The months listed before one year, each a date of that year (none where their
    calendars differ); two that a word of "between" joins are one period."""
    named = [(found, *g.month_value(found.group())) for found in
             g.month.finditer(folded, m.start(), m.start(2))]
    calendars = {calendar for _, calendar, _ in named}
    year = _year(m.group(2), named[0][1]) if len(calendars) == 1 else None
    if year is None or g.not_year.match(folded, m.end()):
        return []
    (_, calendar, first), (_, _, last) = named[0], named[-1]
    if len(named) == 2 and first < last and g.between(folded, m.start(), m.end()):
        return [_Atom(m.start(), m.end(), calendar, year, first, None, year, last)]
    return [_Atom(found.start(), found.end(), calendar, year, month, None, listed=True)
            for found, calendar, month in named]


def _days(m: re.Match, g: _Grammar) -> list[_Atom]:
    """The days before one month: a range where a range word spans them (5-7 Kasım,
    5-6-7 Haziran) or a conjunction and commas list consecutive ones (14 и 15 май,
    5, 6 и 7 май); else each listed item its own date (5 и 12 май, 5-7 и 12 май), from its
    first day to the month and year."""
    calendar, month = g.month_value(m.group(3))
    year = _year(m.group(4), calendar)
    found = list(g.day.finditer(m.string, m.start(1), m.end(2)))
    days = [d for f in found if (d := g.day_value(f.group())) is not None]
    if len(days) < len(found) or \
            year is None and g.wants_year(*(f.group() for f in found), m.group(3)):
        return []
    if len(found) == 1:  # one day spelled with a conjunction (بیست و سه خرداد)
        return [_Atom(m.start(), m.end(), calendar, year, month, days[0])]
    spans = [g.spanning.match(m.string[a.end():b.start()]) is not None
             for a, b in zip(found, found[1:], strict=False)]
    steps = [b - a for a, b in zip(days, days[1:], strict=False)]
    if all(step == 1 for step in steps[1:]) and steps[0] > 0 and (
            all(spans) or not any(spans) and (
                steps[0] == 1 or len(days) == 2 and g.between(m.string, m.start(), m.end()))):
        return [_Atom(m.start(), m.end(), calendar, year, month, days[0], None, None,
                      days[-1])]
    items: list[list[int]] = []  # indices of the days of each item, a range word joining
    for k in range(len(found)):
        if k and spans[k - 1]:
            items[-1].append(k)
        else:
            items.append([k])
    out = []
    for item in items:
        first, last = days[item[0]], days[item[-1]]
        if len(item) > 2 or last < first:
            return []
        out.append(_Atom(found[item[0]].start(), m.end(), calendar, year, month, first,
                         None, None, last if last != first else None, listed=True))
    return out


def _short_jalali(start: int, end: int, first: str, month: str, last: str) -> _Atom | None:
    """A Solar Hijri day of three short figures: the year is the one that cannot be a day
    (98/07/22 year first, 3/8/91 and 12/5/98 year last); where both could, two figures
    each are year first (۰۲/۰۸/۱۰), as Iran's pages write the date."""
    a, b, c = int(first), int(month), int(last)
    if a > 31 and c <= 31 or max(a, c) <= 31 and len(first) == len(month) == len(last) == 2:
        return _Atom(start, end, "jalali", _year(first, "jalali"), b, c)
    if c > 31 and a <= 31:
        return _Atom(start, end, "jalali", _year(last, "jalali"), b, a)
    return None


def _year_calendar(value: int, g: _Grammar, folded: str = "", end: int = 0) -> str:
    """A year in figures is Lunar Hijri where a word after it (at `end`) says so (سال ۱۴۴۰
    قمری, ۱۴۴۱/۰۹/۱۵ ه.ق), else Solar Hijri where the language counts them and it fits."""
    if value in HIJRI_YEARS and g.lunar is not None and g.lunar.match(folded, end):
        return "hijri"
    return "jalali" if value in JALALI_YEARS and g.counts_jalali else "gregorian"


def _year(token: str | None, calendar: str) -> int | None:
    if not token:
        return None
    value = int(token)
    if value < 100:  # a two-digit Solar Hijri year: خرداد ۹۸ is 1398; no such Gregorian one
        return (1400 + value if value < JALALI_SHORT_PIVOT else 1300 + value) \
            if calendar == "jalali" else None
    return value


def _starts(folded: str, g: _Grammar) -> dict[str, list[int]]:
    """Where a date can begin: each run of digits, month name and listed word; and "day",
    the days (figures and ordinal words) a month's name follows within MONTH_REACH, unless
    they count a part of a month (its second half, third week)."""
    starts = {"digit": [m.start() for m in _FIGURE_RUN.finditer(folded)
                        if m.end() - m.start() in DATE_FIGURES],
              "month": [m.start() for m in g.month.finditer(folded)],
              **run_starts(folded, g.leading)}
    months = starts["month"]
    part = g.month_part
    starts["day"] = [s for s in sorted(starts["digit"] + starts["ordinal"])
                     if (k := bisect_right(months, s)) < len(months)
                     and months[k] - s <= MONTH_REACH
                     and (part is None or part.search(folded, max(0, s - PART_REACH), s) is None)]
    return starts


def _atoms(folded: str, g: _Grammar) -> list[_Atom]:
    found: list[_Atom] = []
    taken = FreeSpans()
    starts = _starts(folded, g)
    ordered: dict[tuple[str, ...], list[int]] = {}  # several patterns begin alike
    for kind, pattern, begins in g.patterns:
        if begins not in ordered:
            ordered[begins] = sorted({s for b in begins for s in starts[b]})
        for m in matches_at(pattern, folded, ordered[begins]):
            if not taken.free(m.start(), m.end()):
                continue
            if kind == "days":
                days = _days(m, g)
                found += days
                if days:
                    taken.take(m.start(), m.end())
                continue
            if kind == "months":
                months = _months(m, g, folded)
                found += months
                if months:
                    taken.take(m.start(), m.end())
                continue
            if kind == "year_list":
                years = [(y, *_listed_year(y.group(), g)) for y in _FIGURES.finditer(m.group())]
                (_, cal1, first), (_, cal2, last) = years[0], years[-1]
                if len(years) == 2 and cal1 == cal2 and first < last and \
                        g.between(folded, m.start() + years[0][0].start(), m.end()):
                    # между 2005 и 2010 г.: one period
                    found.append(_Atom(m.start(), m.end(), cal1, first, None, None, last))
                else:
                    found += [_Atom(m.start() + y.start(), m.start() + y.end(), calendar, value,
                                    None, None, listed=True) for y, calendar, value in years]
                taken.take(m.start(), m.end())
                continue
            try:
                atom = _atom(kind, m, g, folded)
            except (KeyError, ValueError):
                atom = None
            if atom is not None:
                found.append(atom)
                taken.take(m.start(), m.end())
    return sorted(found, key=lambda a: a.start)


def _merge_ranges(atoms: list[_Atom], folded: str, g: _Grammar) -> list[_Atom]:
    """Atoms joined by nothing but a range word are one range (same calendar, same grain)."""
    out: list[_Atom] = []
    for atom in atoms:
        prev = out[-1] if out else None
        if (prev is not None and not prev.listed and prev.calendar == atom.calendar
                and prev.day2 is None
                and prev.month2 is None and (prev.day is None) == (atom.day is None)
                and (prev.month is None) == (atom.month is None)
                and (g.spanning.match(gap := folded[prev.end:atom.start])
                     or g.range.match(gap) and (_consecutive(prev, atom)
                                                or g.between(folded, prev.start, atom.end))
                     or _from_until(prev, atom, folded, g)
                     # От 1985 до 1989 год.: the range word opened the later date
                     or gap.isspace() and g.range_word.match(folded, atom.start))):
            out[-1] = _Atom(prev.start, atom.end, prev.calendar, prev.year or atom.year,
                            prev.month, prev.day, atom.year, atom.month, atom.day)
        else:
            out.append(atom)
    return out


def _from_until(first: _Atom, then: _Atom, folded: str, g: _Grammar) -> bool:
    """The first date ends in "from" and the second in "until" (2019'dan 2022 yılına
    kadar), the endings in their text or just after it."""
    if g.from_until is None:
        return False
    opening, closing = g.from_until
    until = closing.search(folded, then.start, then.end + UNTIL_REACH)
    return opening.search(folded[first.start:then.start]) is not None and \
        until is not None and then.end <= until.end() and \
        not folded[then.end:until.start()].strip()


def _consecutive(first: _Atom, then: _Atom) -> bool:
    """The second of two dates is the day (or the month) after the first, in one year: the
    next day of the month, or the first of the next after a month's last days."""
    if first.year not in (None, then.year):
        return False
    if first.day is None:
        return first.month is not None and then.month == first.month + 1
    return then.day == first.day + 1 and first.month in (None, then.month) or (
        then.day == 1 and first.month is not None and then.month == first.month % 12 + 1
        and first.day >= SHORTEST_MONTH)


def _resolve_years(atoms: list[_Atom], text: Text, g: _Grammar) -> list[_Atom]:
    """A date without a year takes the year of its sentence, else of the paragraph before
    it (not one that starts a lasting state), else of the page's date when it then falls
    within half a year of it, else (a page without a date) of its headline; "of last
    year" after it (دی ماه سال گذشته) counts back from the page's date, "of this year"
    (април т.г.) is the page's year."""
    folded, published = text.folded, text.published
    # a year that starts a lasting state (1946 yılından beri) lends no year to a month after
    dated = [a for a in atoms if a.year is not None and not g.since.match(folded, a.end)]
    out = []
    for atom in atoms:
        if atom.calendar == "hijri" and atom.year is None:
            continue  # رجب, رمضان are names too: a Lunar Hijri month needs its own year
        for words_after, words_before, back in g.years_back:
            if atom.year is None and published is not None and (
                    words_after.match(folded, atom.end)
                    or words_before.search(folded, max(0, atom.start - 20), atom.start)):
                atom.year = _year_of(published, atom.calendar) - back
        if atom.year is None:
            lo, hi = text.sentence_bounds(atom.start, atom.end)
            paragraph = folded.rfind("\n\n", 0, atom.start)
            near = [a for a in dated if a.calendar == atom.calendar and lo <= a.start < hi]
            before = [a for a in dated if a.calendar == atom.calendar
                      and paragraph < a.start < atom.start]
            # 7 Aralık sabahı after 7 Aralık 2024'te: the same day, named again
            again = [a for a in dated if a.calendar == atom.calendar and a.start < atom.start
                     and atom.day is not None and (a.month, a.day) == (atom.month, atom.day)]
            # (a year alone before it in the paragraph, 2017 yılında imzalanan …, yields to
            # the page's date close by: Heyet, 21 Mart'ta … on a page of 23 March 2024)
            if before and before[-1].month is None and not near and not again and \
                    published is not None and atom.month is not None and \
                    _year_near(atom, published) is not None:
                before = []
            source = again[-1] if again else \
                min(near, key=lambda a: abs(a.start - atom.start)) if near \
                else before[-1] if before else None
            if source is not None:
                atom.year = source.year
            elif published is not None and atom.month is not None:
                atom.year = _year_near(atom, published)
            elif atom.month is not None:
                atom.year = _headline_year(text.title, atom.calendar)
            if atom.year is None:
                continue
        out.append(atom)
    return out


def _headline_year(title: str | None, calendar: str) -> int | None:
    """The one year of the calendar the headline names, where it names one: a page with
    no date of its own announcing "… фестивал 2022" dates its 25 юни in 2022."""
    years = HEADLINE_YEARS.get(calendar)
    if years is None:
        return None
    named = {year for m in _NUMBER.finditer(normalize_digits(title or ""))
             if (year := int(m.group())) in years}
    return named.pop() if len(named) == 1 else None


def _year_of(day: date, calendar: str) -> int:
    """The year a Gregorian day falls in, in the calendar."""
    if calendar == "jalali":
        return day.year - 621 if day >= jalali_to_gregorian(day.year - 621, 1, 1) \
            else day.year - 622
    return hijri_year_of(day) if calendar == "hijri" else day.year


def _year_near(atom: _Atom, published: date) -> int | None:
    try:
        guess = _year_of(published, atom.calendar)
    except ValueError:  # a page's day outside the calendar's tables
        return None
    for year in (guess, guess - 1, guess + 1):
        trial = _Atom(0, 0, atom.calendar, year, atom.month, atom.day)
        try:
            first, last = _bounds(trial)
        except ValueError:
            continue
        # a day: near the page's day, or ahead of it as far as a month is (an announcement)
        if atom.day is not None and -PUBLISHED_WINDOW <= first - published \
                <= PUBLISHED_WINDOW_MONTH:
            return year
        # a month alone: the page's month or one ahead (an announcement); a month behind
        # may be a yearly custom (празник на града – края на месец септември)
        if atom.day is None and first <= published + PUBLISHED_WINDOW_MONTH \
                and last >= published:
            return year
    return None


def _bounds(a: _Atom) -> tuple[date, date]:
    """First and last Gregorian day of what the atom names (its year is known by now)."""
    if a.year is None:
        raise ValueError("a date without a year has no bounds")
    y2, m2, d2 = a.year2 or a.year, a.month2 or a.month, a.day2 or a.day
    if a.month2 is None and a.day2 is None:
        m2, d2 = a.month, a.day
    if a.calendar == "jalali":
        first = jalali_to_gregorian(a.year, a.month or 1, a.day or 1)
        last_month = m2 or 12
        last = jalali_to_gregorian(y2, last_month, d2 or jalali_month_length(y2, last_month))
    elif a.calendar == "hijri":
        first = hijri_to_gregorian(a.year, a.month or 1, a.day or 1)
        last_month = m2 or 12
        last = hijri_to_gregorian(y2, last_month, d2 or hijri_month_length(y2, last_month))
    else:
        first = date(a.year, a.month or 1, a.day or 1)
        last_month = m2 or 12
        last = date(y2, last_month, d2) if d2 else \
            (date(y2 + (last_month == 12), last_month % 12 + 1, 1) - timedelta(days=1))
    if last < first:
        raise ValueError("a range that ends before it starts")
    return first, last


def find_dates(text: Text) -> tuple[DateMention, ...]:
    """Every date the text states, once per distinct (start, end), in order of appearance."""
    return distinct(date_mentions(text))


def distinct(mentions: tuple[DateMention, ...]) -> tuple[DateMention, ...]:
    """The first mention of each (start, end): what the record's `dates` list."""
    first: dict[tuple[date, date], DateMention] = {}
    for mention in mentions:
        first.setdefault((mention.start, mention.end), mention)
    return tuple(first.values())


def date_mentions(text: Text) -> tuple[DateMention, ...]:
    """Every mention of a date in the text, in order (a date said twice is two mentions:
    each dates its own sentence); a date without a year may take it from the text's
    `published` day."""
    g = _grammar(text.language)
    folded = text.folded
    atoms = _resolve_years(_merge_ranges(_atoms(folded, g), folded, g), text, g)
    mentions: list[DateMention] = []
    seen: set[tuple[int, date, date]] = set()
    for a in atoms:
        valid = YEARS[a.calendar]
        if a.year not in valid or (a.year2 is not None and a.year2 not in valid):
            continue
        try:
            first, last = _bounds(a)
        except ValueError:
            continue
        if (a.start, first, last) in seen:
            continue
        seen.add((a.start, first, last))
        precision = "day" if a.day else "month" if a.month else "year"
        mentions.append(DateMention(text.raw[a.start:a.end], a.start, a.end, first, last,
                                    precision, a.calendar))
    return tuple(mentions)
