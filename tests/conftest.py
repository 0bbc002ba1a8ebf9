"""Shared test parts: the fixture sites served on loopback, sources pointing at them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from muni.fixture_server import FixtureServer, load_sites
from parsers.languages import decoding_for
from scraper import Source
from scraper.warc import iter_records

FAST_DELAY = 0.02  # the sources' own delay; robots.txt's crawl-delay (0.1) must win


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    """A fresh server per test: the 503-once pages fail once for each test."""
    with FixtureServer(load_sites()) as srv:
        yield srv


def sources_for(server: FixtureServer, **overrides) -> list[Source]:
    """The fixture sites as muni hands them to the crawler (with their language's
    decoding, as muni's pipeline adds it)."""
    return [Source(name=name, language=site.language, start_urls=(server.base(name) + "/",),
                   decoding=decoding_for(site.language),
                   **{"delay": FAST_DELAY, **overrides})
            for name, site in server.sites.items()]


def write_sources_yaml(path: Path, sources: list[Source]) -> Path:
    lines = ["sources:"]
    for s in sources:
        lines += [f"  - name: {s.name}", f"    language: {s.language}",
                  f"    start_urls: [{s.start_urls[0]}]", f"    delay: {s.delay}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def responses(data_dir: Path, source: str) -> list[tuple[str, int, object]]:
    """(url, HTTP status, record) of every response record in a source's WARC files."""
    out = []
    for path in sorted((data_dir / "raw" / source).glob("*.warc.gz")):
        for _, record in iter_records(path):
            if record.rec_type == "response":
                out.append((record.rec_headers.get_header("WARC-Target-URI"),
                            int(record.http_headers.get_statuscode()), record))
    return out


def state_rows(data_dir: Path, source: str, sql: str) -> list[tuple]:
    db = sqlite3.connect(data_dir / "raw" / source / "state.sqlite")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def served_pages(server: FixtureServer, name: str) -> set[str]:
    """Absolute URLs of the HTML article pages a site serves."""
    return {server.base(name) + path for path in server.sites[name].pages}


def write_warc(path: Path, captures: list[tuple[str, bytes]], gzip: bool = True,
               edit: Callable | None = None) -> Path:
    """A WARC file as warcio writes it: a 200 response per (URL, body); `edit(i, record)`
    may change a record before it is written (the oddities of other archiving tools)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for i, (url, body) in enumerate(captures):
            kind = "image/png" if url.endswith(".png") else "text/html"
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                               http_headers=headers)
            if edit:
                edit(i, record)
            writer.write_record(record)
    return path
