"""The entity kinds of the dataset, one entry each: the tables a kind fills and how the
entities of its extractor (parsers.extractors, by the same name) become their rows.

Adding an entity type to the dataset is one `Kind` here beside its extractor's entry; the
export, the writers, the data package and the workbook take their tables from `TABLES`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from normalizer.mentions import (
    FirstFields,
    Mention,
    Page,
    Previous,
    Rows,
    fold,
    grouped_rows,
    seen_between,
    stable_id,
)
from normalizer.schema import CITY, PAGES, PAGES_COUNT, SEEN, Column, Table, provenance_columns

# What a kind reads of one page's entities: the rows it can write at once, per table, and
# the mentions that wait for every page before they become rows.
Read = tuple[dict[str, list[dict]], list[Mention]]
# The groups of a kind's mentions (by Mention.group), each in order, read anew at each call:
# what the kind makes its rows of, in one pass or (officials) two.
Groups = Callable[[], Iterator[Iterator[Mention]]]
Grouped = Callable[[Groups, Previous], Iterator[dict[str, list[dict]]]]


@dataclass(frozen=True)
class Kind:
    entity: str  # the record's key: the name of the extractor that finds them
    tables: tuple[Table, ...]  # the table of its things, then the table of their mentions
    read: Callable[[Page, list[dict], Previous], Read]  # one page's entities
    grouped: Grouped | None = None  # None for a kind whose rows are all per page
    # (GeoNames id column, its name column) of the first table: a reader needs no join
    named: tuple[tuple[str, str], ...] = ()


def _city_name(what: str) -> Column:
    return Column(f"{what}_name", "string", "GeoNames' name of that city (see cities).")


def _mention_table(kind: str, table: str, key: str) -> Table:
    return Table(f"{kind}_mentions", f"{kind.capitalize()} mentions",
                 f"Every page and sentence that states a row of {table}.", (
                     Column("mention_id", "string", "Stable id of the mention.", True),
                     Column(key, "string", f"The row of {table} it states.", True),
                     *provenance_columns("that states it"), *SEEN,
                 ), "mention_id", ((key, table, key), ("page_id", "pages", "page_id")))


# Cities: one row per GeoNames city, and a mention row for each place a page names it.
CITIES = Table("cities", "Cities", "Every city the pages name, linked to GeoNames, with the "
                                   "first page that names it.", (
    Column("geonameid", "integer", "GeoNames id.", True),
    Column("name", "string", "GeoNames' name of the city.", True),
    Column("country", "string", "ISO 3166-1 alpha-2 code of its country."),
    Column("lat", "number", "Latitude (WGS 84)."),
    Column("lon", "number", "Longitude (WGS 84)."),
    Column("mentions", "integer", "How many times the pages name it.", True),
    PAGES_COUNT,
    *provenance_columns("that first names it"), *SEEN,
), "geonameid", (("page_id", "pages", "page_id"),), sort=("country", "name"))
CITY_MENTIONS = Table("city_mentions", "City mentions", "Each place a page names a city.", (
    Column("mention_id", "string", "Stable id of the mention.", True),
    Column("geonameid", "integer", CITY + " (see cities).", True),
    Column("text", "string", "The name as written.", True),
    Column("start", "integer", "Character offset of the name in the page's main text.", True),
    Column("end", "integer", "Character offset just after it.", True),
    *provenance_columns("that names it"), *SEEN,
), "mention_id", (("geonameid", "cities", "geonameid"), ("page_id", "pages", "page_id")),
    sort=("url", "start"))


def _read_cities(page: Page, found: list[dict], previous: Previous) -> Read:
    mentions, rows = [], []
    for city in found:
        info = {k: city.get(k) for k in ("geonameid", "name", "country", "lat", "lon")}
        for m in city["mentions"]:
            evidence = m.get("evidence")
            mentions.append(Mention((city["geonameid"],), info, page.provenance, evidence,
                                    page.seen))
            mention_id = stable_id("city", page.provenance["page_id"], m["start"])
            rows.append({
                "mention_id": mention_id, "geonameid": city["geonameid"],
                "text": m["text"], "start": m["start"], "end": m["end"],
                **page.provenance, "evidence": evidence,
                **seen_between(page.seen, page.seen, previous.get("city_mentions", {}),
                               mention_id)})
    return {"city_mentions": rows}, mentions


class _CityFields(FirstFields):
    """GeoNames' fields, and how many times the pages name the city (each mention has its
    row in city_mentions)."""

    def __init__(self) -> None:
        super().__init__(("name", "country", "lat", "lon"))
        self.mentions = 0

    def add(self, mention: Mention) -> None:
        super().add(mention)
        self.mentions += 1

    def fields(self) -> dict:
        return {**super().fields(), "mentions": self.mentions}


CITY_ROWS = Rows("city", ("cities", None), "geonameid", _CityFields, id_of=lambda key: key[0])


def _cities(groups: Groups, previous: Previous) -> Iterator[dict[str, list[dict]]]:
    return grouped_rows(groups(), CITY_ROWS, previous)


# Dates: a row for each date a page states; dates are not merged across pages.
DATES = Table("dates", "Dates", "Each date a page's main text states, as a Gregorian range.", (
    Column("date_id", "string", "Stable id of the date mention.", True),
    Column("text", "string", "The date as written.", True),
    Column("start", "date", "First day of the range (Gregorian).", True),
    Column("end", "date", "Last day of the range (Gregorian).", True),
    Column("precision", "string", "day, month or year: how much the text says.", True),
    Column("calendar", "string", "The calendar it was written in: gregorian, jalali (Solar "
           "Hijri) or hijri (Lunar Hijri).", True),
    Column("offset", "integer", "Character offset in the page's main text.", True),
    *provenance_columns("that states it"), *SEEN,
), "date_id", (("page_id", "pages", "page_id"),), sort=("url", "offset"))


def _dates(page: Page, found: list[dict], previous: Previous) -> Read:
    rows = []
    for d in found:
        date_id = stable_id("date", page.provenance["page_id"], d["offset"], d["text"])
        rows.append({"date_id": date_id, **{k: d[k] for k in (
            "text", "start", "end", "precision", "calendar", "offset")},
            **page.provenance, "evidence": d.get("evidence"),
            **seen_between(page.seen, page.seen, previous.get("dates", {}), date_id)})
    return {"dates": rows}, []


# Officials: one row per person and office, however many pages name them.
OFFICIALS = Table("officials", "Officials", "Named people in office, one row per person and "
                                            "office however many pages name them.", (
    Column("official_id", "string", "Stable id: the name (Latin letters), role and city "
                                    "or organisation.", True),
    Column("name", "string", "The name as first written.", True),
    Column("name_latin", "string", "The name in Latin letters (Bulgarian by the official "
                                   "transliteration)."),
    Column("role", "string", "mayor, deputy_mayor, council_chair, councillor, "
                             "municipal_official, governor, minister, head_of_state, "
                             "diplomat, organization_leader or other.", True),
    Column("role_text", "string", "The office as the first page words it."),
    Column("city", "integer", CITY + " whose office it is."),
    _city_name("city"),
    Column("organization", "string", "The body, when the office is not a city's."),
    PAGES_COUNT, *provenance_columns("that first names them"), *SEEN,
), "official_id", (("city", "cities", "geonameid"), ("page_id", "pages", "page_id")),
    sort=("name_latin", "name"))


def _read_officials(page: Page, found: list[dict], previous: Previous) -> Read:
    mentions = []
    for o in found:
        place = o.get("city") if o.get("city") is not None else (
            fold(o.get("organization")) or None)
        name = fold(o.get("name_latin") or o["name"])
        # one person in one role is read as a whole: their offices' cities are weighed
        # together (_officials) before the rows are told apart by place
        mentions.append(Mention((name, o["role"], place), dict(o), page.provenance,
                                o.get("evidence"), page.seen, group=(name, o["role"])))
    return {}, mentions


OFFICIAL_ROWS = Rows("official", ("officials", "official_mentions"), "official_id",
                     lambda: FirstFields(("name", "name_latin", "role", "role_text", "city",
                                          "organization")))


def _officials(groups: Groups, previous: Previous) -> Iterator[dict[str, list[dict]]]:
    """Two passes: the cities each person's offices give in a role, then the rows (one
    person in one role: a row per place), an office without its city joining the one
    with a city where the pages give one only."""
    cities: dict[tuple, set] = defaultdict(set)
    for group in groups():
        for m in group:
            if m.fields.get("city") is not None:
                cities[m.key[:2]].add(m.fields["city"])

    def placed(m: Mention) -> Mention:
        if m.key[2] is None and len(cities.get(m.key[:2], ())) == 1:
            m.fields["city"] = next(iter(cities[m.key[:2]]))
            m.key = (*m.key[:2], m.fields["city"])
        return m

    return grouped_rows((map(placed, group) for group in groups()), OFFICIAL_ROWS, previous)


# Events: one row per event, however many pages report it.
EVENTS = Table("events", "Events", "Visits, meetings, agreements, festivals, memberships and "
                                   "the like; one row per event however many pages report it.", (
    Column("event_id", "string", "Stable id: type, dates and cities (and the sentence "
                                 "when the text gives no date).", True),
    Column("type", "string", "visit, meeting, agreement, festival, membership, "
                             "founding or other.", True),
    Column("start", "date", "First day (Gregorian), when the text dates it."),
    Column("end", "date", "Last day (Gregorian)."),
    Column("precision", "string", "day, month or year."),
    Column("city", "integer", CITY + " where it took place."),
    _city_name("city"),
    Column("participants", "string", "GeoNames ids of the participating cities, "
                                     "separated by ';'."),
    Column("participant_names", "string", "Their GeoNames names, in the same order, "
                                          "separated by '; '."),
    Column("officials", "string", "Names of the officials taking part, separated by '; '."),
    PAGES_COUNT, *provenance_columns("that first reports it"), *SEEN,
), "event_id", (("city", "cities", "geonameid"), ("page_id", "pages", "page_id")),
    sort=("start", "type"))


class _EventFields:
    """The earliest report's fields, with the officials every report names."""

    def __init__(self) -> None:
        self.first: dict | None = None
        self.names: list[str] = []

    def add(self, mention: Mention) -> None:
        self.first = self.first or mention.fields
        self.names += [n for n in mention.fields.get("officials") or [] if n not in self.names]

    def fields(self) -> dict:
        merged = dict(self.first or {})
        merged["officials"] = "; ".join(self.names) or None
        merged["participants"] = ";".join(map(str, merged.get("participants") or [])) or None
        return merged


