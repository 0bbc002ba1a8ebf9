"""Writes the clean tables: CSV (UTF-8, no byte-order mark) and Parquet, replaced atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

PAGE_COLUMNS = ["page_id", "source", "url", "language", "title", "published", "fetched_at",
                "encoding", "warc_file", "warc_record_id", "text"]


class ExportError(RuntimeError):
    """Nothing to export, or the interim records cannot be read."""


def read_interim(data_dir: Path) -> pd.DataFrame:
    files = sorted((data_dir / "interim").glob("*.parquet"))
    if not files:
        raise ExportError(f"no parsed pages in {data_dir / 'interim'} (run 'muni parse' first)")
    frames = []
    for file in files:
        try:
            frames.append(pd.read_parquet(file))
        except (OSError, ValueError) as exc:
            raise ExportError(f"{file}: unreadable ({exc})") from None
    return pd.concat(frames, ignore_index=True)


def _replace(frame: pd.DataFrame, clean: Path, name: str) -> None:
    """Write both files beside their targets, then swap them in."""
    tmp_csv, tmp_parquet = clean / f".{name}.csv.tmp", clean / f".{name}.parquet.tmp"
    frame.to_csv(tmp_csv, index=False, encoding="utf-8", lineterminator="\n")
    frame.to_parquet(tmp_parquet, index=False)
    os.replace(tmp_parquet, clean / f"{name}.parquet")
    os.replace(tmp_csv, clean / f"{name}.csv")


def export(data_dir: Path) -> dict[str, int]:
    """Build the tables from the parsed records; returns rows per table."""
    pages = read_interim(data_dir)
    pages = pages[PAGE_COLUMNS].sort_values(["source", "url"], kind="stable")
    clean = data_dir / "clean"
    clean.mkdir(parents=True, exist_ok=True)
    _replace(pages.reset_index(drop=True), clean, "pages")
    return {"pages": len(pages)}
