"""Events: what a sentence says happened or will happen, with its date and place.

A sentence holds an event of a type when it has one of that type's cue stems (the
profile's `events`); a delegation that comes for a festival gives a visit and a
festival. The date is the one nearest the cue in its clause (a month rather than the year
it falls in); a sentence without one reads on into the next sentence of its paragraph
(`... took part in the festival. It was held on 28 September`), and `today` dates it to
the page's own day. The place is a city set off by a locative (`в Берлин`, `Tiran'da`,
`در مشهد`), or "this city" / "our city"; the other cities named take part. An event
needs a date or a place, and a habit (`всяка година`, `her yıl`) is none, nor the visit
an invitation asks for (`отправи покана`, `davet etti`). The same type
on the same dates is one event, whatever sentences repeat it, and so are days that touch
(arrives today, stays until the 14th).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import count
from typing import NamedTuple

from parsers.cities import City, in_case, mention_spans, mentions_between
from parsers.dates import DateMention, date_mentions
from parsers.languages import Profile, profiles
from parsers.officials import Official
from parsers.organizations import a_seat, building_after
from parsers.text import (
    APOSTROPHES,
    CLAUSE_BREAK,
    LETTERS,
    Text,
    WordCues,
    WordPattern,
    alternation,
    named_between,
    phrase_before,
    starts_between,
    word_pattern,
)

RETOLD_GAP = timedelta(days=3)  # a visit's arrival and its last day are one visit
PRECISION = {"day": 0, "month": 1, "year": 2}
SESSIONS = frozenset({"meeting", "agreement"})  # what a council does at home: sits, resolves
TIES = ("twin", "friendship")  # the relations between cities a twinning's signing makes


@dataclass(frozen=True)
class Event:
    """What a sentence says happened or will happen: its type, its dates (ISO, with their
    precision), the city it happens in and the cities and officials taking part."""

    type: str
    start: str | None
    end: str | None
    precision: str | None
    city: int | None
    participants: tuple[int, ...]
    officials: tuple[str, ...]
    evidence: str


class _When(NamedTuple):
    start: str
    end: str
    precision: str


def _when(found: DateMention) -> _When:
    return _When(found.start.isoformat(), found.end.isoformat(), found.precision)


@dataclass
class _Draft:
    """An event while the page's sentences still add to it."""

    type: str
    when: _When | None
    city: int | None
    participants: dict[int, None]  # in order, each once (a set would lose the order)
    officials: list[str]
    evidence: str
    order: int  # where it is told among the page's events
    apart: bool = False  # told on another's sidelines: no retelling of one of its kind

    def frozen(self) -> Event:
        when = self.when
        return Event(self.type, when.start if when else None, when.end if when else None,
                     when.precision if when else None, self.city, tuple(self.participants),
                     tuple(self.officials), self.evidence)


def _breaks(text: str, start: int, end: int) -> list[int]:
    """Where the clauses of the sentence (start, end) begin, and its end."""
    return [start, *(m.end() for m in CLAUSE_BREAK.finditer(text, start, end)), end]


def _clause(breaks: list[int], at: int) -> tuple[int, int]:
    """The bounds of the clause that holds `at` (breaks: _breaks of its sentence)."""
    k = bisect_right(breaks, at)
    return breaks[max(k - 1, 0)], breaks[k] if k < len(breaks) else breaks[-1]


def _date_for(breaks: list[int], cue: int, dates: list[DateMention],
              before: bool = False) -> DateMention | None:
    """The date of the cue's own clause, else the sentence's date nearest to the cue;
    with `before` (a language that puts the verb last), the nearest one before the cue
    where there is one (1997 yılında kurulan ve 2019 yılında …: founded in 1997)."""
    lo, hi = _clause(breaks, cue)
    clause = [d for d in dates if lo <= d.offset < hi]
    pool = clause or dates
    if not pool:
        return None
    earlier = [d for d in pool if d.offset < cue] if before else []
    nearest = min(earlier or pool, key=lambda d: abs(d.offset - cue))
    # "в началото на м. октомври ... през 2006г.": the month says more of the same year;
    # and a day of the month another clause gives (Nisan ayı toplantısı, … 3 Nisan 2024
    # tarihinde yapıldı: April's session, held on the 3rd)
    finer = [d for d in pool if nearest.start <= d.start and d.end <= nearest.end
             and PRECISION[d.precision] < PRECISION[nearest.precision]] or [
        d for d in dates if nearest.start <= d.start and d.end <= nearest.end
        and PRECISION[d.precision] < PRECISION[nearest.precision] == PRECISION["month"]]
    return min(finer, key=lambda d: abs(d.offset - cue)) if finer else nearest


def _borrowed_date(text: str, spans: tuple[tuple[int, int], ...], index: int,
                   dates: Sequence[DateMention], days: _DayWords, folded: str,
                   published: date | None) -> _When | None:
    """A date for a sentence that gives none: `today` in it is the page's day (and
    `yesterday` the day before); else the first day or month the next sentence of the
    same paragraph gives (or its `today`), else the last one the nearest sentence before
    it gives that gives one (the paragraph goes on about that day: На 25 юни … фестивал.
    … В рамките на форума се проведе и семинар)."""
    start, end = spans[index]
    told = days.told(folded, start, end, published)
    if told is not None:
        return told
    for other, pick in ((index + 1, 0), *((k, -1) for k in range(index - 1, -1, -1))):
        if not 0 <= other < len(spans):
            continue
        lo, hi = spans[other]
        if "\n" in (text[end - 1:lo] if other > index else text[hi - 1:start]):
            if other < index:
                break  # the paragraph began after it
            continue  # another paragraph
        near = [d for d in dates if lo <= d.offset < hi and d.precision in ("day", "month")]
        if near:
            return _when(near[pick])
        told = days.told(folded, lo, hi, published)
        if told is not None:
            return told
    return None


