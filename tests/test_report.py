"""The report as a reader sees it: periods as the pages gave them, every event counted, a
timeline that holds its tallest year, labels that do not pile up, an archived copy of each
cited page that opens offline, and Latin lines that stay left to right in Persian rows."""

from __future__ import annotations

import re
from pathlib import Path

from normalizer.database import Database
from normalizer.report import (
    MAP_H,
    MAP_W,
    SNAPSHOTS,
    _label_place,
    archived_page,
    period,
    report_tables,
    write_report_files,
)

SEEN = "2026-01-02T03:04:05Z"
CITED = {"pages": 1, "page_id": "p1", "url": "https://x.example/news/1",
         "warc_file": "a.warc.gz", "warc_record_id": "<urn:uuid:1>", "first_seen": SEEN,
         "last_seen": SEEN}  # what every row of the dataset carries


def _event(i: int, start: str | None, end: str | None, precision: str | None) -> dict:
    return {"event_id": f"e{i}", "type": "visit", "start": start, "end": end,
            "precision": precision, "city": 1, "participants": "2", "officials": None,
            "evidence": f"سفر هیئت شماره {i} به شهر.", **CITED}


def _report(folder: Path) -> None:
    """The report of a small dataset, made as an export makes it: from its database."""
    events = [_event(i, "2018-05-01", "2018-05-01", "day") for i in range(12)]
    events += [_event(20, "1980-01-01", "1980-12-31", "year"),
               _event(21, "2005-08-01", "2005-08-31", "month"),
               _event(22, None, None, None), _event(23, None, None, None)]
    database = Database(folder / "muni.sqlite", create=True)
    database.add("events", events)
    database.add("cities", [
        {"geonameid": 1, "name": "Kashan", "country": "IR", "lat": 33.98, "lon": 51.43,
         "mentions": 1, **CITED},
        {"geonameid": 2, "name": "Nanjing", "country": "CN", "lat": 32.06, "lon": 118.78,
         "mentions": 1, **CITED}])
    database.add("relations", [{
        "relation_id": "r1", "type": "twin", "a": 1, "b": 2, "organization": None,
        "since": "2007", "since_text": "1386", "since_calendar": "jalali",
        "evidence": "خواهرخواندگی", **CITED}])
    database.add("pages", [{
        "source": "s", "language": "fa", "has_text": True, "title": "خبر",
        "text": "مقدمه.\nسفر هیئت شماره 3 به شهر. پایان.", "fetched_at": SEEN,
        "content_sha1": "0" * 40, **CITED}])
    database.flush()
    write_report_files(folder, report_tables(database), archived_page(database))
    database.close()


def test_periods_are_printed_as_the_page_gave_them():
    assert period("1980-01-01", "1980-12-31", "year") == "1980"
    assert period("1995-01-01", "1997-12-31", "year") == "1995–1997"
    assert period("2005-08-01", "2005-08-31", "month") == "2005-08"
    assert period("2005-04-30", "2005-05-05", "day") == "2005-04-30 – 2005-05-05"
    assert period(None, None, None) == "undated"


def test_the_report_counts_every_event_and_fits_its_tallest_year(tmp_path):
    _report(tmp_path)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "14 dated events" in html and "2 events the pages give no date for" in html
    assert html.count("<td>undated</td>") == 2 and "<td>1980</td>" in html
    assert "<td>2005-08</td>" in html and "1980-01-01 – 1980-12-31" not in html
    timeline = html[html.index("<h2>Events over time"):html.index("<h2>Twin")]
    height = int(re.search(r'<svg width="\d+" height="(\d+)"', timeline).group(1))
    dots = [int(y) for y in re.findall(r'<circle cx="[\d.]+" cy="(-?\d+)"', timeline)]
    assert len(dots) == 14 and min(dots) - 4 >= 0 and max(dots) + 4 <= height


def test_each_row_links_its_archived_copy_which_opens_offline(tmp_path):
    _report(tmp_path)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f'href="{SNAPSHOTS}/p1.html"' in html and 'href="https://x.example/news/1"' in html
    copy = (tmp_path / SNAPSHOTS / "p1.html").read_text(encoding="utf-8")
    assert "<mark>سفر هیئت شماره 3 به شهر.</mark>" in copy  # the cited sentence, marked
    assert "<script" not in copy and '<p dir="ltr">Archived' in copy
    # the archive line under Persian evidence stays left to right
    assert re.search(r'<p dir="auto">سفر[^<]*</p><p dir="ltr">WARC a\.warc\.gz', html)


def test_city_labels_never_overlap_and_stay_on_the_map():
    placed: list[tuple[float, float, float, float]] = []
    labels = [_label_place(450 + (i % 3), 200 + (i % 2), f"City {i}", placed)
              for i in range(12)]  # a dozen cities on nearly one spot
    assert 1 < sum(label is not None for label in labels) <= 4  # the rest are tooltips
    for i, a in enumerate(placed):
        assert a[0] >= 0 and a[2] <= MAP_W and a[1] >= 0 and a[3] <= MAP_H
        for b in placed[i + 1:]:
            assert a[2] < b[0] or a[0] > b[2] or a[3] < b[1] or a[1] > b[3]
    assert _label_place(MAP_W - 3, 100, "Munakata", []) is not None  # placed to its left
