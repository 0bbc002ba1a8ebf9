"""Per-source crawl state in SQLite: the frontier, what was fetched, where it is archived.

Every fetch is committed in one transaction together with the links it found and the new
committed size of its WARC file, so a crawl killed at any moment resumes where it was.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    gen INTEGER PRIMARY KEY, kind TEXT NOT NULL, started REAL NOT NULL, finished REAL
);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'page',   -- page | robots | sitemap
    depth INTEGER NOT NULL,
    redirects INTEGER NOT NULL DEFAULT 0,
    origin TEXT,                 -- the page that linked or redirected here (NULL: a seed)
    status TEXT NOT NULL,        -- queued | done | failed
    gen INTEGER,                 -- run of the last finished attempt
    http_status INTEGER,
    content_type TEXT,
    encoding TEXT,
    etag TEXT,
    last_modified TEXT,
    sha1 TEXT,
    fetched_at REAL,
    warc_file TEXT,
    warc_offset INTEGER,
    record_id TEXT,
    capture_date TEXT,
    error TEXT,
    body BLOB                    -- kept for robots.txt and sitemaps, to reuse after a 304
);
CREATE TABLE IF NOT EXISTS refused (url TEXT PRIMARY KEY, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS warcs (name TEXT PRIMARY KEY, committed INTEGER NOT NULL);
"""


@dataclass
class UrlRow:
    url: str
    depth: int
    redirects: int
    origin: str | None
    etag: str | None
    last_modified: str | None
    record_id: str | None
    capture_date: str | None


class ArchivePlace(NamedTuple):
    """Where a fetch was archived."""

    warc_file: str
    offset: int
    record_id: str
    capture_date: str
    file_size: int  # of the WARC file after the write