class _DayWords(NamedTuple):
    """The words that date what a sentence says by the page's day: `today`, `yesterday`
    the day before it and `tomorrow` the day after."""

    today: WordPattern | None
    yesterday: WordPattern | None
    tomorrow: WordPattern | None

    def told(self, folded: str, start: int, end: int, published: date | None) -> _When | None:
        found = self.first(folded, start, end, published)
        return found[1] if found else None

    def first(self, folded: str, start: int, end: int, published: date | None
              ) -> tuple[int, _When] | None:
        """Where the first of the words is between start and end, and the day it names."""
        if published is None:
            return None
        for words, back in ((self.today, 0), (self.yesterday, 1), (self.tomorrow, -1)):
            found = words.search(folded, start, end) if words is not None else None
            if found is not None:
                day = (published - timedelta(days=back)).isoformat()
                return found.start(), _When(day, day, "day")
        return None


@cache
def _cues(language: str) -> WordCues:
    return WordCues(profiles()[language].events)


@cache
def _phrases(phrases: tuple[str, ...]) -> re.Pattern | None:
    """Any of the phrases, anywhere; None for none."""
    return re.compile(alternation(phrases, space=None)) if phrases else None


def _lasting(folded: str, mention: DateMention, profile: Profile) -> bool:
    """The date starts a state the sentence speaks of (2000 yılından bu yana, от 2000 г.
    насам): no happening is dated by it."""
    words = _since_words(profile.code)
    return words is not None and words.match(folded, mention.end_offset) is not None


@cache
def _since_words(language: str) -> re.Pattern | None:
    words = profiles()[language].date_words.get("since_after", ())
    return re.compile(rf"\s*(?:{alternation(words)})(?![^\W\d_])") if words else None


def _place(page: Text, here: list[tuple[int, int, int]], breaks: list[int],
           profile: Profile, cue: int, whole: bool = True) -> int | None:
    """The first city of the sentence (`here`: its mentions) that a locative sets off as
    the venue, else the first one named as where someone goes: in the clause of the
    event's word first (به شهر ریازان سفر خواهد کرد، … در شهر ری: the trip is to Ryazan),
    then (`whole`) in the whole sentence."""
    if not here:
        return None
    start = breaks[0]
    lo, hi = _clause(breaks, cue)
    clause = [m for m in here if lo <= m[0] < hi]
    # the rest of the sentence after the clause (whose mentions are then known to be
    # in neither case)
    back = word_pattern(profile.returns)
    for mentions in (clause, [m for m in here if not lo <= m[0] < hi]) if whole else (clause,):
        for case in ("locative", "destination"):
            found = next((gid for s, e, gid in mentions
                          if in_case(page, s, e, profile, case, start)
                          and (case != "destination" or not _gone_back(page.folded, s, e, back))),
                         None)
            if found is not None:
                return found
    return None


def _gone_back(folded: str, start: int, end: int, back: WordPattern | None) -> bool:
    """Going back said right beside the place one goes to (به سن پترزبورگ بازمی‌گردد,
    Ankara'ya dönecek, се завръща в София): home, no venue."""
    return back is not None and back.search(folded, max(0, start - RETURN_REACH),
                                            end + RETURN_REACH) is not None


RETURN_REACH = 20  # characters between a place and the word for going back to it


@cache
def _envoy_grammar(language: str) -> tuple[re.Pattern, re.Pattern] | None:
    """An envoy's office right before a country (سفیر ایتالیا, посланикът на Италия),
    and a word for "in" between a country and a city (… в Пловдив)."""
    profile = profiles()[language]
    envoys, locatives = profile.roles.get("diplomat", ()), profile.locative_before
    if not envoys or not locatives:
        return None
    of = alternation(profile.genitives)
    return (re.compile(rf"(?<![^\W\d_])(?:{alternation(envoys)})\s+(?:(?:{of})\s+)?$",
                       re.IGNORECASE),
            re.compile(rf"\s+(?:{alternation(locatives)})\s+$", re.IGNORECASE))


def _envoys_seats(page: Text, mentions: list[tuple[int, int, int]], profile: Profile
                  ) -> set[int]:
    """Where the mentions of cities begin that name an envoy's seat (سفیر ایتالیا در
    تهران, генералният консул на Турция в Пловдив): the office's city."""
    grammar = _envoy_grammar(profile.code)
    if grammar is None or not page.countries:
        return set()
    envoy, locative = grammar
    text, after_country = page.raw, {end: start for start, end, _ in page.countries}
    seats = set()
    for start, _, _ in mentions:
        tail = locative.search(text, max(0, start - LOCATIVE_REACH), start)
        country = after_country.get(tail.start()) if tail else None
        if country is not None and envoy.search(text, max(0, country - ENVOY_REACH), country):
            seats.add(start)
    return seats


LOCATIVE_REACH = 8  # characters of a word for "in" and its spaces before a city
ENVOY_REACH = 40  # characters of an envoy's office (and "of") before a country


def _visited(page: Text, here: list[tuple[int, int, int]], start: int,
              profile: Profile) -> int | None:
    """The first city of the sentence (`here`: its mentions) that a visit's words take as
    what is visited (посети Варна, Bursa'yı ziyaret etti, بازدید از کاشان)."""
    return next((gid for s, e, gid in here if in_case(page, s, e, profile, "visited", start)),
                None)


