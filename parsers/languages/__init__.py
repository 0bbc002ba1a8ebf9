"""Language profiles: everything the parsers know about a language, kept as data.

One YAML file per language. Adding a language is adding a file here; every profile is
loaded and checked by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

PROFILE_DIR = Path(__file__).parent
SCRIPTS = {"latin", "cyrillic", "arabic"}


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    script: str
    letters: frozenset[str]
    foreign_letters: frozenset[str]
    stop_words: frozenset[str]
    months: tuple[tuple[str, ...], ...] = ()  # Gregorian, January first
    solar_months: tuple[tuple[str, ...], ...] = ()  # Solar Hijri, Farvardin first


def _load(path: Path) -> Profile:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if data.get("code") != path.stem:
        raise ValueError(f"{path.name}: 'code' must be {path.stem!r}")
    if data.get("script") not in SCRIPTS:
        raise ValueError(f"{path.name}: 'script' must be one of {sorted(SCRIPTS)}")
    months = {}
    for key in ("months", "solar_months"):
        names = tuple(tuple(str(n).lower() for n in month) for month in data.get(key) or ())
        if names and len(names) != 12:
            raise ValueError(f"{path.name}: '{key}' must list 12 months")
        months[key] = names
    return Profile(code=data["code"], name=data["name"], script=data["script"],
                   letters=frozenset(data["letters"]),
                   foreign_letters=frozenset(data.get("foreign_letters") or ""),
                   stop_words=frozenset(str(w).lower() for w in data["stop_words"]),
                   **months)


@cache
def profiles() -> dict[str, Profile]:
    """Every profile, by language code."""
    return {p.stem: _load(p) for p in sorted(PROFILE_DIR.glob("*.yaml"))}
