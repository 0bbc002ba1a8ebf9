"""The extractors, in the order a page is read with them.

Each declares what it finds (its name: the record's key, the JSON's and the interim
column's), the results of the extractors before it that it reads, the profile keys it
reads, the frozen dataclass of what it finds, and where its entities go: the dataset's
table and mention table, and the kinds the entity scorer scores. `parse_page`, the
`extract` JSON, the interim records and the bench derive from this list: adding an entity
type is one module and one entry here.
"""

from __future__ import annotations

import ctypes
import heapq
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, is_dataclass
from itertools import count
from typing import Any, NamedTuple

from parsers.cities import City, find_cities, home_city, region_starts
from parsers.dates import DateMention, date_mentions, distinct
from parsers.events import Event, find_events
from parsers.gazetteer import default_gazetteer
from parsers.officials import Official, find_officials
from parsers.organizations import Organization, find_organizations
from parsers.relations import Relation, find_relations
from parsers.text import Text


@dataclass(frozen=True)
class Reading:
    """What an extractor is handed: the page's text, the source's country (by default the
    language's), and what the extractors before it found."""

    text: Text
    country: str | None
    found: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.found[name]


@dataclass(frozen=True)
class Extractor:
    name: str
    find: Callable[[Reading], Any]
    entity: type  # the frozen dataclass of what it finds
    needs: tuple[str, ...] = ()  # the extractors whose results it reads
    profile_keys: tuple[str, ...] = ()  # the language profile's keys it reads
    needs_profile: bool = True  # without the language's words it is not guessed
    recorded: bool = True  # False: only other extractors read it (bodies, the page's city)
    table: str | None = None  # the dataset table its entities resolve into
    mention_table: str | None = None
    scored: tuple[str, ...] = ()  # the entity scorer's kinds that judge it
    # What it loads once (the gazetteer): opened before a page's time budget starts, so
    # that compiling it on a fresh machine, longer than a page may take, is never cut.
    opens: Callable[[], object] | None = None


