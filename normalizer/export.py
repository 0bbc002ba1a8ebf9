"""The export stage: data/interim in, the clean dataset out, replaced as a whole.

The records stream through: they are read a batch at a time, their rows built into the
new muni.sqlite, and every other file read back out of it a chunk at a time, so that the
export's memory does not grow with the pages (python -m bench scale measures it).

Each export is written into its own folder under data/exports/; `data/clean` is a symbolic
link that is then switched to it in one rename. A reader, or a run killed at any moment,
sees the previous dataset or the new one, never a mix. The previous folder is kept.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from normalizer.database import DATABASE, Database
from normalizer.kinds import TABLES
from normalizer.report import archived_page, report_tables, write_report_files
from normalizer.resolve import newest, resolve
from normalizer.spreadsheet import WORKBOOK, Workbook
from normalizer.writers import TableFiles, write_datapackage

KEEP_EXPORTS = 2  # the current dataset and the one before it
log = logging.getLogger(__name__)


class ExportError(RuntimeError):
    """Nothing to export, or the interim records cannot be read."""


# What a page row cannot be without: where it came from and when (pages' required columns).
PROVENANCE_NEEDED = ("page_id", "source", "url", "fetched_at", "content_sha1", "warc_file",
                     "warc_record_id")
READ_BATCH = 500  # records read from an interim file at once


def _usable(record: dict) -> bool:
    if any(pd.isna(record.get(k)) or record.get(k) == "" for k in PROVENANCE_NEEDED):
        return False
    return bool(re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", str(record["fetched_at"])))


def _interim_files(data_dir: Path) -> list[Path]:
    files = sorted((data_dir / "interim").glob("*.parquet"))
    if not files:
        raise ExportError(f"no parsed pages in {data_dir / 'interim'} (run 'muni parse' first)")
    return files


def _unreadable(file: Path, exc: Exception) -> ExportError:
    return ExportError(f"{file}: unreadable ({exc}); run 'muni parse' again")


def _chosen(files: list[Path]) -> dict[Path, set[int]]:
    """Which records of each file the dataset is made of, read from their provenance
    alone: one record per page (resolve.newest), none without its provenance (parsed by
    an older muni from an odd archive: passed over with a warning). A file that cannot
    be read stops the export, which leaves the dataset before it whole: a dataset without
    one of its sources is not published."""
    captures: list[tuple[str, str | None, str]] = []
    where: list[tuple[Path, int]] = []
    for file in files:
        try:
            table = pq.read_table(file, columns=list(PROVENANCE_NEEDED))
        except (OSError, ValueError, KeyError) as exc:
            raise _unreadable(file, exc) from None
        found = table.to_pylist()
        kept = [(i, r) for i, r in enumerate(found) if _usable(r)]
        if len(kept) < len(found):
            log.warning("%s: %d records without a date or an archive record id left out "
                        "(parse again to repair them)", file, len(found) - len(kept))
        captures += [(r["page_id"], r["fetched_at"], r["source"]) for _, r in kept]
        where += [(file, i) for i, _ in kept]
    chosen: dict[Path, set[int]] = {file: set() for file in files}
    for index in newest(captures).values():
        file, row = where[index]
        chosen[file].add(row)
    return chosen


def _records(chosen: dict[Path, set[int]]) -> Iterator[dict]:
    """The chosen records, file by file, a batch at a time."""
    for file, rows in chosen.items():
        at = 0
        try:
            for batch in pq.ParquetFile(file).iter_batches(batch_size=READ_BATCH):
                for record in batch.to_pylist():
                    if at in rows:
                        yield record
                    at += 1
        except (OSError, ValueError) as exc:
            raise _unreadable(file, exc) from None


class _PreviousSeen(Mapping[str, Mapping[str, str]]):
    """first_seen by row id, per table, in the dataset being replaced, so that it survives
    a refresh: read into the new database a batch at a time, looked up row by row."""

    def __init__(self, clean: Path, database: Database) -> None:
        self.db = database.db
        self.db.execute("CREATE TABLE _previous_seen (tbl TEXT, id TEXT, first_seen TEXT, "
                        "PRIMARY KEY (tbl, id)) WITHOUT ROWID")
        self.tables: set[str] = set()
        for table in TABLES:
            path = clean / f"{table.name}.parquet"
            try:
                batches = pq.ParquetFile(path).iter_batches(
                    batch_size=10 * READ_BATCH, columns=[table.primary_key, "first_seen"])
                for batch in batches:
                    ids = batch.column(0).cast(pa.string())
                    # (Parquet keeps seconds as milliseconds: to the second again)
                    seen = batch.column(1).cast(pa.timestamp("s", tz="UTC"))
                    stamps = pc.strftime(seen, format="%Y-%m-%dT%H:%M:%SZ")
                    self.db.executemany("INSERT OR IGNORE INTO _previous_seen VALUES (?, ?, ?)",
                                        ((table.name, i, t) for i, t in
                                         zip(ids.to_pylist(), stamps.to_pylist(), strict=True)))
                self.tables.add(table.name)
            except (OSError, ValueError, KeyError, pa.ArrowException):
                continue  # none, or an older layout: first_seen starts afresh

    def __getitem__(self, table: str) -> Mapping[str, str]:
        return _SeenIn(self.db, table) if table in self.tables else {}

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def close(self) -> None:
        self.db.execute("DROP TABLE _previous_seen")


class _SeenIn(Mapping[str, str]):
    """One table's first_seen by row id, looked up in the database."""

    def __init__(self, db: sqlite3.Connection, table: str) -> None:
        self.db, self.table = db, table

    def __getitem__(self, row_id: str) -> str:
        found = self.db.execute("SELECT first_seen FROM _previous_seen WHERE tbl = ? AND id = ?",
                                (self.table, row_id)).fetchone()
        if found is None:
            raise KeyError(row_id)
        return found[0]

    def __iter__(self) -> Iterator[str]:
        return (i for (i,) in self.db.execute("SELECT id FROM _previous_seen WHERE tbl = ?",
                                              (self.table,)))

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM _previous_seen WHERE tbl = ?",
                               (self.table,)).fetchone()[0]


