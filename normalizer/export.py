"""The export stage: data/interim in, the clean dataset out, replaced as a whole.

Each export is written into its own folder under data/exports/; `data/clean` is a symbolic
link that is then switched to it in one rename. A reader, or a run killed at any moment,
sees the previous dataset or the new one, never a mix. The previous folder is kept.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from normalizer.database import DATABASE, write_database
from normalizer.kinds import TABLES
from normalizer.report import write_report_files
from normalizer.resolve import build_tables
from normalizer.spreadsheet import WORKBOOK, write_workbook
from normalizer.writers import frame, write_csv, write_datapackage, write_parquet

KEEP_EXPORTS = 2  # the current dataset and the one before it
log = logging.getLogger(__name__)


class ExportError(RuntimeError):
    """Nothing to export, or the interim records cannot be read."""


# What a page row cannot be without: where it came from and when (pages' required columns).
PROVENANCE_NEEDED = ("page_id", "source", "url", "fetched_at", "content_sha1", "warc_file",
                     "warc_record_id")


def _usable(record: dict) -> bool:
    if any(pd.isna(record.get(k)) or record.get(k) == "" for k in PROVENANCE_NEEDED):
        return False
    return bool(re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", str(record["fetched_at"])))


def read_interim(data_dir: Path) -> list[dict]:
    """The page records of every source. A record without its provenance (parsed by an
    older muni from an odd archive) is passed over with a warning; a file that cannot be
    read stops the export, which leaves the dataset before it whole: a dataset without
    one of its sources is not published."""
    files = sorted((data_dir / "interim").glob("*.parquet"))
    if not files:
        raise ExportError(f"no parsed pages in {data_dir / 'interim'} (run 'muni parse' first)")
    records: list[dict] = []
    for file in files:
        try:
            found = pd.read_parquet(file).to_dict("records")
        except (OSError, ValueError) as exc:
            raise ExportError(f"{file}: unreadable ({exc}); run 'muni parse' again") from None
        kept = [r for r in found if _usable(r)]
        if len(kept) < len(found):
            log.warning("%s: %d records without a date or an archive record id left out "
                        "(parse again to repair them)", file, len(found) - len(kept))
        records += kept
    return records


def previous_first_seen(clean: Path) -> dict[str, dict[str, str]]:
    """first_seen by row id in the dataset being replaced, so that it survives a refresh."""
    seen: dict[str, dict[str, str]] = {}
    for table in TABLES:
        path = clean / f"{table.name}.parquet"
        if not path.exists():
            continue
        try:
            data = pq.read_table(path, columns=[table.primary_key, "first_seen"]).to_pandas()
        except (OSError, ValueError, KeyError):
            continue  # an older layout: first_seen starts afresh
        stamps = data["first_seen"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
        seen[table.name] = dict(zip(data[table.primary_key].astype(str), stamps, strict=True))
    return seen


def read_dataset(clean: Path) -> dict[str, pd.DataFrame]:
    """Every table of an exported dataset, as Parquet gives it back."""
    try:
        return {t.name: pd.read_parquet(clean / f"{t.name}.parquet") for t in TABLES}
    except (OSError, ValueError) as exc:
        raise ExportError(f"no dataset in {clean} (run 'muni export' first): {exc}") from None


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
STEPS = ("reading the page records", "resolving entities", "writing tables", "database",
         "workbook", "report")


def export(data_dir: Path, on_step: Callable[[int, str], None] | None = None
           ) -> dict[str, int]:
    """Build and write the tables; returns rows per table. `on_step` hears of each step
    (how many are done, and the next one's name) as it starts."""
    def step(done: int) -> None:
        if on_step:
            on_step(done, STEPS[done])

    step(0)
    records = read_interim(data_dir)
    clean, exports = data_dir / "clean", data_dir / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    _adopt_plain_folder(clean, exports)
    step(1)
    rows = build_tables(records, previous_first_seen(clean))
    frames = {t.name: frame(t, rows[t.name]) for t in TABLES}
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    work = exports / f"{stamp}.tmp"
    work.mkdir()
    step(2)
    for table in TABLES:
        write_csv(frames[table.name], work / f"{table.name}.csv")
        write_parquet(frames[table.name], table, work / f"{table.name}.parquet")
    counts = {name: len(df) for name, df in frames.items()}
    write_datapackage(work, frames)
    step(3)
    write_database(frames, work / DATABASE)
    step(4)
    notes = write_workbook(frames, work / WORKBOOK)
    if notes:
        (work / "NOTES.txt").write_text("\n".join(notes) + "\n", encoding="utf-8")
    step(5)
    # the report is part of every dataset: a refresh never leaves one without it
    write_report_files(work, {name: pd.read_parquet(work / f"{name}.parquet")
                              for name in frames})
    final = exports / stamp
    work.rename(final)
    _switch(clean, final)
    _prune(exports, final)
    return counts
