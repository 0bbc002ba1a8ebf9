"""From page records to the clean tables: the pages, and for each entity kind one row per
city, official, event and tie however many pages state it, each with its mention rows.

The records stream through once; rows go to a sink as they are made, and the mentions
that need every page wait in a staging table (normalizer.staging) until the last page is
read. No I/O of its own: the caller gives the sink and the database."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import closing
from functools import partial

from normalizer.kinds import KINDS, TABLES, Kind
from normalizer.mentions import PROVENANCE, Page, Previous, seen_between, utc_seconds
from normalizer.staging import Stage

Sink = Callable[[str, list[dict]], None]  # a table's name and rows made for it


def _entities(record: dict, kind: str) -> list[dict]:
    value = record.get(kind)
    return json.loads(value) if isinstance(value, str) else list(value or [])


def newest(captures: Iterable[tuple[str, str | None, str]]) -> dict[str, int]:
    """Which capture each page is, by its index among (page_id, fetched_at, source): a
    URL crawled for two sources is one page, the newest capture (then the later source)."""
    best: dict[str, tuple[tuple, int]] = {}
    for i, (page_id, fetched_at, source) in enumerate(captures):
        rank = (utc_seconds(fetched_at), source)
        if page_id not in best or rank > best[page_id][0]:
            best[page_id] = (rank, i)
    return {page_id: i for page_id, (_, i) in best.items()}


def _page_row(record: dict, seen: str, previous: Previous) -> dict:
    return ({k: record.get(k) for k in (
        "page_id", "source", "url", "language", "title", "published", "encoding",
        "content_sha1", "warc_file", "warc_record_id", "text")}
        | {"fetched_at": seen, "has_text": bool((record.get("text") or "").strip()),
           **seen_between(seen, seen, previous.get("pages", {}), record["page_id"])})


def resolve(records: Iterable[dict], previous: Previous, sink: Sink,
            db: sqlite3.Connection) -> None:
    """Every table's rows from the page records of the parse stage, one record per page
    (`newest` says which), to `sink`; `db` holds the mentions meanwhile. `previous` holds
    each table's first_seen by id, from the dataset this one replaces."""
    stage = Stage(db)
    for record in records:
        seen = str(utc_seconds(record["fetched_at"]))  # (export: records with a date only)
        page = Page({k: record[k] for k in PROVENANCE}, seen)
        sink("pages", [_page_row(record, seen, previous)])
        for kind in KINDS:
            now, mentions = kind.read(page, _entities(record, kind.entity), previous)
            for table, made in now.items():
                sink(table, made)
            stage.add(kind.entity, mentions)
    names: dict[int, str] = {}  # GeoNames names of the cities, once their rows are made
    for kind in KINDS:
        groups = partial(stage.groups, kind.entity)
        for grouped in kind.grouped(groups, previous) if kind.grouped else ():
            names.update((row["geonameid"], row["name"]) for row in grouped.get("cities", ()))
            _name(kind, grouped, names)
            for table, made in grouped.items():
                sink(table, made)
    stage.close()


def _name(kind: Kind, made: dict[str, list[dict]], names: dict[int, str]) -> None:
    """The GeoNames name beside each city id of the kind's rows: a reader needs no join."""
    for row in made.get(kind.tables[0].name, ()) if kind.named else ():
        for ids, name in kind.named:
            row[name] = _names(row.get(ids), names)


def _names(ids: int | str | None, names: dict[int, str]) -> str | None:
    """The GeoNames name of a city id, or of each of a ';'-separated list of them."""
    if ids is None or ids == "":
        return None
    if isinstance(ids, int):
        return names.get(ids)
    return "; ".join(names.get(int(i), i) for i in str(ids).split(";"))


def build_tables(records: list[dict], previous: Previous) -> dict[str, list[dict]]:
    """Every table's rows at once, for records that fit in memory (one page, a test)."""
    chosen = newest((r["page_id"], r["fetched_at"], r["source"]) for r in records)
    tables: dict[str, list[dict]] = defaultdict(list, {t.name: [] for t in TABLES})
    with closing(sqlite3.connect(":memory:")) as db:
        resolve((records[i] for i in sorted(chosen.values())), previous,
                lambda table, rows: tables[table].extend(rows), db)
    return tables