EXTRACTORS: tuple[Extractor, ...] = (
    Extractor("date_mentions", lambda r: date_mentions(r.text), DateMention,
              profile_keys=("months", "solar_months", "lunar_months", "day_words",
                            "date_words",
                            "conjunctions"),
              needs_profile=False, recorded=False),
    Extractor("dates", lambda r: distinct(r["date_mentions"]), DateMention, ("date_mentions",),
              needs_profile=False, table="dates", scored=("dates",)),
    Extractor("regions", lambda r: region_starts(r.text), int,
              profile_keys=("region_cues_before", "region_cues_after", "municipality_words"),
              needs_profile=False, recorded=False, opens=default_gazetteer),
    Extractor("cities", lambda r: find_cities(r.text, r.country, regions=r["regions"]), City,
              ("regions",),
              profile_keys=("countries", "place_cues_before", "place_cues_after",
                            "institutions_after", "ezafe_after",
                            "locative_before", "locative_after", "destination_before",
                            "destination_after", "municipality_words", "not_places",
                            "honorifics", "weekdays", "transliteration", "adjective_endings",
                            "demonstratives", "this_city", "counterparts", "place_aliases",
                            "conjunctions"),
              needs_profile=False, table="cities", mention_table="city_mentions",
              scored=("cities",), opens=default_gazetteer),
    Extractor("own_city", lambda r: home_city(r.text, r["cities"]), int, ("cities",),
              ("municipality_words", "country", "roles"), recorded=False),
    Extractor("organizations", lambda r: find_organizations(r.text), Organization,
              profile_keys=("organization_words", "organization_word_first", "genitives",
                            "demonstratives", "case_endings", "building_words",
                            "honorifics", "given_names", "roles", "plural_endings",
                            "not_name_endings", "municipality_words", "conjunctions"),
              recorded=False),
    Extractor("officials", lambda r: find_officials(r.text, r["cities"], r["own_city"],
                                                    r["organizations"], r["regions"]),
              Official, ("cities", "own_city", "organizations", "regions"),
              ("roles", "honorifics", "copulas", "office_as", "regional_offices", "name_breaks",
               "given_names",
               "statements", "not_name_endings", "plural_endings", "apposition_after",
               "genitives", "office_fields", "definite_endings", "conjunctions", "abbreviations",
               "light_verbs", "events", "our_offices", "after_subject", "counterparts"),
              table="officials", mention_table="official_mentions",
              scored=("officials", "officials_role")),
    Extractor("events", lambda r: find_events(r.text, r["cities"], r["date_mentions"],
                                              r["officials"], r["own_city"]), Event,
              ("cities", "date_mentions", "officials", "own_city"),
              ("events", "not_events", "habits", "invitations", "purposes", "topics",
               "told_again", "told_in", "during", "at_its_end", "sidelines", "ceremonies",
               "this_trip", "hosts", "own_council", "today", "yesterday", "tomorrow",
               "days_before", "this_city", "our_city", "this_happened",
               "event_word_first", "verb_last", "participle_endings", "not_member_bodies",
               "origin_before", "origin_after", "visited_before", "visited_after", "states",
               "relation_cues", "building_words", "roles", "locative_before", "genitives",
               "returns", "plural_endings"),
              table="events", mention_table="event_mentions", scored=("events",)),
    Extractor("relations", lambda r: find_relations(r.text, r["cities"], r["date_mentions"],
                                                    r["own_city"], r["organizations"],
                                                    r["officials"]),
              Relation, ("cities", "date_mentions", "own_city", "organizations", "officials"),
              ("relation_cues", "relation_hedges", "adopted", "both_cities", "not_member_bodies",
               "genitive_endings", "municipality_words", "our_city", "our_ties", "events",
               "comitative_before", "comitative_after", "conjunctions"),
              table="relations", mention_table="relation_mentions", scored=("relations",)),
)
RECORDED = tuple(e.name for e in EXTRACTORS if e.recorded)  # the entity kinds of a record
# The profile keys the page itself reads (its language, decoding, sentences, folding).
PAGE_KEYS = ("code", "name", "script", "letters", "stop_words", "country", "foreign_letters",
             "legacy_encodings", "abbreviations", "dotted_i", "spelling_variants")


PAGE_BUDGET_SECONDS = 10.0  # a page's extractors stop once it has taken this long


class _OverBudget(Exception):
    """The page's time is up: raised into the extractor that was running."""


