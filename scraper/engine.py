"""The crawl engine: takes requests from the scheduler, runs them through the downloader,
archives every response and feeds the links it finds back to the frontier.

Flow per request (as Scrapy's engine, with the middlewares written out in order):
robots.txt -> page limit -> conditional headers -> download -> retry -> archive + commit
-> redirects and links -> scope, trap and address rules -> frontier.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from scraper.addresses import address_refusal, resolve
from scraper.downloader import RETRY_STATUSES, Downloader, FetchError, Limits, retry_after
from scraper.downloader import content_decoded as decoded_body
from scraper.encoding import decode_html
from scraper.files import write_text
from scraper.identity import Identity
from scraper.links import html_links, sitemap_urls
from scraper.robots import Robots
from scraper.scheduler import HostSlot, Scheduler
from scraper.sources import Source
from scraper.state import ArchivePlace, CrawlState, UrlRow
from scraper.urls import TrapGuard, canonicalize, host_key
from scraper.warc import Exchange, WarcFile, build_block, truncate_to, warcinfo_block

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_BACKOFF = 300.0
MAX_ROBOTS_REDIRECTS = 5
MAX_SITEMAPS = 50
WARC_ROTATE_BYTES = 1 << 30
SETUP_THREADS = 8


class CrawlError(RuntimeError):
    """The crawl had to stop; what it archived is committed and it resumes next time."""


class Validators(NamedTuple):
    """What a conditional request sends, and the capture a 304 answer confirms."""

    etag: str | None
    last_modified: str | None
    record_id: str
    capture_date: str | None


@dataclass
class Request:
    url: str
    run: SourceRun
    depth: int = 0
    kind: str = "page"  # page | robots | sitemap
    redirects: int = 0
    origin: str | None = None
    attempt: int = 0
    validators: Validators | None = None  # of the capture a 304 would confirm


@dataclass
class CrawlStats:
    requests: int = 0
    archived: int = 0
    pages: int = 0
    not_modified: int = 0
    body_bytes: int = 0
    retries: int = 0
    failed: int = 0
    refused: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    sources: dict[str, CrawlStats] = field(default_factory=dict)  # the same counts per source

    def summary(self) -> str:
        elapsed = (self.finished or time.monotonic()) - self.started
        return (f"crawl: {self.pages} pages archived, {self.not_modified} unchanged (304), "
                f"{self.failed} failed, {self.refused} refused, {self.requests} requests, "
                f"{self.body_bytes / 1e6:.1f} MB in {elapsed:.1f}s")


class SourceRun:
    """One source's part of a crawl: its state, its open WARC file, its counters."""

    def __init__(self, source: Source, raw_dir: Path, kind: str,
                 max_pages: int | None) -> None:
        self.source = source
        self.dir = raw_dir / source.name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.state = CrawlState(self.dir / "state.sqlite")
        _write_json(self.dir / "source.json", {"name": source.name, "language": source.language,
                                              "country": source.country,
                                              "start_urls": list(source.start_urls)})
        self.gen, _ = self.state.open_run(kind)
        self.revisit = kind == "refresh"
        self.max_pages = source.max_pages if max_pages is None else max_pages
        self.pages_fetched = 0
        self.limits = Limits(source.connect_timeout, source.read_timeout, source.max_body_bytes)
        self.guard = TrapGuard()
        for url in self.state.known_urls():
            self.guard.refusal(url)  # count known URLs towards their shapes again
        self.lock = threading.Lock()
        self.sitemaps_asked: set[str] = set()  # pushed this run: each is read once
        self._repair_archives()
        self.warc = self._new_warc()

    def _repair_archives(self) -> None:
        """Cut what a killed crawl wrote but never committed; drop files never registered."""
        committed = self.state.warcs()
        for path in self.dir.glob("*.warc.gz"):
            if path.name in committed:
                truncate_to(path, committed[path.name])
            else:
                path.unlink()

    def _new_warc(self) -> WarcFile:
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        name = f"{self.source.name}-{stamp}-{self.gen:05d}.warc.gz"
        warc = WarcFile(self.dir / name)
        warc.append(warcinfo_block(name, self.source.name))
        self.state.register_warc(name, warc.size)
        return warc

    def archive(self, req: Request, ex: Exchange, links: list[tuple[str, int, int]],
                **outcome) -> list[str]:
        """Write the exchange and commit it with its links; returns the new links."""
        refers_to = None
        if ex.status == 304 and req.validators:
            refers_to = (req.validators.record_id, req.url, req.validators.capture_date or "")
        block, record_id = build_block(ex, refers_to)
        with self.lock:
            if self.warc.size > WARC_ROTATE_BYTES:
                self.warc.close()
                self.warc = self._new_warc()
            offset = self.warc.append(block)
            capture = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            return self.state.record(
                req.url, self.gen, warc=ArchivePlace(self.warc.path.name, offset, record_id,
                                                     capture, self.warc.size),
                links=links, **outcome)

    def close(self, finished: bool) -> None:
        self.warc.close()
        if finished:
            self.state.finish_run(self.gen)
        self.state.close()