class CrawlState:
    """One source's state file. Thread-safe; every method commits before it returns.

    The connection is shared by the crawl's threads, so every statement runs under the
    lock: sqlite3 reuses prepared statements, and two threads stepping the same one at
    once corrupt memory.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    # -- runs ---------------------------------------------------------------------------

    def open_run(self, kind: str) -> tuple[int, bool]:
        """The run to work in: an unfinished one of this kind resumes, else a new one."""
        with self._lock:
            row = self._db.execute(
                "SELECT gen, kind FROM runs WHERE finished IS NULL ORDER BY gen DESC LIMIT 1"
            ).fetchone()
            if row and row[1] == kind:
                return row[0], True
            if row:  # an interrupted run of the other kind is closed as it stands
                self._db.execute("UPDATE runs SET finished=? WHERE gen=?", (time.time(), row[0]))
            cur = self._db.execute("INSERT INTO runs(kind, started) VALUES (?, ?)",
                                   (kind, time.time()))
            return int(cur.lastrowid or 0), False

    def finish_run(self, gen: int) -> None:
        with self._lock:
            self._db.execute("UPDATE runs SET finished=? WHERE gen=?", (time.time(), gen))


    # -- the frontier -------------------------------------------------------------------

    def add(self, url: str, depth: int, origin: str | None, kind: str = "page") -> bool:
        """Queue a URL unless it is known; True if it is new."""
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO urls(url, kind, depth, origin, status) "
                "VALUES (?, ?, ?, ?, 'queued')", (url, kind, depth, origin))
            return cur.rowcount == 1

    def fetched_in(self, url: str, gen: int) -> bool:
        """Whether the URL was fetched (or given up) in run `gen` already: a resumed run
        does not fetch again a sitemap its killed self read."""
        return bool(self._query("SELECT 1 FROM urls WHERE url=? AND gen=? AND status != "
                                "'queued'", (url, gen)))

    def validators(self, url: str) -> tuple[UrlRow | None, bytes | None]:
        """What a conditional request for a known URL needs, and its kept body."""
        rows = self._query(
            "SELECT url, depth, redirects, origin, etag, last_modified, record_id, capture_date,"
            " body FROM urls WHERE url=?", (url,))
        return (UrlRow(*rows[0][:8]), rows[0][8]) if rows else (None, None)

    def pending(self, gen: int, revisit: bool, kind: str = "page") -> list[UrlRow]:
        """URLs of a kind (pages, or sitemaps) still to fetch in run `gen`: new ones, and
        with `revisit` every known one."""
        # A revisit skips what was gone (404, 410): those rarely come back, and asking
        # again costs the site an error page each time.
        where = ("status = 'queued' OR (gen IS NOT NULL AND gen < ? "
                 "AND COALESCE(http_status, 0) NOT IN (404, 410))" if revisit
                 else "status = 'queued' OR (status = 'failed' AND gen < ?)")
        rows = self._query(
            "SELECT url, depth, redirects, origin, etag, last_modified, record_id, capture_date "
            f"FROM urls WHERE kind = ? AND ({where}) ORDER BY depth, rowid", (kind, gen))
        return [UrlRow(*row) for row in rows]

    def known_urls(self) -> list[str]:
        return [row[0] for row in self._query("SELECT url FROM urls WHERE kind = 'page'")]

    def refuse(self, url: str, reason: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO refused VALUES (?, ?)", (url, reason))

    # -- results ------------------------------------------------------------------------

    def record(self, url: str, gen: int, *, status: str, http_status: int | None = None,
               content_type: str | None = None, encoding: str | None = None,
               etag: str | None = None, last_modified: str | None = None,
               sha1: str | None = None, warc: ArchivePlace | None = None,
               error: str | None = None, body: bytes | None = None,
               links: Iterable[tuple[str, int, int]] = ()) -> list[str]:
        """Commit one fetch: its outcome, its archive place and the links it found.

        A 304 keeps the validators and archive place of the capture it confirms.
        Returns the links that were new.
        """
        new: list[str] = []
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                fields = {"status": status, "gen": gen, "http_status": http_status,
                          "fetched_at": time.time(), "error": error}
                if http_status != 304:
                    fields.update(content_type=content_type, encoding=encoding, etag=etag,
                                  last_modified=last_modified, sha1=sha1, body=body)
                    if warc:
                        fields.update(warc_file=warc.warc_file, warc_offset=warc.offset,
                                      record_id=warc.record_id, capture_date=warc.capture_date)
                assignments = ", ".join(f"{k}=?" for k in fields)
                self._db.execute(f"UPDATE urls SET {assignments} WHERE url=?",
                                 (*fields.values(), url))
                if warc:
                    self._db.execute("INSERT OR REPLACE INTO warcs VALUES (?, ?)",
                                     (warc.warc_file, warc.file_size))
                for link, depth, redirects in links:
                    cur = self._db.execute(
                        "INSERT OR IGNORE INTO urls(url, depth, redirects, origin, status) "
                        "VALUES (?, ?, ?, ?, 'queued')", (link, depth, redirects, url))
                    if cur.rowcount == 1:
                        new.append(link)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return new

    # -- archives -----------------------------------------------------------------------

    def register_warc(self, name: str, size: int) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO warcs VALUES (?, ?)", (name, size))

    def warcs(self) -> dict[str, int]:
        return dict(self._query("SELECT name, committed FROM warcs"))


@dataclass(frozen=True)
class StateSummary:
    """What a source's state file says, read without writing anything."""

    pages: dict[str, int]  # status (done, queued, failed, refused) -> pages
    last_run: tuple[str, float, float | None] | None  # kind, started, finished


def read_summary(path: Path) -> StateSummary:
    """The page counts and the last run of a state file, opened read-only (a data
    folder another user owns, or one on a read-only disk, can still be looked at)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        pages = dict(db.execute(
            "SELECT status, COUNT(*) FROM urls WHERE kind='page' GROUP BY status"))
        run = db.execute(
            "SELECT kind, started, finished FROM runs ORDER BY gen DESC LIMIT 1").fetchone()
    finally:
        db.close()
    return StateSummary(pages, tuple(run) if run else None)
