"""The spreadsheet-ready export: one .xlsx workbook, a sheet per table.

Scraped text is written as text cells, never as formulas, so `=HYPERLINK(...)` on a web
page stays those characters in Excel and LibreOffice; cells that begin like a formula
also get the quote prefix, so that editing them does not turn them into one either.
"""

from __future__ import annotations

import math
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


def write_workbook(tables: dict[str, pd.DataFrame], path: Path) -> list[str]:
    """Write the workbook; returns notes on what a spreadsheet cannot hold."""
    notes = []
    workbook = xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False})
    workbook.set_properties({"title": "muni dataset", "created": data_date(tables)})
    header = workbook.add_format({"bold": True})
    as_text = workbook.add_format({"quote_prefix": True})
    try:
        for table in TABLES:
            df = tables[table.name]
            sheet = workbook.add_worksheet(table.name)
            sheet.freeze_panes(1, 0)
            for col, column in enumerate(table.columns):
                sheet.write_string(0, col, column.name, header)
            numeric = [c.type in ("integer", "number") for c in table.columns]
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
                    if numeric[col]:
                        sheet.write_number(row, col, float(value))
                        continue
                    text = str(value)
                    if len(text) > MAX_CELL:
                        text, cut = text[:MAX_CELL - len(TRUNCATED)] + TRUNCATED, cut + 1
                    sheet.write_string(row, col, text,
                                       as_text if text.startswith(FORMULA_START) else None)
            if cut:
                notes.append(f"{table.name}: {cut} cells longer than a spreadsheet cell "
                             "holds are cut short; the CSV has them whole")
    finally:
        workbook.close()
    return notes
