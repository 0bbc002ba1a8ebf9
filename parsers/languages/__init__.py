"""Language profiles: everything the parsers know about a language, kept as data.

One YAML file per language, its keys the fields of `Profile`: the schema is the dataclass
(each field's type and, in its metadata, the entries it must hold), so a misspelt or
mistyped key is a one-line error naming the file and the key, never a silent default.
Adding a language is adding a file here, or in a folder named by MUNI_PROFILES (folders
separated as in PATH); every profile is loaded and each of its keys checked by the tests.
"""

from __future__ import annotations

import difflib
import os
import re
import typing
from dataclasses import MISSING, dataclass, field, fields
from functools import cache, cached_property
from pathlib import Path

from scraper.encoding import Decoding
from scraper.yamlfile import YAMLFileError, load_yaml

PROFILE_DIR = Path(__file__).parent
SCRIPTS = ("latin", "cyrillic", "arabic")
_CODE = re.compile(r"^[a-z]{2,3}$")


ROLES = ("mayor", "deputy_mayor", "council_chair", "councillor", "municipal_official",
         "governor", "minister", "head_of_state", "diplomat", "organization_leader", "other")
EVENT_TYPES = ("visit", "meeting", "agreement", "festival", "membership", "founding", "other")
DATE_WORD_KINDS = ("range", "year_before", "year_after", "month_before", "month_after",
                   "day_suffixes", "before_era", "not_year_after", "month_joined",
                   "last_year", "this_year", "since_after", "day_month_between",
                   "month_year_between", "lunar_after", "year_marks", "only_with_year",
                   "range_from_after", "range_until_after", "between_before", "between_after",
                   "month_parts", "month_day_between")
RELATION_TYPES = ("twin", "friendship", "member")


class ProfileError(ValueError):
    """A language profile that cannot be read as written."""


def _spec(*, count: int | None = None, keys: tuple[str, ...] | None = None,
          choices: tuple[str, ...] | None = None, case: bool = False, **kwargs) -> typing.Any:
    """A profile field with what its YAML must hold: `count` entries, keys among `keys`,
    a value among `choices`; words are lower-cased unless `case`."""
    return field(metadata={"count": count, "keys": keys, "choices": choices, "case": case},
                 **kwargs)