class Crawler:
    def __init__(self, sources: list[Source], raw_dir: Path, kind: str = "crawl",
                 max_pages: int | None = None, workers: int = 16,
                 downloader: Downloader | None = None,
                 progress: Callable[[CrawlStats, int], None] | None = None) -> None:
        self.raw_dir = raw_dir
        # Opening and closing a source's state and archive is file work that releases the
        # GIL: done side by side, a thousand sources start and finish in a fraction of the time.
        with ThreadPoolExecutor(SETUP_THREADS) as pool:
            self.runs = list(pool.map(lambda s: SourceRun(s, raw_dir, kind, max_pages),
                                      sources))
        self.workers = workers
        self.downloader = downloader or Downloader()
        self.progress = progress
        self.stats = CrawlStats(sources={r.source.name: CrawlStats() for r in self.runs})
        self.error: str | None = None
        self._stats_lock = threading.Lock()
        self._robots_owner: dict[str, Request] = {}  # by host: the request that found it
        self.scheduler: Scheduler[Request] = Scheduler(lambda r: host_key(r.url),
                                                       self._robots_request)

    # -- set-up -------------------------------------------------------------------------

    def _robots_request(self, host: str) -> Request:
        """A new host's robots.txt, asked for as the request that found the host would have
        been: from the same page, so that the address rule judges it the same way."""
        found = self._robots_owner[host]
        scheme = "https" if found.url.startswith("https://") else "http"
        return self._document_request(found.run, f"{scheme}://{host}/robots.txt", "robots",
                                      found.origin)

    def _document_request(self, run: SourceRun, url: str, kind: str,
                          origin: str | None = None) -> Request:
        run.state.add(url, 0, None, kind=kind)
        row, _ = run.state.validators(url)
        return Request(url, run, kind=kind, origin=origin, validators=_validators(row))

    def _push_sitemap(self, run: SourceRun, url: str, origin: str | None = None) -> None:
        """A sitemap to read, unless this run read it already (before it was killed) or
        has it to read (a resumed run seeds the sitemaps its killed self left, and
        robots.txt names them again)."""
        with run.lock:
            if url in run.sitemaps_asked:
                return
            run.sitemaps_asked.add(url)
        if not run.state.fetched_in(url, run.gen):
            self._push(self._document_request(run, url, "sitemap", origin))

    def _push(self, req: Request, front: bool = False) -> None:
        self._robots_owner.setdefault(host_key(req.url), req)
        self.scheduler.push(req, front)

    def seed(self) -> None:
        for run in self.runs:
            for url in run.source.start_urls:
                canonical = canonicalize(url)
                if canonical:
                    run.state.add(canonical, 0, None)
            for row in run.state.pending(run.gen, run.revisit):
                self._push(Request(row.url, run, row.depth, redirects=row.redirects,
                                   origin=row.origin,
                                   validators=_validators(row) if run.revisit else None))
            # the source's sitemaps, and those a sitemap index named that are still to
            # read (a killed run's; with a revisit, all): a resumed run reads them too
            sitemaps = [canonicalize(url) or url for url in run.source.sitemaps]
            sitemaps += [row.url for row in run.state.pending(run.gen, run.revisit, "sitemap")]
            for url in dict.fromkeys(sitemaps):
                self._push_sitemap(run, url)

    # -- the loop -----------------------------------------------------------------------

    def run(self, stop: threading.Event | None = None) -> CrawlStats:
        self.seed()
        threads = [threading.Thread(target=self._worker, daemon=True, name=f"crawl-{i}")
                   for i in range(self.workers)]
        for t in threads:
            t.start()
        try:
            while any(t.is_alive() for t in threads):
                if stop is not None and stop.is_set():
                    self.scheduler.close()
                for t in threads:
                    t.join(0.2)
                if self.progress:
                    self.progress(self.stats, self.scheduler.queued())
        finally:
            self.scheduler.close()
            for t in threads:
                t.join()
            finished = self.error is None and not (stop is not None and stop.is_set())
            with ThreadPoolExecutor(SETUP_THREADS) as pool:
                list(pool.map(lambda run: run.close(finished), self.runs))
            self.stats.finished = time.monotonic()
        if self.error:
            raise CrawlError(self.error)
        return self.stats

    def _worker(self) -> None:
        while (item := self.scheduler.next()) is not None:
            slot, req = item
            not_before = time.monotonic()
            try:
                not_before = self._process(slot, req)
            except Exception as exc:  # a full disk or a broken state file: stop, resumable
                self.error = f"{req.url}: {type(exc).__name__}: {exc}"
                self.scheduler.close()
            finally:
                self.scheduler.release(slot, not_before)

    def _count(self, run: SourceRun, **deltas: int) -> None:
        with self._stats_lock:
            for stats in (self.stats, self.stats.sources[run.source.name]):
                for name, delta in deltas.items():
                    setattr(stats, name, getattr(stats, name) + delta)

    # -- one request --------------------------------------------------------------------

    def _process(self, slot: HostSlot[Request], req: Request) -> float:
        """Run one request; returns when the host may be asked again (monotonic time)."""
        run = req.run
        refusal = _address_refusal(req)  # every request: pages, robots.txt, sitemaps
        if refusal:
            run.state.record(req.url, run.gen, status="refused", error=refusal)
            self._count(run, refused=1)
            if req.kind == "robots":  # a host the rule refuses is not asked anything
                slot.robots = Robots.from_response(None, b"")
                slot.robots.blocked = refusal
            return time.monotonic()
        if req.kind == "page":
            refusal = self._page_refusal(slot, req)
            if refusal:
                # a host blocked for this run is a failure to retry, not a refusal
                blocked = slot.robots is not None and slot.robots.blocked
                status = "failed" if blocked else "refused"
                run.state.record(req.url, run.gen, status=status, error=refusal)
                self._count(run, refused=1)
                return time.monotonic()
            with run.lock:
                if run.pages_fetched >= run.max_pages:
                    return time.monotonic()  # stays queued for the next crawl
                run.pages_fetched += 1
        elif req.kind == "sitemap" and slot.robots is not None \
                and not slot.robots.allowed(req.url):
            run.state.record(req.url, run.gen, status="refused", error="robots.txt")
            return time.monotonic()
        self._count(run, requests=1)
        try:
            ex = self.downloader.fetch(req.url, run.limits, _conditional_headers(req))
        except FetchError as exc:
            return self._retry_or_fail(slot, req, str(exc), None)
        done = time.monotonic()
        self._count(run, body_bytes=len(ex.body))
        if ex.status in RETRY_STATUSES and req.attempt < run.source.max_retries:
            return self._retry_or_fail(slot, req, f"HTTP {ex.status}", ex)
        if req.kind == "robots":
            self._robots_done(slot, req, ex)
            if slot.robots is not None and slot.robots.blocked:  # no more requests
                return time.monotonic()
        elif req.kind == "sitemap":
            self._sitemap_done(req, ex)
        else:
            self._page_done(slot, req, ex)
        return _polite_next(done, slot.delay or run.source.delay)

    def _page_refusal(self, slot: HostSlot[Request], req: Request) -> str:
        robots = slot.robots
        if robots is not None and not robots.allowed(req.url):
            return robots.blocked or "robots.txt"
        return ""

    def _retry_or_fail(self, slot: HostSlot[Request], req: Request, error: str,
                       ex: Exchange | None) -> float:
        run = req.run
        now = time.monotonic()
        if req.attempt < run.source.max_retries:
            wait = min(MAX_BACKOFF, (slot.delay or run.source.delay) * 2 ** (req.attempt + 1))
            asked = retry_after(_header(ex, "Retry-After")) if ex else None
            if asked is not None:
                wait = max(wait, min(asked, MAX_BACKOFF))
            req.attempt += 1
            if req.kind == "page":
                with run.lock:
                    run.pages_fetched -= 1
            self._count(run, retries=1)
            self.scheduler.push(req, front=True)
            return now + wait
        if req.kind == "robots":  # no answer: nothing on this host may be fetched this run
            self._robots_done(slot, req, ex)
            return now + run.source.delay
        if ex is not None and req.kind == "page":
            self._page_done(slot, req, ex)
        elif ex is not None:
            run.archive(req, ex, [], status="failed", http_status=ex.status, error=error)
        else:
            run.state.record(req.url, run.gen, status="failed", error=error)
        self._count(run, failed=1)
        return now + (slot.delay or run.source.delay)

    def _robots_done(self, slot: HostSlot[Request], req: Request, ex: Exchange | None) -> None:
        """Read the host's rules from the answer (None: no answer), following redirects."""
        run = req.run
        for _ in range(MAX_ROBOTS_REDIRECTS):  # http -> https and www. moves are common
            location = _header(ex, "Location")
            if ex is None or not 300 <= ex.status < 400 or ex.status == 304 or not location:
                break
            run.archive(req, ex, [], status="done", http_status=ex.status)
            target = canonicalize(location, req.url)
            origin = resolve(urlsplit(req.url).hostname or "")
            if not target or address_refusal(resolve(urlsplit(target).hostname or ""), origin):
                ex = None
                break
            req = self._document_request(run, target, "robots")
            try:
                ex = self.downloader.fetch(target, run.limits, _conditional_headers(req))
            except FetchError:
                ex = None
        if ex is None:
            robots = Robots.from_response(None, b"")
        else:
            body = self._body_after(req, ex)
            robots = Robots.from_response(200 if ex.status == 304 else ex.status, body)
            run.archive(req, ex, [], status="failed" if robots.blocked else "done",
                        http_status=ex.status, body=body, **_validator_fields(ex))
        asked = robots.crawl_delay() or 0.0
        slot.robots = robots
        slot.delay = max(run.source.delay, asked)
        if asked > run.source.max_delay:  # honoured by not crawling the host this run
            robots.blocked = (f"robots.txt asks for {asked:g}s between requests, over "
                              f"the source's max_delay of {run.source.max_delay:g}s")
        for url in robots.sitemaps():
            canonical = canonicalize(url)
            if canonical and run.source.in_scope(canonical):
                self._push_sitemap(run, canonical, req.url)

    def _sitemap_done(self, req: Request, ex: Exchange) -> None:
        run = req.run
        body = self._body_after(req, ex)
        pages, nested = sitemap_urls(body) if ex.status in (200, 304) else ([], [])
        links = self._admit(run, pages, req.url, depth=1)
        new = run.archive(req, ex, links, status="done", http_status=ex.status, body=body,
                          **_validator_fields(ex))
        self._push_new(run, new, 1, req.url)
        for url in nested[:MAX_SITEMAPS]:
            canonical = canonicalize(url, req.url)
            if canonical and run.source.in_scope(canonical) and run.state.add(
                    canonical, 0, req.url, kind="sitemap"):
                self._push_sitemap(run, canonical, req.url)

    def _body_after(self, req: Request, ex: Exchange) -> bytes:
        """The document body; after a 304, the one kept from the confirmed capture."""
        if ex.status == 304:
            return req.run.state.validators(req.url)[1] or b""
        return decoded_body(ex.body, _header(ex, "Content-Encoding"), req.run.limits.max_body_bytes)

    def _page_done(self, slot: HostSlot[Request], req: Request, ex: Exchange) -> None:
        run = req.run
        content_type = _header(ex, "Content-Type") or ""
        links: list[tuple[str, int, int]] = []
        encoding = None
        sha1 = None
        if 300 <= ex.status < 400 and ex.status != 304:
            target = canonicalize(_header(ex, "Location") or "", req.url)
            if target and req.redirects < run.source.max_redirects:
                links = [(t, req.depth, req.redirects + 1)
                         for t, _, _ in self._admit(run, [target], req.url, req.depth)]
        elif ex.status == 200:
            body = decoded_body(ex.body, _header(ex, "Content-Encoding"),
                                run.limits.max_body_bytes)
            sha1 = hashlib.sha1(body).hexdigest()
            if content_type.split(";")[0].strip().lower() in HTML_TYPES and not ex.truncated:
                text, encoding = decode_html(body, content_type, run.source.decoding)
                if req.depth < run.source.max_depth:
                    links = self._admit(run, html_links(text, req.url), req.url, req.depth + 1)
        status = "done" if ex.status < 400 or ex.status == 404 else "failed"
        new = run.archive(req, ex, links, status=status, http_status=ex.status,
                          content_type=content_type or None, encoding=encoding, sha1=sha1,
                          error=None if status == "done" else f"HTTP {ex.status}",
                          **_validator_fields(ex))
        self._count(run, pages=1 if ex.status != 304 else 0,
                    not_modified=1 if ex.status == 304 else 0, archived=1)
        by_url = {url: (depth, redirects) for url, depth, redirects in links}
        for url in new:
            depth, redirects = by_url[url]
            self._push(Request(url, run, depth, redirects=redirects, origin=req.url),
                       front=redirects > 0)

    def _admit(self, run: SourceRun, urls: list[str], origin: str,
               depth: int) -> list[tuple[str, int, int]]:
        """The links worth queueing: in scope, no trap, allowed by the address rule."""
        origin_ips = resolve(urlsplit(origin).hostname or "")
        admitted: dict[str, tuple[str, int, int]] = {}
        for raw in urls:
            url = canonicalize(raw, origin)
            if url is None or url in admitted or not run.source.in_scope(url):
                continue
            refusal = address_refusal(resolve(urlsplit(url).hostname or ""), origin_ips)
            if not refusal:
                with run.lock:
                    refusal = run.guard.refusal(url)
            if refusal:
                run.state.refuse(url, refusal)
                self._count(run, refused=1)
                continue
            admitted[url] = (url, depth, 0)
        return list(admitted.values())

    def _push_new(self, run: SourceRun, urls: list[str], depth: int, origin: str) -> None:
        for url in urls:
            self._push(Request(url, run, depth, origin=origin))


