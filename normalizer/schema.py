"""The clean tables' columns, types, descriptions and keys: one place for the CSV, Parquet,
spreadsheet and datapackage.json writers, so that they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless type: string, integer, number, boolean, date, datetime
    description: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: str
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, its column)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _provenance(what: str) -> tuple[Column, ...]:
    return (
        Column("page_id", "string", f"The page {what} (see pages).", True),
        Column("url", "string", "The page's URL.", True),
        Column("evidence", "string", "The sentence of the page's main text that states it."),
        Column("warc_file", "string", "The WARC file under data/raw/<source>/ that holds the "
                                      "archived response.", True),
        Column("warc_record_id", "string", "The WARC-Record-ID of that response.", True),
    )


_SEEN = (
    Column("first_seen", "datetime", "When muni first archived a page that states it (UTC).",
           True),
    Column("last_seen", "datetime", "When the latest archived page that states it was fetched "
                                    "(UTC); a refresh that finds the page unchanged (HTTP 304) "
                                    "leaves it as it is.", True),
)
_PAGES_COUNT = Column("pages", "integer", "On how many pages it is stated.", True)
_CITY = "GeoNames id of the city"

TABLES: tuple[Table, ...] = (
    Table("pages", "Pages", "One row per archived HTML page: its metadata and main text.", (
        Column("page_id", "string", "Stable id of the page, derived from its URL.", True),
        Column("source", "string", "The source (site) it was crawled for.", True),
        Column("url", "string", "The page's URL.", True),
        Column("language", "string", "ISO 639-1 code of the main text's language."),
        Column("has_text", "boolean", "Whether the page has a main text (a calendar page, "
                                      "an empty listing or a page made by script has none).",
               True),
        Column("title", "string", "The headline."),
        Column("published", "date", "The date the page gives for itself."),
        Column("fetched_at", "datetime", "When the archived response was fetched (UTC).", True),
        Column("encoding", "string", "The character encoding the page was decoded with."),
        Column("content_sha1", "string", "SHA-1 of the response body: changes when the page "
                                         "does.", True),
        Column("warc_file", "string", "The WARC file that holds the archived response.", True),
        Column("warc_record_id", "string", "The WARC-Record-ID of that response.", True),
        *_SEEN,
        Column("text", "string", "The main text: the article without menus, sidebars and "
                                 "footers."),
    ), "page_id"),
    Table("cities", "Cities", "Every city the pages name, linked to GeoNames, with the first "
                              "page that names it.", (
        Column("geonameid", "integer", "GeoNames id.", True),
        Column("name", "string", "GeoNames' name of the city.", True),
        Column("country", "string", "ISO 3166-1 alpha-2 code of its country."),
        Column("lat", "number", "Latitude (WGS 84)."),
        Column("lon", "number", "Longitude (WGS 84)."),
        Column("mentions", "integer", "How many times the pages name it.", True),
        _PAGES_COUNT,
        *_provenance("that first names it"), *_SEEN,
    ), "geonameid", (("page_id", "pages", "page_id"),)),
    Table("city_mentions", "City mentions", "Each place a page names a city.", (
        Column("mention_id", "string", "Stable id of the mention.", True),
        Column("geonameid", "integer", _CITY + " (see cities).", True),
        Column("text", "string", "The name as written.", True),
        Column("start", "integer", "Character offset of the name in the page's main text.", True),
        Column("end", "integer", "Character offset just after it.", True),
        *_provenance("that names it"), *_SEEN,
    ), "mention_id", (("geonameid", "cities", "geonameid"), ("page_id", "pages", "page_id"))),
    Table("dates", "Dates", "Each date a page's main text states, as a Gregorian range.", (
        Column("date_id", "string", "Stable id of the date mention.", True),
        Column("text", "string", "The date as written.", True),
        Column("start", "date", "First day of the range (Gregorian).", True),
        Column("end", "date", "Last day of the range (Gregorian).", True),
        Column("precision", "string", "day, month or year: how much the text says.", True),
        Column("calendar", "string", "The calendar it was written in: gregorian, jalali (Solar "
               "Hijri) or hijri (Lunar Hijri).", True),
        Column("offset", "integer", "Character offset in the page's main text.", True),
        *_provenance("that states it"), *_SEEN,
    ), "date_id", (("page_id", "pages", "page_id"),)),
    Table("officials", "Officials", "Named people in office, one row per person and office "
                                    "however many pages name them.", (
        Column("official_id", "string", "Stable id: the name (Latin letters), role and city "
                                        "or organisation.", True),
        Column("name", "string", "The name as first written.", True),
        Column("name_latin", "string", "The name in Latin letters (Bulgarian by the official "
                                       "transliteration)."),
        Column("role", "string", "mayor, deputy_mayor, council_chair, councillor, "
                                 "municipal_official, governor, minister, head_of_state, "
                                 "diplomat, organization_leader or other.", True),
        Column("role_text", "string", "The office as the first page words it."),
        Column("city", "integer", _CITY + " whose office it is."),
        Column("organization", "string", "The body, when the office is not a city's."),
        _PAGES_COUNT, *_provenance("that first names them"), *_SEEN,
    ), "official_id", (("city", "cities", "geonameid"), ("page_id", "pages", "page_id"))),
    Table("events", "Events", "Visits, meetings, agreements, festivals, memberships and the "
                              "like; one row per event however many pages report it.", (
        Column("event_id", "string", "Stable id: type, dates and cities (and the sentence "
                                     "when the text gives no date).", True),
        Column("type", "string", "visit, meeting, agreement, festival, membership, "
                                 "founding or other.", True),
        Column("start", "date", "First day (Gregorian), when the text dates it."),
        Column("end", "date", "Last day (Gregorian)."),
        Column("precision", "string", "day, month or year."),
        Column("city", "integer", _CITY + " where it took place."),
        Column("participants", "string", "GeoNames ids of the participating cities, "
                                         "separated by ';'."),
        Column("officials", "string", "Names of the officials taking part, separated by '; '."),
        _PAGES_COUNT, *_provenance("that first reports it"), *_SEEN,
    ), "event_id", (("city", "cities", "geonameid"), ("page_id", "pages", "page_id"))),
    Table("relations", "Relations", "Lasting ties: twin and friendship cities, memberships; "
                                    "one row per tie however many sites state it.", (
        Column("relation_id", "string", "Stable id: type and the two sides, in either "
                                        "order for twins.", True),
        Column("type", "string", "twin, friendship or member.", True),
        Column("a", "integer", _CITY + ": one side, or the member.", True),
        Column("b", "integer", _CITY + ": the other side of a twin or friendship tie."),
        Column("organization", "string", "The network or body, for a membership."),
        Column("since", "string", "The Gregorian year the tie began, the earliest any page "
                                  "gives (a Jalali 1386 is 2007 here)."),
        Column("since_text", "string", "That year as the page writes it, in its calendar."),
        Column("since_calendar", "string", "The calendar the page gives it in: gregorian, "
                                           "jalali or hijri."),
        _PAGES_COUNT, *_provenance("that first states it"), *_SEEN,
    ), "relation_id", (("a", "cities", "geonameid"), ("b", "cities", "geonameid"),
                       ("page_id", "pages", "page_id"))),
    *(Table(f"{kind}_mentions", f"{kind.capitalize()} mentions",
            f"Every page and sentence that states a row of {table}.", (
                Column("mention_id", "string", "Stable id of the mention.", True),
                Column(key, "string", f"The row of {table} it states.", True),
                *_provenance("that states it"), *_SEEN,
            ), "mention_id", ((key, table, key), ("page_id", "pages", "page_id")))
      for kind, table, key in (("official", "officials", "official_id"),
                               ("event", "events", "event_id"),
                               ("relation", "relations", "relation_id"))),
)

_ARROW = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(),
          "boolean": pa.bool_(),
          "date": pa.date32(), "datetime": pa.timestamp("s", tz="UTC")}


def arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(c.name, _ARROW[c.type], nullable=not c.required)
                      for c in table.columns])


def descriptor(table: Table) -> dict:
    """The table's Frictionless resource, for data/clean/<name>.csv."""
    fields = []
    for c in table.columns:
        field: dict[str, object] = {"name": c.name, "type": c.type,
                                    "description": c.description}
        if c.type == "datetime":
            field["format"] = "%Y-%m-%dT%H:%M:%SZ"
        if c.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict = {"fields": fields, "primaryKey": [table.primary_key]}
    if table.foreign_keys:
        schema["foreignKeys"] = [{"fields": [col], "reference": {"resource": ref,
                                                                  "fields": [ref_col]}}
                                 for col, ref, ref_col in table.foreign_keys]
    return {"name": table.name, "title": table.title, "description": table.description,
            "path": f"{table.name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}
