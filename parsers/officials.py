"""Officials: named people with an office, read from the words around the office.

An office is a phrase from the language's profile (`кмет на`, `Belediye Başkanı`,
`شهردار`). Its holder's name stands right after it (past honorifics, `на Кочани`,
an organisation's name), or right before it set off by a dash, a comma or a bracket. In
scripts with capitals a name is a run of capitalised words that are not places; Persian
has none, so there a name is what an honorific (آقای) or an appositive comma marks.
A person named with several offices gets the municipal one, else the first; the same
person named twice is one official, under the fullest form of the name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Container, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from parsers.cities import (
    City,
    country_named,
    home_city,
    in_case,
    mention_spans,
    mentions_between,
    region_starts,
)
from parsers.dates import NO_LETTER_AFTER, NO_LETTER_BEFORE
from parsers.languages import Profile, profiles
from parsers.names import NameIndex, name_words, same_person
from parsers.organizations import Organization, nearest
from parsers.text import Text, Token, WordPattern, alternation, next_word, word_pattern
from scraper.encoding import script_of

MUNICIPAL = ("mayor", "deputy_mayor", "council_chair", "councillor", "municipal_official")
CITY_ROLES = (*MUNICIPAL, "governor")
# offices that say whose they are well enough to be a subject's named elsewhere on the page
# ("the chair" alone may be anyone's)
NAMED_ELSEWHERE = (*CITY_ROLES, "minister", "head_of_state", "diplomat")
JOINED_WORDS = 4  # from one office to the next a conjunction joins: "на Кочани и"
MAX_SUBJECT_OPENERS = 2  # stop words before an office that opens its sentence (همچنین, و)
MAX_NAME_WORDS = 4
MAX_INITIALS = 4  # letters of a word in capitals that may be initials, not a name's word
MAX_NAME_BEFORE = 3  # words of a name set off before its office
MAX_FIELD_WORDS = 3  # words of an office's field before its holder's first name (راه و شهرسازی)
NAME_AFTER_OF = 2  # кмета на Велки Медер Бела Хорват, с. Долно Осеново …: a place, the name
ORGANIZATION_REACH = 60
CHAIN_CHARS = 60  # offices listed before one name (X Daire Başkanı ve Y Sekreteri Z)
# What may stand between an office and the name after it: a space, or (loosely) a dash or
# colon as in "КМЕТ НА ГРАДА – Льупчо Папазов"; never a sentence break.
_STRICT_GAP = re.compile(r"^\s*$")
_LOOSE_GAP = re.compile(r"^\s*[:–—\-(«“„\"]?\s*$")
# what stands between an office's words: space, and a body's initials in brackets
# (Türkiye Büyük Millet Meclisi (TBMM) Başkanı, Marmara Belediyeler Birliği (MBB) Başkanı)
_OFFICE_SPACE = re.compile(r"\s+(?:\([^\W\d_]{2,8}\)\s+)?")
_OFFICE_DASH = re.compile(r"\s?[-–—]\s?")
_DESCRIBED_GAP = re.compile(r"\s*[,،–—\-(]\s*")  # a name, then what describes it
_DESCRIBED_GAP_UNCASED = re.compile(r"\s*[،(]\s*")
_ALIAS = re.compile(r"\s*[(,]\s*((?:[^\W\d_]+\s?){1,3})\)?")  # the name again, in brackets


@dataclass(frozen=True)
class Official:
    """A named person in office: the role the page gives them, the city of the office (a
    GeoNames id), the body they hold an office in (a network a mayor heads, or the body
    of a non-municipal office), and the sentence that says it."""

    name: str
    name_latin: str | None
    role: str
    role_text: str
    city: int | None
    organization: str | None
    aliases: tuple[str, ...]
    evidence: str


@dataclass
class _Office:
    start: int
    end: int
    role: str
    headline: str | None = None  # an office the title names: its words (offsets are its)


@dataclass
class _Person:
    name: str
    start: int
    end: int
    offices: list[_Office] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    # where the place of an office said once for two is named for this holder (Кметовете
    # на Берковица … и на Община Димитровград – Иво Димов): the city is that one's
    of: int | None = None


@cache
def _office_pattern(language: str) -> tuple[WordPattern, dict[str, str]]:
    profile = profiles()[language]
    phrase_role = {p: role for role, phrases in profile.roles.items() for p in phrases}
    # (a hyphen of an office may be written as a dash between spaces: заместник – кмет)
    tree = alternation(phrase_role, space=_OFFICE_SPACE.pattern,
                       written={"-": _OFFICE_DASH.pattern})
    return WordPattern(rf"(?:{tree}){NO_LETTER_AFTER}"), phrase_role


def _offices(folded: str, profile: Profile) -> list[_Office]:
    pattern, phrase_role = _office_pattern(profile.code)
    return [_Office(m.start(), m.end(),
                    phrase_role[_OFFICE_SPACE.sub(" ", _OFFICE_DASH.sub("-", m.group(0)))])
            for m in pattern.finditer(folded)]


def _counterparts(page: Text, profile: Profile, offices: list[_Office]) -> list[_Office]:
    """A colleague or counterpart (неговият колега от Одеса Генадий Труханов, mevkidaşı
    …): the office of the one named last before it in its sentence, held elsewhere."""
    words = word_pattern(profile.counterparts, whole=True)
    found = []
    for m in words.finditer(page.folded) if words is not None and offices else ():
        lo = page.sentence_bounds(m.start())[0]
        before = [o for o in offices if lo <= o.start and o.end <= m.start()]
        if before:
            found.append(_Office(m.start(), m.end(), before[-1].role))
    return found


@cache
def _words_of(language: str) -> tuple[frozenset[str], frozenset[str], frozenset[str],
                                     frozenset[str]]:
    """The words a name skips over (honorifics, cues, copulas…), the words of its
    offices, its month names and the words of what is said (گفت, اظهار کرد): the same for
    every page of the language."""
    profile = profiles()[language]
    # (an honorific with dots inside is read a part at a time: Н.Пр., His Excellency)
    parts = set(_honorific_parts(language))
    # and the words of one of several words that no first name has (حجت الاسلام: الاسلام)
    parts |= {w for h in profile.honorific_words if " " in h for w in h.split()} - \
        {w for name in profile.given_names for w in name.split()}
    skippable = {*profile.honorific_words, *parts, *profile.place_cues_before,
                 *profile.region_cues_before,
                 *profile.municipality_words, *profile.organization_words, *profile.copulas,
                 *profile.genitives}
    return (frozenset(skippable), profile.office_words,
            frozenset(n for m in profile.months for n in m),
            frozenset(w for said in profile.statements for w in said.split()))


@cache
def _honorific_parts(language: str) -> frozenset[str]:
    """The honorifics and their parts between dots (Н.Пр. is read as Н, Пр)."""
    words = profiles()[language].honorific_words
    return frozenset(words) | {part for h in words for part in h.split(".") if part}


@cache
def _event_words(language: str) -> frozenset[str]:
    """The words of the language's events (هیئت, نشست): a delegation set off by commas is
    no name."""
    return frozenset(w for words in profiles()[language].events.values()
                     for phrase in words for w in phrase.split())


@cache
def _given_pattern(language: str) -> re.Pattern | None:
    """Any first name of the language, its parts however joined (قدرت الله, قدرت‌الله,
    قدرتالله), or two of them written as one (محمدهادی, علی‌اکبر); None for a language
    without them."""
    names = profiles()[language].given_names
    joins = "[ \u200c]?"  # a space, a half-space or nothing between its parts
    one = alternation(names, space=joins)
    return re.compile(rf"{NO_LETTER_BEFORE}(?:{one})(?:{joins}(?:{one}))?"
                      rf"{NO_LETTER_AFTER}") if names else None


LIST_REACH = 100  # characters from an office to the colon of the list of its holders
DESCRIBED_REACH = 30  # characters after an office that may say which place it is of
MAX_DESCRIBED = 3  # words in small letters between an office's "of" and the name
_DASHED = re.compile(r"[–—-]")
# a dash, then up to three words in small letters, then the office
_DESCRIBED = re.compile(r"[–—]\s+((?:[^\W\d_]+\s+){1,3})$")
_QUOTES = "\"«»“”„"  # a name in quotes before its office: "رحمان میرزائیان" مدیر
_CLAUSE_MARK = re.compile(r"[,،:–—\-\"«»“”„]")  # what a clause may open after (_opens_clause)


def _acronym(token: Token) -> bool:
    return token.text.isupper() and 2 <= len(token.text) <= 6


def _in_capitals(words: list[Token], text: str, given: Container[str]) -> frozenset[int]:
    """Where the words of a name written wholly in capitals begin (ИВАН ПЕТРОВ, MEHMET ÖZ):
    runs of two words or more in capitals, one space apart, one of them too long for
    initials. Such a word is a name's, not a party's initials (ГЕРБ Иво Димов); so is one
    right after a first name, as surnames are often written (Ayşe KAYA, Иван ДИМОВ)."""
    found = {token.start for previous, token in pairwise(words)
             if token.text.isupper() and token.text.isalpha() and not previous.text.isupper()
             and previous.text.lower() in given and text[previous.end:token.start] == " "}
    run: list[tuple[int, Token]] = []
    for k, token in [(k, t) for k, t in enumerate(words) if t.text.isupper()] + [(-2, None)]:
        if token is not None and token.text.isalpha() and run and k == run[-1][0] + 1 \
                and text[run[-1][1].end:token.start] == " ":
            run.append((k, token))
            continue
        if len(run) >= 2 and any(len(t.text) > MAX_INITIALS for _, t in run):
            found.update(t.start for _, t in run)
        run = [(k, token)] if token is not None and token.text.isalpha() else []
    return frozenset(found)


def _split_offices(words: list[Token], cased: bool) -> list[Token]:
    """A hyphen before a word in small letters joins no double name: "Младенов-кмет" is a
    name and its office written together."""
    if not cased or not any("-" in token.text for token in words):
        return words
    out = []
    for token in words:
        text = token.text
        cut = next((k for k in range(1, len(text) - 1)
                    if text[k] == "-" and text[k + 1].islower()), None) \
            if "-" in text and text[0].isupper() else None
        if cut is None:
            out.append(token)
            continue
        out += [Token(text[:cut], token.start, token.start + cut, False),
                Token(text[cut + 1:], token.start + cut + 1, token.end, False)]
    return out


class _Reader:
    """Names around offices in one text."""

    def __init__(self, page: Text, profile: Profile, cities: Sequence[City],
                 organizations: Sequence[Organization] = (), regions: Sequence[int] = ()
                 ) -> None:
        self.page = page
        # where each body's name ends, by where it starts: an office's body is passed over
        # on the way to its holder's name (رئیس مجمع شهرداران آسیایی علی رضایی)
        self.body_ends = {o.start: o.end for o in organizations if not o.reference}
        self.body_starts = sorted(self.body_ends)
        self.text = page.raw
        self.profile = profile
        self.words = _split_offices([t for t in page.tokens if not t.suffix], profile.cased)
        self.starts = [t.start for t in self.words]  # sorted: a word is found by bisection
        self.ends = [t.end for t in self.words]
        self.cased = profile.cased
        self.capitals = _in_capitals(self.words, self.text, profile.given_names) \
            if profile.cased else frozenset()
        # the city names' and the country names' spans in text order (they never overlap:
        # a city is looked for outside the countries), for a bisection; a country after an
        # office is passed over as a place is (سفیر ترکیه آقای فیرات)
        spans = sorted([(m.start, m.end) for c in cities for m in c.mentions]
                       + [(s, e) for s, e, _ in page.countries])
        self.place_starts, self.place_ends = [s for s, _ in spans], [e for _, e in spans]
        self.country_ends = {e for _, e, _ in page.countries}
        # and the words that name a region (استاندار فارس محمد …: passed over as a place)
        self.regions = set(regions)
        self.skippable, self.role_words, self.months, self.statement_words = \
            _words_of(profile.code)
        self.place_cues = frozenset(profile.place_cues_before)
        self.not_name_endings = profile.not_name_endings
        # without capitals, a first name tells a name that opens a clause
        self.given = _given_pattern(profile.code) if not profile.cased else None

    def _next_past(self, i: int) -> int:
        """The word after the place that word `i` begins, else the one after it."""
        end = self._place_end(self.words[i])
        return i + 1 if end is None else max(i + 1, bisect_left(self.starts, end))

    def _place_end(self, token: Token) -> int | None:
        """Where the city's or country's name that holds the token ends, if one does."""
        at = bisect_right(self.place_starts, token.start) - 1
        return self.place_ends[at] if at >= 0 and token.start < self.place_ends[at] else None

    def _is_place(self, token: Token) -> bool:
        return self._place_end(token) is not None or token.start in self.regions

    def _name_word(self, token: Token) -> bool:
        lower = token.text.lower()
        if lower in self.profile.stop_words or lower in self.role_words or self._is_place(token):
            return False
        if lower in self.skippable or lower in self.months or (
                self.not_name_endings and lower.endswith(self.not_name_endings)):
            return False
        if not self.cased:
            return lower not in self.profile.name_breaks
        # a short word in capitals is initials (CHP, ДПС) unless a name in capitals has it
        return token.capitalised and (not token.text.isupper() or len(token.text) >
                                      MAX_INITIALS or token.start in self.capitals)

    def _verbs_part(self, i: int) -> bool:
        """The word at `i` goes with a light verb right after it (حسن روحانی وارد شد)."""
        if self.cased or i + 1 >= len(self.words):
            return False
        word, following = self.words[i], self.words[i + 1]
        return self.text[word.end:following.start] == " " and \
            following.text in self.profile.light_verbs

    def _run(self, index: int, step: int) -> list[Token]:
        """Name words from `index` on, forwards (step 1) or backwards (-1)."""
        run: list[Token] = []
        i = index
        while 0 <= i < len(self.words) and len(run) < MAX_NAME_WORDS:
            token = self.words[i]
            if run:
                left, right = (run[-1], token) if step == 1 else (token, run[-1])
                if self.text[left.end:right.start] not in (" ", "\u200c"):
                    break
            if not self._name_word(token) or self._verbs_part(i):
                break
            run.append(token)
            i += step
        return run if step == 1 else run[::-1]

    def after(self, office: _Office, gap: re.Pattern) -> list[Token]:
        """The name that follows an office, past honorifics, places and organisations."""
        i = bisect_left(self.starts, office.end)  # the first word after it
        skipped = described = 0
        office_of = self._of_something(office)  # the phrase ends in its "of" (началник на)
        honorifics = self.profile.honorific_words
        of, describing, told, field = office_of, False, False, False
        closed = False  # the last words skipped were a name in quotes
        free = 0  # the words skipped that count against no budget
        while i < len(self.words) and skipped - free <= 4:
            token = self.words[i]
            previous = self.words[i - 1] if i and skipped else None
            between = self.text[previous.end if previous else office.end:token.start]
            if previous is not None and between.startswith(".") and (
                    len(previous.text) <= 3 or previous.text.lower() in honorifics):
                between = between[1:]  # the dot of an abbreviation: гр. Кочани, Prof. Dr.
            if closed:
                between, closed = between.lstrip().lstrip(_QUOTES), False
            lower = token.text.lower()
            # (the "of" may end the office's own phrase: директорът на дирекция „Култура“)
            quoted = self._quoted_name(token, between) \
                if self.cased and self._named_noun(i) else None
            if quoted is not None:
                # кметът на район „Младост“ Ивайло Иванов: the district's name, then his
                i, skipped, closed, told, describing = quoted, skipped + 1, True, True, False
                continue
            if not self.cased and between.strip() in ("،", ","):
                # سرکنسول ترکیه در تبریز، فاروق کایماکچی، …: a name commas set off, past
                # its honorifics (استاندار اصفهان، سید رضا مرتضوی، …)
                opened = token.start
                while i + 1 < len(self.words) and self.words[i].text in honorifics:
                    i += 1
                run, events = self._run(i, 1), _event_words(self.profile.code)
                return run if 2 <= len(run) <= 3 and self._commas_around(opened, run[-1].end) \
                    and not any(t.text in events for t in run) else []
            if not gap.match(between) and not (
                    gap is _LOOSE_GAP and between.strip() == "," and lower in honorifics):
                return []  # (loosely, кметът на Костинброд, г-н Младенов: the honorific)
            of = of or lower in self.profile.genitives
            if field and lower in self.profile.genitives:
                return []  # по време на посещението: "during", no field
            if token.start in self.body_ends:
                i, skipped = bisect_left(self.starts, self.body_ends[token.start]), skipped + 1
                continue
            if lower in self.skippable or self._is_place(token) or (
                    # an envoy of one country in another (سفیر روسیه در تهران آقای …)
                    office.role == "diplomat" and lower in self.profile.locative_before
                    and i + 1 < len(self.words) and self._is_place(self.words[i + 1])) or (
                    self.cased and _acronym(token) and token.start not in self.capitals
                    and skipped - described < 2) or (
                    self.cased and lower in self.profile.stop_words
                    and i + 1 < len(self.words) and _acronym(self.words[i + 1])):
                # депутатите от ГЕРБ Иво Димов: a party's or a body's initials between; a
                # place's words at once (Република Северна Македония в България: two skips)
                # (an honorific's parts are free: Н. Пр. Агнеза Руси Поповска)
                free += lower in _honorific_parts(self.profile.code)
                i, skipped, describing = self._next_past(i), skipped + 1, False
                continue
            if self.cased and lower in self.profile.office_fields and (not skipped or describing):
                # заместник-кметът по култура, председателят на комисията по култура
                i, skipped, of, told, field = i + 1, skipped + 1, True, True, True
                continue
            if self.cased and of and not token.capitalised and described < MAX_DESCRIBED \
                    and (lower not in self.profile.stop_words
                         or described and lower in self.profile.conjunctions):
                # кмета на грузинския град – Серго Хидешели: words that say which place,
                # министърът на културата Иван Петров: which ministry
                told = told or not described and lower.endswith(self.profile.definite_endings)
                i, skipped, described, describing = i + 1, skipped + 1, described + 1, True
                continue
            if describing and not told and not _DASHED.search(between):
                return []  # кметът на общината посрещна Иван Петров: he is a guest
            run = self._run(i, 1)
            if run and "\n" in self.text[office.end:run[0].start] and \
                    self.text[run[-1].end:run[-1].end + 3].lstrip(" ").startswith(":"):
                return []  # Belediye Başkanı:⏎Web Sitesi: …: an empty field, then the next
            if run and self._capitals_run_on(run[-1]):
                return []  # КМЕТЪТ НА ЯМБОЛ ПОСРЕЩНА ДЕЛЕГАЦИЯ ОТ …: a heading, not a name
            if run and self.cased and all(t.text.isupper() for t in run) and \
                    self.text[office.start:office.end].isupper() and \
                    run[0].text.lower() not in self.profile.given_names:
                # a heading in capitals to its end (КМЕТЪТ НА ПЛОВДИВ ПОСЕТИ ЛЕВЕРКУЗЕН):
                # no first name, no name; but the surname a title names (BAŞKAN ALTAY …)
                title = self.text[office.start:office.end].lower() in honorifics
                return run[:1] if title and not skipped else []
            if run and self._organisation_follows(run[-1]):
                return []  # Италианския културен институт: a body, not a person
            if run and self.text[run[0].start:run[-1].end] in self.profile.countries:
                return []  # посланик на Република България: the country he serves
            if not self.cased:  # without capitals an honorific or a first name marks it,
                # and after an honorific a surname alone is a name (فرماندار شیراز آقای لشکری)
                if self._honoured(i):
                    return run[:3]
                if len(run) >= 2 and self._given(i):
                    return run[:3]
                if 2 <= len(run) <= 3 and self._closes_subject(run[-1]):
                    return run  # شهردار کربلا نصیف جاسم الخطابی نیز گفت: the subject, whole
                return self._named_past_field(i) or self._after_field(i)
            if len(run) == 1 and not self._honoured(i) and (
                    skipped or self.text[office.end:token.start] != " " or office_of):
                # one word is a surname only right after its office (Кметът Дамянов), not
                # after its "of" (началник на Инспектората: the body he heads)
                return []
            if previous is not None and previous.end not in self.country_ends and (
                    previous.text.lower() in self.profile.genitives
                    or previous.text.lower() in self.place_cues or self._is_place(previous)):
                # (кмета на с. Долно Осеново Георги Иванов; after a country's name, no place
                # name goes on: посланикът на Северна Македония Агнеза Руси Поповска)
                return run[-NAME_AFTER_OF:]
            return run[:3]
        return []

    def _named_noun(self, i: int) -> bool:
        """The word before word `i` is a noun in small letters right after an "of" (на
        район …, на дирекция …): what a name in quotes at `i` may name."""
        return i >= 2 and self.words[i - 1].text.islower() and \
            self.words[i - 2].text.lower() in self.profile.genitives

    def _quoted_name(self, token: Token, between: str) -> int | None:
        """Where the words after a name in quotes that opens at `token` begin (район
        „Младост“, дирекция „Култура“), a few words long; None for no such name."""
        opened = between.strip()
        if len(opened) != 1 or opened not in _QUOTES:
            return None
        close = next((k for k in range(token.end, min(len(self.text), token.start + QUOTED_REACH))
                      if self.text[k] in _QUOTES), -1)
        if close < 0:
            return None
        k = bisect_left(self.starts, close)
        return k if k < len(self.words) else None

    def _commas_around(self, start: int, end: int) -> bool:
        """Commas set the words from `start` to `end` off on both sides."""
        before = self.text[max(0, start - 3):start].rstrip()
        after = self.text[end:end + 3].lstrip()
        return before.endswith(("،", ",")) and after.startswith(("،", ","))

    def _closes_subject(self, last: Token) -> bool:
        """A word that closes a sentence's subject (نیز: also) comes right after `last`."""
        k = bisect_left(self.starts, last.end)
        return k < len(self.words) and self.text[last.end:self.words[k].start] == " " and \
            self.words[k].text in self.profile.after_subject

    def _named_past_field(self, i: int) -> list[Token]:
        """Without capitals, the name after a field its words open at word `i` (معاون
        شهردار تهران در امور بین الملل آقای …: in international affairs), an honorific
        or a first name a few words on."""
        folded = self.page.folded
        opening = next((len(f.split()) for f in self.profile.office_fields
                        if folded.startswith(f, self.words[i].start)), 0)
        last = min(i + opening + MAX_FIELD_WORDS + 1, len(self.words)) if opening else i
        for j in range(i + opening, last):
            if self._honoured(j) or self._given(j):
                run = self._run(j, 1)
                return run[:3] if len(run) >= 2 or self._honoured(j) else []
        return []

    def _after_field(self, i: int) -> list[Token]:
        """Without capitals, the name of two words or more that a first name opens after
        the office's field, a few words in a row from word `i` (وزیر کشور احمد وحیدی, وزیر
        راه و شهرسازی مهرداد بذرپاش); a conjunction never right before it (شهردار و علی
        رضایی: two people)."""
        for j in range(i + 1, min(i + MAX_FIELD_WORDS + 1, len(self.words))):
            previous, token = self.words[j - 1], self.words[j]
            if self.text[previous.end:token.start] not in (" ", "\u200c"):
                return []
            lower = previous.text.lower()
            joining = lower in self.profile.conjunctions
            if joining and j - 1 == i or not joining and (
                    lower in self.profile.name_breaks or lower in self.profile.stop_words
                    or lower in self.statement_words):
                return []  # (شهردار گفت علی …: what was said, no field)
            if self._given(j) and lower not in self.profile.conjunctions:
                run = self._run(j, 1)
                return run[:3] if len(run) >= 2 else []
        return []

    def _capitals_run_on(self, last: Token) -> bool:
        """The name ends in capitals and the words in capitals go on past it: a line
        written wholly in capitals, whose words after an office need not be a name."""
        k = bisect_left(self.starts, last.start) + 1
        return last.start in self.capitals and k < len(self.words) and \
            self.words[k].start in self.capitals and self.text[last.end:self.starts[k]] == " "

    def _of_something(self, office: _Office) -> bool:
        """The office phrase ends in its "of" (началник на, mayor of)."""
        words = self.text[office.start:office.end].lower().split()
        return bool(words) and words[-1] in self.profile.genitives

    def _organisation_follows(self, last: Token) -> bool:
        """The run is an organisation's name: an organisation word follows it directly or
        after one adjective (Италианския културен институт), not after a preposition."""
        k = bisect_left(self.starts, last.start)
        after = self.words[k + 1:k + 3]
        if not after or self.text[last.end:after[0].start].strip():
            return False  # a comma between ends the name: … Mehmet Zeybek, birlik üyesi …
        following = [t.text.lower() for t in after]
        words = self.profile.organization_words
        return bool(following) and (following[0] in words or (
            len(following) == 2 and following[0] not in self.profile.stop_words
            and following[1] in words))

    def holder(self, office: _Office) -> list[Token]:
        """A name right after the office, else one set off before it, else after a dash."""
        return (self.after(office, _STRICT_GAP) or self.before(office)
                or self.after(office, _LOOSE_GAP) or self.taking(office))

    def listed(self, office: _Office) -> list[list[Token]]:
        """The names a colon after the office lists, each perhaps with its place after a
        dash and an honorific before it (кметове на няколко населени места: Георги Иванов
        – Сребърна, инж. Денчо Георгиев – Айдемир); two names at least, else no list."""
        if not self.cased:
            return []
        hi = self.page.sentence_bounds(office.start)[1]
        colon = self.text.find(":", office.end, min(hi, office.end + LIST_REACH))
        if colon < 0:
            return []
        if self.text[colon + 1:hi].strip() == "":  # the colon ended the sentence
            hi = self.page.sentence_bounds(hi)[1] if hi < len(self.text) else hi
        names: list[list[Token]] = []
        i = bisect_left(self.starts, colon)
        while i < len(self.words) and self.words[i].start < hi:
            while i < len(self.words) and \
                    self.words[i].text.lower() in self.profile.honorific_words:
                i += 1
            run = self._run(i, 1) if i < len(self.words) else []
            if not 2 <= len(run) <= 3:
                break
            names.append(run)
            i += len(run)
            if i < len(self.words) and _DASHED.fullmatch(
                    self.text[run[-1].end:self.words[i].start].strip()):
                while i < len(self.words) and self.words[i].capitalised and \
                        self.text[self.words[i - 1].end:self.words[i].start].strip() in "–—-":
                    i += 1  # the place after the dash
            gap = self.text[self.words[i - 1].end:self.words[i].start] \
                if i < len(self.words) else ""
            if i < len(self.words) and self.words[i].text.lower() in self.profile.conjunctions:
                i += 1
            elif gap.strip() != ",":
                break
        return names if len(names) >= 2 else []

    def joined(self, run: list[Token], plural: bool, office_starts: AbstractSet[int]
               ) -> list[tuple[list[Token], int | None]]:
        """The names a conjunction joins right after `run` (… Иво Димов и Иван Петров),
        and after an office in the plural those a comma lists too (Meclis Üyeleri Mustafa
        Toksöz, Mehmet Ali Kiriş ve Alper Kan); each of two words at least, with where
        the place it names for the name begins (… и на Община Димитровград – Иво Димов),
        or None; not a name an office (`office_starts`: where each begins) follows."""
        names: list[tuple[list[Token], int | None]] = []
        of = None  # (a place said for one name is the next ones' too: – Рени Андонова и …)
        while True:
            k = bisect_left(self.starts, run[-1].start) + 1
            if k >= len(self.words):
                return names
            gap = self.text[run[-1].end:self.words[k].start]
            if gap in (" ", ", ", "، ") and \
                    self.words[k].text.lower() in self.profile.conjunctions:
                k, last = k + 1, True
                if plural:  # Кметовете на Берковица … и на Община Димитровград – Иво Димов
                    past = self._past_place(k)
                    k, of = past, (self.words[k].start if past > k else of)
            elif plural and gap.strip() in (",", "،"):
                last = False
            else:
                return names
            run = self._run(k, 1)[:MAX_NAME_WORDS - 1] if k < len(self.words) else []
            if len(run) < 2 or (self.cased and not all(t.capitalised for t in run)):
                return names
            if not self.cased and not (self._given(k) or self._honoured(k)):
                return names  # (… نادر ملکی و هیئت همراه: his delegation, no name)
            if run[-1].end + 1 in office_starts:
                return names  # … و کاظم جلالی سفیر ایران: that name holds an office of its own
            names.append((run, of))
            if last and not plural:
                return names  # (in the plural, on: … и Станимир Стойчев, и на Община … – …)

    def _past_place(self, k: int) -> int:
        """Past the place an elided office's "of" names from word `k` on (на Община
        Димитровград –), to the name after it; `k` itself where no place is named."""
        i = k
        if i < len(self.words) and self.words[i].text.lower() in self.profile.genitives:
            i += 1
        start = i
        while i < len(self.words) and (self._is_place(self.words[i]) or
                                       self.words[i].text.lower() in self.place_cues):
            i += 1
        if i == start or i >= len(self.words) or \
                not any(self._is_place(w) for w in self.words[start:i]):
            return k
        mark = self.text[self.words[i - 1].end:self.words[i].start].strip()
        return i if not mark or _DASHED.fullmatch(mark) else k

    def taking(self, office: _Office) -> list[Token]:
        """The name that opens the clause of "as <office>" (مجید آقازاده … به عنوان شهردار
        ارومیه انتخاب شد: elected as mayor), two to four name words."""
        lead = self.text[max(0, office.start - 16):office.start].rstrip().lower()
        if not any(lead.endswith(w) and not lead[:-len(w)][-1:].isalpha()
                   for w in self.profile.office_as):
            return []
        start = self.page.sentence_bounds(office.start)[0]
        clause = max(self.text.rfind("،", start, office.start), self.text.rfind(",", start,
                                                                               office.start))
        first = bisect_left(self.starts, max(start, clause + 1))
        run = self._run(first, 1) if first < len(self.words) else []
        return run if 2 <= len(run) <= MAX_NAME_WORDS and run[-1].end < office.start else []

    def before(self, office: _Office) -> list[Token]:
        """The name set off before an office: Николчо Илиев – кмет, منصور یاواش، شهردار."""
        i = bisect_right(self.ends, office.start) - 1  # the last word before it
        if i < 0:
            return []
        start, qualified = office.start, False
        if self.cased:
            k = self._past_qualifiers(i)  # Ahmet Yılmaz, Bursa Belediye Başkanı
            if k < 0:
                return []
            if k < i:
                i, start, qualified = k, self.words[k + 1].start, True
            else:
                k = self._past_field(i)  # Zeynep Aksoy – Kültür ve Turizm Müdürü
                if k < i:
                    i, start = k, self.words[k + 1].start
        gap = self.text[self.words[i].end:start]
        if not self.cased and gap.strip(_QUOTES) == " ":
            run = self._opening(i)
            # (نشست مشترک شهرداران …: a happening's words, and an office in the plural)
            events = _event_words(self.profile.code)
            return [] if any(t.text in events for t in run) or \
                _plural(self.text[office.start:office.end], self.profile) else run
        described = _DESCRIBED.search(self.text, max(0, office.start - 60), office.start) \
            if self.cased else None
        if described is not None and described.group(1).islower():
            # Веселин Вълканов – извънреден и пълномощен посланик: words that describe it
            i = bisect_right(self.ends, described.start()) - 1
            if i < 0:
                return []
            gap = self.text[self.words[i].end:described.start() + 1]
        if not (_DESCRIBED_GAP if self.cased else _DESCRIBED_GAP_UNCASED).fullmatch(gap):
            return []
        run = self._run(i, -1)[-MAX_NAME_BEFORE:]
        if not self.cased:
            # two words, or three behind an honorific or from a first name on: a Persian
            # name, not a noun phrase (با قدرت الله نوروزی، شهردار …)
            first = bisect_left(self.starts, run[0].start) if run else 0
            run = run if len(run) == 3 and (self._honoured(first) or self._given(first)) \
                else run[-2:]
        if len(run) < 2:  # one capitalised word before an office is rarely a name
            return []     # (Meclis Toplantısı, Başkan Vekili …)
        if self.cased and len(run) == MAX_NAME_BEFORE and \
                not self.text[self.page.sentence_bounds(run[0].start)[0]:run[0].start].strip():
            run = run[1:]  # Toplantıda Selim Acar, …: the sentence's first word has a capital
        if qualified and not _APPOSITION_CLOSED.match(self.text, office.end) and \
                next_word(self.text, office.end) not in self.profile.apposition_after:
            # Ahmet Kaya, Bursa Belediye Başkanı ile görüştü: whom he met; … Jaume Collboni,
            # Sofya Belediye Başkanı ve … Başkanı Vasil Terziev: the next one's
            return []
        return run

    def _past_field(self, i: int) -> int:
        """Back from word `i`, past the capitalised words of an office's field that a dash
        sets off from a name before them (Zeynep Aksoy – Kültür ve Turizm Müdürü): the
        name's last word; `i` where there are none."""
        for k in range(i, max(i - MAX_FIELD_WORDS, 0), -1):
            word = self.words[k]
            if not (word.capitalised or word.text in self.profile.conjunctions):
                return i
            gap = self.text[self.words[k - 1].end:word.start]
            if _DASHED.fullmatch(gap.strip()) and word.capitalised:
                return k - 1
            if gap != " ":
                return i
        return i

    def _past_qualifiers(self, i: int) -> int:
        """Back from word `i`, past the places and the bodies an office that follows them
        names (Ahmet Yılmaz, Bursa Belediye Başkanı; …, Türk Dünyası Belediyeler Birliği
        (TDBB) Başkanı): the word before them, -1 for none."""
        k = i
        while k >= 0:
            token = self.words[k]
            body = self._body_at(token.start)
            if body is not None:
                k = bisect_left(self.starts, body) - 1
            elif self._is_place(token) or (
                    _acronym(token) and self.text[token.start - 1:token.start] == "("):
                k -= 1
            else:
                return k
            if k >= 0 and self.text[self.words[k].end:self.words[k + 1].start].strip(" ()"):
                return k  # (a comma before them: the name is set off there)
        return k

    def inside_body(self, office: _Office) -> bool:
        """The office's words are inside a body's name, not at its start."""
        body = self._body_at(office.start)
        return body is not None and body < office.start and \
            office.end <= self.body_ends[body]

    def _body_at(self, at: int) -> int | None:
        """Where the body whose name holds the character at `at` begins, or None."""
        k = bisect_right(self.body_starts, at) - 1
        return self.body_starts[k] if k >= 0 and at < self.body_ends[self.body_starts[k]] \
            else None

    def _opening(self, i: int) -> list[Token]:
        """Without capitals, a name that opens its sentence (or a clause, or follows an
        honorific) right before the office is the office holder's (محمد حسین واثق کارگرنیا
        رئیس شورای شهر رشت): two to four name words."""
        run = self._run(i, -1)
        first = bisect_left(self.starts, run[0].start) if run else 0
        if len(run) == 1 and self._honoured(first):
            return run  # دکتر رمضانی فرماندار: a surname after its honorific
        if not 2 <= len(run) <= MAX_NAME_WORDS:
            return []
        start = self.page.sentence_bounds(run[0].start)[0]
        opening = self.text[start:run[0].start].strip(" \t\n-–—:" + _QUOTES)
        quoted = self.text[run[0].start - 1:run[0].start] in tuple(_QUOTES) and \
            self.text[run[-1].end:run[-1].end + 1] in tuple(_QUOTES)
        # the sentence's or a clause's first words (…تبادل تجربه ها، محمد رضا عظیمی زاده شهردار),
        # words after an honorific (دکتر تقی زاده مشاور …), or a name in quotes (به ریاست
        # «…» رئیس کمیسیون …)
        if not opening or opening.endswith(("،", ",", ":")) or self._honoured(first) or quoted:
            return run
        # else from a first name on, a surname at least after it (در این نشست مهدی چمران
        # رئیس شورا: the words before the first name are the sentence's)
        named = next((k for k in range(len(run) - 1) if self._given(first + k)), None)
        return run[named:] if named is not None else []

    def _honoured(self, index: int) -> bool:
        """An honorific right before the word at `index`, of one word or of several."""
        if index <= 0:
            return False
        if self.words[index - 1].text.lower() in self.profile.honorific_words:
            return True
        two = self.text[self.words[index - 2].start:self.words[index - 1].end].lower() \
            if index > 1 else ""
        return two in self.profile.honorific_words

    def subjects(self) -> list[list[Token]]:
        """Without capitals, the names that open a sentence or a clause with a first name
        (به گزارش …، قدرت الله نوروزی در این سفر …; «احمد ساعت» و هیات …): the people a
        news item is about, two to four name words, whether or not an office stands by."""
        if self.given is None:
            return []
        found = []
        openings = {s for s, _ in self.page.sentences} | \
            {m.end() for m in _CLAUSE_MARK.finditer(self.text)}
        for opening in sorted(openings):
            i = bisect_left(self.starts, opening)  # the first word after it
            if i == len(self.words) or not self._given(i) or \
                    not self._opens_clause(self.starts[i]):
                continue
            run = self._run(i, 1)
            if len(run) >= 2 and not self._organisation_follows(run[-1]):
                found.append(run)
        return found

    def _given(self, i: int) -> bool:
        """A first name starts at word `i`."""
        return self.given is not None and \
            self.given.match(self.page.folded, self.words[i].start) is not None

    def _opens_clause(self, start: int) -> bool:
        """Nothing but a comma, colon, dash or quotation mark (_CLAUSE_MARK) stands between
        the sentence's start or its clause's and `start`."""
        lo = self.page.sentence_bounds(start)[0]
        before = self.text[lo:start].rstrip()
        return not before or _CLAUSE_MARK.fullmatch(before[-1]) is not None

    def described_between(self, start: int, end: int) -> bool:
        """Words in small letters that are not stop words stand between two offices:
        they are no list of offices one name holds (… 2 Başkan Yardımcısı ve daire
        müdürlerinden oluşan heyet Sapanca Belediye Başkanı …: the guests, then the host)."""
        return self.cased and any(
            w.text[0].islower() and w.text.lower() not in self.profile.stop_words
            for w in self.words[bisect_left(self.starts, start):bisect_left(self.starts, end)])

    def opens_sentence(self, office: _Office) -> bool:
        """The office is its sentence's subject: it opens it, past a stop word or two
        (همچنین استاندار خراسان رضوی در نشستی …: also the governor …)."""
        lo = self.page.sentence_bounds(office.start)[0]
        words = self.words[bisect_left(self.starts, lo):bisect_left(self.starts, office.start)]
        return len(words) <= MAX_SUBJECT_OPENERS and all(
            w.text.lower() in self.profile.stop_words for w in words)


