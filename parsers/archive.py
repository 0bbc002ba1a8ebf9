"""Pages out of WARC files: the latest HTML capture of each URL, ours or anyone's
(Common Crawl segments included)."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from warcio.exceptions import ArchiveLoadFailed

from scraper.warc import NOT_MODIFIED, iter_records, read_payload_at

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Capture:
    url: str
    warc_path: str
    offset: int
    record_id: str
    date: str
    status: int
    content_type: str | None
    truncated: bool


@dataclass
class ArchiveScan:
    """What the files hold: the HTML captures, and what was passed over and why."""

    captures: dict[str, Capture] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> records
    damaged: list[str] = field(default_factory=list)  # files that end in a broken record

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def passed_over(self) -> str:
        """The records passed over, as a log line says them: '3 not HTML, 1 HTTP 404'."""
        return ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))


def _media_type(record) -> str:
    declared = record.http_headers.get_header("Content-Type") or \
        record.rec_headers.get_header("WARC-Identified-Payload-Type") or ""
    return declared.split(";")[0].strip().lower()


def scan_archives(paths: Iterable[str | Path]) -> ArchiveScan:
    """The newest successful HTML response per URL across the files, in file order.

    A server-not-modified revisit (our 304 on refresh) confirms the capture it refers to,
    so that capture stays; an identical-payload revisit (Common Crawl's) is taken as the
    capture it refers to when that one is in the files. Non-HTML, failed, request and
    metadata records are passed over; a file cut short keeps the records before the cut.
    """
    scan = ArchiveScan()
    by_id: dict[str, Capture] = {}  # by record id and by payload digest
    for path in paths:
        try:
            for offset, record in iter_records(path):
                _take(scan, by_id, str(path), offset, record)
        except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError):
            scan.damaged.append(str(path))
    return scan


def _take(scan: ArchiveScan, by_id: dict[str, Capture], path: str, offset: int,
          record) -> None:
    if record.rec_type not in ("response", "revisit") or record.http_headers is None:
        return
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    try:
        status = int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        scan.skip("no HTTP status")
        return
    if record.rec_type == "revisit":
        if NOT_MODIFIED in (headers.get_header("WARC-Profile") or ""):
            return  # the capture it confirms is already taken
        original = by_id.get(headers.get_header("WARC-Refers-To") or "") or \
            by_id.get(headers.get_header("WARC-Payload-Digest") or "")
        if original is None or url is None:
            scan.skip("revisit of a capture not in the files")
            return
        scan.captures[url] = Capture(url, original.warc_path, original.offset,
                                     original.record_id, headers.get_header("WARC-Date"),
                                     original.status, original.content_type,
                                     original.truncated)
        return
    media = _media_type(record)
    if not url or status != 200:
        scan.skip(f"HTTP {status}")
        return
    if media and media not in HTML_TYPES:  # no type at all: the parse stage sniffs it
        scan.skip("not HTML")
        return
    capture = Capture(url, path, offset, headers.get_header("WARC-Record-ID"),
                      headers.get_header("WARC-Date"), status,
                      record.http_headers.get_header("Content-Type"),
                      bool(headers.get_header("WARC-Truncated")))
    by_id[capture.record_id] = capture
    digest = headers.get_header("WARC-Payload-Digest")
    if digest:
        by_id[digest] = capture
    scan.captures[url] = capture


def read_body(capture: Capture) -> bytes:
    """The payload of a capture, without transfer or content encoding."""
    return read_payload_at(capture.warc_path, capture.offset)