def _host(page: Text, folded: str, here: list[tuple[int, int, int]], breaks: list[int],
          profile: Profile, hosts: WordPattern | None) -> int | None:
    """The city named nearest a word that says who hosts (Gölcük Belediyesi toplantıya ev
    sahipliği yaptı, с домакинството на Община Русе, به میزبانی شهرداری مشهد), in its
    clause first, else a city its sentence names in no case (Kırklareli Belediyesi, … ev
    sahipliği yaptı: the subject, set off by a comma; not "a delegation from X"): where
    the happening is."""
    found = hosts.search(folded) if hosts is not None else None
    if found is None or not here:
        return None
    at, after = breaks[0] + found.start(), breaks[0] + found.end()
    lo, hi = _clause(breaks, at)
    pool = [m for m in here if lo <= m[0] < hi] or [
        m for m in here if not any(in_case(page, m[0], m[1], profile, case, breaks[0])
                                   for case in ("locative", "destination", "origin"))]
    return min(pool, key=lambda m: min(abs(m[0] - after), abs(at - m[1])))[2] if pool else None


def _in_country_gone_to(page: Text, here: list[tuple[int, int, int]], start: int, end: int,
                        profile: Profile, country_of: dict[int, str]) -> int | None:
    """The one city of a country the sentence (`start`..`end`, its city mentions `here`)
    says one went to, where it names no city so: در سفر به چین با شهردار نانجینگ دیدار
    کرد (the trip to China, the meeting in Nanjing). Not a country one is in: that may
    only say where a city lies (Almanya'daki kardeş şehri Marl)."""
    for s, e, code in page.countries:
        # (a country's span holds its case ending, Çin'e: the case is read from its mark)
        e = next((k for k in range(s, e) if page.raw[k] in APOSTROPHES), e)
        if start <= s < end and in_case(page, s, e, profile, "destination", start):
            inside = {gid for _, _, gid in here if country_of.get(gid) == code}
            if len(inside) == 1:
                return inside.pop()
    return None


def _not_whence(page: Text, here: list[tuple[int, int, int]], start: int,
                profile: Profile) -> int | None:
    """Where visitors from one city came, when the sentence (`here`: its mentions) names
    one other city only: делегация от Силистра посети македонския град (Велес, named
    before), Kecskemet'ten gelen heyet ... Kayseri."""
    whence = {gid for s, e, gid in here if in_case(page, s, e, profile, "origin", start)}
    others = list(dict.fromkeys(gid for _, _, gid in here if gid not in whence))
    return others[0] if whence and len(others) == 1 else None


def _only_venue(named: list[int], home: int | None) -> int | None:
    """The one city a sentence names (`named`: its cities, once each), or the one it
    names beside the page's own."""
    away = [gid for gid in named if gid != home]
    return named[0] if len(named) == 1 else away[0] if len(away) == 1 else None


def _named_before_cue(text: str, here: list[tuple[int, int, int]], cues: list[int]
                      ) -> int | None:
    """A city that opens the name of the happening the word ends (Bursa Film Festivali,
    Plovdiv Jazz Fest): its capitalised words run from the city to the word."""
    for _, end, gid in here:
        for cue in cues:
            between = text[end:cue]
            if 0 < cue - end <= NAME_BEFORE_CUE and text[cue:cue + 1].isupper() and all(
                    w[:1].isupper() for w in between.split()) and between[:1] == " ":
                return gid
    return None


NAME_BEFORE_CUE = 30  # characters from a city to the word of a happening named after it
NAMED_AFTER_PLACES = frozenset({"festival", "meeting"})  # (Bursa heyeti: a visit's origin)


def _named_after_cue(text: str, at: dict[int, int], cues: list[int],
                     of: re.Pattern | None = None) -> int | None:
    """A city that follows the event's word itself (اجلاس تهران, the Tehran summit), or
    its "of" (`of`: Празника на град Смолян, the town's own day); `at` is the city named
    at each offset."""
    for cue in cues:
        end = _word_end(text, cue)
        gap = of.match(text, end) if of is not None else None
        after = gap.end() if gap is not None else end + 1
        if (gap is not None or of is None and text[end:after] == " ") and after in at:
            return at[after]
    return None


@cache
def _of_a_place(language: str) -> re.Pattern | None:
    """An "of" and perhaps a place's word after an event's word (на град …)."""
    profile = profiles()[language]
    if not profile.genitives:
        return None
    cues = alternation(profile.place_cues_before)
    return re.compile(rf"[ \t]+(?:{alternation(profile.genitives)})[ \t]+"
                      rf"(?:(?:{cues})\.?[ \t]+)?", re.IGNORECASE)


def _city_referred_to(text: str, folded: str, start: int,
                      mentions: list[tuple[int, int, int]], profile: Profile,
                      home: int | None, tie: re.Pattern | None) -> int | None:
    """The venue a sentence names without its name: "this city" (وارد این شهر شد) is the
    city named last before it, "our city" (şehrimize) the page's own, unless a word of a
    tie makes it the partner (`tie`: kardeş şehrimiz, our twin city)."""
    this = word_pattern(profile.this_city, whole=True)
    said = list(this.finditer(folded)) if this is not None else []
    # the one a case sets off is the venue (… مجمع این شهر … به این شهر سفر کرده)
    cased = {*profile.locative_before, *profile.destination_before}
    found = next((m for m in said if _last_word(folded, m.start()) in cased),
                 said[0] if said else None)
    if found is not None:
        # the last one before it, not one in a title in quotes («هفته فرهنگی اصفهان»)
        k = bisect_left(mentions, (start + found.start(),))
        return next((gid for s, _, gid in reversed(mentions[max(0, k - LOOK_BACK):k])
                     if not _in_title(text, s)), home)
    ours = word_pattern(profile.our_city, whole=True)
    if ours is None:
        return None
    partners = [m.span() for m in tie.finditer(folded)] if tie is not None else []
    return home if any(not any(a <= m.start() < b for a, b in partners)
                       for m in ours.finditer(folded)) else None


