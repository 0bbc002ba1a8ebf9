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
from collections import Counter
from datetime import datetime
from pathlib import Path
from types import TracebackType

import xlsxwriter

from normalizer.schema import Table

WORKBOOK = "muni.xlsx"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32_767  # characters Excel holds in a cell
MAX_ROWS = 1_048_576  # rows Excel holds in a sheet, the header included
TRUNCATED = " […]"


MIN_WIDTH, MAX_WIDTH = 6, 60  # column widths in characters: ids and URLs fit, text is cut
WHEN_WIDTH = {"date": 12, "datetime": 20}  # a date cell as a spreadsheet shows it
_DAY, _STAMP = "%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ"
FITTED_SHARE = 0.95  # widths fit the longest of most values: one long sentence does not
# make a column of evidence a screen wide


def _width(name: str, lengths: Counter[int]) -> float:
    """Fitted to the header and to the longest of most values (the 95th percentile, as
    pandas interpolates it, of their lengths), within the caps."""
    count = sum(lengths.values())
    longest = 0.0
    if count:
        at = FITTED_SHARE * (count - 1)
        below, above = _nth(lengths, math.floor(at)), _nth(lengths, math.ceil(at))
        longest = below + (above - below) * (at - math.floor(at))
    return min(MAX_WIDTH, max(MIN_WIDTH, len(name) + 2, longest + 1))


def _nth(lengths: Counter[int], n: int) -> int:
    """The n-th smallest length (from 0) of those counted."""
    seen = 0
    for length in sorted(lengths):
        seen += lengths[length]
        if seen > n:
            return length
    raise IndexError(n)


def _when(text: str, kind: str) -> datetime | None:
    """The date or time a cell holds, None for text of another shape (written as text:
    the cell keeps what the CSV has)."""
    text = str(text)
    shaped = len(text) in (10, 20) and text[4] == text[7] == "-" and (
        len(text) == 10 if kind == "date" else text[10] == "T" and text[-1] == "Z")
    try:  # (fromisoformat on the shapes the tables write: strptime costs ten times more)
        return datetime.fromisoformat(text[:19]) if shaped else \
            datetime.strptime(text, _DAY if kind == "date" else _STAMP)
    except ValueError:
        return None


class Workbook:
    """The workbook, a sheet per table, each written a chunk of rows at a time."""

    def __init__(self, path: Path, created: datetime) -> None:
        self.book = xlsxwriter.Workbook(str(path), {
            "constant_memory": True, "strings_to_formulas": False,
            "strings_to_numbers": False, "strings_to_urls": False})
        self.book.set_properties({"title": "muni dataset", "created": created})
        self.header = self.book.add_format({"bold": True, "bottom": 1, "text_wrap": True,
                                            "valign": "top"})
        self.as_text = self.book.add_format({"quote_prefix": True})
        self.as_when = {"date": self.book.add_format({"num_format": "yyyy-mm-dd"}),
                        "datetime": self.book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})}
        self.notes: list[str] = []  # what a spreadsheet cannot hold

    def sheet(self, table: Table) -> Sheet:
        return Sheet(self, table)

    def close(self) -> list[str]:
        self.book.close()
        return self.notes


class Sheet:
    """One table's sheet: typed cells, then (as it closes) widths fitted to what it holds,
    the header frozen, filtered and repeated on every printed page."""

    def __init__(self, workbook: Workbook, table: Table) -> None:
        self.workbook, self.table = workbook, table
        self.sheet = workbook.book.add_worksheet(table.name)
        self.kinds = [c.type for c in table.columns]
        self.lengths: list[Counter[int]] = [Counter() for _ in table.columns]
        self.row = self.cut = self.left_out = 0
        for col, column in enumerate(table.columns):
            self.sheet.write_string(0, col, column.name, workbook.header)

    def add(self, rows: list[tuple]) -> None:
        sheet, book = self.sheet, self.workbook
        for values in rows:
            if self.row + 1 >= MAX_ROWS:
                self.left_out += 1
                continue
            self.row += 1
            for col, value in enumerate(values):
                if value is None or (isinstance(value, float) and math.isnan(value)):
                    continue
                kind = self.kinds[col]
                self.lengths[col][len(str(value))] += 1
                if kind in ("integer", "number"):
                    sheet.write_number(self.row, col, float(value))
                elif kind == "boolean":
                    sheet.write_boolean(self.row, col, bool(value))
                elif kind in book.as_when and (when := _when(value, kind)) is not None:
                    sheet.write_datetime(self.row, col, when, book.as_when[kind])
                else:
                    text = str(value)
                    if len(text) > MAX_CELL:
                        text, self.cut = text[:MAX_CELL - len(TRUNCATED)] + TRUNCATED, \
                            self.cut + 1
                    sheet.write_string(self.row, col, text,
                                       book.as_text if text.startswith(FORMULA_START) else None)

    def __enter__(self) -> Sheet:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        sheet, table, notes = self.sheet, self.table, self.workbook.notes
        for col, column in enumerate(table.columns):
            sheet.set_column(col, col, max(WHEN_WIDTH.get(column.type, 0),
                                           _width(column.name, self.lengths[col])))
        sheet.freeze_panes(1, 0)
        sheet.repeat_rows(0)  # the header on every printed page
        sheet.set_landscape()
        sheet.autofilter(0, 0, self.row, len(table.columns) - 1)
        if self.left_out:
            notes.append(f"{table.name}: only the first {MAX_ROWS - 1} of "
                         f"{self.row + self.left_out} rows fit a sheet; the CSV has them all")
        if self.cut:
            notes.append(f"{table.name}: {self.cut} cells longer than a spreadsheet cell "
                         "holds are cut short; the CSV has them whole")