def _plural(office: str, profile: Profile) -> bool:
    """The office is named in the plural, by its last word or its first (Meclis Üyeleri,
    депутатите, کارمندان; Представителите на Общинския съвет)."""
    words = office.lower().split()
    return bool(words) and (words[-1].endswith(profile.plural_endings)
                            or words[0].endswith(profile.plural_endings))


def _past_of(folded: str, at: int, profile: Profile) -> str:
    """The word at `at`, or the one after it where it is an "of" (на Община …: община)."""
    word = next_word(folded, at)
    if word in profile.genitives:
        word = next_word(folded, folded.index(word, at) + len(word))
    return word


def _choose_role(offices: list[_Office]) -> str:
    municipal = [o.role for o in offices if o.role in MUNICIPAL]
    return municipal[0] if municipal else offices[0].role


def _office_city(page: Text, offices: list[_Office], spans: list[tuple[int, int, int]],
                 home: int | None, name: int, country_of: dict[int, str],
                 office_starts: AbstractSet[int]) -> int | None:
    """The city named with the office (`кмет на Кочани`, `Çanakkale Belediye Başkanı`,
    `شهردار آنکارا`); for a municipal office with none, the page's own city. An office of
    a place the text sets only in a country (зам.-кметът на словашката община – г-н …) is
    of the city the text names in that country, or of none known. `spans`: the page's
    city mentions, as mention_spans gives them; `name`: where the holder's name begins;
    `country_of`: each city's country; `office_starts`: where the page's offices begin (a
    city right before another's is that one's)."""
    best, own = None, {o.start for o in offices}
    profile = profiles()[page.language or ""]
    for office in offices:
        lo, hi = page.sentence_bounds(office.start)
        reach = name if name > office.end else min(hi, office.end + DESCRIBED_REACH)
        # (up to the first city named after it: кмет на Русе, посети Турция is Ruse's)
        named = mentions_between(spans, office.end, reach)
        reach = named[0][0] if named else reach
        country = country_named(page.raw, office.end, reach, page.language)
        if country is not None:
            there = [(abs(start - office.start), gid) for start, _, gid in spans
                     if country_of[gid] == country]
            return min(there)[1] if there else None
        for start, end, gid in mentions_between(spans, lo, hi):
            distance = start - office.end if start >= office.end else office.start - end
            # past the holder's name, only a city they come from is the office's (Кметът
            # Пенчо Милков от Русе; not … посети Варна, … Bakü'de düzenlenen)
            if name > office.end and start >= name and not in_case(
                    page, start, end, profile, "origin", lo):
                continue
            if distance <= 40 and (best is None or distance < best[0]) and \
                    not (end + 1 in office_starts and end + 1 not in own):
                best = (distance, gid)  # (not another office's: Plovdiv Belediye Başkanı)
    if best is not None:
        return best[1]
    return home if any(o.role in MUNICIPAL for o in offices) else None