def _council_seat(text: str, folded: str, start: int, here: list[tuple[int, int, int]],
                  council: WordPattern, home: int | None) -> int | None:
    """Where a city council sits: the city its name gives, two words from it at most
    (نشست علنی شورای اسلامی شهر یزد, сесия на общинския съвет на Елена, Kazanlak Belediye
    Meclisi toplantısı), else the page's own city; None when the sentence names no
    council."""
    found = council.search(folded)
    if found is None:
        return None
    at, after = start + found.start(), start + found.end()
    after = _word_end(text, after)  # (the phrase may end inside its word: شورا|ی)
    for s, e, gid in here:
        if at < e and s < after:
            continue  # (inside the phrase)
        gap = text[after:s] if s >= after else text[e:at]
        if len(LETTERS.findall(gap)) <= COUNCIL_GAP_WORDS and \
                not any(mark in gap for mark in ",،;.:"):
            return gid
    return home


def _in_title(text: str, at: int) -> bool:
    """`at` is inside quotes that open and close apart («…», “…”): the name of a thing."""
    opened = max(text.rfind(mark, max(0, at - TITLE_REACH), at) for mark in "«“")
    return opened >= 0 and not any(mark in text[opened:at] for mark in "»”")


COUNCIL_GAP_WORDS = 2  # between a council's words and its city's name (شورای اسلامی شهر)
LOOK_BACK = 20  # mentions back from "this city" to the one it names (past those in titles)
TITLE_REACH = 80  # characters from a title's opening quote to a city it names


def _last_word(text: str, at: int) -> str | None:
    """The word right before `at`."""
    words = text[max(0, at - 12):at].split()
    return words[-1] if words else None


