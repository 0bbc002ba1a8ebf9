"""Cities named in a text, linked to GeoNames.

Candidates are runs of up to four words (capitalised, where the script has capitals),
Turkish case endings cut at the apostrophe (Tiran'da, İstanbul'un). Country names and
the language's function words are never places. Among places of one name, the one in a
country named in the same sentence wins, then one in the source's country, then one
within about 70 km of the page's other places, then the largest. A small place needs
support: a cue word (град, Belediyesi, شهر), its country named nearby, a supported place
beside it in a list, or the source's country; in scripts without capitals the bar is
higher, since every word is a candidate there. A name missing from the alternate names is
tried in the language's Latin transliteration (Велки Медер), then by its sound (Хмелницки
for Khmelnytskyi, Strazburg for Strasbourg), with a cue or its country beside it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from parsers.gazetteer import (
    Gazetteer,
    Place,
    default_gazetteer,
    normalize_name,
    skeleton_key,
    sound_key,
)
from parsers.languages import Profile, profiles
from parsers.text import (
    APOSTROPHES,
    FreeSpans,
    Text,
    Token,
    alternation,
    countries_in,
    next_word,
    phrase_before,
    whole_words,
)
from scraper.encoding import script_of

MAX_WORDS = 4
FOREIGN_REACH = 30  # characters after a municipality's name its country may take
MIN_POPULATION = 15000  # a place with no support in the text must be at least a town
MIN_POPULATION_UNCASED = 1000000  # every word is a candidate where there are no capitals
MIN_POPULATION_HOME = 5000  # in the source's own country
DWARFED = 10  # how many times larger a city abroad makes a namesake at home no match
MIN_POPULATION_HOME_UNCASED = 100000  # there, where every word is a candidate (بافت: texture)
MIN_POPULATION_SUPPORTED = 0  # GeoNames gives 0 where it does not know
NEARBY = 0.5  # squared degrees (about 70 km): a namesake beside the page's other places wins
HEARD_LETTERS = 5  # a shorter word sounds like too many places (Üye, Фаш)
# a name's mentions weighed for what supports it: a page that names a city thousands of
# times says no more of it than its first hundred mentions do
JUDGED_MENTIONS = 100
# Places a namesake is judged near (the page's first ones: a list of thousands of places
# would make every choice among namesakes cost them all).
NEIGHBOURS = 100
COUNTRY_REACH = 40  # characters: "Tiran'da (Arnavutluk)", "Луксор и Александрия – Египет"
CASE_REACH = 16  # characters back to the case word (в гр. X, от кмета на X)
ENDING_REACH = 16  # characters after a place's word that its case may go on (şehrini ziyaret)
HALL_REACH = 40  # characters back to the locative of "in the hall of <city>"
READ_BACK_REACH = 6  # characters from a name read back in Latin to its country ( در )


@dataclass(frozen=True)
class Mention:
    """Where the text names a city."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class City:
    """A city the text names, linked to GeoNames, with every mention in text order."""

    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    mentions: tuple[Mention, ...]


def mention_spans(cities: Sequence[City]) -> list[tuple[int, int, int]]:
    """(start, end, geonameid) of every mention of the cities, in text order."""
    return sorted((m.start, m.end, c.geonameid) for c in cities for m in c.mentions)


def mentions_between(mentions: list[tuple[int, int, int]], start: int, end: int
                     ) -> list[tuple[int, int, int]]:
    """The mentions (as mention_spans gives them) that begin between start and end."""
    return mentions[bisect_left(mentions, (start,)):bisect_left(mentions, (end,))]


def _cased(profile: Profile | None) -> bool:
    return profile is None or profile.cased


def country_named(text: str, start: int, end: int, language: str | None,
                  first: bool = False) -> str | None:
    """The ISO code of the first country the text names between start and end, by its
    name or its adjective (грузинския град, Slovak belediyesi), or None; `first`: only
    one that the stretch opens with, past spaces and punctuation (Dragaş, Kosova)."""
    stretch = text[start:end].lstrip(" ,،(-–—") if first else text[start:end]
    found = countries_in(stretch, language)
    return found[0][2] if found and (not first or found[0][0] == 0) else None