def _organization(page: Text, offices: list[_Office],
                  organizations: Sequence[Organization]) -> str | None:
    """The body named beside a non-municipal office, as written."""
    office = offices[-1]
    lo, hi = page.sentence_bounds(office.start)
    bodies = [o for o in organizations if lo <= o.start < hi]
    found = nearest(bodies, office.start, office.end, ORGANIZATION_REACH)
    return found.name if found else None


def _body_held(text: str, offices: list[_Office], organizations: Sequence[Organization],
               profile: Profile) -> str | None:
    """The body one of the offices of a phrase is held in: named right before the office
    (EKB Başkanı, Eurocities Başkan Yardımcısı) or, where the language names the body
    after its office, right after it, with the word for "of" or none (председател на
    Асоциацията на дунавските общини, رئیس مجمع شهرداران آسیایی)."""
    bodies = [b for b in organizations if not b.reference]
    of = set(profile.genitives)
    for office in offices:
        for body in bodies:
            if body.end <= office.start and not text[body.end:office.start].strip():
                return body.name
            if profile.organization_word_first and body.start >= office.end and \
                    text[office.end:body.start].strip() in of | {""}:  # (Persian: ezafe)
                return body.name
    return None


def find_officials(page: Text, cities: Sequence[City], home: int | None = None,
                   organizations: Sequence[Organization] = (),
                   regions: Sequence[int] | None = None) -> tuple[Official, ...]:
    """DESIGN.md's `officials`: name, name_latin, role, role_text, city, organization,
    evidence (the sentence), and aliases where the page writes the name twice.
    `organizations` are the bodies the text names (find_organizations), `regions` where
    the names of regions begin (region_starts, worked out here when not given)."""
    text, profile = page.raw, profiles().get(page.language or "")
    if profile is None or not profile.roles or not text:
        return ()
    reader = _Reader(page, profile, cities, organizations,
                     region_starts(page) if regions is None else regions)
    # an office's word inside a body's name is the name's (دبیرکل مجمع شهرداران آسیا,
    # Avrupa Belediye Başkanları Konseyi): no office of the holder after it
    offices = [o for o in _offices(page.folded, profile) if not reader.inside_body(o)]
    offices = sorted(offices + _counterparts(page, profile, offices), key=lambda o: o.start)
    office_starts = {o.start for o in offices}
    home = home if home is not None else home_city(page, cities)
    people: list[_Person] = []
    chain: list[_Office] = []
    unnamed: list[_Office] = []  # offices that open a sentence with no holder beside them
    for office in offices:
        if chain and (office.start - chain[-1].end > CHAIN_CHARS
                      or page.sentence_bounds(office.start)[0] > chain[-1].start
                      or reader.described_between(chain[-1].end, office.start)):
            chain = []
        chain.append(office)
        run = reader.holder(office)
        if not run:  # кметове на населени места: Георги Иванов – Сребърна, Денчо Георгиев …
            listed = reader.listed(office)
            for one in listed:
                people.append(_Person(text[one[0].start:one[-1].end], one[0].start,
                                      one[-1].end, [office]))
            holder = people[-1] if people else None
            if not listed and holder is not None and _conjoined(page, holder, office, profile,
                                                                organizations):
                holder.offices.append(office)  # X نماینده شهردار و رئیس شورای …: X's too
            elif not listed and office.role in NAMED_ELSEWHERE and \
                    reader.opens_sentence(office) and \
                    not _plural(text[office.start:office.end], profile):
                unnamed.append(office)
        if run:
            held = list(chain) if run[0].start >= office.end else [office]
            # депутатите Иво Димов и Иван Петров: a name joined after it holds the office too
            plural = _plural(text[office.start:office.end], profile)
            for one, of in ((run, None), *(reader.joined(run, plural, office_starts)
                                           if run[0].start >= office.end else [])):
                if one:
                    people.append(_Person(text[one[0].start:one[-1].end], one[0].start,
                                          one[-1].end, held, _aliases(text, one[-1].end, reader),
                                          of))
            chain = []
    named = NameIndex()
    for person in people:
        named.add(person.name)
    for one in reader.subjects():
        one = _as_named(one, named, text)
        people.append(_Person(text[one[0].start:one[-1].end], one[0].start, one[-1].end))
        named.add(people[-1].name)
    merged = _merge(sorted(people, key=lambda p: p.start))
    if any(not p.offices for p in merged):  # (the headline is read only for them)
        _name_offices(merged, unnamed, _headline_offices(page, profile))
        # named with no office anywhere: one the text quotes (… اظهار کرد: said) speaks
        # for something; a director at a festival or a shah in a history does not
        merged = [p for p in merged if p.offices or _quoted(page, p, profile)]
    spans = mention_spans(cities)
    country_of = {c.geonameid: c.country for c in cities}
    return tuple(_official(p, page, profile, spans, home, organizations, country_of,
                           office_starts) for p in merged)