@dataclass(frozen=True)
class Profile:
    code: str = _spec(case=True)
    name: str = _spec(case=True)
    script: str = _spec(choices=SCRIPTS)
    letters: frozenset[str] = _spec()  # the alphabet, as one string
    stop_words: frozenset[str] = _spec()
    country: str | None = _spec(case=True, default=None)  # ISO code of its home country
    foreign_letters: frozenset[str] = _spec(default=frozenset())  # never in its text
    # code pages a site in the language may still use, most likely first
    legacy_encodings: tuple[str, ...] = _spec(default=())
    months: tuple[tuple[str, ...], ...] = _spec(count=12, default=())  # Gregorian, January first
    solar_months: tuple[tuple[str, ...], ...] = _spec(count=12, default=())  # Farvardin first
    lunar_months: tuple[tuple[str, ...], ...] = _spec(count=12, default=())  # Muharram first
    # day numbers written as words (ordinal, cardinal), the 1st first
    day_words: tuple[tuple[str, ...], ...] = _spec(count=31, default=())
    date_words: dict[str, tuple[str, ...]] = _spec(keys=DATE_WORD_KINDS, default_factory=dict)
    place_cues_before: tuple[str, ...] = _spec(default=())
    place_cues_after: tuple[str, ...] = _spec(default=())
    # words that follow a place's name as what it names an institution after (İstanbul
    # Üniversitesi, Konya Lisesi): the name before them is no person's first name
    institutions_after: tuple[str, ...] = _spec(default=())
    # words that make the name beside them a region's (استان اصفهان, област Монтана, Konya
    # ili): a province that bears its capital's name is no city there
    region_cues_before: tuple[str, ...] = _spec(default=())
    region_cues_after: tuple[str, ...] = _spec(default=())
    # the letters after which the ezafe is written ی, joined to a name (کربلای معلی)
    ezafe_after: tuple[str, ...] = _spec(default=())
    # ISO code -> the country's names as written (read into name -> code)
    countries: dict[str, str] = _spec(case=True, default_factory=dict)
    roles: dict[str, tuple[str, ...]] = _spec(keys=ROLES, default_factory=dict)  # -> phrases
    honorifics: tuple[str, ...] = _spec(default=())
    abbreviations: tuple[str, ...] = _spec(default=())  # with a full stop mid-sentence: гр.
    copulas: tuple[str, ...] = _spec(default=())
    # words right before an office a clause's subject takes (به عنوان شهردار: as mayor)
    office_as: tuple[str, ...] = _spec(default=())
    # words after an office set off after a name that say it is that name's (Ahmet Yılmaz,
    # … Birliği Başkanı sıfatıyla / olarak): else the office is another's (… ile görüştü)
    apposition_after: tuple[str, ...] = _spec(default=())
    # offices of a province or a county, not of a city: their holders get no city
    regional_offices: tuple[str, ...] = _spec(default=())
    weekdays: tuple[str, ...] = _spec(default=())
    relation_cues: dict[str, tuple[str, ...]] = _spec(keys=RELATION_TYPES,
                                                      default_factory=dict)  # type -> stems
    organization_word_first: bool = _spec(default=True)
    # an event's word names its place right after it (Persian ezafe: اجلاس تهران)
    event_word_first: bool = _spec(default=False)
    # the verb comes last (Turkish, Persian): a happening's date stands before its word
    verb_last: bool = _spec(default=False)
    # endings of a participle (kurulan, düzenlenen, imzaladığı): an event's word so ended
    # makes a clause of its own, whose date the verb after it does not take
    participle_endings: tuple[str, ...] = _spec(default=())
    demonstratives: tuple[str, ...] = _spec(default=())
    municipality_words: tuple[str, ...] = _spec(default=())
    events: dict[str, tuple[str, ...]] = _spec(keys=EVENT_TYPES,
                                               default_factory=dict)  # type -> stems
    locative_before: tuple[str, ...] = _spec(default=())
    # the case of where one goes (до Варна, Kecskemet'e, به تهران): a visit's venue
    destination_before: tuple[str, ...] = _spec(default=())
    destination_after: tuple[str, ...] = _spec(default=())
    locative_after: tuple[str, ...] = _spec(default=())
    # the case of where one comes from (от Силистра, Kecskemet'ten, از یزد): a visitor
    origin_before: tuple[str, ...] = _spec(default=())
    origin_after: tuple[str, ...] = _spec(default=())
    # the word for "with" (с Брно и Измир, با کربلا و نجف, Tuzla ve Gence ile): the cities
    # a list of it names are someone's partners, not each other's
    comitative_before: tuple[str, ...] = _spec(default=())
    comitative_after: tuple[str, ...] = _spec(default=())  # endings; a word with its space
    # the place a visit's words take as what is visited (посети Варна, Bursa'yı ziyaret,
    # بازدید از کاشان): its venue
    visited_before: tuple[str, ...] = _spec(default=())
    visited_after: tuple[str, ...] = _spec(default=())
    this_city: tuple[str, ...] = _spec(default=())  # "this city": the city named last before it
    our_city: tuple[str, ...] = _spec(default=())  # "our city": the page's own
    # "our twin towns" (kardeş şehirlerimiz, побратимените ни градове): the page's own ties
    our_ties: tuple[str, ...] = _spec(default=())
    our_offices: tuple[str, ...] = _spec(default=())  # "our mayor": of the page's own city
    # a colleague or counterpart (неговият колега от Одеса, mevkidaşı): the office of the
    # one named before, held elsewhere
    counterparts: tuple[str, ...] = _spec(default=())
    # going back (се завръща, dönecek, بازمی‌گردد): the place gone back to is no venue
    returns: tuple[str, ...] = _spec(default=())
    # a sentence that opens so says where the one before it happened (Това стана в …)
    this_happened: tuple[str, ...] = _spec(default=())
    # words that put a sentence on a trip (در این سفر: on this trip): with no word to mark
    # the venue, it is where the trip went, the city the sentence names beside home
    this_trip: tuple[str, ...] = _spec(default=())
    # words that say who hosts a happening (ev sahipliği, домакин, میزبانی): the city
    # named beside them in their clause is where it happens
    hosts: tuple[str, ...] = _spec(default=())
    # words for the municipality's own council and its sessions (belediye meclisi, общинския
    # съвет, شورای شهر): what it does, with no other place said, is done in the page's city
    own_council: tuple[str, ...] = _spec(default=())
    habits: tuple[str, ...] = _spec(default=())
    invitations: tuple[str, ...] = _spec(default=())  # inviting someone is no happening yet
    # words right before what one goes to take part in (جهت شرکت در, за участие в): the
    # day of the going does not date it
    purposes: tuple[str, ...] = _spec(default=())
    # words right before a happening's word that make it what is talked about (در رابطه با
    # برگزاری, относно провеждането на): no happening is said
    topics: tuple[str, ...] = _spec(default=())
    # words right before a happening's word that point back at one told before (در این
    # دیدار, bu toplantıda, тази среща): no other
    told_again: tuple[str, ...] = _spec(default=())
    # words an event's stem begins that name no happening (ziyaretçi, посетители: visitors)
    not_events: tuple[str, ...] = _spec(default=())
    # and those that also say the sentence's other happenings took place during it (по
    # време на визитата, در این سفر): on its day, at its place
    during: tuple[str, ...] = _spec(default=())
    # an event's word in a case that places the sentence in the one told, where the
    # sentence opens with it (Toplantıda, Görüşmede: at the meeting)
    told_in: tuple[str, ...] = _spec(default=())
    # and of those, the ones that say at its end (в края на срещата, در پایان این سفر): on
    # its last day
    at_its_end: tuple[str, ...] = _spec(default=())
    # and those that say the sentence's happening of its kind is another, on its sidelines
    # (در حاشیه این اجلاس … دیدار کرد, в кулоарите на форума)
    sidelines: tuple[str, ...] = _spec(default=())
    # the festival words that name a ceremony (tören, церемония, مراسم): with an agreement's
    # word in the sentence, the signing's
    ceremonies: tuple[str, ...] = _spec(default=())
    today: tuple[str, ...] = _spec(default=())  # words that date what they say to the page's day
    yesterday: tuple[str, ...] = _spec(default=())  # and to the day before it
    tomorrow: tuple[str, ...] = _spec(default=())  # and to the day after it
    # words that set what a sentence says days or weeks before the page (هفته گذشته,
    # миналата седмица, geçen hafta): no day of its neighbours' is its day
    days_before: tuple[str, ...] = _spec(default=())
    organization_words: tuple[str, ...] = _spec(default=())
    # words the gazetteer holds as places that are not cities here: ordinary words
    # (Barış, میدان), continents, provinces named like no city
    not_places: tuple[str, ...] = _spec(default=())
    conjunctions: tuple[str, ...] = _spec(default=())  # joining the items of a list
    relation_hedges: tuple[str, ...] = _spec(default=())  # a tie proposed or discussed, not made
    # words saying a proposal was carried (kabul edildi, одобри, تصویب شد): a hedged tie
    # that this sentence or the next says was adopted is made
    adopted: tuple[str, ...] = _spec(default=())
    # words for "the two cities" (двата града, iki şehir, این دو شهر): a tie said of them
    # is between the two cities named last before them
    both_cities: tuple[str, ...] = _spec(default=())
    # words naming bodies a city never joins: councils and boards people sit on, unions of
    # states, museums and halls (a member of the municipal council is a person)
    not_member_bodies: tuple[str, ...] = _spec(default=())
    # an event's word said of how things are, not of what happened: üyesi olduğu (of which
    # it is a member) describes a body, it tells of no city joining it
    states: tuple[str, ...] = _spec(default=())
    transliteration: dict[str, str] = _spec(case=True, default_factory=dict)  # letter -> Latin
    # a city's names in other words (Столична община: Sofia's municipality), by its name
    place_aliases: dict[str, str] = _spec(default_factory=dict)
    # the word that ties an office or a body to its place (кмет на Кочани, mayor of)
    genitives: tuple[str, ...] = _spec(default=())
    # words that open an office's field (заместник-кметът по култура Мария …): the words
    # in small letters after one say which field, and the holder's name follows
    office_fields: tuple[str, ...] = _spec(default=())
    # endings of a noun with its article (културата, развитието): such a word after an
    # office's "of" says what the office is of (министърът на културата Иван …), where a
    # verb there makes the next name another's (кметът на общината посрещна Иван …)
    definite_endings: tuple[str, ...] = _spec(default=())
    # the case ending of a place that names where the next one lies (Ankara'nın Çankaya
    # ilçesi: Çankaya of Ankara): the first place is no side of a tie
    genitive_endings: tuple[str, ...] = _spec(default=())
    name_breaks: tuple[str, ...] = _spec(default=())  # words that end a name without capitals
    # words right after a sentence's subject (… نیز گفت: also said): a name before one
    # is whole, where the script has no capitals to show it
    after_subject: tuple[str, ...] = _spec(default=())
    # first names (compounds as written: قدرت الله): without capitals, a run of words that
    # opens a sentence or a clause with one is a person's name, its subject
    given_names: tuple[str, ...] = _spec(default=())
    # verbs that say what someone said (گفت, اظهار کرد): a person such a first name opens
    # a sentence with, and no office names, is an official only when the text quotes them
    statements: tuple[str, ...] = _spec(default=())
    # endings of adjectives (ساحلی, آسیایی): after a place cue, no place's name
    adjective_endings: tuple[str, ...] = _spec(default=())
    # words of a building that may follow a body's word (Kongre Merkezi, Конгресен център)
    building_words: tuple[str, ...] = _spec(default=())
    # endings a noun takes for its case (platformuna, Birliği'ne): a body's word may
    # carry one, which is no part of the body's name
    case_endings: tuple[str, ...] = _spec(default=())
    # endings of a word in the plural (Üyeleri, депутатите): an office so named has a list
    plural_endings: tuple[str, ...] = _spec(default=())
    # endings no personal name has (Turkish abstract nouns of office: Yardımcılığı)
    not_name_endings: tuple[str, ...] = _spec(default=())
    # verbs a noun goes before to make a compound verb (وارد شد, دیدار کرد): without
    # capitals, the word right before one is the verb's, no part of a name
    light_verbs: tuple[str, ...] = _spec(default=())
    dotted_i: bool = _spec(default=False)  # Turkish casing: I is the capital of ı, İ of i
    # letters written two ways, each pair (as the profile writes them, the other way):
    # every word of every list holding the first is listed with the second too (رئیس and
    # رییس, مسئول and مسوول are both Persian spellings)
    spelling_variants: tuple[tuple[str, ...], ...] = _spec(case=True, default=())

    @cached_property
    def cased(self) -> bool:
        """Whether its script has capitals to tell names by (Persian's has none)."""
        return any(c.upper() != c for c in self.letters)

    @cached_property
    def _office_phrases(self) -> list[list[str]]:
        return [phrase.split() for found in self.roles.values() for phrase in found if phrase]

    @cached_property
    def honorific_words(self) -> frozenset[str]:
        """Its honorifics as a text's words read them: in small letters, with no dot
        (Prof. and Prof, Uzm. and Uzm are one)."""
        return frozenset(h.lower().rstrip(".") for h in self.honorifics)

    @cached_property
    def office_words(self) -> frozenset[str]:
        """Every word of its offices' phrases: none of them is a name's."""
        return frozenset(w for words in self._office_phrases for w in words)

    @cached_property
    def after_place(self) -> frozenset[str]:
        """The words that may follow a place's name where a person's surname would follow
        a first name: its offices' (Konya Milletvekili) and institutions' (İstanbul
        Üniversitesi)."""
        return self.office_words | frozenset(self.institutions_after)

    @cached_property
    def office_heads(self) -> frozenset[str]:
        """The first word of each office (başkanı, кмет): a municipality word right before
        one names a person's office."""
        return frozenset(words[0] for words in self._office_phrases)

    @cached_property
    def office_tails(self) -> frozenset[str]:
        """The last word of each office: an office, then "and", begins no body's name."""
        return frozenset(words[-1] for words in self._office_phrases)

    @cached_property
    def own_letters(self) -> str:
        """Its letters beyond ASCII, lower case: what decoding checks a code page by."""
        return "".join(sorted(c for c in self.letters if ord(c) > 0x7F))

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


