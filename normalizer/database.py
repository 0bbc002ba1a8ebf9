"""The dataset as one SQLite file, muni.sqlite: every table with its types, primary and
foreign keys, and full-text search on the pages' text and every row's evidence, laid out
as sqlite-utils lays it out (`<table>_fts`, an external-content FTS5 table), so that
`datasette muni.sqlite` offers search and follows the keys as links.

The export builds the dataset in it: rows go in as they are made, and the CSV, Parquet
and workbook files are read back out of it in each table's order, a chunk at a time, so
that no table is ever whole in memory."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pandas as pd

from normalizer.kinds import TABLES
from normalizer.schema import Table

DATABASE = "muni.sqlite"
_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER",
              "date": "TEXT", "datetime": "TEXT"}
SEARCHED = ("title", "text", "name", "evidence")  # the columns full-text search reads
BATCH = 2000  # rows written, or read back, at once
CACHE_KB = 32 * 1024  # SQLite's page cache: what its sorts and inserts may hold in memory
BY_NAME = {t.name: t for t in TABLES}
# each table's columns, and whether each is a boolean: what a row is written as, per row
_SHAPES = {t.name: [(c.name, c.type == "boolean") for c in t.columns] for t in TABLES}


def _create(table: Table) -> str:
    columns = [f'"{c.name}" {_SQL_TYPES[c.type]}{" NOT NULL" if c.required else ""}'
               + (" PRIMARY KEY" if c.name == table.primary_key else "")
               for c in table.columns]
    columns += [f'FOREIGN KEY ("{col}") REFERENCES "{ref}" ("{ref_col}")'
                for col, ref, ref_col in table.foreign_keys]
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(columns) + "\n)"


def data_date(newest: str | None) -> datetime:
    """When the newest page of the data was fetched (its last_seen): what the workbook,
    the data package and the report are dated by, not the clock, so that the same data
    makes the same files."""
    return datetime.strptime(newest, "%Y-%m-%dT%H:%M:%SZ") if newest else datetime(2000, 1, 1)


class Database:
    """muni.sqlite: made afresh with `create` (the export folder is new, so nothing is
    replaced), or an existing one opened to be read."""

    def __init__(self, path: Path, create: bool = False) -> None:
        if not create and not path.is_file():
            raise FileNotFoundError(f"{path}: no such file")
        self.db = sqlite3.connect(path)
        self.db.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        self.waiting: dict[str, list[tuple]] = defaultdict(list)
        if create:
            # a half-written file is thrown away with its folder: no journal to keep
            self.db.execute("PRAGMA journal_mode = OFF")
            self.db.execute("PRAGMA synchronous = OFF")
            for table in TABLES:  # keys declared, not enforced: a dangling id fails nothing
                self.db.execute(_create(table))

    def add(self, name: str, rows: list[dict]) -> None:
        """Rows for a table (a resolve sink): None for a column a row lacks, 0/1 for
        booleans."""
        shape, waiting = _SHAPES[name], self.waiting[name]
        for row in rows:
            waiting.append(tuple(
                None if (v := row.get(column)) is None else int(bool(v)) if flag else v
                for column, flag in shape))
        if len(waiting) >= BATCH:
            self._write(name)

    def _write(self, name: str) -> None:
        marks = ", ".join("?" * len(BY_NAME[name].columns))
        self.db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', self.waiting.pop(name))

    def flush(self) -> None:
        for name in list(self.waiting):
            self._write(name)
        self.db.commit()

    def rows(self, table: Table, columns: list[str] | None = None) -> Iterator[list[tuple]]:
        """The table's rows in its order (its sort columns, then its key), a chunk at a
        time, as Python values (booleans as bool)."""
        names = columns or table.names
        types = {c.name: c.type for c in table.columns}
        flags = [types[n] == "boolean" for n in names]
        order = ", ".join(f'"{c}"' for c in (*table.sort, table.primary_key))
        listed = ", ".join(f'"{c}"' for c in names)
        cursor = self.db.execute(f'SELECT {listed} FROM "{table.name}" ORDER BY {order}')
        while chunk := cursor.fetchmany(BATCH):
            if any(flags):
                chunk = [tuple(None if v is None else bool(v) if flag else v
                               for v, flag in zip(row, flags, strict=True)) for row in chunk]
            yield chunk

    def frame(self, table: Table, columns: list[str] | None = None) -> pd.DataFrame:
        """The table (or some of its columns) as a DataFrame, in its order: for tables a
        report shows whole, never for the pages' text."""
        names = columns or table.names
        return pd.DataFrame([row for chunk in self.rows(table, names) for row in chunk],
                            columns=names)

    def one(self, sql: str, *args: object) -> object:
        """The first value of a query's first row (None for no row)."""
        row = self.db.execute(sql, args).fetchone()
        return row[0] if row else None

    def query(self, sql: str, *args: object) -> sqlite3.Cursor:
        return self.db.execute(sql, args)

    def count(self, table: Table) -> int:
        return self.db.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]

    def data_date(self) -> datetime:
        return data_date(self.one('SELECT max(last_seen) FROM "pages"'))  # type: ignore[arg-type]

    def finish(self) -> None:
        """Full-text search on the text and evidence, and the file made compact."""
        self.flush()
        for table in TABLES:
            searched = [c for c in table.names if c in SEARCHED]
            if "evidence" in searched or table.name == "pages":
                listed = ", ".join(f'"{c}"' for c in searched)
                self.db.execute(f'CREATE VIRTUAL TABLE "{table.name}_fts" USING fts5('
                                f'{listed}, content="{table.name}")')
                self.db.execute(f'INSERT INTO "{table.name}_fts" ("{table.name}_fts") '
                                "VALUES ('rebuild')")
        self.db.commit()
        self.db.execute("VACUUM")

    def close(self) -> None:
        self.db.close()