def find_events(page: Text, cities: Sequence[City], dates: Sequence[DateMention],
                officials: Sequence[Official], home: int | None) -> tuple[Event, ...]:
    """DESIGN.md's `events`: type, start, end, precision, city, participants, officials,
    evidence. The text's `published` day is what `today` means."""
    text, profile = page.raw, profiles().get(page.language or "")
    if profile is None or not profile.events or not text:
        return ()
    folded = page.folded
    # (an envoy's seat is where the office is, not where the envoy met anyone)
    mentions = mention_spans(cities)
    seats = _envoys_seats(page, mentions, profile)
    mentions = [m for m in mentions if m[0] not in seats]
    habit = _phrases(profile.habits)
    invited = _phrases(profile.invitations)  # is no visit yet (its festival may be an event)
    days = _DayWords(word_pattern(profile.today, whole=True),
                     word_pattern(profile.yesterday, whole=True),
                     word_pattern(profile.tomorrow, whole=True))
    purposes, topics = phrase_before(profile.purposes), phrase_before(profile.topics)
    told_again = phrase_before((*profile.told_again, *profile.during))
    during_it, sidelines = phrase_before(profile.during), phrase_before(profile.sidelines)
    at_its_end = phrase_before(profile.at_its_end)
    trip = word_pattern(profile.this_trip, whole=True)
    before_now = word_pattern(profile.days_before, whole=True)
    hosts = word_pattern(profile.hosts)
    council = word_pattern(profile.own_council)
    tie = _phrases(tuple(w for kind in TIES for w in profile.relation_cues.get(kind, ())))
    ceremony = _phrases(profile.ceremonies)
    building, of_place = building_after(profile.code), _of_a_place(profile.code)
    headline = _headline_day(page, profile)
    events: dict[tuple, _Draft] = {}
    happening = [d for d in dates if not _lasting(folded, d, profile)]
    happening_at = [d.offset for d in happening]  # in text order, for a sentence's dates
    named_at = {s: gid for s, _, gid in mentions}
    country_of = {c.geonameid: c.country for c in cities}
    spans = page.sentences
    cues = _cues(profile.code).starts(folded)
    told_back = _opening_words(profile.this_happened)
    by_last = _by_last_word(officials)
    pending: list[_Draft] = []  # the last sentence's events that gave no date nor place
    order = count()  # the order events are told in
    for index, (start, end) in enumerate(spans):
        part = folded[start:end]
        if pending and told_back is not None and told_back.match(part):
            # Това стана … в град Радомир: where the sentence before happened
            place = _place(page, mentions_between(mentions, start, end), _breaks(text, start, end),
                           profile, start)
            for draft in pending if place is not None else ():
                draft.city = place
                events.setdefault((draft.type, None, place), draft)
        pending = []
        kinds = named_between(cues, start, end)
        if invited is not None and "visit" in kinds and invited.search(part):
            kinds = [k for k in kinds if k != "visit"]
        if not kinds or (habit is not None and habit.search(part)):
            continue
        cued = [(c, kind) for kind in kinds for c in starts_between(cues[kind], start, end)
                if not _no_happening(folded, c, building, profile.not_events)]
        if not cued:
            continue
        if "founding" in kinds and tie is not None and tie.search(part):
            # a twinning established (kardeş şehir ilişkisi 1998'de kuruldu) is its
            # agreement: no body is founded
            cued = _as_agreement(cued, "founding", lambda c: True)
        if "festival" in kinds and "agreement" in kinds and ceremony is not None:
            # Protokol … düzenlenen törenle imzalandı: the ceremony is the signing's
            cued = _as_agreement(cued, "festival", lambda c: ceremony.match(folded, c) is not None)
        kinds = list(dict.fromkeys(kind for _, kind in cued))
        breaks, here = _breaks(text, start, end), mentions_between(mentions, start, end)
        named = list(dict.fromkeys(gid for _, _, gid in here))
        first = min(c for c, _ in cued)
        place = _place(page, here, breaks, profile, first) or \
            (_visited(page, here, start, profile) if "visit" in kinds else None) or \
            (_named_after_cue(text, named_at, [c for c, _ in cued])
             if profile.event_word_first else
             (_named_before_cue(text, here, [c for c, k in cued if k in NAMED_AFTER_PLACES])
              or (_named_after_cue(text, named_at, [c for c, k in cued
                                                    if k in NAMED_AFTER_PLACES], of_place)
                  if of_place is not None else None))
             if profile.cased else None) \
            or _host(page, part, here, breaks, profile, hosts) \
            or _in_country_gone_to(page, here, start, end, profile, country_of) \
            or _city_referred_to(text, part, start, mentions, profile, home, tie) \
            or _not_whence(page, here, start, profile) \
            or (_only_venue(named, home) if trip is not None and trip.search(part) else None) \
            or (_council_seat(text, part, start, here, council, home)
                if council is not None and set(kinds) <= SESSIONS else None)
        # each kind where the clause of its first word sets a venue off (پیش از سفر به یزد،
        # در اصفهان گفت و گو کرد: the trip to Yazd, the talks in Isfahan), else where the
        # sentence is; and so a word of the kind said again in another clause (this summit
        # in Gaziantep, the last summit in Haikou: two summits)
        opening = _clause(breaks, first)
        firsts = {kind: min(c for c, k in cued if k == kind) for kind in kinds}
        own = {(c, k) for c, k in cued if c == firsts[k] or _said_again(folded, firsts[k], c)}
        venues = {(cue, kind): place if cue == first or _clause(breaks, cue) == opening else
                  _place(page, here, breaks, profile, cue, whole=False) or place
                  for cue, kind in own}
        venues.update({(c, k): venues[firsts[k], k] for c, k in cued if (c, k) not in own})
        in_sentence = happening[bisect_left(happening_at, start):
                                bisect_left(happening_at, end)]
        sentence = text[start:end]
        present = _present(sentence, officials, by_last)
        people = [o.name for o in present]
        # (a sentence that says "last week" tells of another day than its neighbours')
        borrowed = None if in_sentence or (before_now is not None and before_now.search(part)) \
            else _borrowed_date(text, spans, index, dates, days, folded, page.published)
        # در این دیدار, bu toplantıda: the one told last, which has its date or place
        # already (where the word's clause gives no date of its own), and so is every word
        # of its kind in the sentence (По време на тази среща кметовете обсъдиха …)
        # (and the words the sentence opens with that name one told, in its case:
        # Toplantıda, На срещата …)
        opened = start + len(part) - len(part.lstrip())
        told_first = next((len(p) for p in profile.told_in if folded.startswith(p, opened)
                           and not folded[opened + len(p):opened + len(p) + 1].isalpha()), 0)
        opening_in = {cue for cue, _ in cued if opened <= cue < opened + told_first}
        pointed = {cue: kind for cue, kind in cued
                   if (_right_after(folded, cue, told_again) or cue in opening_in)
                   and not _dated_clause(breaks, cue, in_sentence)
                   # (one: по време на визитата; not по време на традиционните празници)
                   and not folded[cue:_word_end(folded, cue)].endswith(profile.plural_endings)
                   and _placed_or_dated(_last_told(kind, [*events.values(), *pending]))}
        again = set(pointed.values())
        # on its sidelines (در حاشیه این اجلاس … دیدار کرد): another of its kind, apart
        aside = any(_right_after(folded, cue, sidelines) for cue in pointed)
        talked = _talked_about(folded, cued, topics)
        said = [(cue, kind) for cue, kind in cued
                if (kind != "membership" or not a_seat(folded, cue, profile)
                    and not _attended(folded, cue, cued))
                and not _states(folded, cue, profile.states)
                and cue not in talked and (cue not in pointed if aside else kind not in again)]
        # "today" nearer the word than a date of another clause is its day (делегации …
        # пристигнаха днес …, за да участват в … празника на града – 22 март)
        day_word = days.first(folded, start, end, page.published) if in_sentence else None
        found: list[tuple[str, _When | None, int | None]] = []
        signed_at = None  # the day of a signing the sentence tells every visit's word before
        for cue, kind in said:
            named_day = _date_for(breaks, cue, _free(in_sentence, cue, kind, said, breaks,
                                                     folded, profile.participle_endings)
                                  if profile.verb_last else in_sentence, profile.verb_last)
            when: _When | None
            if named_day is not None and day_word is not None and \
                    _clause(breaks, named_day.offset) != _clause(breaks, cue) and \
                    abs(day_word[0] - cue) < abs(named_day.offset - cue):
                when = day_word[1]
            else:
                when = _dated(named_day) or (None if _right_after(folded, cue, purposes)
                                             else borrowed)
            if kind == "agreement" and named_day is not None and all(
                    c < named_day.offset for c, k in said if k == "visit"):
                signed_at = when
            found.append((kind, when, venues[cue, kind]))
        # what the sentence says happened during the one it points back at (По време на
        # визитата двамата кметове подписаха …): on its day and at its place
        during = next(((d, _right_after(folded, cue, at_its_end)) for cue, kind in cued
                       if kind in again and (_right_after(folded, cue, during_it)
                                             or cue in opening_in)
                       and (d := _last_told(kind, [*events.values(), *pending]))), None)
        found = _lent_days(found, during, signed_at)
        # an official who meets in another city than their office's has gone there (in
        # the page's own city, the guests at its meeting are told as taking part)
        found += [("visit", when, place) for kind, when, place in found
                  if kind == "meeting" and place not in (None, home) and "visit" not in kinds
                  and any(o.city not in (None, place) for o in present)]
        # what the headline tells on the day it gives is of that day (Днес, 24.03.22г.
        # делегацията … посети …; … проведоха работна среща …: the visit's meeting too)
        if headline is not None:
            found = [(kind, when or (headline[1] if kind in headline[0] else None), place)
                     for kind, when, place in found]
        for kind, when, place in found:
            participants = [gid for gid in named if gid != place] or \
                ([home] if home is not None and home != place else [])
            if when is None and place is None:
                if told_back is not None:  # the next sentence may say where it was
                    pending.append(_Draft(kind, None, None, dict.fromkeys(participants), people,
                                          text[start:end].strip(), next(order)))
                continue
            key = (kind, when.start if when else None, None if when else place) + \
                ((index,) if aside and kind in again else ())
            if key in events:
                merged = events[key]
                merged.participants.update(dict.fromkeys(participants))
                merged.city = merged.city or place
                continue
            events[key] = _Draft(kind, when, place, dict.fromkeys(participants), people,
                                 text[start:end].strip(), next(order), len(key) > 3)
    return tuple(e.frozen() for e in _merge_retold(list(events.values())))


