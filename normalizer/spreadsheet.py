"""The spreadsheet-ready export: one .xlsx workbook, a sheet per table.

Each sheet is laid out to be read: widths fitted to the content (capped), the header
frozen, filtered and repeated on every printed page, numbers, booleans, dates and
timestamps as typed cells. Scraped text is written as text cells, never as formulas, so
`=HYPERLINK(...)` on a web page stays those characters in Excel and LibreOffice; cells
that begin like a formula also get the quote prefix, so that editing them does not turn
them into one either.
"""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

import pandas as pd
import xlsxwriter

from normalizer.kinds import TABLES
from normalizer.writers import data_date

WORKBOOK = "muni.xlsx"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32_767  # characters Excel holds in a cell
MAX_ROWS = 1_048_576  # rows Excel holds in a sheet, the header included
TRUNCATED = " […]"


MIN_WIDTH, MAX_WIDTH = 6, 60  # column widths in characters: ids and URLs fit, text is cut
WHEN_WIDTH = {"date": 12, "datetime": 20}  # a date cell as a spreadsheet shows it
_DAY, _STAMP = "%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ"


def _width(name: str, values: pd.Series) -> float:
    """Fitted to the header and to the longest of most values (the 95th percentile, so one
    long sentence does not make a column of evidence a screen wide), within the caps."""
    lengths = values.dropna().astype(str).str.len()
    longest = float(lengths.quantile(0.95)) if len(lengths) else 0.0
    return min(MAX_WIDTH, max(MIN_WIDTH, len(name) + 2, longest + 1))


def _when(text: str, kind: str) -> datetime | None:
    try:
        return datetime.strptime(str(text), _DAY if kind == "date" else _STAMP)
    except ValueError:
        return None  # written as text instead: the cell keeps what the CSV has


def write_workbook(tables: dict[str, pd.DataFrame], path: Path) -> list[str]:
    """Write the workbook; returns notes on what a spreadsheet cannot hold."""
    notes = []
    workbook = xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False})
    workbook.set_properties({"title": "muni dataset", "created": data_date(tables)})
    header = workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True,
                                  "valign": "top"})
    as_text = workbook.add_format({"quote_prefix": True})
    as_when = {"date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
               "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})}
    try:
        for table in TABLES:
            df = tables[table.name]
            sheet = workbook.add_worksheet(table.name)
            # widths first: a sheet written row by row gets its column layout up front
            for col, column in enumerate(table.columns):
                sheet.set_column(col, col, max(WHEN_WIDTH.get(column.type, 0),
                                               _width(column.name, df[column.name])))
            sheet.freeze_panes(1, 0)
            sheet.repeat_rows(0)  # the header on every printed page
            sheet.set_landscape()
            for col, column in enumerate(table.columns):
                sheet.write_string(0, col, column.name, header)
            kinds = [c.type for c in table.columns]
            if len(df) >= MAX_ROWS:
                notes.append(f"{table.name}: only the first {MAX_ROWS - 1} of {len(df)} rows "
                             "fit a sheet; the CSV has them all")
            cut = 0
            for row, values in enumerate(df.itertuples(index=False, name=None), start=1):
                if row >= MAX_ROWS:
                    break
                for col, value in enumerate(values):
                    if value is None or value is pd.NA or (
                            isinstance(value, float) and math.isnan(value)):
                        continue
                    kind = kinds[col]
                    if kind in ("integer", "number"):
                        sheet.write_number(row, col, float(value))
                        continue
                    if kind == "boolean":
                        sheet.write_boolean(row, col, bool(value))
                        continue
                    if kind in as_when and (when := _when(value, kind)) is not None:
                        sheet.write_datetime(row, col, when, as_when[kind])
                        continue
                    text = str(value)
                    if len(text) > MAX_CELL:
                        text, cut = text[:MAX_CELL - len(TRUNCATED)] + TRUNCATED, cut + 1
                    sheet.write_string(row, col, text,
                                       as_text if text.startswith(FORMULA_START) else None)
            sheet.autofilter(0, 0, min(len(df), MAX_ROWS - 1), len(table.columns) - 1)
            if cut:
                notes.append(f"{table.name}: {cut} cells longer than a spreadsheet cell "
                             "holds are cut short; the CSV has them whole")
    finally:
        workbook.close()
    return notes
