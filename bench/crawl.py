"""Crawl benchmark: N loopback hosts, each asking for a delay d between requests.

No crawler can fetch faster than the politeness bound N/d pages per second without
hitting some host faster than it asks; this reports the pages per second muni achieves
as a ratio of that bound, and the crawler's peak memory. The sites are served from a
separate process, so the crawler's process holds only the crawler.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import tempfile
import time
from pathlib import Path

from muni.fixture_server import FixtureServer, FixtureSite, Page


def synthetic_site(index: int, pages: int, delay: float) -> FixtureSite:
    links = "".join(f'<li><a href="/p{i}.html">Page {i}</a></li>' for i in range(1, pages))
    site_pages = {"/": Page("/", {"title": f"Site {index}"}, f"<ul>{links}</ul>")}
    for i in range(1, pages):
        body = f"<p>Page {i} of site {index}. " + "Municipal news text. " * 40 + "</p>"
        site_pages[f"/p{i}.html"] = Page(f"/p{i}.html", {"title": f"Page {i}"}, body)
    return FixtureSite(name=f"host{index:03d}", language="en", encoding="utf-8",
                       template="<html><head><title>{{title}}</title></head>"
                                "<body>{{body}}</body></html>",
                       pages=site_pages,
                       robots=f"User-agent: *\nCrawl-delay: {delay}\nDisallow: /private/\n")


def _serve(hosts: int, pages: int, delay: float, bases, ready, stop) -> None:
    with FixtureServer([synthetic_site(i, pages, delay) for i in range(hosts)]) as server:
        bases.update(server.bases)
        ready.set()
        stop.wait()


def _crawl(bases: dict[str, str], delay: float, data_dir: str, out) -> None:
    from scraper import Source, crawl

    sources = [Source(name=name, language="en", start_urls=(base + "/",), delay=delay)
               for name, base in bases.items()]
    started = time.monotonic()
    stats = crawl(sources, data_dir)
    out.put({"seconds": time.monotonic() - started, "pages": stats.pages,
             "requests": stats.requests})


def run(hosts: int = 50, pages: int = 60, delay: float = 0.2) -> dict:
    ctx = mp.get_context("spawn")
    with ctx.Manager() as manager:
        bases, ready, stop = manager.dict(), manager.Event(), manager.Event()
        server = ctx.Process(target=_serve, args=(hosts, pages, delay, bases, ready, stop))
        server.start()
        ready.wait(60)
        out = ctx.Queue()
        with tempfile.TemporaryDirectory() as data_dir:
            crawler = ctx.Process(target=_crawl, args=(dict(bases), delay, data_dir, out))
            crawler.start()
            result = out.get(timeout=600)
            crawler.join()
            archive_bytes = sum(p.stat().st_size for p in Path(data_dir).rglob("*.warc.gz"))
        stop.set()
        server.join()
    # the crawler is the only child still counted once the server has exited after it;
    # RUSAGE_CHILDREN reports the largest peak among them, in KiB on Linux
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    bound = hosts / delay
    achieved = result["pages"] / result["seconds"]
    return {"hosts": hosts, "pages_per_host": pages, "delay_s": delay,
            "pages": result["pages"], "seconds": round(result["seconds"], 2),
            "pages_per_s": round(achieved, 1), "politeness_bound_pages_per_s": bound,
            "ratio_to_bound": round(achieved / bound, 3),
            "peak_rss_mb_max_of_children": round(peak_kib / 1024, 1),
            "warc_mb": round(archive_bytes / 1e6, 2)}