EVENT_ROWS = Rows("event", ("events", "event_mentions"), "event_id", _EventFields)


def _read_events(page: Page, found: list[dict], previous: Previous) -> Read:
    mentions = []
    for e in found:
        participants = sorted(e.get("participants") or [])
        when = (e.get("start"), e.get("end")) if e.get("start") else (fold(e["evidence"]),)
        mentions.append(Mention((e["type"], *when, e.get("city"), *participants),
                                {**e, "participants": participants}, page.provenance,
                                e.get("evidence"), page.seen))
    return {}, mentions


def _events(groups: Groups, previous: Previous) -> Iterator[dict[str, list[dict]]]:
    return grouped_rows(groups(), EVENT_ROWS, previous)


# Relations: one row per lasting tie, however many sites state it.
RELATIONS = Table("relations", "Relations", "Lasting ties: twin and friendship cities, "
                                            "memberships; one row per tie however many "
                                            "sites state it.", (
    Column("relation_id", "string", "Stable id: type and the two sides, in either "
                                    "order for twins.", True),
    Column("type", "string", "twin, friendship or member.", True),
    Column("a", "integer", CITY + ": one side, or the member.", True),
    _city_name("a"),
    Column("b", "integer", CITY + ": the other side of a twin or friendship tie."),
    _city_name("b"),
    Column("organization", "string", "The network or body, for a membership."),
    Column("since", "string", "The Gregorian year the tie began, the earliest any page "
                              "gives (a Jalali 1386 is 2007 here)."),
    Column("since_text", "string", "That year as the page writes it, in its calendar."),
    Column("since_calendar", "string", "The calendar the page gives it in: gregorian, "
                                       "jalali or hijri."),
    PAGES_COUNT, *provenance_columns("that first states it"), *SEEN,
), "relation_id", (("a", "cities", "geonameid"), ("b", "cities", "geonameid"),
                   ("page_id", "pages", "page_id")), sort=("type", "a", "b"))