def report_files(folder: Path) -> list[Path]:
    """report.html, ties.geojson and the archived copies made again from the dataset in
    `folder` (every export writes them too)."""
    try:
        database = Database(folder / DATABASE)
    except (FileNotFoundError, sqlite3.Error) as exc:
        raise ExportError(f"no dataset in {folder} (run 'muni export' first): {exc}") from None
    try:
        return write_report_files(folder, report_tables(database), archived_page(database))
    except sqlite3.Error as exc:
        raise ExportError(f"{folder / DATABASE}: not a muni dataset ({exc}); run 'muni "
                          "export' again") from None
    finally:
        database.close()


def _adopt_plain_folder(clean: Path, exports: Path) -> None:
    """A data/clean that is a plain folder (an older layout, or a fresh clone's) becomes
    the first export folder, so that nothing in it is lost."""
    if clean.is_symlink() or not clean.exists():
        return
    if any(p.name != ".gitkeep" for p in clean.iterdir()):
        clean.rename(exports / "before-exports")
    else:
        shutil.rmtree(clean)


def _switch(clean: Path, target: Path) -> None:
    link = clean.with_name(f".{clean.name}.link")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(target, clean.parent))
    os.replace(link, clean)  # atomic: the link now points at the new dataset


def _prune(exports: Path, current: Path) -> None:
    """Drop unfinished folders of killed runs and all but the newest finished ones."""
    finished = []
    for folder in sorted(exports.iterdir()):
        if folder.name.endswith(".tmp"):
            shutil.rmtree(folder, ignore_errors=True)
        elif folder.is_dir() and folder != current:
            finished.append(folder)
    for folder in finished[:-(KEEP_EXPORTS - 1) or None]:
        shutil.rmtree(folder, ignore_errors=True)


# The export's steps, in order, for a progress display.
STEPS = ("choosing the page records", "resolving entities", "writing tables", "database",
         "report")


def export(data_dir: Path, on_step: Callable[[int, str], None] | None = None
           ) -> dict[str, int]:
    """Build and write the tables; returns rows per table. `on_step` hears of each step
    (how many are done, and the next one's name) as it starts."""
    def step(done: int) -> None:
        if on_step:
            on_step(done, STEPS[done])

    step(0)
    chosen = _chosen(_interim_files(data_dir))
    clean, exports = data_dir / "clean", data_dir / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    _adopt_plain_folder(clean, exports)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    work = exports / f"{stamp}.tmp"
    work.mkdir()
    database = Database(work / DATABASE, create=True)
    try:
        step(1)
        previous = _PreviousSeen(clean, database)
        resolve(_records(chosen), previous, database.add, database.db)
        previous.close()
        database.flush()
        step(2)
        workbook = Workbook(work / WORKBOOK, database.data_date())
        counts = {}
        for table in TABLES:  # each table read back once, in its order, for all three
            with TableFiles(work, table) as files, workbook.sheet(table) as sheet:
                for rows in database.rows(table):
                    files.add(rows)
                    sheet.add(rows)
            counts[table.name] = files.rows
        notes = workbook.close()
        if notes:
            (work / "NOTES.txt").write_text("\n".join(notes) + "\n", encoding="utf-8")
        write_datapackage(work, database)
        step(3)
        database.finish()
        step(4)
        # the report is part of every dataset: a refresh never leaves one without it
        write_report_files(work, report_tables(database), archived_page(database))
    finally:
        database.close()
    final = exports / stamp
    work.rename(final)
    _switch(clean, final)
    _prune(exports, final)
    return counts
