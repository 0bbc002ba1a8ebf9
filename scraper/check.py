"""`muni check`: what a crawl of the sources would do, without crawling. Only each start
host's robots.txt is fetched (under the address rule, with the crawler's identity): which
start URLs it allows, the delay the crawl will keep, the sitemaps it will read."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scraper.addresses import address_refusal, resolve
from scraper.downloader import Downloader, FetchError, Limits
from scraper.robots import Robots
from scraper.sources import Source


@dataclass
class SourceCheck:
    """One source as the crawl would start it."""

    source: Source
    start: list[tuple[str, str]] = field(default_factory=list)  # (URL, '' or why refused)
    delay: float = 0.0  # seconds between requests to a host: the source's or robots.txt's
    sitemaps: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def crawls_nothing(self) -> bool:
        return not any(why == "" for _, why in self.start)


def _robots(host_url: str, source: Source, downloader: Downloader) -> tuple[Robots, str]:
    """The host's rules, and what went wrong reading them ('' when nothing did)."""
    limits = Limits(connect_timeout=source.connect_timeout, read_timeout=source.read_timeout,
                    max_body_bytes=source.max_body_bytes)
    try:
        ex = downloader.fetch(f"{host_url}/robots.txt", limits)
    except FetchError as exc:
        return Robots.from_response(None, b""), str(exc)
    return Robots.from_response(ex.status, ex.body), ""


def check_source(source: Source, downloader: Downloader) -> SourceCheck:
    found = SourceCheck(source, delay=source.delay, sitemaps=list(source.sitemaps))
    hosts: dict[str, Robots] = {}
    for url in source.start_urls:
        parts = urlsplit(url)
        refusal = address_refusal(resolve(parts.hostname or ""), None)
        if refusal:
            found.start.append((url, refusal))
            continue
        host_url = f"{parts.scheme}://{parts.netloc}"
        if host_url not in hosts:
            robots, problem = _robots(host_url, source, downloader)
            hosts[host_url] = robots
            if problem:
                found.problems.append(f"{host_url}/robots.txt: {problem}")
            found.delay = max(found.delay, robots.crawl_delay() or 0.0)
            found.sitemaps += [s for s in robots.sitemaps() if s not in found.sitemaps]
        robots = hosts[host_url]
        why = "" if robots.allowed(url) else (robots.blocked or "disallowed by robots.txt")
        if not why and not source.in_scope(url):
            why = "outside the source's allow and deny patterns"
        found.start.append((url, why))
    if found.delay > source.max_delay:
        found.problems.append(f"robots.txt asks for {found.delay:g}s between requests, over "
                              f"max_delay {source.max_delay:g}s: the host would be skipped")
    return found


def check_sources(sources: list[Source], downloader: Downloader) -> list[SourceCheck]:
    return [check_source(source, downloader) for source in sources]


def format_check(found: SourceCheck) -> list[str]:
    s = found.source
    lines = [f"{s.name} ({s.language}): delay {found.delay:g}s, up to {s.max_pages} pages, "
             f"depth {s.max_depth}"]
    lines += [f"  {'allowed   ' if not why else 'refused   '} {url}" + (f"  ({why})" if why
                                                                        else "")
              for url, why in found.start]
    lines += [f"  sitemap    {url}" for url in found.sitemaps]
    lines += [f"  problem    {p}" for p in found.problems]
    return lines