@cache
def _statements(language: str) -> WordPattern | None:
    words = profiles()[language].statements
    return WordPattern(rf"(?:{alternation(words)}){NO_LETTER_AFTER}") if words else None


def _quoted(page: Text, person: _Person, profile: Profile) -> bool:
    """The sentence that first names the person says what they said."""
    said = _statements(profile.code)
    lo, hi = page.sentence_bounds(person.start)
    return said is not None and said.search(page.folded, person.end, hi) is not None


def _conjoined(page: Text, person: _Person, office: _Office, profile: Profile,
               organizations: Sequence[Organization]) -> bool:
    """A conjunction joins `office` to the office of a person named before it, a few words
    on, past the names of bodies and what brackets hold (Николчо Илиев – кмет на Кочани и
    председател на …; Даниел Панов, председател на Управителния съвет (УС) на
    Националното сдружение … (НСОРБ) и кмет на …; X نماینده شهردار و رئیس …): the
    second is the person's too."""
    last = person.offices[-1]
    if person.end > last.start or office.start < last.end or \
            page.sentence_bounds(last.start)[1] <= office.start:
        return False
    gap = list(page.folded[last.end:office.start])
    for body in organizations:
        if last.end <= body.start and body.end <= office.start:
            gap[body.start - last.end:body.end - last.end] = " " * (body.end - body.start)
    between = _BRACKETED.sub(" ", "".join(gap)).split()
    return 0 < len(between) <= JOINED_WORDS and between[-1] in profile.conjunctions


