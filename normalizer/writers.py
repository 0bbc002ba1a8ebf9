"""One table to its files: canonical CSV (UTF-8, no byte-order mark, raw values), Parquet
with real types, and the Frictionless data package that describes them. Each file is
written a chunk of rows at a time, as the database gives them back."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from normalizer.database import Database
from normalizer.kinds import TABLES
from normalizer.schema import Table, arrow_schema, descriptor

_FORMATS = {"date": "%Y-%m-%d", "datetime": "%Y-%m-%dT%H:%M:%SZ"}


class TableFiles:
    """<table>.csv and <table>.parquet, written together a chunk of rows at a time."""

    def __init__(self, folder: Path, table: Table) -> None:
        self.table, self.schema = table, arrow_schema(table)
        self.csv_file = (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="")
        self.csv = csv.writer(self.csv_file, lineterminator="\n")
        self.csv.writerow(table.names)
        self.parquet = pq.ParquetWriter(folder / f"{table.name}.parquet", self.schema)
        self.rows = 0

    def add(self, rows: list[tuple]) -> None:
        self.csv.writerows(rows)
        self.parquet.write_batch(_batch(self.table, self.schema, rows))
        self.rows += len(rows)

    def __enter__(self) -> TableFiles:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if not self.rows:  # a table without rows still has its typed, empty file
            self.parquet.write_table(self.schema.empty_table())
        self.parquet.close()
        self.csv_file.close()


def _batch(table: Table, schema: pa.Schema, rows: list[tuple]) -> pa.RecordBatch:
    """Rows as typed Arrow columns; dates and times parsed from the text CSV has."""
    columns = []
    for i, column in enumerate(table.columns):
        values = [row[i] for row in rows]
        kind = schema.field(column.name).type
        if column.type in _FORMATS:
            parsed = pc.strptime(pa.array(values, pa.string()), format=_FORMATS[column.type],
                                 unit="s")
            columns.append(parsed.cast(kind))
        else:
            columns.append(pa.array(values, kind))
    return pa.RecordBatch.from_arrays(columns, schema=schema)


LICENSES = [{
    "name": "ODC-By-1.0", "path": "https://opendatacommons.org/licenses/by/1-0/",
    "title": "Open Data Commons Attribution License 1.0: the compilation (the tables, their "
             "rows and ids). The sentences quoted as evidence and the pages' main texts stay "
             "their publishers'; they are quoted so that every row can be checked."}]


def _sources(database: Database) -> list[dict]:
    """The sites the data comes from: each source with the hosts its pages are on."""
    hosts: dict[str, dict[str, str]] = {}  # per source, host -> its scheme (first URL's)
    for source, url in database.query('SELECT source, url FROM "pages" '
                                      "ORDER BY source, url, page_id"):
        parts = urlsplit(url)
        hosts.setdefault(source, {}).setdefault(parts.netloc, parts.scheme)
    found = []
    for source, schemes in hosts.items():
        names = sorted(schemes)
        first = next(iter(schemes.values()))  # the scheme of the source's first URL
        found.append({"title": f"{source}: {', '.join(names)}",
                      "path": f"{first}://{names[0]}/"})
    return found


def write_datapackage(folder: Path, database: Database) -> None:
    package = {
        "name": "muni", "title": "muni: facts out of municipal websites",
        "description": "Cities, dates, officials, events and ties stated on municipal web pages. "
                       "Every entity row cites the sentence, the page and the archived WARC "
                       "record it comes from. Ids are stable across refreshes.",
        "created": database.data_date().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": LICENSES,
        "sources": _sources(database),
        "resources": [{**descriptor(t), "stats": {"rows": database.count(t)}} for t in TABLES],
    }
    (folder / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