def _lent_days(found: list[tuple[str, _When | None, int | None]],
               during: tuple[_Draft, bool] | None, signed_at: _When | None
               ) -> list[tuple[str, _When | None, int | None]]:
    """A sentence's events (type, day, place) with what other events lend them: the
    day and place of the one it says they happened during (По време на визитата …, at its
    end the last day: در پایان این سفر), and for a visit left undated, its meeting's day
    (Heyet, 23 Eylül'de Saraybosna'ya geçerek … görüştü) or that of a signing told after
    every visit's word (`signed_at`: در سفر هیئت کوبه … در آذر ماه امضا شود; not 2010
    yılında … imzalanan Batum'u ziyaret etti)."""
    if during is not None:
        told, at_end = during
        then = told.when._replace(start=told.when.end) if at_end and told.when else \
            told.when
        found = [(kind, when or then, place or told.city) for kind, when, place in found]
    met = next((when for kind, when, _ in found if kind == "meeting" and when), signed_at)
    if met is None:
        return found
    return [(kind, met if kind == "visit" and when is None else when, place)
            for kind, when, place in found]


def _headline_day(page: Text, profile: Profile) -> tuple[frozenset[str], _When] | None:
    """The kinds of event the headline names (a visit's meetings with it) and the one day
    it gives them, where it gives one."""
    title = page.headline
    if title is None or not _FIGURE.search(title.raw):
        return None  # (most headlines give no day: none is read for one)
    days = {(d.start, d.end) for d in date_mentions(title) if d.precision == "day"}
    if len(days) != 1:
        return None
    kinds = {kind for kind, at in _cues(profile.code).starts(title.folded).items() if at}
    if not kinds:
        return None
    first, last = days.pop()
    return (frozenset(kinds | ({"meeting"} if "visit" in kinds else set())),
            _When(first.isoformat(), last.isoformat(), "day"))


def _no_happening(folded: str, cue: int, building: re.Pattern | None,
                  not_events: tuple[str, ...]) -> bool:
    """The word at `cue` names no happening: a building's first word (Kongre Müzesi,
    Конгресен център), a page's counter (a figure before it, its line's end after it: 45
    بازدید, 45 views), or a word its stem begins (`not_events`: ziyaretçi, visitors)."""
    end = _word_end(folded, cue)
    return building is not None and building.match(folded, end) is not None or (
        _FIGURE_BEFORE.search(folded, max(0, cue - 12), cue) is not None
        and _LINE_ENDS.match(folded, end) is not None) or folded.startswith(not_events, cue)


_FIGURE_BEFORE = re.compile(r"\d[ \t]+\Z")
_FIGURE = re.compile(r"\d")
_LINE_ENDS = re.compile(r"(?=\s|\Z)[ \t]*+(?![^\W\d_])")  # no word after it on its line


def _word_end(text: str, at: int) -> int:
    word = LETTERS.match(text, at)
    return word.end() if word else at


def _attended(folded: str, cue: int, cued: list[tuple[int, str]]) -> bool:
    """A word of joining said of a meeting or a festival (Kongresi'ne katıldı,
    toplantısına katıldı): the city took part in it, and joined no body."""
    start = cue
    while start and (folded[start - 1].isalpha() or folded[start - 1] in APOSTROPHES):
        start -= 1  # (the membership word may begin inside the word it follows: …'ne katıldı)
    return any(kind in ATTENDED and start <= at < cue for at, kind in cued)


ATTENDED = frozenset({"meeting", "festival"})  # what one takes part in, not joins


def _said_again(folded: str, first: int, cue: int) -> bool:
    """The word at `cue` is the one at `first`, said again (نشست … نشست)."""
    word, again = LETTERS.match(folded, first), LETTERS.match(folded, cue)
    return cue != first and word is not None and again is not None \
        and word.group() == again.group()


def _as_agreement(cued: list[tuple[int, str]], kind: str, said: Callable[[int], bool]
                  ) -> list[tuple[int, str]]:
    """The words of `kind` that `said` holds of, as an agreement's."""
    return [(c, "agreement" if k == kind and said(c) else k) for c, k in cued]


def _states(folded: str, cue: int, states: tuple[str, ...]) -> bool:
    """The event's word is one of the words of a state, whole (üye olduğu birlik: the
    union it is a member of; not üye olduğunu hatırlattı, that it became one)."""
    return any(folded.startswith(state, cue) and not folded[cue + len(state):][:1].isalpha()
               for state in states)


def _dated_clause(breaks: list[int], cue: int, dates: list[DateMention]) -> bool:
    first, last = _clause(breaks, cue)
    return any(first <= d.offset < last for d in dates)


