"""Crawl benchmark: N loopback hosts, each asking for a delay d between requests.

No crawler can fetch faster than the politeness bound N/d pages per second without
hitting some host faster than it asks; this reports the pages per second muni achieves
as a ratio of that bound, and the crawler's peak memory and CPU time per page. The sites
are served from a separate process (one event loop, a port per host), so the crawler's
process holds only the crawler.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing as mp
import resource
import tempfile
import time
from http import HTTPStatus
from pathlib import Path

from muni.fixture_server import FixtureSite, Page


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


async def _serve_sites(sites: list[FixtureSite], bases, ready, stop) -> None:
    """Every site on a port of its own, from one event loop: a thousand hosts cost the
    server a socket each, not a thread each, so the machine's cores go to the crawler.
    Each reply is rendered once (the synthetic sites do not change)."""
    rendered: dict[tuple[str, str], bytes] = {}
    ports: dict[str, str] = {}

    def wire(site: FixtureSite, target: str) -> bytes:
        key = (site.name, target)
        if key not in rendered:
            reply, _ = site.respond(target, ports)
            head = [f"HTTP/1.1 {reply.status} {HTTPStatus(reply.status).phrase}",
                    *(f"{k}: {v}" for k, v in reply.headers.items()),
                    f"Content-Length: {len(reply.body)}", "", ""]
            rendered[key] = "\r\n".join(head).encode("latin-1") + reply.body
        return rendered[key]

    async def answer(site: FixtureSite, reader: asyncio.StreamReader,
                     writer: asyncio.StreamWriter) -> None:
        try:
            while True:  # keep-alive: one connection per host for the whole crawl
                head = await reader.readuntil(b"\r\n\r\n")
                writer.write(wire(site, head.split(b" ", 2)[1].decode("latin-1")))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    servers = [await asyncio.start_server(functools.partial(answer, site), "127.0.0.1", 0)
               for site in sites]
    for site, server in zip(sites, servers, strict=True):
        ports[site.name] = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    bases.update(ports)
    ready.set()
    await asyncio.get_running_loop().run_in_executor(None, stop.wait)
    for server in servers:
        server.close()


def _serve(hosts: int, pages: int, delay: float, bases, ready, stop) -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, _file_limit(hosts))
    asyncio.run(_serve_sites([synthetic_site(i, pages, delay) for i in range(hosts)],
                             bases, ready, stop))


def _file_limit(hosts: int) -> tuple[int, int]:
    """Enough open files for a socket (and, in the crawler, a state and a WARC) per host."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = max(soft, 4 * hosts + 256)
    return (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)), hard


def _crawl(bases: dict[str, str], delay: float, data_dir: str, out) -> None:
    from scraper import Source, crawl

    resource.setrlimit(resource.RLIMIT_NOFILE, _file_limit(len(bases)))
    sources = [Source(name=name, language="en", start_urls=(base + "/",), delay=delay)
               for name, base in bases.items()]
    started, cpu = time.monotonic(), time.process_time()
    stats = crawl(sources, data_dir)
    out.put({"seconds": time.monotonic() - started, "pages": stats.pages,
             "requests": stats.requests, "cpu_seconds": time.process_time() - cpu})


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
            "crawler_cpu_ms_per_page": round(1000 * result["cpu_seconds"] / result["pages"], 2),
            "peak_rss_mb_max_of_children": round(peak_kib / 1024, 1),
            "warc_mb": round(archive_bytes / 1e6, 2)}