def _address_refusal(req: Request) -> str:
    """The address rule for a request, judged from the page that led to it (a seed's
    and a source's own sitemaps have none)."""
    origin = resolve(urlsplit(req.origin).hostname or "") if req.origin else None
    return address_refusal(resolve(urlsplit(req.url).hostname or ""), origin)


def _polite_next(done: float, delay: float) -> float:
    """When a host may be asked again: `delay` after its last response was in.

    Counting from the response, not the request, is what makes the promise hold on the
    host's side: it stamps a request before answering it, so the next one it sees comes
    at least `delay` later whatever the network and the two clocks do.
    """
    return done + delay


def _write_json(path: Path, data: dict) -> None:
    """What the later stages need to know of the source, written where they read."""
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1))


def _header(ex: Exchange | None, name: str) -> str | None:
    if ex is None:
        return None
    name = name.lower()
    return next((v for k, v in ex.response_headers if k.lower() == name), None)


def _conditional_headers(req: Request) -> dict[str, str]:
    """If-None-Match / If-Modified-Since for a URL whose last capture we have."""
    headers = {}
    if req.validators:
        etag, last_modified = req.validators.etag, req.validators.last_modified
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
    return headers


def _validator_fields(ex: Exchange) -> dict[str, str | None]:
    return {"etag": _header(ex, "ETag"), "last_modified": _header(ex, "Last-Modified")}


def _validators(row: UrlRow | None) -> Validators | None:
    if row is None or not (row.etag or row.last_modified) or not row.record_id:
        return None
    return Validators(row.etag, row.last_modified, row.record_id, row.capture_date)


def crawl(sources: list[Source], data_dir: str | Path, kind: str = "crawl",
          max_pages: int | None = None, workers: int = 16,
          progress: Callable[[CrawlStats, int], None] | None = None,
          stop: threading.Event | None = None, identity: Identity | None = None) -> CrawlStats:
    """Crawl (or with kind='refresh', revisit conditionally) the sources into data_dir/raw,
    saying who is asking with `identity` (its User-Agent)."""
    crawler = Crawler(sources, Path(data_dir) / "raw", kind, max_pages, workers,
                      downloader=Downloader(identity), progress=progress)
    return crawler.run(stop)