def find_cities(page: Text, country: str | None = None, gazetteer: Gazetteer | None = None,
                regions: Sequence[int] | None = None) -> tuple[City, ...]:
    """Each city once, with every mention: DESIGN.md's `cities` list. `regions` are the
    region names' starts (region_starts, worked out here when not given)."""
    text, profile = page.raw, profiles().get(page.language or "")
    if not text:
        return ()
    gazetteer = gazetteer or default_gazetteer()
    words = page.tokens
    countries = page.countries
    candidates = _candidates(page, profile, countries, gazetteer) + _named_otherwise(page,
                                                                                  profile)
    candidates = _not_regions(candidates, region_starts(page) if regions is None else regions)
    # a text whose last line is a sentence that ends on a word with no mark after it may
    # be cut there (an excerpt, a teaser): its last word is no city (… در شهر ری, cut
    # from ریازان); a short last line is whole (a list's item: Казан, Русия)
    end = len(text.rstrip())
    if words and words[-1].end == end and text[end - 1:end].isalpha() and \
            len(text[text.rfind("\n", 0, end) + 1:end].split()) > LIST_ITEM_WORDS:
        candidates = [c for c in candidates if c.end < words[-1].start]
    # One place per name on the page, chosen with what all its mentions say.
    cues_before = set(_place_cues(profile.code)) if profile else set()
    cues_after = set(profile.place_cues_after) if profile else set()
    readable = candidates if _cased(profile) else _readable(
        words, candidates, countries, cues_before,
        frozenset(profile.conjunctions) if profile else frozenset())
    # a name with a foreign country right after it (غازیان تپ ترکیه): the ones its
    # consonants may tell, where the script has no short vowels
    abroad = set() if _cased(profile) else {
        c.key for c in readable if _country_after(c, countries) - {country}}
    index = _lookup(text, candidates, readable, profile, gazetteer, abroad)
    found, added, heard, spelled = index.places, index.added, index.heard, index.spelled
    # without short vowels, a Latin reading is looser than a sound (ساحلی reads as Zahlé)
    loose = index.read_back if not _cased(profile) else {}
    adjectives = profile.adjective_endings if profile else ()
    pointing = frozenset(profile.demonstratives) if profile else frozenset()
    this_city = phrase_before(profile.this_city) if profile else None
    chosen: list[_Candidate] = []
    taken = FreeSpans()
    by_span = {(c.first, c.end): c for c in candidates}
    for c in sorted((c for c in candidates if c.key in found
                     and not _cue_adds_nothing(c, by_span, found, words, cues_before)),
                    key=lambda c: (c.start - c.end, c.start)):  # longest first
        if taken.free(c.start, c.end):
            taken.take(c.start, c.end)
            chosen.append(c)
    by_key: dict[str, list[_Candidate]] = {}
    for c in chosen:
        by_key.setdefault(c.key, []).append(c)
    joiners = list_joiners(profile.code if profile else None)
    stop = profile.stop_words if profile else frozenset()
    mentions: dict[int, tuple[Place, list[Mention]]] = {}
    placed: list[Place] = []  # the first NEIGHBOURS places found, that namesakes are near
    believed = _Believed()
    # Twice: a place beside a believed one in a list (Кочани, Струмица и Гоце Делчев) is
    # supported by it. All else a name's support is stays as the first round found it: the
    # later ones judge again only the names a list with a believed place now supports
    # (while they add any: Флоренция, Лахор, Шираз и Нанкин, believed from the end).
    support: dict[str, tuple[set[str], bool]] = {}  # per name: countries near it, a cue word
    rounds, grew = 0, True
    while grew and rounds <= LIST_ROUNDS:
        second, rounds, known = rounds > 0, rounds + 1, len(believed)
        for key, group in by_key.items():
            if any(c in believed for c in group):
                continue
            judged = group[:JUDGED_MENTIONS]
            if second:
                near, cued = support[key]
                if cued:
                    continue  # (judged as it was: not believed)
            else:
                near = {code for c in judged for code in _countries_near(c, countries)}
                if country in near and not any(country in _country_after(c, countries)
                                               for c in judged):
                    # a page names its own country about anything: only right after a
                    # name does it say the name is a place (… مشهد (شمال شرق ایران)
                    # "رحمان میرزائیان": a person, no village Rahman)
                    near.discard(country)
                # (the words for "this city" name one named before: معاون شهردار این شهر
                # هفته گذشته is this city's deputy mayor last week, no town هفته)
                cued = any(_cue(text, words, c, cues_before, cues_after)
                           and not (this_city is not None and this_city.search(
                               page.folded, max(0, c.start - THIS_CITY_CHARS), c.start))
                           for c in judged)
                support[key] = near, cued
            cue = cued or any(_listed_with(text, c, found[key], believed, joiners, stop)
                              or _listed_abroad(text, c, countries, believed, joiners)
                              for c in judged)
            if second and not cue:
                continue
            # a capital that only begins a sentence or a line is no sign of a name
            opening = all(_opens_sentence(page, c.start) for c in judged)
            read_cue, behind = False, set()
            if key in loose:  # what a Latin reading needs: a cue, or its country after it
                read_cue = cue and not any(_pointed(words, c.first, pointing) for c in judged)
            if key in loose or key in heard or key in spelled:
                behind = {code for c in judged for code in _country_after(c, countries)}
            within = {c.within for c in judged}
            other_names = added.get(key, set())
            after = {code for c in judged for code in _country_after(c, countries)} \
                if other_names else set()
            believable = [p for p in found[key]
                          if ("" in within or p.country in within)
                          # (a weekday is a place with its country near, or a place's
                          # word before it: شهر دوشنبه)
                          and (p.country in near or cued or not all(c.weekday for c in judged))
                          # (a first name is a town at home as often: شهریار)
                          and (cued or p.country == country or not all(c.given for c in judged))
                          # (by another reading: of the country named right after it,
                          # where one is: Бре, Франция is not Bré, Ireland)
                          and (p.geonameid not in other_names
                               or (cue or near) and (not after or p.country in after))
                          and (p.geonameid not in heard.get(key, ())
                               or _heard_right(p, key, cue, near, behind))
                          and (p.geonameid not in loose.get(key, ())
                               or _read_right(p, key, read_cue, behind, adjectives))
                          # by its consonants: only a town of the country right after it,
                          # after a cue word or in a list (شهر کچکمت مجارستان)
                          and (p.geonameid not in spelled.get(key, ()) or p.country in behind
                               and p.country != country
                               and (cue or p.population >= MIN_POPULATION_UNCASED))
                          and p.population >= _needed(p, key, cue, near, country, _cased(profile),
                                                      group[0], opening)]
            if not believable:
                continue
            if not _cased(profile) and len(believable) > 1:
                # without capitals no name is as written: a town at home a tenth the size
                # of a city abroad bearing the name is not the one meant (هرات is Herat,
                # not a town of 13,000 in Iran)
                largest = max((p.population for p in believable if p.country != country),
                              default=0)
                believable = [p for p in believable
                              if p.country != country or p.population * DWARFED >= largest]
            # at home, a place bearing the name itself beats a larger one that has it as
            # an alternate name (Saray); then one beside the page's other places; among
            # namesakes of equal size, the one nearest them
            home_town = len(believable) > 1 and _home_town(believable, key, country)
            # against such a town, only a country right beside the name sets it abroad
            # (Gürcistan'ın Batum, Batum (Gürcistan)), not one a word away (… افغانستان به
            # مشهد: to Mashhad, Iran's)
            # (without capitals, no name is as written: a city at home is one by its size)
            rival = home_town or not _cased(profile) and len(believable) > 1 and any(
                p.country == country and p.population >= MIN_POPULATION_HOME_UNCASED
                for p in believable)
            ranked_near = {code for c in judged
                           for code in _country_beside(text, c, countries)} \
                if rival else near
            # a town the text names as the index writes it beats a namesake heard or read
            # abroad (Кавала is Kavála, not India's larger Kāvali); a village may not
            written_town = any(p.geonameid not in other_names and p.population >= MIN_POPULATION
                               for p in believable)
            place = believable[0] if len(believable) == 1 else max(
                believable, key=lambda p: _rank(p, key, ranked_near, country, placed,
                                                other_names, home_town, written_town))
            # (a weekday before a date names the day: روز دوشنبه ۱۵ آبان, no Dushanbe)
            group = [c for c in group if not (c.weekday and _DATE_AFTER.match(text, c.end))]
            if not group:
                continue
            for c in group:
                believed.add(c, place)
            if place.geonameid not in mentions and len(placed) < NEIGHBOURS:
                placed.append(place)
            mentions.setdefault(place.geonameid, (place, []))[1].extend(
                Mention(text[c.start:c.end], c.start, c.end) for c in group)
        grew = len(believed) > known
    cities = [City(p.geonameid, p.name, p.country, p.lat, p.lon,
                   tuple(sorted(named, key=lambda m: m.start)))
              for p, named in mentions.values()]
    return tuple(sorted(cities, key=lambda c: c.mentions[0].start))


def _not_regions(candidates: list[_Candidate], regions: Sequence[int]) -> list[_Candidate]:
    """The candidates that hold no word of a region's name (`regions`: where region_starts
    says each word of such a name begins, in order): not a name holding one, nor one that
    begins inside it (област Стара Загора: not Zagora either); a name before it stays
    (شهر شیراز استان فارس: Shiraz, then its province)."""
    if not regions:
        return candidates
    return [c for c in candidates
            if (k := bisect_left(regions, c.start)) == len(regions) or regions[k] >= c.end]


LIST_ROUNDS = 4  # rounds of a list's items supporting their neighbours, after the first
_DATE_AFTER = re.compile(r"[ \t]*،?[ \t]*\d")  # a figure right after the word
LIST_ITEMS = 12  # items of a list read on to its conjunction
LIST_ITEM_WORDS = 3  # words a line of a list holds at most (Казан, Русия): none is cut short


