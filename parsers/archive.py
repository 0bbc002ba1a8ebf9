"""Pages out of WARC files: the latest HTML capture of each URL, ours or anyone's
(Common Crawl segments included)."""

from __future__ import annotations

import hashlib
import logging
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from warcio.exceptions import ArchiveLoadFailed

from scraper.warc import NOT_MODIFIED, UnreadableArchive, is_arc, iter_records, read_payload_at

log = logging.getLogger(__name__)
_ISO_UTC = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\Z")

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
    unreadable: dict[str, str] = field(default_factory=dict)  # file -> why none of it reads
    repaired: dict[str, int] = field(default_factory=dict)  # what was mended -> records

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def repair(self, path: str, what: str) -> None:
        """Count a mended record; the first of its kind in a file is a warning."""
        key = f"{path}: {what}"
        if key not in self.repaired:
            log.warning("%s, repaired (how many: -v)", key)
        self.repaired[key] = self.repaired.get(key, 0) + 1

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
        last_date: list[str] = []  # the file's latest good date, for a record without one
        try:
            # an ARC record's id is made by warcio afresh on each read: ours stays the same
            made_ids = is_arc(path)
            for offset, record in iter_records(path):
                if made_ids:
                    record.rec_headers.remove_header("WARC-Record-ID")
                _take(scan, by_id, str(path), offset, record, last_date, made_ids)
        except UnreadableArchive as exc:
            scan.unreadable[str(path)] = str(exc)
        except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError):
            scan.damaged.append(str(path))
    for what, n in sorted(scan.repaired.items()):
        log.info("%s: %d records", what, n)
    return scan


def iso_utc(value: str | None) -> str | None:
    """A WARC or HTTP date as the tables take it (2008-10-29T12:21:46Z), None when it
    names no moment: WARC-Date is ISO 8601 in any offset, an HTTP Date is RFC 1123."""
    if not value:
        return None
    if _ISO_UTC.match(value):
        return value
    for read in (datetime.fromisoformat, parsedate_to_datetime):
        try:
            moment = read(value.strip())
        except (ValueError, TypeError, IndexError):
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if 1990 <= moment.year <= 2100:
            return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def _date_of(scan: ArchiveScan, path: str, record, last_date: list[str]) -> str:
    """The record's WARC-Date, or when it is malformed (2008-10-294T05:21:46-0700) the
    response's own Date, else the date of the file's record before it, else when the file
    was last written: a capture keeps its page."""
    date = iso_utc(record.rec_headers.get_header("WARC-Date"))
    if date is None:
        date = iso_utc(record.http_headers.get_header("Date")) or \
            (last_date[0] if last_date else None) or \
            datetime.fromtimestamp(Path(path).stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        scan.repair(path, "a WARC-Date that names no moment")
    last_date[:] = [date]
    return date


def _record_id(scan: ArchiveScan, path: str, offset: int, record, arc: bool) -> str:
    """The record's WARC-Record-ID, or one made of the file and the record's place in it
    (an ARC record, or an archive that gave none), the same on every read."""
    found = record.rec_headers.get_header("WARC-Record-ID")
    if found:
        return found
    if not arc:
        scan.repair(path, "a record without WARC-Record-ID")
    made = hashlib.sha1(f"{Path(path).name}\x1f{offset}".encode()).hexdigest()
    return f"<urn:muni:record:{made}>"


def _take(scan: ArchiveScan, by_id: dict[str, Capture], path: str, offset: int,
          record, last_date: list[str], arc: bool = False) -> None:
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
                                     original.record_id,
                                     _date_of(scan, path, record, last_date),
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
    capture = Capture(url, path, offset, _record_id(scan, path, offset, record, arc),
                      _date_of(scan, path, record, last_date), status,
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
