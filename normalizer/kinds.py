"""The entity kinds of the dataset, one entry each: the tables a kind fills and how the
entities of its extractor (parsers.extractors, by the same name) become their rows.

Adding an entity type to the dataset is one `Kind` here beside its extractor's entry; the
export, the writers, the data package and the workbook take their tables from `TABLES`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from normalizer.mentions import (
    Mention,
    Page,
    Previous,
    Resolved,
    first_fields,
    fold,
    grouped_rows,
    seen_between,
    stable_id,
)
from normalizer.schema import CITY, PAGES, PAGES_COUNT, SEEN, Column, Table, provenance_columns

# A kind's entities, page by page: each page's provenance and the entities it states.
Stated = Iterable[tuple[Page, list[dict]]]


@dataclass(frozen=True)
class Kind:
    entity: str  # the record's key: the name of the extractor that finds them
    tables: tuple[Table, ...]  # the table of its things, then the table of their mentions
    rows: Callable[[Stated, Previous], dict[str, list[dict]]]  # rows of each of its tables
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


def _cities(stated: Stated, previous: Previous) -> dict[str, list[dict]]:
    cities, mentions = Resolved(), []
    for page, found in stated:
        for city in found:
            info = {k: city.get(k) for k in ("geonameid", "name", "country", "lat", "lon")}
            for m in city["mentions"]:
                evidence = m.get("evidence")
                cities.add(Mention((city["geonameid"],), info, page.provenance, evidence,
                                   page.seen))
                mention_id = stable_id("city", page.provenance["page_id"], m["start"])
                mentions.append({
                    "mention_id": mention_id, "geonameid": city["geonameid"],
                    "text": m["text"], "start": m["start"], "end": m["end"],
                    **page.provenance, "evidence": evidence,
                    **seen_between(page.seen, page.seen, previous.get("city_mentions", {}),
                                   mention_id)})
    rows, _ = grouped_rows(cities, "city", ("cities", None), "geonameid", previous,
                           first_fields(("name", "country", "lat", "lon")),
                           id_of=lambda key: key[0])
    counts: dict[int, int] = defaultdict(int)
    for m in mentions:
        counts[m["geonameid"]] += 1
    for row in rows:
        row["mentions"] = counts[row["geonameid"]]
    return {"cities": rows, "city_mentions": mentions}


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


def _dates(stated: Stated, previous: Previous) -> dict[str, list[dict]]:
    rows = []
    for page, found in stated:
        for d in found:
            date_id = stable_id("date", page.provenance["page_id"], d["offset"], d["text"])
            rows.append({"date_id": date_id, **{k: d[k] for k in (
                "text", "start", "end", "precision", "calendar", "offset")},
                **page.provenance, "evidence": d.get("evidence"),
                **seen_between(page.seen, page.seen, previous.get("dates", {}), date_id)})
    return {"dates": rows}


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


def _official_keys(mentions: list[Mention]) -> None:
    """An office given without its city joins the same person's office with a city, when
    the pages give that person one city only."""
    cities: dict[tuple, set] = defaultdict(set)
    for m in mentions:
        if m.fields.get("city") is not None:
            cities[m.key[:2]].add(m.fields["city"])
    for m in mentions:
        if m.key[2] is None and len(cities.get(m.key[:2], ())) == 1:
            m.fields["city"] = next(iter(cities[m.key[:2]]))
            m.key = (*m.key[:2], m.fields["city"])


def _officials(stated: Stated, previous: Previous) -> dict[str, list[dict]]:
    mentions = []
    for page, found in stated:
        for o in found:
            place = o.get("city") if o.get("city") is not None else (
                fold(o.get("organization")) or None)
            mentions.append(Mention((fold(o.get("name_latin") or o["name"]), o["role"], place),
                                    dict(o), page.provenance, o.get("evidence"), page.seen))
    _official_keys(mentions)
    officials = Resolved()
    for m in mentions:
        officials.add(m)
    rows, mention_rows = grouped_rows(
        officials, "official", ("officials", "official_mentions"), "official_id", previous,
        first_fields(("name", "name_latin", "role", "role_text", "city", "organization")))
    return {"officials": rows, "official_mentions": mention_rows}


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


def _event(group: list[Mention]) -> dict:
    merged = dict(group[0].fields)
    names: list[str] = []
    for m in group:
        names += [n for n in m.fields.get("officials") or [] if n not in names]
    merged["officials"] = "; ".join(names) or None
    merged["participants"] = ";".join(map(str, merged.get("participants") or [])) or None
    return merged


def _events(stated: Stated, previous: Previous) -> dict[str, list[dict]]:
    events = Resolved()
    for page, found in stated:
        for e in found:
            participants = sorted(e.get("participants") or [])
            when = (e.get("start"), e.get("end")) if e.get("start") else (fold(e["evidence"]),)
            events.add(Mention((e["type"], *when, e.get("city"), *participants),
                               {**e, "participants": participants}, page.provenance,
                               e.get("evidence"), page.seen))
    rows, mentions = grouped_rows(events, "event", ("events", "event_mentions"), "event_id",
                                  previous, _event)
    return {"events": rows, "event_mentions": mentions}


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


def _relation(group: list[Mention]) -> dict:
    """A tie's `since` is the earliest Gregorian year any page gives, with that page's
    year as written and its calendar."""
    merged = dict(group[0].fields)
    dated = sorted((str(m.fields["since"]), m.fields.get("since_text"),
                    m.fields.get("since_calendar")) for m in group if m.fields.get("since"))
    first = dated[0] if dated else (None, None, None)
    merged["since"] = first[0]
    merged["since_text"] = first[1] or first[0]  # records of older parsers have no text
    merged["since_calendar"] = first[2] or ("gregorian" if first[0] else None)
    return merged


def _relations(stated: Stated, previous: Previous) -> dict[str, list[dict]]:
    relations = Resolved()
    for page, found in stated:
        for r in found:
            if r.get("a") is None:
                continue
            if r["type"] == "member":
                key = (r["type"], r["a"], r.get("b"), fold(r.get("organization")))
            else:
                key = (r["type"], *sorted((r["a"], r.get("b") or 0)))
            relations.add(Mention(key, r, page.provenance, r.get("evidence"), page.seen))
    rows, mentions = grouped_rows(relations, "relation", ("relations", "relation_mentions"),
                                  "relation_id", previous, _relation)
    return {"relations": rows, "relation_mentions": mentions}


KINDS: tuple[Kind, ...] = (
    Kind("cities", (CITIES, CITY_MENTIONS), _cities),
    Kind("dates", (DATES,), _dates),
    Kind("officials", (OFFICIALS, _mention_table("official", "officials", "official_id")),
         _officials, named=(("city", "city_name"),)),
    Kind("events", (EVENTS, _mention_table("event", "events", "event_id")), _events,
         named=(("city", "city_name"), ("participants", "participant_names"))),
    Kind("relations", (RELATIONS, _mention_table("relation", "relations", "relation_id")),
         _relations, named=(("a", "a_name"), ("b", "b_name"))),
)
TABLES: tuple[Table, ...] = (PAGES, *(table for kind in KINDS for table in kind.tables))
