"""The date words of languages muni has no profile for, from dateparser's locale data (200+
locales): a researcher who adds a Romanian or Greek municipality gets its dates on day
one, read by muni's own grammar (`parsers/dates.py`), as fast and as linear as a profile
language's.

dateparser's search itself is not used: it translates every word it is given (tens of
milliseconds a page, seconds on a page of figures) and reads ordinary words and numbers as
dates (German "die", "1500 Einwohner"). Its data gives what the grammar needs: each
month's names and abbreviations, the words that put a year after them ("im Jahr 1999",
"în 2019") and the words that may stand between a day, its month and its year
("12 de marzo de 2019").
"""

from __future__ import annotations

from functools import cache

from parsers.language import dominant_script
from parsers.languages import Profile

MIN_WORD = 2  # letters of a borrowed word: dateparser's "j" and "a" (year) are no cue
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")


def _words(values: list) -> tuple[str, ...]:
    """The words of a locale's list, lower case, without their full stops, that are words."""
    words = {str(v).strip().rstrip(".").lower() for v in values}
    return tuple(sorted(w for w in words if len(w) >= MIN_WORD and not w.isdigit()))


@cache
def borrowed_profile(code: str) -> Profile | None:
    """A profile holding only the date words of dateparser's locale `code`, or None when
    dateparser has no such locale."""
    from dateparser.languages.loader import default_loader

    try:
        info = default_loader.get_locale(code).info
    except (ValueError, KeyError):  # a language dateparser does not have
        return None
    months = tuple(_words(info.get(name, [])) for name in _MONTHS)
    if not all(months):
        return None
    # prepositions a year follows (in, im) and the word "year" itself (Jahr, an, año)
    year_before = _words([*info.get("in", []), *info.get("year", [])])
    between = tuple(w for w in _words(info.get("skip", [])) if w.isalpha())
    letters = frozenset("".join(w for names in months for w in names))
    # only the date grammar reads it: the script is its months' where muni names it
    return Profile(code=code, name=str(info.get("name", code)),
                   script=dominant_script("".join(letters)) or "latin",
                   letters=letters, stop_words=frozenset(), months=months,
                   date_words={"year_before": year_before, "day_month_between": between,
                               "month_year_between": between})