def region_starts(page: Text, gazetteer: Gazetteer | None = None) -> tuple[int, ...]:
    """Where the words that name a region, not a city, begin (in order): set off by a
    region's word (استان اصفهان, област Монтана, Konya ili, Sivas Valisi: a province that
    bears its capital's name is no city there), or alone in brackets after a
    municipality's name, as its province (Göle Belediyesi (Ardahan), Община Кирково
    (Кърджали)). A name of several words after a region's word has each of its words
    here, where the index knows them as one name (област Стара Загора). The cue words are
    searched for in the text. Cities leave these names out; officials pass over them on
    the way from an office to its holder's name."""
    profile = profiles().get(page.language or "")
    if profile is None or not profile.region_cues_before and not profile.region_cues_after:
        return ()
    text, folded, words = page.raw, page.folded, page.tokens
    starts = [w.start for w in words]
    found = set()
    for _, end in whole_words(folded, profile.region_cues_before):  # استان اصفهان
        k = bisect_left(starts, end)
        if k < len(words) and text[end:words[k].start].strip(_CUE_GAP) == "":
            found.add(k)
    found |= _region_name_words(text, words, sorted(found), profile.cased,
                                gazetteer or default_gazetteer())
    for at, _ in whole_words(folded, profile.region_cues_after):  # Konya ili
        k = bisect_left(starts, at) - 1
        if k >= 0 and text[words[k].end:at].isspace():
            found.add(k)
    for _, end in whole_words(folded, profile.municipality_words):  # Göle Belediyesi (Ardahan)
        k = bisect_left(starts, end)
        for q in (k, k + 1):
            if 0 < q < len(words) and text[words[q - 1].end:words[q].start].strip() == "(" \
                    and text[words[q].end:words[q].end + 1] == ")":
                found.add(q)
    return tuple(starts[k] for k in sorted(found))


def _region_name_words(text: str, words: tuple[Token, ...], firsts: list[int], cased: bool,
                       gazetteer: Gazetteer) -> set[int]:
    """The words after each region name's first word (`firsts`: their indexes) that go on
    the name: those of the longest run of up to MAX_WORDS words, capitalised where the
    script has capitals, that the index knows as one name (Стара Загора, Велико Търново:
    not the holder's name after them, Стара Загора Иван Петров)."""
    runs: list[tuple[str, int, int]] = []  # a run's key, and its first and last words
    for k in firsts:
        key = normalize_name(words[k].text)
        for j in range(k + 1, min(len(words), k + MAX_WORDS)):
            if text[words[j - 1].end:words[j].start] not in _NAME_GAPS or \
                    cased and not words[j].capitalised:
                break
            key = f"{key} {normalize_name(words[j].text)}"
            runs.append((key, k, j))
    known = gazetteer.lookup(key for key, _, _ in runs)
    # (a name's shorter known runs lie inside its longest one)
    return {i for key, k, j in runs if key in known for i in range(k + 1, j + 1)}


class _Candidate(NamedTuple):  # a tuple: hundreds per page where every word may start one
    start: int
    end: int
    first: int  # index of its first token (`index` is a tuple's method)
    key: str
    foreign_script: bool  # written in another script than the language's
    weekday: bool = False  # دوشنبه is Monday unless Tajikistan is named beside it
    # the country it must lie in: a name read only for the country before it, where a
    # first name would stand (Makedonya Üsküp Studenican; not Франция Флоранс Робин)
    within: str = ""
    # without capitals, a first name (ولادیمیر پوتین) is a place abroad only after a cue word
    given: bool = False


class _Found(NamedTuple):
    """What the index gives for a page's candidates."""

    places: dict[str, tuple[Place, ...]]  # per candidate key
    # per key, the places that do not bear the name as written: found by its Latin
    # reading or its sound (believed only with a cue or their country beside them:
    # Сантов is a surname, not Shantou)
    added: dict[str, set[int]]
    heard: dict[str, set[int]]  # of those, the ones found by their sound alone
    read_back: dict[str, set[int]]  # and the ones found through a Latin reading
    spelled: dict[str, set[int]]  # and the ones found by their consonants (skeleton_key)


def _lookup(text: str, candidates: list[_Candidate], readable: list[_Candidate],
            profile: Profile | None, gazetteer: Gazetteer, abroad: set[str]) -> _Found:
    """The places of each candidate as written, then in the language's Latin letters and
    as the language hears it (Байлещи, Strazburg, Şuşa: the name's sound). A name the
    index knows is also read so where the script has capitals and the name is long: its
    namesakes are weighed beside it (Слобозия is an alternate name of a village of 5,000
    only, Науса reads Nausa, a Náousa of 3,000; the towns of 40,000 and 20,000 spell the
    same sound). Those `abroad` that none of these found may be a town by its consonants.
    """
    keys = dict.fromkeys(c.key for c in candidates)  # (a word said again is one name)
    found = gazetteer.lookup(keys)
    cased = _cased(profile)
    latin: dict[str, str] = {}
    if profile is not None and profile.transliteration:
        latin = {c.key: normalize_name(profile.to_latin(text[c.start:c.end]))
                 for c in readable if not c.foreign_script
                 and (c.key not in found or (cased and len(c.key) >= HEARD_LETTERS))}
    # (without capitals, two words are read only for their consonants, below)
    pairs = set() if cased else {key for key in latin if " " in key}
    by_latin = gazetteer.lookup(k for key, k in latin.items() if key not in pairs)
    sounds = {key: sound for key in keys if len(key) >= HEARD_LETTERS
              and (key not in found or key in latin) and key not in pairs
              and (written := latin.get(key) or key) < "\x80"  # ASCII
              and (sound := sound_key(written))}
    by_sound = gazetteer.lookup(sounds.values(), "sounds")
    out = _Found(dict(found), {}, {}, {}, {})

    def add(key: str, places: tuple[Place, ...], *kinds: dict[str, set[int]]) -> None:
        known = {p.geonameid for p in out.places.get(key, ())}
        extra = [p for p in places if p.geonameid not in known]
        if extra:
            out.places[key] = (*out.places.get(key, ()), *extra)
            ids = {p.geonameid for p in extra}  # (a sound can name hundreds: made once)
            for kind in (out.added, *kinds):
                had = kind.get(key)
                kind[key] = ids if had is None else had | ids

    for key, k in latin.items():
        if k in by_latin:
            add(key, by_latin[k], out.read_back)
    for key, sound in sounds.items():
        if sound in by_sound:
            add(key, by_sound[sound], out.heard, *([out.read_back] if key in latin else []))
    # without short vowels, a name no reading found may still show a town's consonants;
    # two words only where neither names a town itself (غازیان تپ, whose first word is a
    # hamlet's name only; not شهر هایکو)
    unread = [c for c in readable if c.key in abroad and c.key in latin
              and c.key not in out.places]
    named = [(c.start, c.end) for c in candidates
             if any(p.population >= MIN_POPULATION for p in out.places.get(c.key, ()))] \
        if unread else []
    skeletons = {c.key: skeleton for c in unread
                 if not any(c.start <= a and b <= c.end for a, b in named)
                 and (skeleton := skeleton_key(latin[c.key]))}
    by_skeleton = gazetteer.lookup(skeletons.values(), "skeletons")
    for key, skeleton in skeletons.items():
        if skeleton in by_skeleton:
            add(key, by_skeleton[skeleton], out.spelled)
    return out


def _home_town(places: Sequence[Place], key: str, country: str | None) -> bool:
    """A town of the source's country bears the name as written (Düzce): a village of a
    country named nearby that has the name only as an alternate one (Áchna, Cyprus, whose
    Turkish name is Düzce) is not the one meant."""
    return any(p.country == country and p.population >= MIN_POPULATION
               and _as_written(p, key) for p in places)


