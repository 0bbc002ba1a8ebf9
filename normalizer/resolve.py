"""From page records to the clean tables: the pages, and for each entity kind one row per
city, official, event and tie however many pages state it, each with its mention rows.
Pure functions: records in, rows out."""

from __future__ import annotations

import json

from normalizer.kinds import KINDS
from normalizer.mentions import PROVENANCE, Page, Previous, seen_between, utc_seconds


def _entities(record: dict, kind: str) -> list[dict]:
    value = record.get(kind)
    return json.loads(value) if isinstance(value, str) else list(value or [])


def _page_row(record: dict, previous: Previous) -> dict:
    seen = record["_seen"]
    return ({k: record.get(k) for k in (
        "page_id", "source", "url", "language", "title", "published", "encoding",
        "content_sha1", "warc_file", "warc_record_id", "text")}
        | {"fetched_at": seen, "has_text": bool((record.get("text") or "").strip()),
           **seen_between(seen, seen, previous.get("pages", {}), record["page_id"])})


def build_tables(records: list[dict], previous: Previous) -> dict[str, list]:
    """Rows of every table from the page records of the parse stage. `previous` holds each
    table's first_seen by id, from the dataset this one replaces."""
    by_page: dict[str, dict] = {}
    for record in records:  # a URL crawled for two sources is one page: the newest capture
        seen = utc_seconds(record["fetched_at"])
        old = by_page.get(record["page_id"])
        if old is None or (seen, record["source"]) > (old["_seen"], old["source"]):
            by_page[record["page_id"]] = {**record, "_seen": seen}
    tables: dict[str, list] = {"pages": [_page_row(r, previous) for r in by_page.values()]}
    pages = [Page({k: r[k] for k in PROVENANCE}, r["_seen"]) for r in by_page.values()]
    for kind in KINDS:
        stated = ((page, _entities(record, kind.entity))
                  for page, record in zip(pages, by_page.values(), strict=True))
        tables |= kind.rows(stated, previous)
    names = {row["geonameid"]: row["name"] for row in tables.get("cities", [])}
    for kind in KINDS:
        for row in tables[kind.tables[0].name] if kind.named else ():
            for ids, name in kind.named:
                row[name] = _names(row.get(ids), names)
    return tables


def _names(ids: int | str | None, names: dict[int, str]) -> str | None:
    """The GeoNames name of a city id, or of each of a ';'-separated list of them."""
    if ids is None or ids == "":
        return None
    if isinstance(ids, int):
        return names.get(ids)
    return "; ".join(names.get(int(i), i) for i in str(ids).split(";"))