class _RelationFields:
    """A tie's `since` is the earliest Gregorian year any page gives, with that page's
    year as written and its calendar."""

    def __init__(self) -> None:
        self.first: dict | None = None
        self.dated: tuple | None = None  # the earliest (since, as written, calendar)

    def add(self, mention: Mention) -> None:
        self.first = self.first or mention.fields
        if mention.fields.get("since"):
            given = (str(mention.fields["since"]), mention.fields.get("since_text"),
                     mention.fields.get("since_calendar"))
            self.dated = given if self.dated is None else min(self.dated, given)

    def fields(self) -> dict:
        merged = dict(self.first or {})
        since, text, calendar = self.dated or (None, None, None)
        merged["since"] = since
        merged["since_text"] = text or since  # records of older parsers have no text
        merged["since_calendar"] = calendar or ("gregorian" if since else None)
        return merged


RELATION_ROWS = Rows("relation", ("relations", "relation_mentions"), "relation_id",
                     _RelationFields)


def _read_relations(page: Page, found: list[dict], previous: Previous) -> Read:
    mentions = []
    for r in found:
        if r.get("a") is None:
            continue
        if r["type"] == "member":
            key = (r["type"], r["a"], r.get("b"), fold(r.get("organization")))
        else:
            key = (r["type"], *sorted((r["a"], r.get("b") or 0)))
        mentions.append(Mention(key, r, page.provenance, r.get("evidence"), page.seen))
    return {}, mentions


def _relations(groups: Groups, previous: Previous) -> Iterator[dict[str, list[dict]]]:
    return grouped_rows(groups(), RELATION_ROWS, previous)


KINDS: tuple[Kind, ...] = (  # cities first: the other kinds' rows name them
    Kind("cities", (CITIES, CITY_MENTIONS), _read_cities, _cities),
    Kind("dates", (DATES,), _dates),
    Kind("officials", (OFFICIALS, _mention_table("official", "officials", "official_id")),
         _read_officials, _officials, named=(("city", "city_name"),)),
    Kind("events", (EVENTS, _mention_table("event", "events", "event_id")), _read_events,
         _events, named=(("city", "city_name"), ("participants", "participant_names"))),
    Kind("relations", (RELATIONS, _mention_table("relation", "relations", "relation_id")),
         _read_relations, _relations, named=(("a", "a_name"), ("b", "b_name"))),
)
TABLES: tuple[Table, ...] = (PAGES, *(table for kind in KINDS for table in kind.tables))
