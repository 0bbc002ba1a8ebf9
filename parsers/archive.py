"""Pages out of WARC files: the latest HTML capture of each URL, ours or anyone's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from scraper.warc import iter_records, read_payload_at

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


def html_captures(paths: Iterable[str | Path]) -> dict[str, Capture]:
    """The newest successful HTML response per URL across the files, in file order.

    A revisit record (a 304 on refresh) confirms the capture it refers to, so that
    capture stays. Non-HTML, failed and request records are passed over.
    """
    found: dict[str, Capture] = {}
    for path in paths:
        for offset, record in iter_records(path):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            try:
                status = int(record.http_headers.get_statuscode())
            except (TypeError, ValueError):
                continue
            content_type = record.http_headers.get_header("Content-Type")
            media = (content_type or "").split(";")[0].strip().lower()
            if status != 200 or media not in HTML_TYPES:
                continue
            headers = record.rec_headers
            url = headers.get_header("WARC-Target-URI")
            found[url] = Capture(url, str(path), offset, headers.get_header("WARC-Record-ID"),
                                 headers.get_header("WARC-Date"), status, content_type,
                                 bool(headers.get_header("WARC-Truncated")))
    return found


def read_body(capture: Capture) -> bytes:
    """The payload of a capture, without transfer or content encoding."""
    return read_payload_at(capture.warc_path, capture.offset)
