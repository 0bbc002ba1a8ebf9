"""The parse stage: data/raw/<source>/*.warc.gz in, data/interim/<source>.parquet out.

Sources are parsed in parallel (a process pool), because a site's template is learned
from all of that site's pages together.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from parsers.archive import html_captures, read_body
from parsers.content import learn_template
from parsers.page import parse_page, read_html

PAGE_FIELDS = ["page_id", "source", "url", "language", "title", "published", "text",
               "encoding", "content_type", "fetched_at", "warc_file", "warc_offset",
               "warc_record_id", "content_sha1",
               "dates", "cities", "officials", "events", "relations"]  # entities, as JSON


@dataclass(frozen=True)
class SourceInput:
    """What the parse stage needs to know of one source."""

    name: str
    warc_paths: tuple[str, ...]
    language: str | None = None
    country: str | None = None


def page_id(url: str) -> str:
    """Stable across runs: the same URL is the same page."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def parse_source(source: SourceInput) -> list[dict]:
    """One record per HTML page of the source, in URL order."""
    captures = html_captures(source.warc_paths)
    parsed = {}
    for url, capture in sorted(captures.items()):
        body = read_body(capture)
        parsed[url] = (capture, body, read_html(body, capture.content_type, source.language))
    template = learn_template(p.blocks for _, _, p in parsed.values()) if len(parsed) > 2 \
        else set()
    records = []
    for url, (capture, body, page) in parsed.items():
        record = parse_page(page, url, template, source.country)
        records.append({
            "page_id": page_id(url), "source": source.name, "url": url,
            "language": record.language, "title": record.title,
            "published": record.published, "text": record.text, "encoding": record.encoding,
            "content_type": capture.content_type, "fetched_at": capture.date,
            "warc_file": Path(capture.warc_path).name, "warc_offset": capture.offset,
            "warc_record_id": capture.record_id,
            "content_sha1": hashlib.sha1(body).hexdigest(),
            "dates": json.dumps(record.dates, ensure_ascii=False),
            "cities": json.dumps(record.cities, ensure_ascii=False),
            "officials": json.dumps(record.officials, ensure_ascii=False),
            "relations": json.dumps(record.relations, ensure_ascii=False),
            "events": json.dumps(record.events, ensure_ascii=False),
        })
    return records


def write_parquet(records: list[dict], path: Path) -> None:
    """Replace `path` atomically: readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pd.DataFrame(records, columns=PAGE_FIELDS).to_parquet(tmp, index=False)
    os.replace(tmp, path)


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


def _parse_and_write(source: SourceInput, out_dir: Path) -> tuple[str, int]:
    records = parse_source(source)
    write_parquet(records, out_dir / f"{source.name}.parquet")
    return source.name, len(records)


def run_parse(sources: list[SourceInput], data_dir: Path, workers: int | None = None,
              progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Parse every source into data/interim; returns pages per source."""
    out_dir = data_dir / "interim"
    workers = workers or min(len(sources), os.cpu_count() or 1) or 1
    done: dict[str, int] = {}
    if workers == 1 or len(sources) <= 1:
        results = (_parse_and_write(s, out_dir) for s in sources)
        for name, count in results:
            done[name] = count
            if progress:
                progress(name, count)
        return done
    # forkserver, not fork: the caller may have threads (a crawl, a server) alive
    with ProcessPoolExecutor(max_workers=workers,
                             mp_context=multiprocessing.get_context("forkserver")) as pool:
        for name, count in pool.map(_parse_and_write, sources, [out_dir] * len(sources)):
            done[name] = count
            if progress:
                progress(name, count)
    return done
