"""Calendar dates written in text, read with each language's month names (its profile).

Forms: 2019-02-21, 21.02.2019, 21/02/2019, 12.VIII.2024, 21 февруари 2019 г.,
3 ARALIK 2024, February 21, 2019, and Solar Hijri ۱۴۰۲/۰۸/۱۰, ۰۲/۰۸/۱۰ and ۲۶ اردیبهشت
۱۳۹۸, converted to Gregorian. Persian and Arabic-Indic digits are read as digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from parsers.calendars import LETTERS, jalali_to_gregorian, normalize_digits
from parsers.languages import Profile, profiles

ROMAN_MONTHS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8,
                "IX": 9, "X": 10, "XI": 11, "XII": 12}
_LETTER_BEFORE = r"(?<![^\W\d_])"
_LETTER_AFTER = r"(?![^\W\d_])"


@dataclass(frozen=True)
class DayMatch:
    start: int
    end: int
    day: date
    calendar: str  # gregorian | jalali


def fold(text: str, language: str | None) -> str:
    """Lower case that keeps offsets: Turkish İ/I, Persian letter forms, Eastern digits."""
    if language == "tr":
        text = text.replace("İ", "i").replace("I", "ı")
    text = normalize_digits(text).translate(LETTERS)
    folded = text.lower()
    return folded if len(folded) == len(text) else text  # never shift offsets


def _alternation(names: tuple[tuple[str, ...], ...]) -> tuple[str, dict[str, int]]:
    index = {name: i + 1 for i, month in enumerate(names) for name in month}
    ordered = sorted(index, key=len, reverse=True)
    return "|".join(re.escape(n) for n in ordered), index


@cache
def _patterns(language: str | None) -> list[tuple[re.Pattern, str, dict[str, int]]]:
    """(pattern, kind, month index) in the order they are tried."""
    profile: Profile | None = profiles().get(language or "")
    out: list[tuple[re.Pattern, str, dict[str, int]]] = [
        (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd", {}),
        (re.compile(r"(?<!\d)(\d{1,2})\.([ivx]{1,4})\.\s?(\d{4})(?!\d)"), "roman", {}),
    ]
    if profile is not None and profile.solar_months:
        out.append((re.compile(r"(?<![\d/])(1[34]\d\d)/(\d{1,2})/(\d{1,2})(?![\d/])"),
                    "jalali_ymd", {}))
        out.append((re.compile(r"(?<![\d/])(\d\d)/(\d\d)/(\d\d)(?![\d/])"), "jalali_yymmdd", {}))
    out.append((re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./]\s?(\d{4})(?!\d)"), "dmy", {}))
    for key, calendar in (("months", "gregorian"), ("solar_months", "jalali")):
        names = getattr(profile, key, ()) if profile else ()
        if not names:
            continue
        alternation, index = _alternation(names)
        month = f"{_LETTER_BEFORE}({alternation})(?:\\s*ماه)?\\.?{_LETTER_AFTER}"
        year = r"\d{4}|\d\d" if calendar == "jalali" else r"\d{4}"  # خرداد ۹۸ is 1398
        out.append((re.compile(rf"(?<!\d)(\d{{1,2}})(?:-?[а-я]{{1,3}})?\.?\s+{month}\s*,?\s*"
                               rf"(?:سال\s+)?({year})(?!\d)"), f"d_month_y:{calendar}", index))
        if language == "en":
            out.append((re.compile(rf"{month}\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)"),
                        "month_d_y:gregorian", index))
    return out


def _two_digit_jalali_year(yy: int, today: date) -> int:
    current = today.year - 621  # the Jalali year most of this Gregorian year falls in
    return 1400 + yy if 1400 + yy <= current + 1 else 1300 + yy


def find_days(text: str, language: str | None, today: date | None = None) -> list[DayMatch]:
    """Every full (day-precision) date in the text, in order, without overlaps."""
    folded = fold(text, language)
    today = today or date.today()
    found: list[DayMatch] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind, months in _patterns(language):
        for m in pattern.finditer(folded):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            day = _to_date(kind, m, months, today)
            if day is not None:
                calendar = "jalali" if "jalali" in kind else "gregorian"
                found.append(DayMatch(m.start(), m.end(), day, calendar))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _to_date(kind: str, m: re.Match, months: dict[str, int], today: date) -> date | None:
    try:
        if kind == "ymd":
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif kind == "roman":
            d, mo, y = int(m.group(1)), ROMAN_MONTHS[m.group(2).upper()], int(m.group(3))
        elif kind == "dmy":
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif kind.startswith("jalali"):
            y = int(m.group(1))
            if kind == "jalali_yymmdd":
                y = _two_digit_jalali_year(y, today)
            return jalali_to_gregorian(y, int(m.group(2)), int(m.group(3))) \
                if 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31 else None
        elif kind.startswith("d_month_y"):
            d, mo, y = int(m.group(1)), months[m.group(2)], int(m.group(3))
            if kind.endswith("jalali"):
                y = _two_digit_jalali_year(y, today) if y < 100 else y
                return jalali_to_gregorian(y, mo, d) if 1200 < y < 1600 and 1 <= d <= 31 \
                    else None
        else:  # month_d_y
            mo, d, y = months[m.group(1)], int(m.group(2)), int(m.group(3))
        return date(y, mo, d) if 1800 <= y <= 2200 else None
    except (ValueError, KeyError):
        return None