def _last_told(kind: str, drafts: list[_Draft]) -> _Draft | None:
    return max((d for d in drafts if d.type == kind), key=lambda d: d.order, default=None)


def _placed_or_dated(draft: _Draft | None) -> bool:
    return draft is not None and (draft.when is not None or draft.city is not None)


def _right_after(folded: str, cue: int, phrases: re.Pattern | None) -> bool:
    """The event's word follows one of the phrases (`phrases`: as phrase_before makes
    them): a purpose (… ساعتی پیش جهت شرکت در اجلاس … وارد شدند: what they came for,
    not dated by their coming), a topic (در رابطه با برگزاری جشنواره: what is talked
    about, no happening said), or words that point back at one told (در این دیدار)."""
    return phrases is not None and \
        phrases.search(folded, max(0, cue - PHRASE_REACH), cue) is not None


PHRASE_REACH = 30  # characters before the event's word where a purpose or topic starts


def _talked_about(folded: str, cued: list[tuple[int, str]], topics: re.Pattern | None
                  ) -> set[int]:
    """The event words only talked about (_right_after a topic), and the words each of
    them governs right after it (готовност за подписване на споразумение, آماده امضای
    تفاهم نامه: no agreement signed)."""
    talked: set[int] = set()
    last = -1  # the word before, where it is one talked about
    for cue in sorted({c for c, _ in cued}):
        if _right_after(folded, cue, topics) or last >= 0 and len(
                folded[_word_end(folded, last):cue].split()) <= GOVERNED_WORDS:
            talked.add(cue)
            last = cue
        else:
            last = -1
    return talked


GOVERNED_WORDS = 2  # words between an event's word and the next one it governs (на ново)


def _by_last_word(officials: Sequence[Official]) -> dict[str, list[int]]:
    """The officials (their numbers) by the last word of their name: only a sentence with
    that word may name them (asking every sentence of every official is quadratic on a
    page of hundreds of people)."""
    by_last: dict[str, list[int]] = {}
    for i, official in enumerate(officials):
        words = LETTERS.findall(official.name)
        if words:
            by_last.setdefault(words[-1], []).append(i)
    return by_last


def _present(sentence: str, officials: Sequence[Official], by_last: dict[str, list[int]]
             ) -> list[Official]:
    """The officials the sentence names: in full, else by the surname, where it names none
    with that surname in full (Yılmaz beside Ahmet Yılmaz is not Mehmet Yılmaz)."""
    if not by_last:
        return []
    found: list[int] = []
    for word in set(LETTERS.findall(sentence)):
        group = by_last.get(word)
        if group:
            found += [i for i in group if officials[i].name in sentence] or \
                [i for i in group if _named_by_surname(officials[i].name, sentence)]
    return [officials[i] for i in sorted(found)]


def _named_by_surname(name: str, sentence: str) -> bool:
    """The sentence names the person by the surname alone (قالیباف … for محمد باقر
    قالیباف)."""
    last, surname = _surname(name)
    return surname is not None and last in sentence and surname.search(sentence) is not None


@lru_cache(maxsize=4096)  # the names of the pages a process reads lately
def _surname(name: str) -> tuple[str, re.Pattern | None]:
    """The last word of a name, and it as a word of its own (None for a name of one word
    or a last word too short to tell)."""
    last = name.rsplit(maxsplit=1)[-1] if " " in name else ""
    return last, re.compile(rf"(?<![^\W\d_]){re.escape(last)}(?![^\W\d_])") \
        if len(last) >= SURNAME_LETTERS else None


SURNAME_LETTERS = 4  # a shorter "surname" is as likely any word's part


def _free(dates: list[DateMention], cue: int, kind: str, said: list[tuple[int, str]],
          breaks: list[int], folded: str, participles: tuple[str, ...]) -> list[DateMention]:
    """The dates the cue (of `kind`) may take where the verb comes last: not one right
    before another kind's word (2021 yılında kurulan … Zirvesi: 2021 is when it was
    founded), unless that word is before the cue in its clause (روز ۲۲ مهر وارد تبریز
    شد و با شهردار دیدار کرد: came and met that day), nor one whose clause goes on to
    another kind's word after the cue
    (toplantının sonunda …, 1997 yılında … kurulan birlik: the meeting is not of 1997;
    heyeti, 28 Ağustos'ta … gelerek, … Ödülü: the delegation's day, past the comma), nor
    one before the cue that another kind's word and a participle (`participles`: its
    endings) follow, the date's clause being theirs (2010 yılında kardeşlik protokolü
    imzalanan Batum'u ziyaret etti: the visit is not of 2010; but 12 Mayıs'ta düzenlenen
    festival: the festival is of that day)."""
    starts = sorted(said)
    bound = set()
    for d in dates:
        k = bisect_left(starts, (d.end_offset,))
        if k == len(starts) or starts[k][1] == kind:
            continue
        other = starts[k][0]
        same = _clause(breaks, d.offset) == _clause(breaks, cue)
        if other - d.end_offset <= BOUND_GAP and (other > cue or not same) or (
                _clause(breaks, d.offset) == _clause(breaks, other) and (
                    d.offset > cue or other < cue and _participle_between(
                        folded, d.end_offset, cue, breaks, participles))):
            bound.add(d.offset)
    return [d for d in dates if d.offset not in bound]


def _participle_between(folded: str, start: int, end: int, breaks: list[int],
                        endings: tuple[str, ...]) -> bool:
    """A participle (a word in one of the `endings`: kurulan, imzalanan) between `start`
    and `end`, in the clause `start` is in."""
    if not endings:
        return False
    _, hi = _clause(breaks, start)
    return any(len(word) >= MIN_PARTICIPLE and word.endswith(endings)
               for word in LETTERS.findall(folded, start, min(end, hi)))


