"""Lasting ties: twin and friendship cities, and membership of a body.

A tie is stated by a cue word of the language (побратим, kardeş şehir, خواهرخوانده;
член, üye, عضو) in a sentence that names cities. A heading or a sentence that ends in a
colon hands its cue on to what follows (КРАТКА ИСТОРИЯ НА ПОБРАТИМЯВАНЕТО, a list of
twin towns); so does a sentence that names one city only (Kayseri'nin kardeş
şehirleri …), to the list items below it, each a short paragraph of its own. A tie
only proposed (the profile's hedges: възможност, پیشنهاد) is no tie. The page's own
city is one side of a tie whenever the sentence does not name two cities; a member
joins the body named in the sentence, or the page's main body
when the sentence only says "this organisation". `since` is the year the sentence gives,
as the page writes it (a Solar Hijri year stays one).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from typing import NamedTuple

from parsers.calendars import normalize_digits
from parsers.cities import City, in_case, list_joiners, mention_spans, mentions_between
from parsers.dates import DateMention
from parsers.languages import Profile, profiles
from parsers.officials import Official
from parsers.organizations import Organization, a_seat
from parsers.text import (
    APOSTROPHES,
    CLAUSE_BREAK,
    LETTERS,
    Text,
    WordCues,
    WordPattern,
    fold,
    named_between,
    phrase_before,
    starts_between,
    word_pattern,
)

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_CLAUSE_END = re.compile(r"[.;:!?؟]")
BOTH_REACH = 1500  # characters back from "the two cities" to the two it means
LIST_ITEM_CHARS = 120  # a short line after a cue line is an item of its list
# words before a list line's city (Град Гюргево, İngiltere Enfield Belediyesi): more, and
# the line is a sentence of its own (Forumun ardından Frankfurt'a geçecek …)
ITEM_WORDS_BEFORE = 1
WHERE_ONE_IS = ("locative", "destination", "visited")  # the cases of a place one is at
MEMBER_REACH = 40  # characters from the membership cue to the first member
MEMBER_GAP = 40  # characters between two members of one list
CUE_BEFORE_CITY = 24  # characters from a tie's word to the city it names (побратимения град X)


@dataclass(frozen=True)
class Relation:
    """A lasting tie: twin or friendship cities (a and b, GeoNames ids), or a city's
    membership of a body (b None); since when, and the sentence that says it."""

    type: str
    a: int
    b: int | None
    organization: str | None
    since: str | None  # the Gregorian year, what tables sort by
    since_text: str | None  # the year as the page writes it
    since_calendar: str | None
    evidence: str


class _OpenList(NamedTuple):
    """A cue handed on from a heading or a line that names one city to the lines below."""

    kinds: list[str]
    anchor: int | None  # the city the items pair with
    after_heading: bool  # prose may take the cue too, not only list lines
    # the cue's sentence named no city (делегации от побратимените ни градове): the next
    # sentence of its paragraph that lists cities names them (Гости бяха A, B и C); where
    # that sentence ends (the paragraph must not end between)
    unnamed_until: int = -1


@cache
def _cues(language: str) -> WordCues:
    """The stems of each tie type, at the start of a word."""
    return WordCues(profiles()[language].relation_cues)


class Since(NamedTuple):
    """When a tie began: the Gregorian year it falls in (what tables sort by), and the
    year as the page writes it in its calendar (۱۳۸۶ is a Jalali year, 2007 in the tables)."""

    year: str
    text: str
    calendar: str


def _since(dates: Sequence[DateMention], start: int, end: int, years_only: bool = False,
           cue: int | None = None) -> Since | None:
    """The year a sentence gives, as written (`dates` in text order), nearest the tie's
    word at `cue` (شهر یزد در سال ۲۰۱۷ … ثبت شد و از سال ۱۳۹۸ عضو …: 1398), else the
    first; with `years_only`, of a date that names a year alone."""
    found: list[tuple[int, Since]] = []
    k = bisect_left(dates, start, key=lambda d: d.offset)
    while k < len(dates) and dates[k].offset < end:
        since = _year_of(dates[k]) if not years_only or dates[k].precision == "year" else None
        if since is not None:
            if cue is None:
                return since
            d = dates[k]
            found.append((cue - d.end_offset if d.end_offset <= cue else d.offset - cue, since))
        k += 1
    return min(found, key=lambda f: f[0])[1] if found else None


@cache
def _happenings(language: str) -> tuple[WordPattern | None, WordPattern | None]:
    """The words of a visit, a meeting or a festival, and of an agreement."""
    events = profiles()[language].events
    return (word_pattern(tuple(w for kind in ("visit", "meeting", "festival")
                               for w in events.get(kind, ()))),
            word_pattern(tuple(events.get("agreement", ()))))


def _told_of_a_visit(folded: str, start: int, end: int, language: str) -> bool:
    """The sentence tells of a visit, a meeting or a festival, and of no agreement (…
    посети побратимения град Леверкузен на 5 май 2024 г.): its day is theirs, not when
    the tie began."""
    told, made = _happenings(language)
    return told is not None and told.search(folded, start, end) is not None and (
        made is None or made.search(folded, start, end) is None)


def _year_of(d: DateMention) -> Since | None:
    match = _YEAR.search(normalize_digits(d.text))
    return Since(f"{d.start.year:04d}", match.group(1), d.calendar) if match else None


def _members(text: str, folded: str, start: int, mentions: list[tuple[int, int, int]],
             named: list[int], profile: Profile) -> list[int]:
    """The cities right after the membership cue, and the list they open (членство на
    Казанлък; عضو ... مشهد، اصفهان، شیراز); else every city the sentence names."""
    member = word_pattern(tuple(profile.relation_cues.get("member", ())))
    first = member.search(folded) if member is not None else None
    cue = first.end() if first else None
    if cue is None:
        return named
    after = [(pos, gid) for pos, _, gid in mentions_between(mentions, start + cue,
                                                             start + len(folded))]
    if not after or after[0][0] - (start + cue) > MEMBER_REACH:
        return named
    if _office_follows(text, after[0][0], profile):
        return []  # "üyesi Büyükçekmece Belediye Başkanı Hasan Akgün": a person is the member
    run = [after[0]]
    for pos, gid in after[1:]:
        gap = text[run[-1][0]:pos]
        if len(gap) > MEMBER_GAP or _CLAUSE_END.search(gap):
            break
        run.append((pos, gid))
    return list(dict.fromkeys(gid for _, gid in run))


def _office_follows(text: str, position: int, profile: Profile) -> bool:
    """An office right after the city at `position`: the city names a person's office."""
    window = text[position:position + 60].lower().split(maxsplit=1)
    rest = window[1] if len(window) > 1 else ""
    return any(rest.startswith(phrase) for phrases in profile.roles.values()
               for phrase in phrases)