def _as_written(place: Place, key: str) -> bool:
    """The place's own name is the name as the text writes it (not another name of it)."""
    return normalize_name(place.name) == key


def _rank(place: Place, key: str, near: set[str], country: str | None,
          placed: list[Place], added: set[int], home_town: bool, written_town: bool) -> tuple:
    distance = _distance(place, placed)
    as_written = _as_written(place, key)
    # at home, a place that has the name only as an alternate one counts as home only
    # with some people (Atina is an old name of Pazar, a village of no known size)
    home = place.country == country and (as_written or place.population >= MIN_POPULATION_HOME)
    return (place.country in near and (as_written or not home_town), home, home and as_written,
            distance is not None and distance <= NEARBY,
            not (written_town and place.geonameid in added), place.population,
            place.geonameid not in added, -(distance or 0.0))  # (of equals, the one as written)


def _readable(words: tuple[Token, ...], candidates: list[_Candidate],
              countries: list[tuple[int, int, str]], cues: set[str],
              joined: frozenset[str]) -> list[_Candidate]:
    """Without capitals every word is a candidate: only a long single word a word or two
    after a cue word, right after a conjunction (a list's next place), or right before a
    country, is worth reading in Latin letters (_read_right judges it); and two words
    with a country right after them (غازیان تپ ترکیه)."""
    after: set[int] = set()  # (a script without capitals has no case to fold)
    for i, w in enumerate(words):
        if w.text in cues:
            after.update((i + 1, i + 2))
        elif w.text in joined:
            after.add(i + 1)
    # the ends a country's name follows (as _country_after finds it; `beside`, a space at
    # most between), asked of every candidate as one set lookup
    reach = {s - d for s, _, _ in countries for d in range(READ_BACK_REACH + 1)}
    beside = {s - d for s, _, _ in countries for d in (0, 1)}
    # (`beside` lies within `reach`: most candidates are passed over by the first test)
    return [c for c in candidates if (c.first in after or c.end in reach)
            and len(c.key) >= HEARD_LETTERS and (
                " " not in c.key or c.key.count(" ") == 1 and c.end in beside)]


THIS_CITY_CHARS = 30  # characters before a name that a phrase for "this city" may take


def _pointed(words: tuple[Token, ...], first: int, demonstratives: frozenset[str]) -> bool:
    """The cue word before the name is pointed at (این دو شهر انجام: these two cities did,
    no city named انجام): a demonstrative two or three words back."""
    return any(w.text in demonstratives for w in words[max(0, first - 3):first - 1])


def _country_after(c: _Candidate, countries: list[tuple[int, int, str]]) -> set[str]:
    """The countries named right after the name, a word at most between (مالاکا در مالزی,
    نیکوزیا از قبرس); `countries` in text order, as Text.countries gives them."""
    k = bisect_left(countries, (c.end,))  # (the first that starts at its end or after)
    return {code for s, _, code in countries[k:k + 1] if s - c.end <= READ_BACK_REACH}


def _read_right(place: Place, key: str, cued: bool, behind: set[str],
                adjectives: tuple[str, ...]) -> bool:
    """A place matched by a Latin reading of a script without short vowels (کازان,
    آنکونا): a long name of a town, with its country right after it, or right after a cue
    word or in a list with a place believed (ساری و آنکونا), and no adjective (شهرهای
    ساحلی are coastal cities, not Zahlé; انتظار … ترکیه is no Ankara)."""
    return len(key) >= HEARD_LETTERS and place.population >= MIN_POPULATION and (
        place.country in behind or (cued and not key.endswith(adjectives)))


def _heard_right(place: Place, key: str, cue: bool, near: set[str], behind: set[str]) -> bool:
    """A place matched by its sound only (Байлещи for Băileşti): a name of five letters
    or more, a town at least, with a cue word or its own country beside it; of any size
    with its country right after it (`behind`: Кълъраш, Румъния), as a list of partner
    towns writes them."""
    return len(key) >= HEARD_LETTERS and (place.country in behind or (
        place.population >= MIN_POPULATION and (cue or place.country in near)))


def _distance(place: Place, others: list[Place]) -> float | None:
    """Squared degrees to the nearest place already found on the page (None when none).
    Within NEARBY, about 70 km, the namesake is beside them: Kapaklı beside Tekirdağ, not
    the village of the same name at the other end of the country."""
    return min(((place.lat - p.lat) ** 2 + (place.lon - p.lon) ** 2 for p in others),
               default=None)


@cache
def list_joiners(language: str | None) -> tuple[re.Pattern, re.Pattern]:
    """A comma between list items, and a conjunction (with or without a comma)."""
    profile = profiles().get(language or "")
    words = "|".join(re.escape(w) for w in profile.conjunctions) if profile else ""
    conjunction = re.compile(rf"\s*[,،]?\s+(?:{words})\s+" if words else r"(?!x)x")
    return re.compile(r"\s*[,،]\s*"), conjunction


class _Believed:
    """The candidates believed so far with their places, each found by where it ends and
    where it starts: a list item's neighbours are asked for, not every believed place."""

    def __init__(self) -> None:
        self._ends: list[int] = []  # sorted (candidates never overlap)
        self._starts: list[int] = []
        self._starting: dict[int, tuple[_Candidate, Place]] = {}
        self._ending: dict[int, tuple[_Candidate, Place]] = {}

    def __contains__(self, c: _Candidate) -> bool:
        return self._starting.get(c.start, (None,))[0] == c

    def __len__(self) -> int:
        return len(self._ends)

    def add(self, c: _Candidate, place: Place) -> None:
        insort(self._ends, c.end)
        insort(self._starts, c.start)
        self._starting[c.start] = self._ending[c.end] = (c, place)

    def beside(self, c: _Candidate) -> list[tuple[_Candidate, Place]]:
        """The believed candidate nearest before `c` and the one nearest after it."""
        out = []
        k = bisect_right(self._ends, c.start)
        if k:
            out.append(self._ending[self._ends[k - 1]])
        k = bisect_left(self._starts, c.end)
        if k < len(self._starts):
            out.append(self._starting[self._starts[k]])
        return out


def _countries_near(c: _Candidate, countries: list[tuple[int, int, str]]) -> set[str]:
    """The countries named within COUNTRY_REACH of the name, before or after it;
    `countries` in text order (their starts and their ends sorted)."""
    k = bisect_left(countries, (c.end - COUNTRY_REACH,))
    near = set()
    while k < len(countries) and countries[k][0] <= c.end + COUNTRY_REACH:
        near.add(countries[k][2])
        k += 1
    k = bisect_left(countries, c.start - COUNTRY_REACH, key=lambda country: country[1])
    while k < len(countries) and countries[k][1] <= c.start + COUNTRY_REACH:
        near.add(countries[k][2])
        k += 1
    return near


