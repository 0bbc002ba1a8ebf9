"""The report as a reader sees it: periods as the pages gave them, every event counted, a
timeline that holds its tallest year, labels that do not pile up, an archived copy of each
cited page that opens offline, and Latin lines that stay left to right in Persian rows."""

from __future__ import annotations

import re

import pandas as pd

from normalizer.report import MAP_H, MAP_W, SNAPSHOTS, _label_place, period, write_report_files

SEEN = "2026-01-02T03:04:05Z"


def _event(i: int, start: str | None, end: str | None, precision: str | None) -> dict:
    return {"event_id": f"e{i}", "type": "visit", "start": start, "end": end,
            "precision": precision, "city": 1, "participants": "2", "officials": None,
            "pages": 1, "page_id": "p1", "url": "https://x.example/news/1",
            "evidence": f"سفر هیئت شماره {i} به شهر.", "warc_file": "a.warc.gz",
            "warc_record_id": "<urn:uuid:1>"}


def _tables() -> dict[str, pd.DataFrame]:
    events = [_event(i, "2018-05-01", "2018-05-01", "day") for i in range(12)]
    events += [_event(20, "1980-01-01", "1980-12-31", "year"),
               _event(21, "2005-08-01", "2005-08-31", "month"),
               _event(22, None, None, None), _event(23, None, None, None)]
    cities = pd.DataFrame({"geonameid": [1, 2], "name": ["Kashan", "Nanjing"],
                           "country": ["IR", "CN"], "lat": [33.98, 32.06],
                           "lon": [51.43, 118.78]})
    relations = pd.DataFrame([{"relation_id": "r1", "type": "twin", "a": 1, "b": 2.0,
                               "organization": None, "since": "2007", "since_text": "1386",
                               "since_calendar": "jalali", "pages": 1, "page_id": "p1",
                               "url": "https://x.example/news/1", "evidence": "خواهرخواندگی",
                               "warc_file": "a.warc.gz", "warc_record_id": "<urn:uuid:1>"}])
    pages = pd.DataFrame([{"page_id": "p1", "source": "s", "url": "https://x.example/news/1",
                           "language": "fa", "has_text": True, "title": "خبر",
                           "text": "مقدمه.\nسفر هیئت شماره 3 به شهر. پایان.",
                           "fetched_at": SEEN, "last_seen": SEEN, "warc_file": "a.warc.gz",
                           "warc_record_id": "<urn:uuid:1>"}])
    officials = pd.DataFrame(columns=["official_id", "name", "name_latin", "role", "city",
                                      "organization", "pages", "page_id", "url", "evidence",
                                      "warc_file", "warc_record_id"])
    empty = pd.DataFrame(columns=["page_id"])
    return {"events": pd.DataFrame(events), "cities": cities, "relations": relations,
            "pages": pages, "officials": officials, "city_mentions": empty, "dates": empty,
            "official_mentions": empty, "event_mentions": empty, "relation_mentions": empty}


def test_periods_are_printed_as_the_page_gave_them():
    assert period("1980-01-01", "1980-12-31", "year") == "1980"
    assert period("1995-01-01", "1997-12-31", "year") == "1995–1997"
    assert period("2005-08-01", "2005-08-31", "month") == "2005-08"
    assert period("2005-04-30", "2005-05-05", "day") == "2005-04-30 – 2005-05-05"
    assert period(None, None, None) == "undated"


def test_the_report_counts_every_event_and_fits_its_tallest_year(tmp_path):
    write_report_files(tmp_path, _tables())
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "14 dated events" in html and "2 events the pages give no date for" in html
    assert html.count("<td>undated</td>") == 2 and "<td>1980</td>" in html
    assert "<td>2005-08</td>" in html and "1980-01-01 – 1980-12-31" not in html
    timeline = html[html.index("<h2>Events over time"):html.index("<h2>Twin")]
    height = int(re.search(r'<svg width="\d+" height="(\d+)"', timeline).group(1))
    dots = [int(y) for y in re.findall(r'<circle cx="[\d.]+" cy="(-?\d+)"', timeline)]
    assert len(dots) == 14 and min(dots) - 4 >= 0 and max(dots) + 4 <= height


def test_each_row_links_its_archived_copy_which_opens_offline(tmp_path):
    write_report_files(tmp_path, _tables())
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
