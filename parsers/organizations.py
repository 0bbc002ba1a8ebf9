"""Names of bodies (associations, networks, unions) as a text writes them.

Three shapes, by where the language puts its word for "association": after the name
(B40 Balkan Şehirleri Ağı, Enerji Kentleri Birliği), before a quoted name (Асоциация
“Кметове за Мир”), or before the words that name it (Мрежа на средно големите европейски
градове, مجمع شهرداران آسیایی).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from parsers.languages import Profile, capitals, profiles
from parsers.text import APOSTROPHES, LETTERS, Text, WordPattern, alternation, word_pattern

_NO_LETTER_BEFORE = r"(?<![^\W\d_])"
_NO_LETTER_AFTER = r"(?![^\W\d_])"
# the words after a body's word that name it, without capitals (سازمان شهرهای میراث جهانی)
UNCASED_NAME_WORDS = 3
INITIALLED_NAME_WORDS = 9  # words of a name without capitals that its initials close
# words between a name's first capital and its body's word where the word comes last
# (Birleşmiş Kentler ve Yerel Yönetimler Dünya Teşkilatı: five)
WORDS_BEFORE_BODY = 6
CAPPED_NAME_WORDS = 4  # capitalised words after a body's word that name it (Асоциация Х)


@dataclass(frozen=True)
class Organization:
    start: int
    end: int
    name: str
    reference: bool = False  # "тази мрежа": a body named before, not a name of its own


@cache
def _pattern(language: str) -> re.Pattern | None:
    profile = profiles()[language]
    if not profile.organization_words:
        return None
    words = alternation(profile.organization_words, space=None)
    # the word may carry a case ending, not part of the name (platformuna, Birliği'ne)
    endings = rf"(?:[{APOSTROPHES}]?(?:{alternation(profile.case_endings, space=None)}))?" \
        if profile.case_endings else ""
    word = rf"{_NO_LETTER_BEFORE}(?i:{words})(?={endings}{_NO_LETTER_AFTER})"
    quoted = r"[ \t]*[“„\"«][^”“\"»\n]{2,80}[”“\"»]"
    cap = rf"[A-Z{capitals()}0-9][\w\-]*"  # a capitalised word of any alphabet muni reads
    if not profile.cased:
        # the body's word first, then up to three words that are not function words, nor
        # a person's title or first name (رئیس مجمع شهرداران آسیایی علی رضایی), nor the
        # sentence's last word: its verb (… مجمع شهرداران آسیایی پیوست.)
        stop = alternation({*profile.stop_words, *profile.honorific_words, *profile.given_names},
                           space=None)
        # (a word's parts a zero-width non-joiner joins are one word: همکاری‌های)
        tail = rf"(?:[ \t]+(?!(?:{stop}){_NO_LETTER_AFTER})(?![^\W\d_]+[ \t]*[.!?؟\n])" \
            rf"[^\W\d_]+(?:\u200c[^\W\d_]+)*){{1,{UNCASED_NAME_WORDS}}}"
        # a name its initials follow in brackets is whole up to them, function words and
        # all (سازمان جهانی شهرها و دولت‌های محلی متحد (UCLG))
        initialled = rf"{word}(?:[ \t\u200c]+[^\W\d_]+){{1,{INITIALLED_NAME_WORDS}}}" \
            rf"(?=[ \t]*\([A-Z0-9][A-Z0-9\-]{{1,9}}\))"
        return re.compile(rf"{initialled}|{word}{tail}")
    if not profile.organization_word_first:  # B40 Balkan Şehirleri Ağı (EKB)
        acronym = rf"(?:[ \t]*\([A-Z{capitals()}0-9]{{2,8}}\))?"
        return re.compile(
            rf"{cap}[ \t]+(?:[\w\-]+[ \t]+){{0,{WORDS_BEFORE_BODY}}}{word}{acronym}")
    stop = alternation(profile.stop_words, space=None)
    # Италианския културен институт: a name, adjectives, the word; no function words
    adjectives = rf"{cap}(?:[ \t]+(?!(?:{stop}){_NO_LETTER_AFTER})[^\W\d_]+){{0,2}}[ \t]+{word}"
    quoted_after = rf"{word}{quoted}"
    # the word, then the capitalised words of its name (мрежата Евроситис, Фондация
    # Америка): no figure (съвета 12 общини); a person's are passed over (_a_person_named)
    capped = rf"[A-Z{capitals()}][\w\-]*"
    named_after = rf"(?P<named>{word}(?:[ \t]+{capped}){{1,{CAPPED_NAME_WORDS}}})"
    if not profile.genitives:
        return re.compile(rf"{quoted_after}|{named_after}|{adjectives}")
    of = "|".join(map(re.escape, profile.genitives))
    # the words its "of" names it by: Асоциацията на дунавските общини; after adjectives
    # too (Националното сдружение на общините в Република България)
    of_words = rf"[ \t]+(?:{of})[ \t]+(?:[^\W\d_]+[ \t]+){{0,4}}[^\W\d_]+"
    return re.compile(rf"{quoted_after}|{word}{of_words}|{named_after}|"
                      rf"{adjectives}(?:{of_words})?")


@cache
def _reference(language: str) -> WordPattern | None:
    profile = profiles()[language]
    if not profile.demonstratives or not profile.organization_words:
        return None
    this = "|".join(re.escape(w) for w in profile.demonstratives)
    words = "|".join(re.escape(w) for w in profile.organization_words)
    return WordPattern(rf"(?i:{this})[ \t]+(?:[^\W\d_]+[ \t]+)?(?i:{words}){_NO_LETTER_AFTER}")


def find_organizations(page: Text) -> list[Organization]:
    """Bodies named in the text, and references back to one, in order."""
    text, language = page.raw, page.language
    if language not in profiles():
        return []
    pattern, reference = _pattern(language), _reference(language)
    # every name and reference holds a word for a body: only its lines are read
    lines = _lines_with(page.folded.replace("ı", "i"), _any_word(language)) \
        if pattern is not None else []
    found = [Organization(m.start(), m.end(), m.group(0), True)
             for start, end in lines for m in reference.finditer(text, start, end)] \
        if reference else []
    references = [r.start for r in found]  # in text order, none inside another
    if pattern is not None:  # a reference's word is not the start of a name
        building = building_after(language)
        found += [_glossed(text, _named_as_read(m, language))
                  for start, end in lines
                  for m in pattern.finditer(text, start, end)
                  if not _inside(found, references, m.start())
                  and (building is None or not building.match(text, m.end()))
                  and not _a_person_named(m, language)]
    # (a network's name inside a longer name is that name's: Mayors for Peace platformu)
    found += [Organization(m.start(), m.end(), m.group(0)) for m in _networks().finditer(text)]
    found += _acronyms(text, found)
    return sorted(_outermost(found), key=lambda o: o.start)


def _a_person_named(match: re.Match, language: str) -> bool:
    """The capitalised words after a body's word begin with a first name or a title: its
    chair's name (председателят на сдружението Иван Петров), not the body's. (Looked up
    here, not in the pattern: the first names in it cost every process their compiling.)"""
    named = match.groupdict().get("named")
    if not named:
        return False
    words = named.split()
    profile = profiles()[language]
    return len(words) > 1 and (words[1].lower() in profile.given_names
                               or words[1].lower().rstrip(".") in profile.honorific_words)


def _named_as_read(match: re.Match, language: str) -> Organization:
    """The body a match of the name pattern reads, cut to its own name: without the words
    that end or begin around it (_trimmed), an office before it, the next body a
    conjunction joins, the municipality a name is read from."""
    profile = profiles()[language]
    body = _trimmed(match.start(), match.group(0), profile.stop_words,
                    profile.organization_word_first)
    for cut in (_after_office, _before_another, _after_municipality, _after_person,
                _network_named):
        body = cut(body, language)
    return body


def _network_named(body: Organization, language: str) -> Organization:
    """A body's word put before a network's own name (мрежата Eurocities) is no part of
    the name, known in every language without it."""
    if not profiles()[language].organization_word_first:
        return body
    word = LETTERS.match(body.name)
    rest = body.name[word.end():].lstrip() if word else ""
    if not rest or _networks().pattern.fullmatch(rest) is None:
        return body
    return Organization(body.end - len(rest), body.end, rest)


def _inside(spans: list[Organization], starts: list[int], at: int) -> bool:
    """Whether `at` falls in one of the spans (in text order, apart; `starts` theirs)."""
    i = bisect_right(starts, at) - 1
    return i >= 0 and at < spans[i].end


def _acronyms(text: str, bodies: list[Organization]) -> list[Organization]:
    """The later mentions of a body by the initials it was given in brackets (Türk Dünyası
    Belediyeler Birliği'nin (TDBB) … TDBB Başkanı): each is that body, by its full name."""
    defined: dict[str, str] = {}
    for body in bodies:
        if body.reference:
            continue
        given = _ACRONYM_END.search(body.name) or _ACRONYM_AFTER.match(text, body.end)
        if given is not None:
            defined.setdefault(given.group(1), body.name)
    if not defined:
        return []
    taken = sorted((b.start, b.end) for b in bodies)
    out = []
    for m in re.finditer(rf"(?<![\w(])(?:{alternation(defined, space=None)})(?![\w)])", text):
        k = bisect_right(taken, (m.start(), len(text))) - 1
        if k < 0 or taken[k][1] <= m.start():  # not inside a body's own name
            out.append(Organization(m.start(), m.end(), defined[m.group()]))
    return out


_INITIALS = rf"([A-Z{capitals()}][A-Z{capitals()}0-9\-]{{1,9}})"
_ACRONYM_END = re.compile(rf"\({_INITIALS}\)$")  # Enerji Kentleri Birliği (EKB)
# Birliği'nin (TDBB): a case ending may stand between the name and its initials
_ACRONYM_AFTER = re.compile(rf"(?:[{APOSTROPHES}][^\W\d_]{{1,5}})?[ \t]*\({_INITIALS}\)")


def _outermost(found: list[Organization]) -> list[Organization]:
    """Each body once: a network's name inside a longer name is that name's (UCLG-MEWA
    Denetim Kurulu)."""
    out: list[Organization] = []
    for o in sorted(found, key=lambda o: (o.start, -o.end)):  # a container before its parts
        if not out or o.end > out[-1].end or (o.start, o.end) == (out[-1].start, out[-1].end):
            out.append(o)
    return out


NETWORKS = Path(__file__).with_name("networks.txt")


@cache
def _networks() -> WordPattern:
    """The networks known by one name in every language (networks.txt), as whole words."""
    names = [line.strip() for line in NETWORKS.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return WordPattern(rf"(?:{alternation(names, space=None)})(?![\w-])")


_NAME_BEFORE_GLOSS = re.compile(r"([^\W\d_][\w\-]{2,})[ \t]*\($")


def _glossed(text: str, body: Organization) -> Organization:
    """A body's own name before its gloss in brackets is its name: EUROCITIES (Avrupa
    Şehirler Birliği)."""
    before = _NAME_BEFORE_GLOSS.search(text, max(0, body.start - 40), body.start)
    if before is None or not before.group(1)[0].isupper() or \
            not text.startswith(")", body.end):
        return body
    return Organization(before.start(1), before.end(1), before.group(1))


@cache
def building_after(language: str) -> re.Pattern | None:
    """A building's word right after the end of a word (Haliç Kongre Merkezinde: a hall,
    no body, and no congress held)."""
    words = profiles()[language].building_words
    return re.compile(rf"[ \t]+(?i:{alternation(words, space=None)})") if words else None


@cache
def _any_word(language: str) -> re.Pattern:
    """Any word for a body, anywhere in the folded text (dotless ı read as i, since the
    name pattern reads "BIRLIĞI" as birliği): what every shape of name holds."""
    words = [w.replace("ı", "i") for w in profiles()[language].organization_words]
    return re.compile(alternation(words, space=None))


def _lines_with(folded: str, word: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of each line that holds the word: no name runs over a line break,
    and the name pattern, slow to try at every position, is tried there only."""
    lines: list[tuple[int, int]] = []
    for m in word.finditer(folded):
        if lines and m.start() < lines[-1][1]:
            continue
        start = folded.rfind("\n", 0, m.start()) + 1
        end = folded.find("\n", m.end())
        lines.append((start, len(folded) if end < 0 else end))
    return lines


def _trimmed(start: int, written: str, stop: frozenset[str], word_first: bool) -> Organization:
    """The name without the function words its last words may be (Асоциацията на
    дунавските общини от 2005 г.: "от" begins what follows the name), and without what a
    capital after a word in small letters (of four letters or more: no function word of
    any language, Mayors for Peace) begins or ends: a person
    after a body named word first (Асоциацията на дунавските общини Таня Петрова), the
    words before one whose word comes last (… yapılan toplantıda Türk Devletleri
    Teşkilatı)."""
    name = written.rstrip(" ,.")
    words = list(LETTERS.finditer(name))
    # (not right after the body's word put first: its name may follow it, мрежата Евроситис)
    cuts = [(prev.end(), word.start()) for prev, word in zip(words, words[1:], strict=False)
            if word.group()[0].isupper() and prev.group().islower() and len(prev.group()) > 3
            and not (word_first and prev.start() == 0)
            and prev.group() not in stop and not name[prev.end():word.start()].strip()]
    if cuts and word_first:
        name = name[:cuts[0][0]]
    elif cuts:
        start, name = start + cuts[-1][1], name[cuts[-1][1]:]
    while (last := _LAST_WORD.search(name)) and last.group(1).lower() in stop \
            and len(name[:last.start()].split()) >= 2:
        name = name[:last.start()]
    return _undated(start, name)


def _undated(start: int, name: str) -> Organization:
    """Figures and the words in small letters after them say when, and are no part of the
    name, nor is what stands before them (2005 yılında Akdeniz Kentleri Birliği, Kocaeli
    2015 yılında Marmara Belediyeler Birliği)."""
    words = list(_TOKEN.finditer(name))
    for i in reversed(range(len(words))):
        if not words[i].group()[0].isdigit():
            continue
        k = i + 1
        while k < len(words) and words[k].group().islower():
            k += 1
        # (a figure inside a name, no word in small letters after it, is its own: 35.
        # Genel Kurul)
        if (k > i + 1 or i == 0) and k < len(words) and words[k].group()[0].isupper():
            cut = words[k].start()
            return Organization(start + cut, start + len(name), name[cut:])
    return Organization(start, start + len(name), name)


_TOKEN = re.compile(r"\S+")
_LAST_WORD = re.compile(r"[ \t]+([^\W\d_]+)$")


def _after_office(body: Organization, language: str) -> Organization:
    """A name read from an office on (Belediye Başkanı ve B40 Balkan Şehirleri Ağı: the
    mayor's office, "and", the body): the body begins after the conjunction."""
    cut = _office_then_and(language)
    found = [m.end() for m in cut.finditer(body.name)] if cut is not None else []
    if not found:
        return body
    return Organization(body.start + found[-1], body.end, body.name[found[-1]:],
                        body.reference)


def _after_municipality(body: Organization, language: str) -> Organization:
    """Where the body's word comes last, a name read from a municipality's on (Konya
    Büyükşehir Belediyesi Dünya Miras Kentleri Örgütü): the body begins after the
    municipality's word, unless an office's words follow it (Avrupa Belediye Başkanları
    Konseyi is one name)."""
    profile = profiles()[language]
    if profile.organization_word_first or not profile.municipality_words:
        return body
    words = list(LETTERS.finditer(body.name))
    seats = [k for k, w in enumerate(words[:-1]) if w.group().lower() in
             profile.municipality_words]
    if not seats:
        return body
    after = words[seats[-1] + 1:]
    if after[0].group().lower() in profile.municipality_words or \
            any(w.group().lower() in profile.office_words for w in after):
        return body
    cut = after[0].start()
    return Organization(body.start + cut, body.end, body.name[cut:], body.reference)


def _after_person(body: Organization, language: str) -> Organization:
    """Where the body's word comes last, a name read from a person's on (Başkanı Alinur
    Aktaş Türk Dünyası Belediyeler Birliği, Başkan Aktaş …): the body begins after the
    last title, first name or office of one person (not Başkanları, Başkanlığı: many, or
    an institution) and the name after it, where two capitalised words or more are left."""
    profile = profiles()[language]
    if profile.organization_word_first or not profile.cased:
        return body
    words = list(LETTERS.finditer(body.name))
    lower = [w.group().lower() for w in words]
    people, offices = _a_persons_words(language)
    for k in reversed(range(len(words) - 3)):
        if lower[k] not in people and lower[k] not in offices:
            continue
        surname = k + 1
        while surname < len(words) - 1 and lower[surname] in profile.given_names:
            surname += 1
        if surname == k + 1 and lower[k] not in people:
            surname += 1  # an office, then a name of two words none of whose is known
        rest = words[surname + 1:]
        if len(rest) < 2 or not rest[0].group()[0].isupper():
            return body
        cut = rest[0].start()
        return Organization(body.start + cut, body.end, body.name[cut:], body.reference)
    return body


@cache
def _a_persons_words(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """The first names and titles, and the last words of one person's offices."""
    profile = profiles()[language]
    return (frozenset(profile.given_names) | profile.honorific_words,
            frozenset(t for t in profile.office_tails
                      if not t.endswith((*profile.plural_endings, *profile.not_name_endings))))


def _before_another(body: Organization, language: str) -> Organization:
    """A name read on into the next body a conjunction joins to it (Асоциацията на
    дунавските общини и на мрежата …): it ends before the conjunction."""
    cut = _and_another(language)
    found = cut.search(body.name) if cut is not None else None
    if found is None:
        return body
    return Organization(body.start, body.start + found.start(), body.name[:found.start()],
                        body.reference)


@cache
def _and_another(language: str) -> re.Pattern | None:
    """A conjunction, perhaps an "of", and a word for a body: another body begins."""
    profile = profiles()[language]
    if not profile.conjunctions or not profile.organization_words:
        return None
    of = rf"(?:(?:{alternation(profile.genitives, space=None)})[ \t]+)?" \
        if profile.genitives else ""
    return re.compile(rf"[ \t]+(?:{alternation(profile.conjunctions, space=None)})[ \t]+{of}"
                      rf"(?i:{alternation(profile.organization_words, space=None)})"
                      rf"{_NO_LETTER_AFTER}")


@cache
def _office_then_and(language: str) -> re.Pattern | None:
    profile = profiles()[language]
    offices = profile.office_tails
    if not offices or not profile.conjunctions:
        return None
    return re.compile(rf"{_NO_LETTER_BEFORE}(?i:{alternation(offices, space=None)})[ \t]+"
                      rf"(?:{alternation(profile.conjunctions, space=None)})[ \t]+")


def nearest(organizations: list[Organization], start: int, end: int,
            reach: int) -> Organization | None:
    """The body named closest to a span, within `reach` characters."""
    best = None
    for org in (o for o in organizations if not o.reference):
        distance = org.start - end if org.start >= end else start - org.end
        if -len(org.name) <= distance <= reach and (best is None or distance < best[0]):
            best = (distance, org)
    return best[1] if best else None


def a_seat(folded: str, cue: int, profile: Profile) -> bool:
    """A membership cue (at `cue` in the folded text) of a body a city never joins, named
    after it or right before it: члена на Общинския съвет, meclis üyelerine are a
    person's seat, no city joining anything."""
    bodies = word_pattern(profile.not_member_bodies, whole=True)
    if bodies is None:
        return False
    before = folded[max(0, cue - SEAT_REACH):cue].split()[-1:]
    return bodies.search(folded, cue, cue + SEAT_REACH) is not None or \
        bool(before) and before[0] in profile.not_member_bodies


SEAT_REACH = 40  # characters after the cue where the body is named (and before it, its word)