def _listed_with(text: str, c: _Candidate, places: tuple[Place, ...], believed: _Believed,
                 joiners: tuple[re.Pattern, re.Pattern], stop: frozenset[str]) -> bool:
    """Beside a believed place in a list: joined by a conjunction (Кочани, Струмица и
    Гоце Делчев), or by a comma to a place of the same country, or to one a conjunction
    joins to the next (فلورانس، لاهور و نانجینگ: a list's comma; a comma alone also ends
    a clause: "Başkan Erkek, İstanbul …")."""
    comma, conjunction = joiners
    rest = text[c.end:c.end + 30]
    following = next_word(rest, 0)
    if following and following not in stop and not _PUNCTUATION_NEXT.match(rest):
        return False  # ناصر الخزعلی: the name goes on, a person's
    # only the nearest believed place on either side: a farther one has it in the gap
    for o, place in believed.beside(c):
        gap = text[o.end:c.start] if o.end <= c.start else text[c.end:o.start]
        if conjunction.fullmatch(gap) or comma.fullmatch(gap) and (
                any(p.country == place.country for p in places)
                or o.start > c.end and _list_goes_on(text, o, believed, joiners)):
            return True
    return False


_LIST_END = re.compile(r"[ \t]*(?:[.!?؟;؛\n]|$)")


def _list_goes_on(text: str, c: _Candidate, believed: _Believed,
                  joiners: tuple[re.Pattern, re.Pattern]) -> bool:
    """The believed candidate `c` is followed by believed ones, joined by commas, the
    last by a conjunction or followed by the sentence's end: an item of a list."""
    comma, conjunction = joiners
    for step in range(LIST_ITEMS):
        if step and _LIST_END.match(text, c.end):
            return True  # (a list of commas alone that the sentence ends: A، B، C.)
        after = [o for o, _ in believed.beside(c) if o.start >= c.end]
        if not after:
            return False
        gap = text[c.end:after[0].start]
        if conjunction.fullmatch(gap):
            return True
        if not comma.fullmatch(gap):
            return False
        c = after[0]
    return False


def _country_beside(text: str, c: _Candidate, countries: list[tuple[int, int, str]]
                    ) -> set[str]:
    """The countries named right after the name (as _country_after finds them) or right
    before it, a space between (Gürcistan'ın Batum, Makedonya Üsküp), or in the brackets
    right after it (Kazan (Tataristan, Rusya))."""
    k = bisect_left(countries, (c.start,)) - 1  # the last that starts before it
    before = {countries[k][2]} if k >= 0 and 0 <= c.start - countries[k][1] <= 1 else set()
    bracket = _BRACKET_AFTER.match(text, c.end)
    inside = set()
    if bracket is not None:  # (the countries in text order: the first inside by bisection)
        k = bisect_left(countries, (bracket.start(1),))
        while k < len(countries) and countries[k][1] <= bracket.end(1):
            inside.add(countries[k][2])
            k += 1
    return before | inside | _country_after(c, countries)


_BRACKET_AFTER = re.compile(r" ?\(([^()\n]{1,60})\)")


def _cue_adds_nothing(c: _Candidate, by_span: dict[tuple[int, int], _Candidate],
                      found: dict[str, tuple[Place, ...]], words: tuple[Token, ...],
                      cues: set[str]) -> bool:
    """A name that opens with a cue word names no place the rest does not (شهر هرات is
    another name of one Herāt, هرات names both): the rest is read, after its cue.
    `by_span`: the candidates by their first word and their end."""
    if words[c.first].text.lower() not in cues:
        return False
    rest = by_span.get((c.first + 1, c.end))
    return rest is not None and rest.key in found and \
        {p.geonameid for p in found[c.key]} <= {p.geonameid for p in found[rest.key]}


def _listed_abroad(text: str, c: _Candidate, countries: list[tuple[int, int, str]],
                   believed: _Believed, joiners: tuple[re.Pattern, re.Pattern]) -> bool:
    """An item of a list of places each with its country after it (باكو در آذربايجان ،
    ماگیلف روسیه سفید و خجند در تاجيكستان): beside a believed place, the two joined by a
    comma or a conjunction after the first one's country, and the second with its own."""
    for o, _ in believed.beside(c):
        first, second = (o, c) if o.end <= c.start else (c, o)
        k = bisect_left(countries, (first.end,))
        if k == len(countries) or countries[k][0] - first.end > READ_BACK_REACH or \
                not _country_after(second, countries):
            continue
        gap = text[countries[k][1]:second.start]
        if any(joiner.fullmatch(gap) for joiner in joiners):
            return True
    return False