QUOTED_REACH = 40  # characters of a district's or a department's name in quotes
_APPOSITION_CLOSED = re.compile(r"\s*[,;.–—]")  # the office said of a name ends there


_BRACKETED = re.compile(r"\([^()]*\)")


def _as_named(run: list[Token], named: NameIndex, text: str) -> list[Token]:
    """A subject's words cut to a name the page gave already (مهدی زاده دارای دکتری … after
    حسین مهدی زاده: the surname, then what he has), two words at least."""
    for k in range(len(run), 1, -1):
        if named.first_same(text[run[0].start:run[k - 1].end]) is not None:
            return run[:k]
    return run


def _headline_offices(page: Text, profile: Profile) -> list[tuple[_Office, str | None]]:
    """The headline's offices, each marked with its words, and its holder's name where the
    headline gives one (حسین مهدی زاده شهردار ارومیه شد), else None where the office
    opens it (شهردار جدید ارومیه انتخاب شد: the new mayor of Urmia elected)."""
    title = page.headline
    if title is None:
        return []
    offices = _offices(title.folded, profile)
    if not offices:  # most headlines name none: no reader for them
        return []
    reader, found = _Reader(title, profile, ()), []
    for o in offices:
        if o.role not in NAMED_ELSEWHERE or _plural(title.raw[o.start:o.end], profile):
            continue
        run = reader.holder(o)
        if run or reader.opens_sentence(o):
            found.append((_Office(o.start, o.end, o.role, title.raw[o.start:o.end]),
                          title.raw[run[0].start:run[-1].end] if run else None))
    return found


