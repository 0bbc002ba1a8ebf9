"""Calendar arithmetic: Solar Hijri (Jalali) and Lunar Hijri to Gregorian, and the digits
pages use. Lunar Hijri dates are hijridate's (the Umm al-Qura calendar, 1343–1500 AH)."""

from __future__ import annotations

import re
from datetime import date

from hijridate import Gregorian, Hijri

# Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to ASCII.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# Arabic letter forms that Persian text often carries, to their Persian forms.
LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ە": "ه", "ۀ": "ه", "\u200c": " "})


# str.translate reads every character (about 60 ns each); most texts need no change.
_NEEDS_DIGITS = re.compile("[" + re.escape("".join(map(chr, DIGITS))) + "]")
_NEEDS_LETTERS = re.compile("[" + re.escape("".join(map(chr, LETTERS))) + "]")


def normalize_digits(text: str) -> str:
    return text.translate(DIGITS) if _NEEDS_DIGITS.search(text) else text


def normalize_letters(text: str) -> str:
    return text.translate(LETTERS) if _NEEDS_LETTERS.search(text) else text


def _jalali_days(jy: int, jm: int, jd: int) -> int:
    """Days since 1 March of Gregorian year 0 (the arithmetic of the jalaali algorithm)."""
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
    return days + ((jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186)


def jalali_to_gregorian(jy: int, jm: int, jd: int) -> date:
    """The Gregorian date of a Solar Hijri one (valid for years 1 to 3177 AP)."""
    days = _jalali_days(jy, jm, jd)
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = gy % 4 == 0 and (gy % 100 != 0 or gy % 400 == 0)
    for gm, length in enumerate((31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31,
                                 30, 31), start=1):
        if gd <= length:
            return date(gy, gm, gd)
        gd -= length
    raise ValueError(f"not a Jalali date: {jy}/{jm}/{jd}")


def jalali_month_length(jy: int, jm: int) -> int:
    if jm <= 6:
        return 31
    if jm <= 11:
        return 30
    return 30 if (jalali_to_gregorian(jy + 1, 1, 1) - jalali_to_gregorian(jy, 12, 1)).days == 30 \
        else 29



HIJRI_YEARS = range(1343, 1501)  # the years the Umm al-Qura tables cover (1924–2077)


def hijri_to_gregorian(hy: int, hm: int, hd: int) -> date:
    """The Gregorian date of a Lunar Hijri one (ValueError outside HIJRI_YEARS)."""
    return date(*Hijri(hy, hm, hd).to_gregorian().datetuple())


def hijri_month_length(hy: int, hm: int) -> int:
    return Hijri(hy, hm, 1).month_length()


def hijri_year_of(day: date) -> int:
    return Gregorian(day.year, day.month, day.day).to_hijri().year
