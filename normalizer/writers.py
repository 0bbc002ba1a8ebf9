"""One table to its files: canonical CSV (UTF-8, no byte-order mark, raw values), Parquet
with real types, and the Frictionless data package that describes them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

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


def write_datapackage(folder: Path, rows: dict[str, int]) -> None:
    package = {
        "name": "muni", "title": "muni: facts out of municipal websites",
        "description": "Cities, dates, officials, events and ties stated on municipal web pages. "
                       "Every entity row cites the sentence, the page and the archived WARC "
                       "record it comes from. Ids are stable across refreshes.",
        "resources": [{**descriptor(t), "stats": {"rows": rows[t.name]}} for t in TABLES],
    }
    (folder / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