@cache
def _word_keys(language: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The profile's stop words and month names, not-places and weekdays, compared as the
    gazetteer compares (Perşembe is "persembe" there)."""
    profile = profiles()[language]
    stop = {normalize_name(w) for w in profile.stop_words} | \
        {normalize_name(n) for month in profile.months + profile.solar_months for n in month}
    return (frozenset(stop), frozenset(normalize_name(w) for w in profile.not_places),
            frozenset(normalize_name(w) for w in profile.weekdays))


@cache
def _given_keys(language: str) -> frozenset[str]:
    """The profile's first names, compared as the gazetteer compares."""
    return frozenset(normalize_name(n) for n in profiles()[language].given_names)


@cache
def _place_cues(language: str) -> frozenset[str]:
    """The words that mark the next name as a place's: the profile's, and the last two
    words of a counterpart's phrase (колегата си от Одеса: his colleague from Odesa)."""
    profile = profiles()[language]
    return frozenset(profile.place_cues_before) | {
        " ".join(phrase.split()[-2:]) for phrase in profile.counterparts}


@cache
def _person_words(language: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The profile's first names, municipality words and office words: what tells a
    person's capitalised words from a place's."""
    profile = profiles()[language]
    return (frozenset(profile.given_names), frozenset(profile.municipality_words),
            profile.office_words)


def _candidates(page: Text, profile: Profile | None, countries: list[tuple[int, int, str]],
                gazetteer: Gazetteer) -> list[_Candidate]:
    text, words = page.raw, page.tokens
    cased = _cased(profile)
    stop, not_places, weekdays = _word_keys(profile.code) if profile else (set(), set(), set())
    persons = _given_keys(profile.code) if profile and not cased else frozenset()
    cues = set(_place_cues(profile.code)) if profile else set()
    # a word for "in" before a name makes it a place's, whatever capital follows it (…
    # консул на Турция в Пловдив Мехмет Гючюк): no person is in a place so written
    cues_or_in = cues | set(profile.locative_before if profile else ())
    cues_after = set(profile.place_cues_after) if profile else set()
    after_place = profile.after_place if profile else frozenset()
    institutions = frozenset(profile.institutions_after) if profile else frozenset()
    script = profile.script if profile else None
    ezafe = frozenset(profile.ezafe_after) if profile else frozenset()
    shortest = 3 if cased else 2
    # What each word allows, worked out once (up to four names start at every word).
    begins = [w.start for w in words]
    usable = _outside(words, begins, countries)
    # where the script has capitals, a name's words are all capitalised: only those count
    named = [i for i, w in enumerate(words) if usable[i] and (not cased or w.text[0].isupper())]
    keys = {i: normalize_name(words[i].text) for i in named}
    joins = {j for j in named  # the words that may go on the name before them
             if j and not words[j].suffix and text[words[j - 1].end:words[j].start] in _NAME_GAPS}
    starts = [i for i in named if not words[i].suffix]
    titled = _after_honorifics(page, words, begins, profile.honorific_words) if profile \
        else set()
    opening = _opening(text, words, keys, starts, joins, profile, gazetteer, countries)
    given, seats, offices = _person_words(profile.code) if cased and profile else \
        (frozenset(), frozenset(), frozenset())
    # (where the script has capitals: a word before a first name is none, nor is one of
    # two towns side by side: Варна Тодор Балабанов, Tiflis Trabzon'a)
    unnamed = _before_first_names(words, keys, given) | \
        _town_pairs(text, words, keys, named, given, gazetteer) if given else set()
    surnames = _surnames(words, keys, given) if given else frozenset()
    # the word after an office's "of" names its place, a first name after it or not
    # (вицекмета на Букурещ Мирча Попеску)
    of_office = _after_office_of(text, words, profile, offices) if cased and profile \
        else set()
    out = []
    for i in starts:
        first = words[i]
        if cased and first.text.isupper() and len(first.text) <= 4:
            continue  # an acronym (İBB, ЕС), not a place
        if cased and i and usable[i - 1] and (
                _surname_position(text, words, i, titled)
                and words[i - 1].text.lower() not in cues and i - 1 not in unnamed
                and not _seat_named(words, i, seats, offices)
                # (a name's words that run on to an event's: Uluslararası Bursa Festivali;
                # not after a place's: Tekirdağ Kiraz Festivali, the town's cherries)
                and not (_names_institution(text, words, i, institutions)
                         and not gazetteer.lookup([keys.get(i - 1, "")]))
                or _after_first_name(text, words, i, given)):
            continue  # (a country before: Almanya Krefeld; a first name: Nebi Tepe)
        if i in titled or keys[i] in surnames and not _cued_before(text, words, i, cues_or_in):
            continue  # г-н Ито, Sayın Erkek; Aktaş, who is Alinur Aktaş elsewhere: a person
        # the script of a name is its first word's (a word begins with a letter)
        foreign = script is not None and script_of(first.text[0]) != script
        key = ""
        last = min(len(words), i + MAX_WORDS) if i in opening else i + 1
        for j in range(i, last):
            if j > i and j not in joins:
                break
            if keys[j]:
                key = f"{key} {keys[j]}" if key else keys[j]
            if len(key) < shortest or key in not_places or (j == i and key in stop):
                continue
            within = ""
            if cased and j == i and i not in unnamed \
                    and _first_name_position(text, words, i, cues_after, after_place,
                                             institutions) \
                    and not _cued_before(text, words, i, cues_or_in) and i not in of_office:
                if not i or usable[i - 1]:
                    continue
                within = _country_at(countries, words[i - 1].start)  # (Makedonya Üsküp)
            # tuple.__new__ skips the named tuple's Python-level constructor
            out.append(tuple.__new__(_Candidate, (first.start, words[j].end, i, key, foreign,
                                                  j == i and key in weekdays, within,
                                                  j == i and key in persons)))
            if ezafe and key[-1] == "ی" and key[-2:-1] in ezafe and len(key) > shortest:
                # the name with the ezafe after its vowel: کربلای معلی is Karbala's
                out.append(tuple.__new__(_Candidate, (first.start, words[j].end - 1, i,
                                                      key[:-1], foreign, False, "", False)))
    return out


def _named_otherwise(page: Text, profile: Profile | None) -> list[_Candidate]:
    """The cities the text names by the profile's other names for them (Столична община:
    Sofia), each a candidate of the city's own name."""
    aliases = profile.place_aliases if profile else {}
    if not aliases:
        return []
    begins = [w.start for w in page.tokens]
    return [_Candidate(start, end, bisect_left(begins, start),
                       normalize_name(aliases[page.folded[start:end]]), False)
            for start, end in whole_words(page.folded, aliases)]


def _opening(text: str, words: tuple[Token, ...], keys: dict[int, str], starts: list[int],
             joins: set[int], profile: Profile | None, gazetteer: Gazetteer,
             countries: list[tuple[int, int, str]]) -> set[int]:
    """The words a name of several words may start at: followed by a word it may go on
    with, and the first word of such a name in the index (as written, or in Latin
    letters where the language has a transliteration); without capitals, also two words
    right before a country (غازیان تپ ترکیه: a foreign name as heard). Where every word
    is a candidate, this spares most of the names of two, three and four words."""
    going_on = [i for i in starts if i + 1 in joins]
    # (without capitals, only single words are read back in Latin letters)
    latin = {i: normalize_name(profile.to_latin(words[i].text)) for i in going_on} \
        if profile is not None and profile.transliteration and profile.cased else {}
    known = gazetteer.opening([keys[i] for i in going_on] + list(latin.values()))
    stop = profile.stop_words if profile else frozenset()
    country_starts = {start for start, _, _ in countries}
    before_country = set() if _cased(profile) else {
        i for i in going_on if i + 2 < len(words) and words[i].text not in stop
        and words[i + 2].start in country_starts}
    return {i for i in going_on if keys[i] in known or latin.get(i) in known
            or i in before_country}


_NAME_GAPS = frozenset((" ", "-", "\u200c"))  # what may stand between a name's words


def _outside(words: tuple[Token, ...], begins: list[int],
             countries: list[tuple[int, int, str]]) -> list[bool]:
    """For each word, whether it lies outside every country name (`begins`: where each
    word begins; the words inside a name are found by bisection)."""
    usable = [True] * len(words)
    for start, end, _ in countries:
        k = bisect_left(begins, start)
        if k and words[k - 1].end > start:
            k -= 1  # a word that runs into the name
        for i in range(k, bisect_left(begins, end)):
            usable[i] = False
    return usable


def _country_at(countries: list[tuple[int, int, str]], at: int) -> str:
    """The code of the country name that holds the character at `at`."""
    return next(code for start, end, code in countries if start <= at < end)


def _before_first_names(words: tuple[Token, ...], keys: dict[int, str], given: frozenset[str]
                        ) -> set[int]:
    """The capitalised words (`keys`: theirs), themselves no first name, right before one:
    the place a name follows (кметът на Варна Тодор Балабанов, Пловдив Мехмет Гючюк), not
    its own first word."""
    return {i for i in keys if i + 1 in keys and not words[i].suffix
            and words[i + 1].text.lower() in given and words[i].text.lower() not in given}


def _after_office_of(text: str, words: tuple[Token, ...], profile: Profile,
                     offices: frozenset[str]) -> set[int]:
    """The indexes of the words right after an office's word and the word for "of"
    (кмета на X), one space apart each."""
    of = set(profile.genitives)
    return {i for i in range(2, len(words)) if words[i - 1].text in of
            and words[i - 2].text.lower() in offices
            and text[words[i - 2].end:words[i].start] == f" {words[i - 1].text} "} \
        if of and offices else set()


def _surnames(words: tuple[Token, ...], keys: dict[int, str], given: frozenset[str]
              ) -> frozenset[str]:
    """The capitalised words (`keys`: theirs) the text writes right after a first name
    somewhere (Mehmet Aktaş): a person's surname wherever it stands alone."""
    return frozenset(keys[i + 1] for i in keys if i + 1 in keys and not words[i + 1].suffix
                     and words[i].text.lower() in given
                     and words[i + 1].text.lower() not in given)


def _seat_named(words: tuple[Token, ...], i: int, seats: frozenset[str],
                offices: frozenset[str]) -> bool:
    """The word at `i` names a municipality, its words right after it (Üsküp Studenican
    Belediyesi ile), and so no person: not where an office follows them (Ahmet Yılmaz
    Belediye Başkanı)."""
    k = i + 1
    while k < len(words) and words[k].text.lower() in seats:
        k += 1
    return k > i + 1 and (k == len(words) or words[k].text.lower() not in offices)


def _after_first_name(text: str, words: tuple[Token, ...], i: int, given: frozenset[str]
                      ) -> bool:
    """Right after a first name, even where a sentence opens with it: a surname."""
    prev = words[i - 1]
    return not prev.suffix and text[prev.end:words[i].start] == " " and \
        prev.text.lower() in given


def _town_pairs(text: str, words: tuple[Token, ...], keys: dict[int, str], named: list[int],
                given: frozenset[str], gazetteer: Gazetteer) -> set[int]:
    """The first words of two capitalised words side by side, the first no first name,
    that both name towns of PAIR_POPULATION (Tiflis Trabzon'a, Kutaisi Trabzon'a kardeş
    oldu): two places, not a first name and a surname."""
    pairs = [i for i in named if i + 1 in keys and not words[i].suffix
             and words[i].text.lower() not in given
             and text[words[i].end:words[i + 1].start] == " "]
    if not pairs:
        return set()
    found = gazetteer.lookup({keys[k] for i in pairs for k in (i, i + 1)})

    def town(k: int) -> bool:
        return any(p.population >= PAIR_POPULATION for p in found.get(keys[k], ()))

    return {i for i in pairs if town(i) and town(i + 1)}


PAIR_POPULATION = 20_000  # the towns that two capitalised words side by side may both be


def _surname_position(text: str, words: tuple[Token, ...], i: int, titled: set[int]) -> bool:
    """Right after another capitalised word inside a sentence: Ekrem İmamoğlu, инж. Петър
    Иванов."""
    prev = words[i - 1]
    if prev.suffix or text[prev.end:words[i].start] != " " or not prev.text[0].isupper():
        return False
    k = prev.start
    while k and text[k - 1].isspace():
        k -= 1
    # (after a colon a list of names begins: …: Георги Иванов – Сребърна)
    return k > 0 and (text[k - 1] not in ".!?;\n\"“„«(–—-" or i - 1 in titled)


def _after_honorifics(page: Text, words: tuple[Token, ...], begins: list[int],
                      honorifics: Iterable[str]) -> set[int]:
    """The indexes of the words right after an honorific: г-н Ито, Sayın Erkek (`begins`:
    where each word begins). The few honorifics are found with str.find in the folded
    text, not asked of every word."""
    text, found = page.raw, set()
    # (one with dots inside may be written with spaces after them too: Н. Пр.)
    spaced = {h.replace(".", ". ") for h in honorifics if "." in h}
    for _, end in whole_words(page.folded, {*honorifics, *spaced}):
        k = bisect_left(begins, end)
        if k < len(words) and not text[end:words[k].start].strip().removeprefix("."):
            found.add(k)  # (past its dot: инж. Петров)
    return found


def _first_name_position(text: str, words: tuple[Token, ...], i: int, cues_after: set[str],
                         after_place: frozenset[str], institutions: frozenset[str]) -> bool:
    """Right before another capitalised word that is no cue: Hasan Akgün, Ali Dilber. Not
    right before an office's or an institution's word (`after_place`): the word names the
    office's place (Konya Milletvekili, Sivas Valisi) or the institution's (İstanbul
    Üniversitesi), as a first name does not (a surname comes between: Hasan Akgün Genel
    Sekreter). Nor where the capitalised words run on to an institution's or a festival's
    (`institutions`: Antalya Film Festivali, Пловдив Джаз Фест)."""
    if i + 1 >= len(words):
        return False
    following = words[i + 1]
    lower = following.text.lower()
    return text[words[i].end:following.start] == " " and following.capitalised \
        and not following.suffix and lower not in cues_after and lower not in after_place \
        and not _names_institution(text, words, i, institutions)


def _names_institution(text: str, words: tuple[Token, ...], i: int,
                       institutions: frozenset[str]) -> bool:
    """The capitalised words after word `i` run on to an institution's or an event's word
    (Antalya Film Festivali, Trabzon Teknik Üniversitesi): the word names its place."""
    for k in range(i + 1, min(i + MAX_WORDS, len(words))):
        word = words[k]
        if text[words[k - 1].end:word.start] != " " or not word.capitalised or word.suffix:
            return False
        if word.text.lower() in institutions:
            return True
    return False


def _cued_before(text: str, words: Sequence[Token], index: int, before: set[str]) -> bool:
    """A cue word (or two) right before the word at `index`: град Кочани, кмета на Кочани,
    شهر "ریازان" (the name in quotes)."""
    prev = words[max(0, index - 2):index]
    if not prev or text[prev[-1].end:words[index].start].strip(_CUE_GAP) != "":
        return False
    lowered = [t.text.lower() for t in prev]
    return lowered[-1] in before or " ".join(lowered) in before


_CUE_GAP = " .\"«“„'"  # what may stand between a cue word and the name


_BEFORE_OPENING = " \t\n\"“„«'(–—-"  # what may stand between a sentence's start and its word


def _opens_sentence(page: Text, start: int) -> bool:
    """The word at `start` is the first of its sentence or its line (as the text model
    splits them: not after an abbreviation's full stop)."""
    first, _ = page.sentence_bounds(start)
    return not page.raw[first:start].strip(_BEFORE_OPENING)


def _cue(text: str, words: tuple[Token, ...], c: _Candidate, before: set[str],
         after: set[str]) -> bool:
    """A cue word right before or after the name, with only a space between."""
    if _cued_before(text, words, c.first, before):
        return True
    k = c.first  # (not a slice of the words from there: a copy of the page's rest)
    while k < len(words) and words[k].start < c.end:
        k += 1
    return k < len(words) and text[c.end:words[k].start].strip() == "" \
        and words[k].text.lower() in after


def _needed(place: Place, key: str, cue: bool, near: set[str], country: str | None,
            cased: bool, first: _Candidate, opening: bool = False) -> int:
    """The population a place must have to be believed, given the support it has;
    `opening`: each of its mentions begins a sentence or a line, where every word has
    a capital."""
    # a name of several capitalised words is one; without capitals, any words in a row
    if cue or place.country in near or (" " in key and cased):
        return MIN_POPULATION_SUPPORTED
    if first.foreign_script:
        return MIN_POPULATION_UNCASED
    if cased and opening:
        # There the name's capital says nothing, as in a script without capitals: a
        # common word that is some place's other name (Son: Sion; Paz: La Paz) is read
        # as where every word is a candidate, and a home village is no town (Orta).
        if script_of(key[0]) == script_of(place.name[0]) and not _as_written(place, key):
            return MIN_POPULATION_HOME_UNCASED if place.country == country \
                else MIN_POPULATION_UNCASED
        return MIN_POPULATION
    if place.country == country:
        return MIN_POPULATION_HOME if cased else MIN_POPULATION_HOME_UNCASED
    return MIN_POPULATION if cased else MIN_POPULATION_UNCASED


def in_case(page: Text, start: int, end: int, profile: Profile, case: str = "locative",
            sentence_start: int = 0) -> bool:
    """The mention is set off by a case of its sentence (the profile's words before it or
    endings after it): the locative says where something happens (в Берлин, в гр. Науса,
    Tiran'da, در شهر مشهد), the destination where one goes (Kecskemet'e, به شهر ریازان,
    до Варна), the origin where one comes from (от Силистра, Kecskemet'ten). Asked of one
    mention by events and relations alike: worked out once per text."""
    key = (start, end, case, sentence_start)
    found = page.cases.get(key)
    if found is None:
        found = page.cases[key] = _in_case(page.raw, start, _past_country(page, end), profile,
                                           case, sentence_start)
    return found


def _past_country(page: Text, end: int) -> int:
    """Past the country named right after a city (از شهر سلیمانیه عراق دیدن: the ending
    or word of the case comes after it), else `end`."""
    countries = page.countries
    k = bisect_left(countries, (end + 1,))
    if k < len(countries) and countries[k][0] == end + 1 and page.raw[end] == " ":
        return countries[k][1]
    return end


def _in_case(text: str, start: int, end: int, profile: Profile, case: str,
             sentence_start: int) -> bool:
    before = getattr(profile, f"{case}_before")
    # (a language whose cases are endings alone, Turkish, has no word before to read)
    words = before or (case == "locative" and profile.genitives)
    # (far enough back for the longest cue: в Окръжна администрация Крайова)
    longest = _longest_cue(profile.code)
    preceding = _words_before(text, start, sentence_start, CASE_REACH + longest) \
        if words else []
    # the cue between: в град X, در شهر X, от кмета на X
    if len(preceding) > 2 and " ".join(preceding[-2:]) in profile.place_cues_before:
        preceding = preceding[:-2]
    elif preceding and preceding[-1] in profile.place_cues_before and \
            preceding[-1] not in before:  # (с: a village's word, and "with")
        preceding = preceding[:-1]
    if bool(preceding) and (preceding[-1] in before or " ".join(preceding[-2:]) in before):
        return True
    if case == "locative" and preceding and preceding[-1] in profile.genitives:
        # in a building of the city: в залата на Община X, в заседателната зала на Община X
        wider = _words_before(text, start, sentence_start, HALL_REACH + longest)
        while wider and wider[-1] != preceding[-1]:
            wider.pop()  # back to the genitive, past the cue word
        if len(wider) >= 3 and wider[-3] in before or len(wider) >= 4 and wider[-4] in before \
                and wider[-3].endswith(profile.adjective_endings):
            return True
    # the case may end the institution the city names: Kayseri Büyükşehir Belediyesi'nde
    # (but Kuşadası Belediyesi'nden yapılan açıklama is where a statement came from)
    while case != "origin" and (word := _NEXT_WORD.match(text, end)) and \
            word.group(1).lower() in profile.municipality_words:
        end = word.end()
    endings = _endings(profile.code, case)
    if endings is None:
        return False
    if endings.match(text, end) is not None:
        return True
    # or the word for a place after it carries the ending (Kecskemet şehrinde, Köln
    # kentini ziyaret): read as if the ending were the name's
    word = _NEXT_WORD.match(text, end)
    if word is None or not profile.place_cues_after:
        return False
    lower = word.group(1).lower()
    cue = next((c for c in profile.place_cues_after if lower.startswith(c) and lower != c), None)
    return cue is not None and endings.match(
        f"'{lower[len(cue):]}{text[word.end():word.end() + ENDING_REACH]}") is not None


@cache
def _longest_cue(language: str) -> int:
    return max(map(len, profiles()[language].place_cues_before), default=0)


@cache
def _endings(language: str, case: str) -> re.Pattern | None:
    """The case's endings, as a whole ending ('te is no 'ten: "from")."""
    # written with any apostrophe: Üsküp´te is Üsküp'te
    after = {e.replace("’", "'") for e in getattr(profiles()[language], f"{case}_after")}
    if not after:
        return None
    return re.compile(alternation(after, space=None, written={"'": f"[{APOSTROPHES}]"})
                      .join(("(?i:", r")(?![^\W\d_])")))


def _words_before(text: str, start: int, sentence_start: int, reach: int) -> list[str]:
    """The words (lower case, no quotes) within `reach` characters before `start`."""
    return [w for w in (w.strip(_CUE_GAP) for w in
                        text[max(sentence_start, start - reach):start].lower().split()) if w]


_NEXT_WORD = re.compile(r" ([^\W\d_]+)")
_PUNCTUATION_NEXT = re.compile(r"\s*[,،.;:)]")


def home_city(page: Text, cities: Sequence[City]) -> int | None:
    """The page's own city: the one its municipality words name most (Община Казанлък,
    Kayseri Büyükşehir Belediyesi, شهرداری کاشان), then one in the language's country,
    then the one named most."""
    if not cities:
        return None
    profile = profiles().get(page.language or "")
    words = set(profile.municipality_words) if profile else set()
    tokens = page.tokens
    starts = [t.start for t in tokens]
    mention_starts = sorted(m.start for c in cities for m in c.mentions)

    def named_as_municipality(mention: Mention) -> str:
        """How a municipality word is the word right before or after it (within 25
        letters), where no foreign country follows it (شهرداری یاسبرین مجارستان: a
        guest's): "plain", or as its mayor's "office" (Budapeşte Belediye Başkanı: a
        guest's, or the page's own where the city is at home); "" where it is not."""
        k, j = bisect_left(starts, mention.start), bisect_left(starts, mention.end)
        before = tokens[k - 1] if k else None
        after = tokens[j] if j < len(tokens) else None
        if before is not None and before.end > mention.start - 25 \
                and before.text.lower() in words:
            how = "plain"
        elif after is not None and after.start < mention.end + 25 \
                and after.text.lower() in words:
            office = j
            while office < len(tokens) and tokens[office].text.lower() in words:
                office += 1
            how = "office" if profile is not None and office < len(tokens) and \
                tokens[office].text.lower() in profile.office_words else "plain"
        else:
            return ""
        if profile is None:
            return how
        end = after.end if after is not None and after.start < mention.end + 2 and \
            after.text.lower() in words else mention.end  # (Dragaş Belediyesi, Kosova)
        abroad = country_named(page.raw, end, end + FOREIGN_REACH, page.language, first=True)
        if abroad is not None and abroad != profile.country:
            # (unless the country opens the next place's name: Altınova Belediyesi,
            # Makedonya Üsküp Studenican Belediyesi ile …)
            named_end = next((e for s, e, _ in page.countries
                              if end <= s < end + FOREIGN_REACH), end)
            k = bisect_left(mention_starts, named_end)
            if k == len(mention_starts) or mention_starts[k] - named_end > 1:
                return ""
        return how

    def weight(city: City) -> tuple[bool, int, int, bool, int]:
        # (a municipality at home named as one beats more namings of partners abroad: a
        # page of its twin towns, each "X Belediyesi")
        at_home = profile is not None and city.country == profile.country
        how = [named_as_municipality(m) for m in city.mentions]
        plain = how.count("plain")
        return (at_home and plain > 0, plain, how.count("office") if at_home else 0, at_home,
                len(city.mentions))

    best = max(cities, key=weight)
    _, plain, office, at_home, _ = weight(best)
    # a page of foreign places alone (a list of twin towns) does not say which is its own
    return best.geonameid if plain or office or at_home or profile is None else None

