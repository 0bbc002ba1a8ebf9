"""Language profiles: everything the parsers know about a language, kept as data.

One YAML file per language. Adding a language is adding a file here; every profile is
loaded and checked by the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import yaml

PROFILE_DIR = Path(__file__).parent
SCRIPTS = {"latin", "cyrillic", "arabic"}


ROLES = ("mayor", "deputy_mayor", "council_chair", "councillor", "municipal_official",
         "governor", "minister", "head_of_state", "diplomat", "organization_leader", "other")
EVENT_TYPES = ("visit", "meeting", "agreement", "festival", "membership", "founding", "other")
DATE_WORD_KINDS = ("range", "year_before", "year_after", "month_before", "month_after",
                   "day_suffixes", "before_era", "not_year_after", "month_joined",
                   "last_year")


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    script: str
    country: str | None
    letters: frozenset[str]
    foreign_letters: frozenset[str]
    stop_words: frozenset[str]
    months: tuple[tuple[str, ...], ...] = ()  # Gregorian, January first
    solar_months: tuple[tuple[str, ...], ...] = ()  # Solar Hijri, Farvardin first
    ordinal_days: tuple[tuple[str, ...], ...] = ()  # day words, the 1st first
    date_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    place_cues_before: tuple[str, ...] = ()
    place_cues_after: tuple[str, ...] = ()
    countries: dict[str, str] = field(default_factory=dict)  # name as written -> ISO code
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> phrases
    honorifics: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()  # written with a full stop mid-sentence: гр., ул.
    copulas: tuple[str, ...] = ()
    weekdays: tuple[str, ...] = ()
    relation_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)  # type -> stems
    organization_word_first: bool = True
    demonstratives: tuple[str, ...] = ()
    municipality_words: tuple[str, ...] = ()
    events: dict[str, tuple[str, ...]] = field(default_factory=dict)  # type -> stems
    locative_before: tuple[str, ...] = ()
    locative_after: tuple[str, ...] = ()
    this_city: tuple[str, ...] = ()  # "this city": the city named last before it
    our_city: tuple[str, ...] = ()  # "our city": the page's own
    habits: tuple[str, ...] = ()
    today: tuple[str, ...] = ()  # words that date what they say to the page's own day
    organization_words: tuple[str, ...] = ()
    # words the gazetteer holds as places that are not cities here: ordinary words
    # (Barış, میدان), continents, provinces named like no city
    not_places: tuple[str, ...] = ()
    conjunctions: tuple[str, ...] = ()  # joining the items of a list
    relation_hedges: tuple[str, ...] = ()  # a tie proposed or discussed, not made
    transliteration: dict[str, str] = field(default_factory=dict)  # letter -> Latin

    def to_latin(self, text: str) -> str:
        """The text in Latin letters by the profile's transliteration (as is without one)."""
        return text.translate(self._latin_table)

    @cached_property
    def _latin_table(self) -> dict[int, str]:
        """Each letter, lower and upper case, to its Latin letters (Щ → Sht)."""
        table = {}
        for letter, latin in self.transliteration.items():
            table[ord(letter)] = latin
            upper = letter.upper()
            if len(upper) == 1 and upper != letter and upper.lower() == letter:
                table[ord(upper)] = latin.capitalize()
        return table


def _load(path: Path) -> Profile:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if data.get("code") != path.stem:
        raise ValueError(f"{path.name}: 'code' must be {path.stem!r}")
    if data.get("script") not in SCRIPTS:
        raise ValueError(f"{path.name}: 'script' must be one of {sorted(SCRIPTS)}")
    fields: dict = {}  # what the profile holds beyond its name and letters
    for key, count in (("months", 12), ("solar_months", 12), ("ordinal_days", 31)):
        names = tuple(tuple(str(n).lower() for n in item) for item in data.get(key) or ())
        if names and len(names) != count:
            raise ValueError(f"{path.name}: '{key}' must list {count} entries")
        fields[key] = names
    words = data.get("date_words") or {}
    unknown = set(words) - set(DATE_WORD_KINDS)
    if unknown:
        raise ValueError(f"{path.name}: unknown date_words: {sorted(unknown)}")
    fields["date_words"] = {k: tuple(str(w).lower() for w in words.get(k) or ())
                            for k in DATE_WORD_KINDS}
    for key in ("place_cues_before", "place_cues_after"):
        fields[key] = tuple(str(w).lower() for w in data.get(key) or ())
    fields["countries"] = {str(name): code for code, names in (data.get("countries") or {}).items()
                           for name in names}
    roles = data.get("roles") or {}
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"{path.name}: roles outside the fixed list: {sorted(unknown)}")
    fields["roles"] = {role: tuple(str(p).lower() for p in roles[role]) for role in ROLES
                       if role in roles}
    fields["organization_word_first"] = bool(data.get("organization_word_first", True))
    for key in ("honorifics", "abbreviations", "organization_words", "copulas", "weekdays",
                "demonstratives", "municipality_words", "locative_before", "locative_after",
                "this_city", "our_city",
                "habits", "today", "not_places", "conjunctions", "relation_hedges"):
        fields[key] = tuple(str(w).lower() for w in data.get(key) or ())
    cues = data.get("relation_cues") or {}
    if set(cues) - {"twin", "friendship", "member"}:
        raise ValueError(f"{path.name}: relation_cues are twin, friendship and member")
    fields["relation_cues"] = {k: tuple(str(w).lower() for w in v) for k, v in cues.items()}
    events = data.get("events") or {}
    if set(events) - set(EVENT_TYPES):
        raise ValueError(f"{path.name}: event types are {', '.join(EVENT_TYPES)}")
    fields["events"] = {k: tuple(str(w).lower() for w in v) for k, v in events.items()}
    fields["transliteration"] = {str(k): str(v) for k, v in
                                 (data.get("transliteration") or {}).items()}
    return Profile(code=data["code"], name=data["name"], script=data["script"],
                   country=data.get("country"),
                   letters=frozenset(data["letters"]),
                   foreign_letters=frozenset(data.get("foreign_letters") or ""),
                   stop_words=frozenset(str(w).lower() for w in data["stop_words"]),
                   **fields)


@cache
def profiles() -> dict[str, Profile]:
    """Every profile, by language code."""
    return {p.stem: _load(p) for p in sorted(PROFILE_DIR.glob("*.yaml"))}