def _name_offices(people: list[_Person], unnamed: list[_Office],
                  headline: list[tuple[_Office, str | None]]) -> None:
    """A news item names its subject once and calls them by office elsewhere (قدرت الله
    نوروزی در این سفر … شهردار اصفهان در ادامه …): each person named without an office
    takes the office the headline gives them, else the nearest office that opens a
    sentence with no name beside it, else one that opens the headline."""
    free = list(unnamed)
    spare = [office for office, holder in headline if holder is None]
    for person in people:
        if person.offices:
            continue
        office = next((o for o, holder in headline
                       if holder is not None and same_person(holder, person.name)), None)
        if office is None and free:
            office = min(free, key=lambda o: abs(o.start - person.start))
            free.remove(office)
        elif office is None and spare:
            office = spare.pop(0)
        if office is not None:
            person.offices.append(office)


def _aliases(text: str, end: int, reader: _Reader) -> list[str]:
    """Andrea Virgilio (Андреа Виргилио); Льупчо Папазов, Ljupcho Papazov."""
    match = _ALIAS.match(text[end:end + 60])
    if not match:
        return []
    alias = match.group(1).strip()
    scripts = {script_of(reader.text[end - 1]), script_of(alias[0])}
    return [alias] if len(scripts) == 2 and all(w[0].isupper() for w in alias.split()) else []