def _words(value: object, where: str, case: bool,
           variants: tuple[tuple[str, ...], ...] = ()) -> tuple[str, ...]:
    if not isinstance(value, list):
        value = [value]
    for item in value:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            hint = " (quote it: YAML reads on, off, yes and no as true or false)" \
                if isinstance(item, bool) else ""
            raise ProfileError(f"{where}: {item!r} is not a word{hint}")
    words = [str(v) if case else str(v).lower() for v in value]
    for written, other in variants:  # each word as it may also be spelt, after it
        words = [form for word in words for form in
                 ((word, word.replace(written, other)) if written in word else (word,))]
    return tuple(dict.fromkeys(words))


def _read(kind: object, value: object, where: str, spec: dict,
          variants: tuple[tuple[str, ...], ...] = ()) -> object:
    """One YAML value as the field's type says, or a ProfileError naming it; its words
    with their other spellings (`variants`)."""
    case = spec["case"]
    if kind is str or kind == str | None:
        if not isinstance(value, str):
            raise ProfileError(f"{where} must be a string")
        if spec["choices"] and value not in spec["choices"]:
            raise ProfileError(f"{where} must be one of {', '.join(spec['choices'])}")
        return value
    if kind is bool:
        if not isinstance(value, bool):
            raise ProfileError(f"{where} must be true or false")
        return value
    if kind == frozenset[str]:  # letters as one string, words as a list
        return frozenset(value.lower()) if isinstance(value, str) \
            else frozenset(_words(value, where, case, variants))
    if kind == tuple[str, ...]:
        return _words(value, where, case, variants)
    if kind == tuple[tuple[str, ...], ...]:
        if not isinstance(value, list):
            raise ProfileError(f"{where} must be a list of lists of words")
        items = tuple(_words(v, f"{where} entry {i + 1}", case, variants)
                      for i, v in enumerate(value))
        if spec["count"] and items and len(items) != spec["count"]:
            raise ProfileError(f"{where} must list {spec['count']} entries, not {len(items)}")
        return items
    if typing.get_origin(kind) is dict:
        if not isinstance(value, dict):
            raise ProfileError(f"{where} must be a mapping")
        unknown = sorted(map(str, set(value) - set(spec["keys"] or value)))
        if unknown:
            raise ProfileError(f"{where}: {', '.join(unknown)} not among "
                               f"{', '.join(spec['keys'])}")
        if typing.get_args(kind)[1] == tuple[str, ...]:
            return {str(k): _words(v, f"{where}.{k}", case, variants)
                    for k, v in value.items()}
        return {str(k): str(v) for k, v in value.items()}
    raise TypeError(f"a profile field of a type the loader does not read: {kind}")


