"""WARC files: written append-only, one fetch at a time, read back with warcio.

Each fetch becomes a block of gzip members (response or revisit, then request) handed to
a single write(). The crawl state records how far each file is committed, so a crawl
killed between the write and the commit truncates the uncommitted tail on resume: a
reader never meets a half record, and no page is archived twice.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# A 304 on refresh is a revisit of this profile; readers match its last part, which the
# WARC 1.0 and 1.1 URIs share.
NOT_MODIFIED = "revisit/server-not-modified"
NOT_MODIFIED_PROFILE = f"http://netpreserve.org/warc/1.1/{NOT_MODIFIED}"
SOFTWARE = "muni/0.1 (https://github.com/muni-project/muni)"


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and the response to it, as archived."""

    url: str
    method: str
    request_target: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    body: bytes
    ip: str | None = None
    truncated: bool = False


def _warc_date() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def _http_headers(ex: Exchange) -> StatusAndHeaders:
    # The body is stored as it came (content-encoding kept); framing headers no longer apply.
    headers = [(k, v) for k, v in ex.response_headers
               if k.lower() not in ("transfer-encoding", "content-length")]
    headers.append(("Content-Length", str(len(ex.body))))
    return StatusAndHeaders(f"{ex.status} {ex.reason}", headers, protocol="HTTP/1.1")


def build_block(ex: Exchange, refers_to: tuple[str, str, str] | None = None) -> tuple[bytes, str]:
    """The gzip-member block for one exchange; returns (bytes, response record id).

    refers_to = (record id, uri, date) of the original capture makes a 304 a revisit record.
    """
    buf = BytesIO()
    writer = WARCWriter(buf, gzip=True)
    extra = {"WARC-Date": _warc_date()}
    if ex.ip:
        extra["WARC-IP-Address"] = ex.ip
    if refers_to is None:
        record = writer.create_warc_record(ex.url, "response", payload=BytesIO(ex.body),
                                           http_headers=_http_headers(ex),
                                           warc_headers_dict=dict(extra))
        if ex.truncated:
            record.rec_headers.add_header("WARC-Truncated", "length")
    else:
        record_id, uri, date = refers_to
        # A 304 has no payload to digest: a server-not-modified revisit refers to the capture.
        record = writer.create_warc_record(
            ex.url, "revisit", payload=BytesIO(b""), http_headers=_http_headers(ex),
            warc_headers_dict={**extra, "WARC-Profile": NOT_MODIFIED_PROFILE,
                               "WARC-Refers-To": record_id,
                               "WARC-Refers-To-Target-URI": uri,
                               "WARC-Refers-To-Date": date})
    response_id = record.rec_headers.get_header("WARC-Record-ID")
    request = writer.create_warc_record(
        ex.url, "request", payload=BytesIO(b""),
        http_headers=StatusAndHeaders(f"{ex.method} {ex.request_target} HTTP/1.1",
                                      ex.request_headers, is_http_request=True),
        warc_headers_dict={**extra, "WARC-Concurrent-To": response_id})
    writer.write_record(record)
    writer.write_record(request)
    return buf.getvalue(), response_id


def warcinfo_block(filename: str, source: str) -> bytes:
    buf = BytesIO()
    writer = WARCWriter(buf, gzip=True)
    info = {"software": SOFTWARE, "format": "WARC File Format 1.1",
            "isPartOf": source, "robots": "obey"}
    writer.write_record(writer.create_warcinfo_record(filename, info))
    return buf.getvalue()


class WarcFile:
    """An append-only WARC file; every append is a single write of whole records."""

    def __init__(self, path: Path, size: int | None = None) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self.size = os.fstat(self._fd).st_size if size is None else size

    def append(self, block: bytes) -> int:
        offset = self.size
        view = memoryview(block)
        while view:  # a regular file takes it in one call; the loop is for the odd short write
            view = view[os.write(self._fd, view):]
        self.size += len(block)
        return offset

    def close(self) -> None:
        os.close(self._fd)


def truncate_to(path: Path, size: int) -> bool:
    """Cut an uncommitted tail off; True if anything was cut."""
    if path.exists() and path.stat().st_size > size:
        os.truncate(path, size)
        return True
    return False


class BrokenArchive(ValueError):
    """The file goes on after its last whole record: cut short, or not a WARC file."""


class UnreadableArchive(ValueError):
    """A file muni cannot read at all: compressed in a way warcio does not undo."""


# Leading bytes of the compressions warcio does not read (it reads gzip and plain).
UNREAD_COMPRESSIONS = ((b"\x04\x22\x4d\x18", "LZ4"), (b"\x28\xb5\x2f\xfd", "Zstandard"),
                       (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"))


def unread_compression(path: str | Path) -> str | None:
    """The name of the compression a file is in when muni cannot read it, else None."""
    with open(path, "rb") as stream:
        head = stream.read(8)
    return next((name for magic, name in UNREAD_COMPRESSIONS if head.startswith(magic)), None)


def is_arc(path: str | Path) -> bool:
    """An ARC file (gzip or plain): its records have no ids of their own; warcio gives
    each a new random one on every read."""
    with open(path, "rb") as stream:
        head = stream.read(512)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(b"filedesc://")


def iter_records(path: str | Path) -> Iterator[tuple[int, ArcWarcRecord]]:
    """(offset, record) for each record of a WARC or ARC file, gzip or plain (ARC records
    read as WARC ones, as warcio's arc2warc gives them). Raises UnreadableArchive for a
    compression warcio does not read, and BrokenArchive after the last whole record when
    bytes are left that make no record."""
    compression = unread_compression(path)
    if compression:
        raise UnreadableArchive(f"{path}: compressed with {compression}, which muni cannot "
                                "read; decompress it first")
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream, arc2warc=True)
        for record in iterator:
            yield iterator.get_record_offset(), record
        size = os.fstat(stream.fileno()).st_size
        stream.seek(iterator.offset)
        if iterator.offset < size and stream.read(4096).strip(b"\r\n\0"):
            raise BrokenArchive(f"{path}: {size - iterator.offset} bytes after the last "
                                "whole record")


MAX_PAYLOAD_BYTES = 10 * 1024 * 1024  # as the crawler's default body limit


def read_payload_at(path: str | Path, offset: int, limit: int = MAX_PAYLOAD_BYTES) -> bytes:
    """The HTTP payload (transfer and content encoding undone) of the record at `offset`,
    at most `limit` bytes of it: a payload that is a gzip bomb (a few KB that inflate to
    gigabytes) is cut there, decompressed block by block."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        return next(iter(ArchiveIterator(stream, arc2warc=True))).content_stream().read(limit)
