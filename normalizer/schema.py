"""How the clean tables are described: columns, types, descriptions, keys and row order,
for the CSV, Parquet, spreadsheet and datapackage.json writers alike, so that they cannot
disagree; the pages table, and the columns every entity table shares. The entity tables
are their kinds' (normalizer.kinds)."""

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
    sort: tuple[str, ...] = ()  # the row order a reader looks for first (then the key)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def provenance_columns(what: str) -> tuple[Column, ...]:
    return (
        Column("page_id", "string", f"The page {what} (see pages).", True),
        Column("url", "string", "The page's URL.", True),
        Column("evidence", "string", "The sentence of the page's main text that states it."),
        Column("warc_file", "string", "The WARC file under data/raw/<source>/ that holds the "
                                      "archived response.", True),
        Column("warc_record_id", "string", "The WARC-Record-ID of that response.", True),
    )


SEEN = (
    Column("first_seen", "datetime", "When muni first archived a page that states it (UTC).",
           True),
    Column("last_seen", "datetime", "When the latest archived page that states it was fetched "
                                    "(UTC); a refresh that finds the page unchanged (HTTP 304) "
                                    "leaves it as it is.", True),
)
PAGES_COUNT = Column("pages", "integer", "On how many pages it is stated.", True)
CITY = "GeoNames id of the city"

PAGES = Table("pages", "Pages", "One row per archived HTML page: its metadata and main text.", (
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
    *SEEN,
    Column("text", "string", "The main text: the article without menus, sidebars and "
                             "footers."),
), "page_id", sort=("source", "url"))

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