MIN_PARTICIPLE = 5  # letters of a participle: shorter words so ended are nouns (ilan, plan)
BOUND_GAP = 2  # characters between a date and the word it belongs to


@cache
def _opening_words(phrases: tuple[str, ...]) -> re.Pattern | None:
    """Any of the phrases opening a text (past quotes and spaces)."""
    return re.compile(rf"[\s\"«“„]*(?:{alternation(phrases)})(?![^\W\d_])") if phrases else None


def _dated(found: DateMention | None) -> _When | None:
    return _when(found) if found is not None else None


def _merge_retold(events: list[_Draft]) -> list[_Draft]:
    """A page tells one happening in several sentences (the delegation arrives today and
    stays until the 14th): events of one type on days that touch, with a city taking part
    in both and no two different places, are one event from the earliest day; and an
    undated one is the dated event of its type at its place (or at none said), where the
    page has one only (the June session's resolution … the motion was carried here)."""
    out: list[_Draft] = []
    dated: dict[tuple[str, int | None], list[_Draft]] = {}  # by type and place
    days = _Days()
    for event in sorted(events, key=lambda e: e.when.start if e.when else "9999"):
        if event.when is None and event.city is not None:
            here = dated.get((event.type, event.city), []) + dated.get((event.type, None), [])
            # (not one told on another's sidelines: the headline's festival is the main one)
            here = [e for e in here if not e.apart] or here
            if len(here) == 1:
                one = here[0]
                _place_found(dated, one, event.city)
                one.participants.update(event.participants)
                one.officials += [o for o in event.officials if o not in one.officials]
                continue
        same = days.retold(event)
        if same is None or same.when is None or event.when is None:
            out.append(event)
            if event.when is not None:
                dated.setdefault((event.type, event.city), []).append(event)
                days.add(event)
            continue
        _place_found(dated, same, same.city or event.city)
        same.when = same.when._replace(end=max(same.when.end, event.when.end))
        days.lengthened(same)
        same.participants.update(event.participants)
        same.officials += [o for o in event.officials if o not in same.officials]
    return sorted(_in_their_days(out, days), key=lambda e: e.order)


def _in_their_days(events: list[_Draft], days: _Days) -> list[_Draft]:
    """An event told by its month only (Nisan Ayı Toplantısı Yapıldı) is the one event of
    its type the page dates to a day of that month (`days`: those), at no other place."""
    out = []
    for event in events:
        when = event.when
        inside = [e for e in days.within(event.type, when.start, when.end)
                  if event.city is None or e.city in (None, event.city)] \
            if when is not None and when.precision == "month" else []
        if len(inside) != 1:
            out.append(event)
            continue
        inside[0].participants.update(event.participants)
        inside[0].city = inside[0].city or event.city
    return out


def _place_found(dated: dict[tuple[str, int | None], list[_Draft]], draft: _Draft,
                 city: int | None) -> None:
    """The dated event's place is `city` now (it had none, or the same)."""
    if draft.city is None and city is not None:
        dated[draft.type, None].remove(draft)
        dated.setdefault((draft.type, city), []).append(draft)
    draft.city = city


class _Days:
    """The dated events of a page of each type, to one day, in the order of their first
    days: the ones an event may retell are those ending at most RETOLD_GAP before it
    begins, found by bisection (asking each event of all the others is quadratic on a
    page of thousands of them)."""

    def __init__(self) -> None:
        self._firsts: dict[str, list[int]] = {}  # first days (ordinals) per type
        self._drafts: dict[str, list[_Draft]] = {}
        self._longest: dict[str, int] = {}  # days from first to last, the most of any

    def add(self, draft: _Draft) -> None:
        if draft.when is not None and draft.when.precision == "day":
            self._firsts.setdefault(draft.type, []).append(_day(draft.when.start))
            self._drafts.setdefault(draft.type, []).append(draft)
            self.lengthened(draft)

    def lengthened(self, draft: _Draft) -> None:
        if draft.when is not None and draft.when.precision == "day":
            days = _day(draft.when.end) - _day(draft.when.start)
            self._longest[draft.type] = max(self._longest.get(draft.type, 0), days)

    def within(self, kind: str, first: str, last: str) -> list[_Draft]:
        """The events of the type whose first day lies from `first` to `last`."""
        firsts = self._firsts.get(kind, [])
        return self._drafts.get(kind, [])[bisect_left(firsts, _day(first)):
                                          bisect_right(firsts, _day(last))]

    def retold(self, later: _Draft) -> _Draft | None:
        """The first event that `later` tells again (_retold), if any."""
        if later.when is None or later.when.precision != "day" or later.type not in self._firsts:
            return None
        since = _day(later.when.start) - RETOLD_GAP.days - self._longest[later.type]
        k = bisect_left(self._firsts[later.type], since)
        return next((o for o in self._drafts[later.type][k:] if _retold(o, later)), None)


def _day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def _retold(first: _Draft, later: _Draft) -> bool:
    if first.type != later.type or first.when is None or later.when is None \
            or first.when.precision != "day" or later.when.precision != "day":
        return False  # 2007 and 2010 are two festivals, whatever they share
    if first.city and later.city and first.city != later.city or first.apart or later.apart:
        return False
    gap = date.fromisoformat(later.when.start) - date.fromisoformat(first.when.end)
    # (the host takes part too: the delegation's visit to Kayseri, its mayor's dinner)
    taking_part = {*first.participants, first.city} - {None}
    return gap <= RETOLD_GAP and not taking_part.isdisjoint({*later.participants, later.city})