class _Deadline:
    """Interrupts the extractor running when the page's time is up (and only while one
    runs: `begin` to `end`). In the main thread of a process (a parse worker's, `muni
    extract`'s) the time running out is a signal, whose handler raises; in any other (a
    Dask worker's threads), the watchdog thread raises into the page's thread, as CPython
    lets a thread do to another (PyThreadState_SetAsyncExc). Either way the exception
    comes at the running code's next bytecode: in a compiled module (parsers/compiled.py),
    at its next call into Python code."""

    def __init__(self) -> None:
        self.running = False
        self.over = False  # the page is read
        self._thread = threading.get_ident()
        self._lock = threading.Lock()  # the watchdog raises only while an extractor runs
        self._raised = False

    def expired(self, signum: int, frame: object) -> None:
        if self.running:
            raise _OverBudget

    def expired_in_thread(self) -> None:
        with self._lock:
            if self.running:
                self._raised = True
                _raise_in(self._thread, _OverBudget)

    def begin(self) -> None:
        with self._lock:
            self.running = True

    def end(self) -> None:
        """Called inside the extractor's `try`: an exception the watchdog raised just as
        the extractor returned comes there, or is withdrawn here."""
        with self._lock:
            self.running = False
            if self._raised:
                _raise_in(self._thread, None)
                self._raised = False


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    """Have `thread` raise `exception` at its next bytecode (None withdraws it)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread), ctypes.py_object(exception) if exception else None)


class _Watchdog:
    """One timer thread for the pages read outside a main thread (a Dask worker's threads
    read many at once): it sleeps until the earliest deadline that is due, raises into
    that page's thread, and sleeps again (a timer thread per page cost a twentieth of the
    page)."""

    def __init__(self) -> None:
        self._due: list[tuple[float, int, _Deadline]] = []  # a heap, earliest first
        self._order = count()  # (ties of time are broken by arrival, never by deadline)
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: _Deadline, seconds: float) -> None:
        with self._wake:
            heapq.heappush(self._due, (time.monotonic() + seconds, next(self._order), deadline))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="muni-page-budget",
                                                daemon=True)
                self._thread.start()
            self._wake.notify()

    def _run(self) -> None:
        with self._wake:
            while True:
                now = time.monotonic()
                while self._due and (self._due[0][0] <= now or self._due[0][2].over):
                    _, _, deadline = heapq.heappop(self._due)
                    if not deadline.over:
                        deadline.expired_in_thread()
                self._wake.wait(self._due[0][0] - now if self._due else None)


_WATCHDOG = _Watchdog()


@contextmanager
def _deadline(seconds: float) -> Iterator[_Deadline]:
    deadline = _Deadline()
    if threading.current_thread() is not threading.main_thread():
        _WATCHDOG.watch(deadline, seconds)
        try:
            yield deadline
        finally:
            deadline.over = True  # (the page is read: nothing is left to interrupt)
        return
    before = signal.signal(signal.SIGALRM, deadline.expired)
    waiting, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    finally:
        ours, _ = signal.setitimer(signal.ITIMER_REAL, 0)  # what was left of the budget
        signal.signal(signal.SIGALRM, before)
        if waiting:  # a timer of the caller's own: on again, for what it had left
            left = max(waiting - (seconds - ours), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, interval)


class Found(NamedTuple):
    entities: dict[str, tuple]  # what each recorded extractor found, in registry order
    unsupported: list[str]  # kinds the language has no profile for
    cut: list[str]  # kinds not looked for: the page had used up its time budget


def open_resources() -> None:
    """Load what the extractors keep (once per process; a no-op after that)."""
    for extractor in EXTRACTORS:
        if extractor.opens is not None:
            extractor.opens()


def run_extractors(text: Text, country: str | None, profiled: bool) -> Found:
    """What each recorded extractor finds in the text, in registry order: empty where the
    language has no profile for it (`profiled` False), and for the extractors a page too
    slow for its budget never got to (its text and what was found before are kept)."""
    open_resources()
    found: dict[str, Any] = {}
    reading = Reading(text, country, found)  # (each extractor's results go into `found`)
    result = Found({}, [], [])
    started = time.monotonic()
    with _deadline(PAGE_BUDGET_SECONDS) as deadline:
        for extractor in EXTRACTORS:
            late = time.monotonic() - started > PAGE_BUDGET_SECONDS
            value: Any = ()
            if extractor.needs_profile and not profiled and not late:
                if extractor.recorded:
                    result.unsupported.append(extractor.name)
            elif not late:
                try:
                    deadline.begin()
                    value = extractor.find(reading)
                    deadline.end()
                    found[extractor.name] = value
                except _OverBudget:  # cut short while it ran: it and those after it
                    deadline.end()
                    late, value = True, ()
            if late:
                found[extractor.name] = ()
                if extractor.recorded:
                    result.cut.append(extractor.name)
            if extractor.recorded:
                result.entities[extractor.name] = tuple(value)
    return result


def plain(value: Any) -> Any:
    """An entity (or a tuple of them) as JSON has it: dicts and lists. An entity with a
    `to_dict` gives its own form (a date's days as ISO strings)."""
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        to_dict = getattr(value, "to_dict", None)
        return to_dict() if to_dict else {name: plain(field) if isinstance(field, tuple | list)
                                          or is_dataclass(field) else field
                                          for name, field in vars(value).items()}
    return value


def plain_entities(entities: Mapping[str, Sequence]) -> dict[str, list]:
    return {name: plain(found) for name, found in entities.items()}
