"""The dataset as one SQLite file, muni.sqlite: every table with its types, primary and
foreign keys, and full-text search on the pages' text and every row's evidence, laid out
as sqlite-utils lays it out (`<table>_fts`, an external-content FTS5 table), so that
`datasette muni.sqlite` offers search and follows the keys as links."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from normalizer.kinds import TABLES
from normalizer.schema import Table

DATABASE = "muni.sqlite"
_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER",
              "date": "TEXT", "datetime": "TEXT"}
SEARCHED = ("title", "text", "name", "evidence")  # the columns full-text search reads


def _create(table: Table) -> str:
    columns = [f'"{c.name}" {_SQL_TYPES[c.type]}{" NOT NULL" if c.required else ""}'
               + (" PRIMARY KEY" if c.name == table.primary_key else "")
               for c in table.columns]
    columns += [f'FOREIGN KEY ("{col}") REFERENCES "{ref}" ("{ref_col}")'
                for col, ref, ref_col in table.foreign_keys]
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(columns) + "\n)"


def _values(df: pd.DataFrame, table: Table) -> list[tuple]:
    """Rows as SQLite takes them: None for missing values, 0/1 for booleans."""
    out = df[table.names].astype(object).where(df[table.names].notna(), None)
    for c in table.columns:
        if c.type == "boolean":
            out[c.name] = out[c.name].map(lambda v: None if v is None else int(bool(v)))
    return list(out.itertuples(index=False, name=None))


def write_database(tables: dict[str, pd.DataFrame], path: Path) -> None:
    """Write muni.sqlite afresh (the export folder is new, so nothing is replaced)."""
    db = sqlite3.connect(path)
    try:
        with db:  # keys declared, not enforced on insert: a dangling id never fails an export
            for table in TABLES:  # pages and cities first: the keys point at them
                db.execute(_create(table))
                marks = ", ".join("?" * len(table.columns))
                db.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})',
                               _values(tables[table.name], table))
                searched = [c for c in table.names if c in SEARCHED]
                if "evidence" in searched or table.name == "pages":
                    listed = ", ".join(f'"{c}"' for c in searched)
                    db.execute(f'CREATE VIRTUAL TABLE "{table.name}_fts" USING fts5('
                               f'{listed}, content="{table.name}")')
                    db.execute(f'INSERT INTO "{table.name}_fts" ("{table.name}_fts") '
                               "VALUES ('rebuild')")
        db.execute("VACUUM")
    finally:
        db.close()