def _merge(people: list[_Person]) -> list[_Person]:
    """One entry per person: the fullest name, every office, in order of first mention."""
    merged: list[_Person] = []
    named = NameIndex()  # the merged ones' names, at their numbers in `merged`
    by_name: dict[str, int] = {}  # a name said again as written: no comparison needed
    for person in people:
        number = by_name.get(person.name)
        if number is None:
            number = named.first_same(person.name)
        if number is None:
            number = len(merged)
            merged.append(person)
            named.add(person.name)
            by_name[person.name] = number
            continue
        by_name.setdefault(person.name, number)
        same = merged[number]
        same.offices += person.offices
        same.aliases += [a for a in person.aliases if a not in same.aliases]
        if len(name_words(person.name)) > len(name_words(same.name)):
            same.name = person.name
            named.rename(number, same.name)
    return merged


def _office_phrase(text: str, offices: list[_Office], role: str, name: tuple[int, int]
                   ) -> tuple[int, int]:
    """Where the office phrase of the chosen role is written: its first mention, with the
    offices joined to it (Belediye Başkanı ve Eurocities Başkan Yardımcısı), never the
    stretch of text between one mention of the person and the next, nor one across the
    person's `name` (Belediye Başkanı Salim Jenuzı, Meclis Başkanı: the next is another's)."""
    ordered = sorted(offices, key=lambda o: o.start)
    k = next(i for i, o in enumerate(ordered) if o.role == role)
    lo, hi = ordered[k].start, ordered[k].end

    def joined(end: int, start: int) -> bool:
        return _joined(text, end, start) and not (end < name[1] and name[0] < start)

    for o in ordered[k + 1:]:
        if not joined(hi, o.start):
            break
        hi = max(hi, o.end)
    for o in reversed(ordered[:k]):
        if not joined(o.end, lo):
            break
        lo = o.start
    return lo, hi


