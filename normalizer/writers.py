"""One table to its files: canonical CSV (UTF-8, no byte-order mark, raw values), Parquet
with real types, and the Frictionless data package that describes them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from normalizer.kinds import TABLES
from normalizer.schema import Table, arrow_schema, descriptor


def data_date(tables: dict[str, pd.DataFrame]) -> datetime:
    """When the newest page of the data was fetched: what the workbook and the report are
    dated by, not the clock, so that the same data makes the same files."""
    seen = pd.to_datetime(tables["pages"].last_seen.dropna(), utc=True)  # text or typed
    return seen.max().tz_localize(None).to_pydatetime() if len(seen) else datetime(2000, 1, 1)


def frame(table: Table, rows: list[dict]) -> pd.DataFrame:
    """The rows as the table's columns, typed, in a stable order."""
    df = pd.DataFrame(rows, columns=table.names)
    for column in table.columns:
        if column.type == "integer":
            df[column.name] = df[column.name].astype("Int64")
        elif column.type == "number":
            df[column.name] = df[column.name].astype("float64")
        elif column.type == "boolean":
            df[column.name] = df[column.name].astype("boolean")
        else:
            df[column.name] = df[column.name].astype(object).where(df[column.name].notna(), None)
    order = [*table.sort, table.primary_key]
    return df.sort_values(order, kind="stable", na_position="first").reset_index(drop=True)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def write_parquet(df: pd.DataFrame, table: Table, path: Path) -> None:
    schema = arrow_schema(table)
    columns = {}
    for column in table.columns:
        values = df[column.name]
        if column.type == "date":
            values = pd.to_datetime(values, format="%Y-%m-%d").dt.date
        elif column.type == "datetime":
            values = pd.to_datetime(values, format="%Y-%m-%dT%H:%M:%SZ", utc=True)
        columns[column.name] = pa.array(values, type=schema.field(column.name).type,
                                        from_pandas=True)
    pq.write_table(pa.table(columns, schema=schema), path)


LICENSES = [{
    "name": "ODC-By-1.0", "path": "https://opendatacommons.org/licenses/by/1-0/",
    "title": "Open Data Commons Attribution License 1.0: the compilation (the tables, their "
             "rows and ids). The sentences quoted as evidence and the pages' main texts stay "
             "their publishers'; they are quoted so that every row can be checked."}]


def _sources(pages: pd.DataFrame) -> list[dict]:
    """The sites the data comes from: each source with the hosts its pages are on."""
    found = []
    for source, urls in pages.groupby("source", sort=True)["url"]:
        hosts = sorted({urlsplit(u).netloc for u in urls})
        found.append({"title": f"{source}: {', '.join(hosts)}",
                      "path": f"{urlsplit(urls.iloc[0]).scheme}://{hosts[0]}/"})
    return found


def write_datapackage(folder: Path, frames: dict[str, pd.DataFrame]) -> None:
    package = {
        "name": "muni", "title": "muni: facts out of municipal websites",
        "description": "Cities, dates, officials, events and ties stated on municipal web pages. "
                       "Every entity row cites the sentence, the page and the archived WARC "
                       "record it comes from. Ids are stable across refreshes.",
        "created": data_date(frames).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": LICENSES,
        "sources": _sources(frames["pages"]),
        "resources": [{**descriptor(t), "stats": {"rows": len(frames[t.name])}}
                      for t in TABLES],
    }
    (folder / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