class _Bodies:
    """The bodies a page names (in text order), for the body each membership joins."""

    def __init__(self, organizations: Sequence[Organization]) -> None:
        self.all = sorted(organizations, key=lambda b: b.start)
        self.starts = [b.start for b in self.all]
        self.named = [b for b in self.all if not b.reference]
        self.named_ends = sorted(b.end for b in self.named)

    @cached_property
    def main(self) -> str | None:
        """The fullest name of a body named more than once (not its "assembly")."""
        counts = Counter(b.name.lower() for b in self.named)
        repeated = [name for name, n in counts.items() if n > 1]
        if not repeated:
            return None
        main = max(repeated, key=lambda name: (len(name.split()), counts[name]))
        return next(b.name for b in self.named if b.name.lower() == main)

    def first_named(self, start: int, end: int) -> int | None:
        """Where the first body the span names by its name begins."""
        inside = self.all[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        return next((b.start for b in inside if not b.reference), None)

    def joined(self, start: int, end: int, text: str, language: str) -> list[str]:
        """The bodies a member joins: the first named in the sentence and each one a
        conjunction joins to it (член на Асоциацията … и на мрежата Eurocities; Birliği ve
        Eurocities üyesidir); for "this network" or none, the page's main body when it is
        named more than once, else the last one named."""
        inside = self.all[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        named = [b for b in inside if not b.reference]
        if named:
            return _joined_names(named, text, language)
        if self.main is not None:
            return [self.main]
        if not inside:  # the last one named before the sentence
            k = bisect_right(self.named_ends, start)
            return [self.named[k - 1].name] if k else []
        earlier = [b for b in self.named if b.end <= start]
        # тази мрежа: the last body named with the same word
        head = inside[0].name.split()[-1].lower()[:5]
        earlier = [b for b in earlier if head in b.name.lower()] or earlier
        return [earlier[-1].name] if earlier else []


    def joined_later(self, start: int, end: int, text: str, language: str,
                     dates: Sequence[DateMention]) -> list[tuple[str, Since]]:
        """The bodies a sentence's member joins at a later date the sentence gives
        between them (… член на Асоциацията … през 2009 г., а през 2015 г. – и на мрежата
        Eurocities; 2005 yılında … Birliği'ne, 2010 yılında ise Eurocities ağına): after a
        comma or a conjunction, the date, then the body a few words on; each with its
        date."""
        named = [b for b in self.all[bisect_left(self.starts, start):
                                     bisect_left(self.starts, end)] if not b.reference]
        joining = _joining_words(language)[0]
        profile = profiles()[language]
        stop, verb_last = profile.stop_words, profile.verb_last
        later = []
        for last, body in zip(named, named[1:], strict=False):
            between = [d for d in dates if last.end <= d.offset
                       and d.offset + len(d.text) <= body.start]
            if not between:
                continue
            d = between[-1]
            # from the first body's own date, where one comes between, or its case ending
            since_first = between[-2].offset + len(between[-2].text) if len(between) > 1 \
                else _CASE_ENDING.match(text, last.end).end()  # type: ignore[union-attr]
            # a comma or a conjunction, and nothing but function words (а през, ve, ise),
            # after the verb that ends the clause before where the verb comes last (… عضو
            # … شد و در سال ۱۳۹۸ به …); not a clause of its own (, създадена през 2002 г.)
            lead = _WORD_OR_COMMA.findall(text[since_first:d.offset].lower())
            if verb_last and lead and lead[0] not in ",،" and lead[0] not in joining:
                lead = lead[1:]
            since = _year_of(d)
            if since is not None and lead and lead[0] in joining | {",", "،"} and all(
                    t in joining or t in stop or t in ",،" for t in lead) and len(
                    LETTERS.findall(text[d.offset + len(d.text):body.start])) \
                    <= WORDS_TO_LATER_BODY:
                later.append((body.name, since))
        return later


WORDS_TO_LATER_BODY = 4  # words from a later date to the body joined then (се присъедини към)
_CASE_ENDING = re.compile(rf"(?:[{APOSTROPHES}][^\W\d_]+)?")  # (Birliği'ne, …)
_WORD_OR_COMMA = re.compile(r"[^\W\d_]+|[,،]")


def _joined_names(bodies: list[Organization], text: str, language: str) -> list[str]:
    """The first body's name, and each next one's that only a conjunction (an "of", a
    word for a body) stands before (past a body's initials in brackets after it)."""
    joining, allowed = _joining_words(language)
    # a body in the genitive right before another owns it (Avrupa Konseyi'nin
    # Kültürlerarası Şehirler Ağı): the other is the one joined
    genitive = _genitive_ending(language)
    while len(bodies) > 1 and genitive is not None and (
            ending := genitive.match(text, bodies[0].end)) is not None \
            and text[ending.end():bodies[1].start] == " ":
        bodies = bodies[1:]
    names, last = [bodies[0].name], bodies[0]
    for body in bodies[1:]:
        gap = text[last.end:body.start]
        if gap.strip() == "(":
            last = body  # its initials in brackets: the same body (… جهانی (UCLG) و …)
            continue
        # (and initials in brackets between: … общини (АДО) и на мрежата Eurocities)
        words = set(LETTERS.findall(_IN_BRACKETS.sub(" ", gap).lower()))
        if not words & joining or not words <= allowed:
            break
        names.append(body.name)
        last = body
    return names


@cache
def _joining_words(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """The conjunctions, and every word that may stand between two bodies they join."""
    profile = profiles()[language]
    joining = frozenset(profile.conjunctions)
    return joining, joining | frozenset(profile.genitives) | \
        frozenset(profile.organization_words)


def find_relations(page: Text, cities: Sequence[City], dates: Sequence[DateMention],
                   home: int | None, organizations: Sequence[Organization] = (),
                   officials: Sequence[Official] = ()) -> tuple[Relation, ...]:
    """DESIGN.md's `relations`: type, a, b, organization, since, evidence.
    `organizations` are the bodies the text names (find_organizations); a city whose
    mayor holds an office in a body (`officials`: Eurocities Başkan Yardımcısı) is a
    member of it."""
    text, profile = page.raw, profiles().get(page.language or "")
    if profile is None or not profile.relation_cues or not text:
        return ()
    mentions = mention_spans(cities)
    bodies = _Bodies(organizations)
    ties: dict[tuple, Relation] = {}
    bodies_of: dict[tuple, list[tuple]] = {}  # the keys of each type and side, by body
    carried: _OpenList | None = None
    hedge = word_pattern(profile.relation_hedges)
    both = word_pattern(profile.both_cities, whole=True)
    ours = word_pattern(profile.our_ties)
    last_pair: list[int] = []  # the two cities of the last tie between two cities

    def tie(kind: str, a: int, b: int | None, organization: str | None, since: Since | None,
            evidence: str) -> None:
        key = (kind, frozenset((a, b)) if b else a, (organization or "").lower())
        # one body by two names, one inside the other (Mayors for Peace platformu)
        named = bodies_of.setdefault(key[:2], [])
        key = next((k for k in named if key[2] and (k[2] in key[2] or key[2] in k[2])), key)
        if key not in named:
            named.append(key)
        if key in ties:
            old = ties[key]
            if since and (not old.since or since.year < old.since):
                ties[key] = replace(old, since=since.year, since_text=since.text,
                                    since_calendar=since.calendar)
        elif a != b:
            ties[key] = Relation(kind, a, b, organization, since.year if since else None,
                                 since.text if since else None,
                                 since.calendar if since else None, evidence)
        if b is not None and a != b:
            last_pair[:] = [a, b]

    folded_text = page.folded
    cues = _cues(profile.code).starts(folded_text)
    adopted = word_pattern(profile.adopted)
    spans = page.sentences
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        folded = folded_text[start:end]
        kinds = named_between(cues, start, end)
        if "member" in kinds and all(a_seat(folded_text, cue, profile) for cue in
                                     starts_between(cues["member"], start, end)):
            kinds = [k for k in kinds if k != "member"]  # meclis üyelerine: a seat
        here = mentions_between(mentions, start, end)
        named = list(dict.fromkeys(gid for _, _, gid in here))
        if kinds and not named and both is not None and both.search(folded):
            # "the sisterhood of the two cities": the two the last tie joined, else the
            # last two named
            named = list(last_pair) or _two_before(mentions, start)
        if not kinds and not named:
            continue  # no tie and no list item: nothing changes (a page of short lines)
        item = len(sentence.strip()) <= LIST_ITEM_CHARS and _own_paragraph(text, start, end) \
            and bool(here) and len(LETTERS.findall(text, start, here[0][0])) <= ITEM_WORDS_BEFORE
        listed = False  # the tie is a list's, not the sentence's own
        if not kinds and carried and named and item:
            kinds, listed = carried.kinds, True  # an item of the list the cue line opened
        elif not kinds and carried and named and carried.after_heading:
            kinds, carried, listed = carried.kinds, None, True
        elif not kinds and carried and len(named) >= 2 and carried.unnamed_until >= 0 \
                and "\n\n" not in text[max(0, carried.unnamed_until - 1):start] \
                and not _venues(page, here, profile, start, cues, WHERE_ONE_IS):
            # (not where one is or goes: Кметът посети Варна и Бургас)
            kinds, carried, listed = carried.kinds, None, True
        if kinds and hedge is not None and hedge.search(folded) and \
                not _carried(folded_text, spans, index, adopted):
            kinds = [k for k in kinds if k == "member"]  # (a list's hedged line too)
        said = [c for kind in kinds for c in starts_between(cues[kind], start, end)]
        visit_told = bool(kinds) and _told_of_a_visit(folded_text, start, end, profile.code)
        since = _since(dates, start, end, visit_told, min(said) if said else None) \
            if kinds else None
        evidence = sentence.strip()
        anchor = carried.anchor if carried and carried.anchor else home
        venues = _venues(page, here, profile, start, cues) if kinds else set()
        qualifiers = _qualifiers(text, here, profile) if kinds else set()
        for kind in kinds:
            if kind == "member":
                # (члена на Общинския съвет: a person's seat, no network; nor what it joins)
                joined = bodies.joined(start, end, text, profile.code)
                joined = [b for b in joined if _joinable(b, profile)] \
                    if joined and _joinable(joined[0], profile) else []
                # a city named as where the body met, or where a letter went, is no
                # member (… Ankara'da yapıldı; platformun merkezi Hiroşima'ya göndermiş)
                away = venues | _venues(page, here, profile, start, cues, ("destination",))
                members = [gid for gid in _members(text, folded_text[start:end], start,
                                                   mentions, named, profile)
                           if gid not in away]
                if not members and home and _says_municipality(folded, profile):
                    members = [home]
                later = [(b, when) for b, when in bodies.joined_later(
                    start, end, text, profile.code, dates) if _joinable(b, profile)] \
                    if joined else []
                # (the year nearest the body's name: 2004 yılında X Birliği'ne, 2011
                # yılında ise Y ağına üye oldu)
                named_at = bodies.first_named(start, end)
                joined_since = since if named_at is None else \
                    _since(dates, start, end, visit_told, named_at)
                for gid in members:
                    for one in joined:
                        tie("member", gid, None, one, joined_since, evidence)
                    for one, when in later:
                        tie("member", gid, None, one, when, evidence)
                continue
            # a city named only as the venue (Üsküp'te imzalanan, в гр. Науса) is where the
            # tie was made or met, not a side of it
            partners = [gid for gid in named if gid not in venues and gid not in qualifiers]
            if not [g for g in partners if g != anchor]:
                # a city named where something happened in another clause than the tie's
                # word is the tie itself (градове побратими … – наскоро в град Ржев бе
                # делегация); in the same clause, where it was made (Üsküp'te imzalandı)
                said = starts_between(cues[kind], start, end)
                partners = [gid for gid in named if gid not in qualifiers and (
                    gid not in venues or _apart(text, said, [s for s, _, g in here if g == gid]))]
            # two cities named and the anchor not: the pair is tied (Erbil ile Kayseri); a
            # longer list without it is the anchor's partners (ile A, B ve C kardeş), and so
            # is every line of a list (… Buna Şam ve Halep eklendi: two more of its own)
            first: int | None
            if _said_with(page, here, partners, profile, start):
                # (Tuzla ve Gence ile kardeşlik: the anchor's partners, not each other's;
                # with no anchor, whose they are is not said)
                first, others = anchor, [g for g in partners if g != anchor]
            # (… "our twin towns", kardeş şehirlerimiz Plovdiv ve Kobe: each is the anchor's)
            elif not listed and (len(partners) == 2 or len(partners) > 2 and anchor is None) \
                    and anchor not in partners and not (
                        anchor is not None and ours is not None and ours.search(folded)):
                first, others = partners[0], partners[1:]
            else:
                first, others = anchor, [g for g in partners if g != anchor]
            for other in others:
                if first is not None:
                    tie(kind, first, other, None, since, evidence)
        stripped = sentence.strip()
        heading = stripped.isupper() or stripped.endswith(":")
        # a heading opens a list of its own, even right after another list's items
        if kinds and (heading or (len(named) <= 1 and not (item and carried))):
            # items pair with the page's city unless the line names two others (Erbil ile
            # birlikte Kayseri'nin kardeş şehirleri); both cues: the list is of twins
            anchor = home if home in named or len(named) <= 1 else named[0]
            carried = _OpenList(["twin"] if {"twin", "friendship"} <= set(kinds) else kinds,
                                anchor, heading, -1 if named else end)
        elif not kinds and named and not item:
            carried = None  # prose about other things: the list is over
    for official in officials:
        if official.role == "mayor" and official.city and official.organization \
                and _joinable(official.organization, profile):
            tie("member", official.city, None, official.organization, None, official.evidence)
    # two cities twinned are no looser friends too (приятелски връзки от 2012 г., then
    # the twinning): the closer tie is the lasting one
    twinned = {frozenset((r.a, r.b)) for r in ties.values() if r.type == "twin"}
    return tuple(r for r in ties.values()
                 if r.type != "friendship" or frozenset((r.a, r.b)) not in twinned)


def _said_with(page: Text, here: list[tuple[int, int, int]], partners: list[int],
               profile: Profile, sentence_start: int) -> bool:
    """The partners are one list the word for "with" sets off (с Брно и Измир, با کربلا و
    نجف, Tuzla ve Gence ile): each joined to the next by a conjunction or a comma, the
    word before the first or after the last."""
    if len(partners) < 2 or not (profile.comitative_before or profile.comitative_after):
        return False
    firsts: dict[int, tuple[int, int]] = {}
    for pos, stop, gid in here:
        if gid in partners:
            firsts.setdefault(gid, (pos, stop))
    spans = sorted(firsts.values())
    if len(spans) < 2:  # (the two cities a "both" words means, named before)
        return False
    comma, conjunction = list_joiners(profile.code)
    if any(pos - stop > MEMBER_GAP or (comma.search(page.raw, stop, pos) is None and
                                       conjunction.search(page.raw, stop, pos) is None)
           for (_, stop), (pos, _) in zip(spans, spans[1:], strict=False)):
        return False
    return in_case(page, *spans[0], profile, "comitative", sentence_start) or \
        in_case(page, *spans[-1], profile, "comitative", sentence_start)


def _two_before(mentions: list[tuple[int, int, int]], start: int) -> list[int]:
    """The two cities named last before `start` (within BOTH_REACH), in text order: what
    "the two cities" points back to; none where fewer are named."""
    k = bisect_left(mentions, (start,))
    found: list[int] = []
    for s, _, gid in reversed(mentions[:k]):
        if start - s > BOTH_REACH:
            break
        if gid not in found:
            found.append(gid)
            if len(found) == 2:
                return found[::-1]
    return []


def _carried(folded: str, spans: Sequence[tuple[int, int]], index: int,
             adopted: WordPattern | None) -> bool:
    """The proposal of sentence `index` was carried: it says so, or the next sentence of
    its paragraph does (… teklifi oylandı. Teklif oy çokluğu ile kabul edildi.)."""
    if adopted is None:
        return False
    start, end = spans[index]
    if adopted.search(folded, start, end):
        return True
    if index + 1 < len(spans):
        after, last = spans[index + 1]
        # (a sentence a line break ends holds that break: a blank line may begin there)
        return "\n\n" not in folded[end - 1:after] and \
            adopted.search(folded, after, last) is not None
    return False


def _apart(text: str, cues: list[int], mentions: list[int]) -> bool:
    """Every mention is in another clause than every cue word."""
    return all(CLAUSE_BREAK.search(text, min(c, m), max(c, m)) is not None
               for c in cues for m in mentions)


def _joinable(body: str, profile: Profile) -> bool:
    """A body a city may be a member of: not a council, a board, a museum or a union of
    states (the profile's not_member_bodies)."""
    words = word_pattern(profile.not_member_bodies, whole=True)
    return words is None or words.search(fold(body, profile.code)) is None


def _qualifiers(text: str, here: list[tuple[int, int, int]], profile: Profile) -> set[int]:
    """The cities named only to say where the next one lies: Ankara'nın Çankaya ilçesi,
    a city right before a district's municipality or a place's word after its name
    (Üsküp Studenican Belediyesi, Hatay'ın Defne ilçesi, whether the index knows the
    district or not), or one
    in brackets after a place (Göle Belediyesi (Ardahan), Кочани (Северна Македония))."""
    starts = {pos for pos, _, _ in here}
    ends = {stop for _, stop, _ in here}
    found: dict[int, set[bool]] = {}
    genitive = _genitive_ending(profile.code)
    place_words = {*profile.municipality_words, *profile.place_cues_after}
    for pos, stop, gid in here:
        # (the bracket first: the word before it is looked for only then)
        bracketed = pos > 0 and text[pos - 1] == "(" and \
            _IN_BRACKETS.fullmatch(text, pos - 1, min(len(text), stop + 1)) is not None
        before = _AFTER_PLACE.search(text, max(0, pos - 40), pos - 1) if bracketed else None
        if before is not None and (before.start() + len(before.group().rstrip()) in ends
                                   or before.group().strip().lower() in profile.municipality_words):
            found.setdefault(gid, set()).add(True)
            continue
        ending = genitive.match(text, stop) if genitive is not None else None
        district = _DISTRICT.match(text, ending.end() if ending is not None else stop)
        found.setdefault(gid, set()).add(
            (ending is not None and ending.end() + 1 in starts and text[ending.end()] == " ")
            or (district is not None and district.group(2).lower() in place_words
                and district.group(1)[0].isupper()
                and district.group(1).lower() not in profile.municipality_words))
    return {gid for gid, kinds in found.items() if kinds == {True}}


@cache
def _genitive_ending(language: str) -> re.Pattern | None:
    """The profile's genitive endings, the first of them in its order that follows."""
    endings = profiles()[language].genitive_endings
    return re.compile("|".join(map(re.escape, endings)), re.IGNORECASE) if endings else None


_DISTRICT = re.compile(r" ([^\W\d_]+) ([^\W\d_]+)")  # the next two words
_IN_BRACKETS = re.compile(r"\([^()]+\)")
_AFTER_PLACE = re.compile(r"[^\W\d_]+\s*$")  # a word right before the bracket


def _venues(page: Text, here: list[tuple[int, int, int]], profile: Profile,
            sentence_start: int, cues: Mapping[str, list[int]],
            cases: tuple[str, ...] = ("locative",)) -> set[int]:
    """The cities a sentence names only as where something happens (or, with more
    `cases`, where something goes); not one a tie's word stands right before (в
    побратимения град Крушевац: in the twin town, which is a side of the tie)."""
    as_venue: dict[int, set[bool]] = {}  # per city: is each of its mentions a venue
    gathering = _gathering(profile.code) if profile.event_word_first else None
    for pos, stop, gid in here:
        as_venue.setdefault(gid, set()).add(
            not _named_by_tie(page.raw, pos, cues, profile) and (any(
                in_case(page, pos, stop, profile, case, sentence_start) for case in cases)
                # (the meeting its name follows: در نشست استانبول شرکت کردند)
                or gathering is not None and gathering.search(
                    page.folded, max(0, pos - GATHERING_REACH), pos) is not None))
    return {gid for gid, found in as_venue.items() if found == {True}}


GATHERING_REACH = 30  # characters back from a city to the word of the happening it names


@cache
def _gathering(language: str) -> re.Pattern | None:
    """A meeting's or a festival's word right before a city, in a language that names a
    happening's place after its word (نشست استانبول)."""
    events = profiles()[language].events
    return phrase_before(tuple(w for kind in ("meeting", "festival")
                               for w in events.get(kind, ())), stems=True)


def _named_by_tie(text: str, pos: int, cues: Mapping[str, list[int]],
                  profile: Profile) -> bool:
    """A tie's word names the city at `pos`, nothing but a cue word of places between
    (побратимения град Крушевац; not побратимяване в Гродно: where it was signed)."""
    for found in cues.values():
        for at in starts_between(found, pos - CUE_BEFORE_CITY, pos):
            if all(w.lower() in profile.place_cues_before
                   for w in text[at:pos].split()[1:]):
                return True
    return False


def _own_paragraph(text: str, start: int, end: int) -> bool:
    """The sentence is a paragraph by itself: a line of a list."""
    before = text[max(0, start - 40):start].rstrip(" \t")  # a window: no copy of the text
    after = text[end:end + 40].lstrip(" \t")
    opens = before.endswith("\n") or (not before and start <= 40)
    # (a sentence a line break ends holds that break)
    closes = text[end - 1:end] == "\n" or after.startswith("\n") or (
        not after and end + 40 >= len(text))
    return opens and closes


def _says_municipality(folded: str, profile: Profile) -> bool:
    """The sentence speaks of a municipality (Общината е член на …) or of "our city"
    (Belediyemiz … üyesidir), so a member with no city named is the page's own; not of a
    person's office (Belediye Başkanı) nor of member municipalities (üye belediyeleri:
    the body's members, whoever they are)."""
    pattern = word_pattern((*profile.municipality_words, *profile.our_city), whole=True)
    offices = profile.office_heads
    member = word_pattern(tuple(profile.relation_cues.get("member", ())), whole=True)
    for m in pattern.finditer(folded) if pattern is not None else ():
        after = folded[m.end():m.end() + 30].split()
        before = folded[max(0, m.start() - 20):m.start()].split()
        if (after and after[0] in offices) or \
                (before and member is not None and member.search(before[-1])):
            continue
        return True
    return False
