"""The stages in order, as the commands run them. The only place that knows all three."""

from __future__ import annotations

import fcntl
import logging
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from muni.errors import MuniError
from muni.progress import Progress
from parsers.languages import decoding_for
from parsers.stage import ParseError, SourceCount, run_parse, sources_in_warcs, sources_on_disk
from scraper import CrawlError, CrawlStats, Source, crawl
from scraper.identity import Identity, placeholder_refusal

log = logging.getLogger(__name__)


@contextmanager
def graceful_stop() -> Iterator[threading.Event]:
    """SIGTERM or Ctrl-C ends the crawl after the fetches in flight, resumable."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:
        signal.signal(sig, lambda *_: stop.set())
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def refuse_placeholder(sources: list[Source], identity: Identity) -> None:
    """MuniError before any request when the identity may not ask these sources' hosts."""
    refusal = placeholder_refusal(identity, [u for s in sources
                                             for u in (*s.start_urls, *s.sitemaps)])
    if refusal:
        raise MuniError(refusal)


def run_crawl(sources: list[Source], data_dir: Path, kind: str = "crawl",
              max_pages: int | None = None, progress: Progress | None = None,
              identity: Identity | None = None) -> CrawlStats:
    identity = identity or Identity()
    refuse_placeholder(sources, identity)
    # The crawler decodes pages to find their links, as the language's profile says.
    sources = [replace(s, decoding=decoding_for(s.language)) for s in sources]
    with graceful_stop() as stop:
        try:
            stats = crawl(sources, data_dir, kind=kind, max_pages=max_pages,
                          progress=progress.crawl if progress else None, stop=stop,
                          identity=identity)
        except CrawlError as exc:
            raise MuniError(f"crawl stopped: {exc}") from None
        finally:
            if progress:
                progress.done()
    if stop.is_set():
        raise MuniError("crawl interrupted; run the same command again to resume")
    return stats


def run_parse_stage(data_dir: Path, warc_paths: list[str] | None = None,
                    workers: int | None = None, progress: Progress | None = None,
                    names: list[str] | None = None,
                    scheduler: str | None = None) -> dict[str, SourceCount]:
    """Parse data/raw (or the given WARC files); what was done with each source."""
    if workers is not None and workers < 1:
        raise MuniError("--workers must be 1 or more")
    if warc_paths:
        missing = [p for p in warc_paths if not Path(p).is_file()]
        if missing:
            raise MuniError(f"no such WARC file: {missing[0]}")
        sources, scan = sources_in_warcs([str(p) for p in warc_paths])
        for path in scan.damaged:
            log.warning("%s ends in a broken record; read up to it", path)
        for why in scan.unreadable.values():
            log.warning("%s", why)
        if not sources:
            unread = "; ".join(scan.unreadable.values())
            raise MuniError(unread or "no HTML pages in the WARC files given")
    else:
        sources = sources_on_disk(data_dir, names)
        if not sources:
            raise MuniError(f"nothing to parse in {data_dir / 'raw'} (run 'muni crawl' first)")
    if progress:
        progress.parse_started(len(sources))
    try:
        counts = run_parse(sources, data_dir, workers, progress.parsed if progress else None,
                           scheduler)
    except ParseError as exc:
        raise MuniError(str(exc)) from None
    finally:
        if progress:
            progress.done()
    return counts


def parse_summary(counts: dict[str, SourceCount]) -> str:
    pages = sum(c.pages for c in counts.values())
    anew = sum(c.reparsed for c in counts.values())
    dropped = sum(c.dropped for c in counts.values())
    cut = sum(c.cut for c in counts.values())
    unread = f", {dropped} captures not read as pages" if dropped else ""
    slow = f", {cut} pages cut at the time budget" if cut else ""
    return (f"parse: {pages} pages from {len(counts)} sources, {anew} parsed anew"
            f"{unread}{slow}")


def run_export(data_dir: Path, progress: Progress | None = None) -> dict[str, int]:
    # imported by the commands that export: pandas and pyarrow take half a second to load,
    # which `muni extract` on one page would otherwise spend before its work
    from normalizer.export import STEPS, ExportError, export

    def on_step(done: int, what: str) -> None:
        if progress:
            progress.step("export", done, len(STEPS), what)

    try:
        counts = export(data_dir, on_step)
        on_step(len(STEPS), "done")
    except ExportError as exc:
        raise MuniError(str(exc)) from None
    finally:
        if progress:
            progress.done()
    return counts


def run_report(data_dir: Path) -> list[Path]:
    """report.html and ties.geojson beside the tables they show, made again from the
    current dataset (every export writes them too)."""
    from normalizer.export import ExportError, report_files

    try:
        return report_files(data_dir / "clean")
    except ExportError as exc:
        raise MuniError(str(exc)) from None


@contextmanager
def run_lock(data_dir: Path) -> Iterator[None]:
    """One writing command at a time. The kernel drops the lock when its holder dies, even
    by kill -9."""
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(data_dir / ".muni.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise MuniError(f"another muni run holds {data_dir / '.muni.lock'}; "
                            "try again when it has finished") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)