def _joined(text: str, end: int, start: int) -> bool:
    """Two offices one after the other in one phrase: a few words between, no break."""
    gap = text[end:start]
    return 0 <= len(gap) <= OFFICE_JOIN and _PHRASE_BREAK.search(gap) is None


OFFICE_JOIN = 40  # characters between two offices of one phrase (ve Eurocities)
_PHRASE_BREAK = re.compile(r"[.;:!?؟\n()«»“”\"]")


def _headline_city(page: Text, office: _Office, spans: list[tuple[int, int, int]]
                   ) -> int | None:
    """The city the headline names nearest its office, right after it or right before it
    (شهردار جدید ارومیه انتخاب شد: Urmia's; Manisa Belediye Başkanı …: Manisa's), as the
    text names it somewhere."""
    title = page.title or ""
    lo, hi = max(0, office.start - HEADLINE_REACH), office.end + HEADLINE_REACH
    found = []
    for s, e, gid in spans:
        name = page.raw[s:e]
        for at in (title.find(name, office.end, hi), title.rfind(name, lo, office.start)):
            if at >= 0 and not _inside_word(title, at, e - s):
                found.append((at - office.end if at >= office.end else office.start - at, gid))
    return min(found)[1] if found else None


def _inside_word(text: str, at: int, length: int) -> bool:
    """The `length` characters at `at` are part of a longer word."""
    return (at > 0 and text[at - 1].isalpha()) or \
        (at + length < len(text) and text[at + length].isalpha())


HEADLINE_REACH = 30  # characters after a headline's office where its city is named


def _official(person: _Person, page: Text, profile: Profile, spans: list[tuple[int, int, int]],
              home: int | None, organizations: Sequence[Organization],
              country_of: dict[int, str], office_starts: AbstractSet[int]) -> Official:
    text = page.raw
    lo, hi = page.sentence_bounds(person.start)
    # a script without short vowels reads back too loosely to spell a person's name
    latin = person.name if profile.script == "latin" else profile.to_latin(person.name) \
        if profile.transliteration and profile.cased else None
    if not person.offices:  # named as a news item's subject, no office stated
        return Official(person.name, latin, "other", "", None, None, tuple(person.aliases),
                        text[lo:hi].strip())
    role = _choose_role(person.offices)
    if person.offices[0].headline is not None:  # named by the title alone: the page's office
        city = _headline_city(page, person.offices[0], spans) or home
        return Official(person.name, latin, role, person.offices[0].headline,
                        city if role in MUNICIPAL else None, None, tuple(person.aliases),
                        text[lo:hi].strip())
    first, last = _office_phrase(text, person.offices, role, (person.start, person.end))
    regional = all(page.folded[o.start:o.end] in profile.regional_offices
                   for o in person.offices if o.role == role)
    said = [_Office(person.of, person.of, role)] if person.of is not None else person.offices
    # (an office said as ours, Belediye Başkanımız, is of the page's own city)
    ours = home is not None and any(page.folded[o.start:o.end].endswith(profile.our_offices)
                                    for o in said if o.end > o.start)
    city = None if role not in CITY_ROLES or regional else home if ours else \
        _office_city(page, said, spans, home, person.start, country_of, office_starts)
    # an office the person holds in a body (Belediye Başkanı ve Eurocities Başkan
    # Yardımcısı; Uğur İbrahim Altay, … Birliği (TDBB) Başkanı), else the body beside a
    # non-municipal office
    organization = _body_held(text, person.offices, organizations, profile) \
        or (_organization(page, person.offices, organizations)
            if role in ("organization_leader", "other") else None)
    if role == "councillor" and person.of is not None and \
            _past_of(page.folded, person.of, profile) in profile.municipality_words:
        # the council's representatives' office said again of the municipality (… и на
        # Община Стара Загора – Рени Андонова): its officials
        role = "municipal_official"
    return Official(person.name, latin, role, text[first:last], city, organization,
                    tuple(person.aliases), text[lo:hi].strip())