def load_profile(path: Path) -> Profile:
    """One profile file, every key checked against the schema (`Profile`'s fields)."""
    try:
        data = load_yaml(path)
    except YAMLFileError as exc:
        raise ProfileError(str(exc)) from None
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: a profile is a mapping of keys")
    schema = {f.name: f for f in fields(Profile)}
    hints = typing.get_type_hints(Profile)
    for key in data:
        if key not in schema:
            near = difflib.get_close_matches(str(key), schema, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise ProfileError(f"{path}: '{key}' is not a profile key{hint}")
    values: dict[str, object] = {}
    variants = typing.cast(tuple[tuple[str, ...], ...], _read(
        hints["spelling_variants"], data.get("spelling_variants") or [],
        f"{path}: 'spelling_variants'", dict(schema["spelling_variants"].metadata)))
    if any(len(pair) != 2 for pair in variants):
        raise ProfileError(f"{path}: 'spelling_variants' holds pairs: the letters as "
                           "written, and as they may also be")
    for name, spec in schema.items():
        where = f"{path}: '{name}'"
        if name not in data or data[name] is None:
            if spec.default is MISSING and spec.default_factory is MISSING:
                raise ProfileError(f"{where} is missing")
        elif name == "countries":  # written code -> names, read as name -> code
            if not isinstance(data[name], dict):
                raise ProfileError(f"{where} must be a mapping of ISO codes to names")
            values[name] = {country: str(code) for code, names in data[name].items()
                            for country in _words(names, f"{where}.{code}", True, variants)}
        else:
            values[name] = _read(hints[name], data[name], where, dict(spec.metadata),
                                 () if name == "spelling_variants" else variants)
    words = typing.cast(dict, values.get("date_words", {}))
    values["date_words"] = {kind: words.get(kind, ()) for kind in DATE_WORD_KINDS}
    if values["code"] != path.stem or not _CODE.match(str(values["code"])):
        raise ProfileError(f"{path}: 'code' must be {path.stem!r}, the file's name")
    profile = Profile(**typing.cast(dict[str, typing.Any], values))  # each value read by type
    if profile.letters & profile.foreign_letters:
        raise ProfileError(f"{path}: 'foreign_letters' holds letters of 'letters'")
    return profile


def profile_dirs() -> list[Path]:
    """The package's profiles, then any folders MUNI_PROFILES names."""
    extra = [Path(p) for p in os.environ.get("MUNI_PROFILES", "").split(os.pathsep) if p]
    return [PROFILE_DIR, *extra]


@cache
def profiles() -> dict[str, Profile]:
    """Every profile, by language code (a later folder's file replaces an earlier one's)."""
    return {path.stem: load_profile(path) for folder in profile_dirs()
            for path in sorted(folder.glob("*.yaml"))}


def language_codes() -> tuple[str, ...]:
    """The languages muni has a profile for: what sources, --lang and decoding accept."""
    return tuple(sorted(profiles()))


@cache  # by language code: every page of a source asks for the same
def decoding_for(language: str | None) -> Decoding:
    """How to decode a page in the language; for a page of unknown language, every
    profile's most likely code page, and no letters to check them by."""
    profile = profiles().get(language or "")
    if profile is not None:
        return Decoding(profile.legacy_encodings, profile.own_letters)
    return Decoding(tuple(dict.fromkeys(p.legacy_encodings[0] for p in profiles().values()
                                        if p.legacy_encodings)))


@cache
def capitals() -> str:
    """Every capital letter of every profile's alphabet, for a regex class."""
    found = {c.upper() for p in profiles().values() for c in p.letters}
    return "".join(sorted(c for c in found if len(c) == 1 and c.lower() != c))
