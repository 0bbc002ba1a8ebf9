"""Serves the bundled fixture sites on loopback, each site on its own host:port.

A fixture site is a folder: `site.yaml` (language, robots.txt, redirects, faults),
`template.html` (the site's menus, sidebars and footer) and `pages/` (each article with a
small front matter). Pages are assembled per request like a CMS does, in the page's own
encoding, with conditional requests, sitemaps, a PDF, a redirect, a 404, a page that
fails with 503 once, and crawler traps (an endless calendar and session-id links).
Used by the tests and by `muni demo`; no internet needed.
"""

from __future__ import annotations

import hashlib
import html
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml

# Shipped inside the package (package data), so that `muni demo` runs from a wheel too.
SITES_DIR = Path(__file__).resolve().parent / "sites"
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_:]+)\s*\}\}")
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
               b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


@dataclass
class Page:
    path: str
    meta: dict
    body: str

    @property
    def title(self) -> str:
        return self.meta["title"]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes = b""


@dataclass
class LoggedRequest:
    site: str
    time: float
    method: str
    path: str
    headers: dict[str, str]
    status: int
    body_bytes: int


@dataclass
class FixtureSite:
    """One site's files, rendered on request."""

    name: str
    language: str
    encoding: str
    template: str
    pages: dict[str, Page]
    robots: str
    templates: dict[str, str] = field(default_factory=dict)  # other layouts pages may ask for
    redirects: dict[str, str] = field(default_factory=dict)
    flaky: dict[str, int] = field(default_factory=dict)  # path -> 503s still to send
    pdf: str | None = None
    calendar: str | None = None
    slow: dict[str, float] = field(default_factory=dict)  # path -> seconds before answering
    robots_path: str = "/robots.txt"
    robots_status: int = 200
    last_modified: float = 1_700_000_000.0

    @classmethod
    def load(cls, folder: Path) -> FixtureSite:
        config = yaml.safe_load((folder / "site.yaml").read_text(encoding="utf-8"))
        pages = {}
        for file in sorted((folder / "pages").rglob("*.html")):
            text = file.read_text(encoding="utf-8")
            match = _FRONT.match(text)
            meta = yaml.safe_load(match.group(1)) if match else {}
            rel = file.relative_to(folder / "pages").as_posix()
            path = "/" if rel == "index.html" else "/" + rel
            pages[path] = Page(path, meta, text[match.end():] if match else text)
        return cls(name=folder.name, language=config["language"],
                   encoding=config.get("encoding", "utf-8"),
                   template=(folder / "template.html").read_text(encoding="utf-8"),
                   templates={p.name: p.read_text(encoding="utf-8")
                              for p in sorted(folder.glob("templates/*.html"))},
                   pages=pages, robots=config["robots"],
                   redirects=config.get("redirects", {}),
                   flaky={p: 1 for p in config.get("flaky", [])},
                   pdf=config.get("pdf"), calendar=config.get("calendar"))

    # -- rendering ----------------------------------------------------------------------

    def news(self) -> list[Page]:
        items = [p for p in self.pages.values() if p.meta.get("kind") == "news"]
        return sorted(items, key=lambda p: str(p.meta.get("published", "")), reverse=True)

    def _link_list(self, pages: list[Page]) -> str:
        return "\n".join(f'<li><a href="{p.path}">{html.escape(p.title)}</a></li>'
                         for p in pages)

    def render_page(self, page: Page, bases: dict[str, str]) -> tuple[str, str]:
        """(html, version): the version changes only when the page or template does."""
        values = {
            "title": html.escape(page.title),
            "date_line": html.escape(str(page.meta.get("date_line", ""))),
            "published": html.escape(str(page.meta.get("published") or "")),
            "lead": html.escape(str(page.meta.get("lead", ""))),
            "lang": self.language,
            "sid": secrets.token_hex(8),  # a new session id in every response: a trap
            "headlines": self._link_list([p for p in self.news() if p is not page][:5]),
            "news_list": self._link_list(self.news()),
            "calendar_link": f"{self.calendar}?month=2025-06" if self.calendar else "#",
        }
        charset_in = page.meta.get("charset_in", "header")
        encoding = page.meta.get("encoding", self.encoding)
        values["charset_meta"] = (f'<meta http-equiv="Content-Type" content="text/html; '
                                  f'charset={encoding}">' if charset_in == "meta" else "")

        def fill(text: str) -> str:
            def one(match: re.Match) -> str:
                key = match.group(1)
                if key.startswith("site:"):
                    return bases.get(key[5:], "#")
                return values.get(key, match.group(0))
            return _PLACEHOLDER.sub(one, text)

        values["body"] = fill(page.body)
        template = self.templates.get(page.meta.get("template", ""), self.template)
        version = hashlib.sha1((template + page.body + repr(page.meta)).encode()).hexdigest()
        return fill(template), version

    def calendar_page(self, month: str) -> str:
        match = re.fullmatch(r"(\d{4})-(\d{2})", month or "")
        year, mon = (int(match.group(1)), int(match.group(2))) if match else (2025, 6)
        prev_y, prev_m = (year, mon - 1) if mon > 1 else (year - 1, 12)
        next_y, next_m = (year, mon + 1) if mon < 12 else (year + 1, 1)
        return (f"<html><head><title>{year}-{mon:02d}</title></head><body>"
                f"<h1>{year}-{mon:02d}</h1><p>-</p>"
                f'<a href="{self.calendar}?month={prev_y}-{prev_m:02d}">&laquo;</a> '
                f'<a href="{self.calendar}?month={next_y}-{next_m:02d}">&raquo;</a>'
                "</body></html>")

    def sitemap(self, base: str) -> str:
        urls = "".join(
            f"<url><loc>{base}{p.path}</loc><lastmod>{p.meta.get('published', '')}</lastmod></url>"
            for p in self.news())
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')

    def respond(self, target: str, bases: dict[str, str]) -> tuple[Reply, str | None]:
        """The reply for a request target, and the version used for conditional requests."""
        parts = urlsplit(target)
        path = re.sub(r";jsessionid=[^/?]*", "", parts.path)
        base = bases[self.name]
        if path in self.slow:
            time.sleep(self.slow[path])
        if path in self.redirects:
            return Reply(301, {"Location": self.redirects[path]}), None
        if path == self.robots_path:
            text = self.robots.replace("{{base}}", base)
            return Reply(self.robots_status, {"Content-Type": "text/plain; charset=utf-8"},
                         text.encode()), _digest(text) if self.robots_status == 200 else None
        if path == "/sitemap.xml":
            text = self.sitemap(base)
            return Reply(200, {"Content-Type": "application/xml"}, text.encode()), _digest(text)
        if path == "/sitemap-index.xml":  # an index of the one sitemap, as large sites have
            text = ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns='
                    '"http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>'
                    f"{base}/sitemap.xml</loc></sitemap></sitemapindex>")
            return Reply(200, {"Content-Type": "application/xml"}, text.encode()), _digest(text)
        if self.flaky.get(path, 0) > 0:
            self.flaky[path] -= 1
            return Reply(503, {"Retry-After": "1", "Content-Type": "text/plain"},
                         b"busy, try again"), None
        if self.pdf and path == self.pdf:
            return Reply(200, {"Content-Type": "application/pdf"}, MINIMAL_PDF), \
                _digest(MINIMAL_PDF.decode("latin-1"))
        if self.calendar and path == self.calendar:
            month = parse_qs(parts.query).get("month", [""])[0]
            text = self.calendar_page(month)
            return Reply(200, {"Content-Type": "text/html; charset=utf-8"},
                         text.encode()), _digest(text)
        page = self.pages.get(path)
        if page is None:
            return Reply(404, {"Content-Type": "text/html; charset=utf-8"},
                         b"<html><body><h1>404</h1></body></html>"), None
        text, version = self.render_page(page, bases)
        encoding = page.meta.get("encoding", self.encoding)
        content_type = "text/html"
        if page.meta.get("charset_in", "header") == "header":
            content_type += f"; charset={encoding}"
        return Reply(200, {"Content-Type": content_type},
                     text.encode(encoding, "xmlcharrefreplace")), version


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()


def load_sites(names: list[str] | None = None, root: Path = SITES_DIR) -> list[FixtureSite]:
    folders = sorted(p for p in root.iterdir() if (p / "site.yaml").exists())
    return [FixtureSite.load(p) for p in folders if names is None or p.name in names]


class FixtureServer:
    """The sites, each on 127.0.0.1 with a port of its own; a log of every request."""

    def __init__(self, sites: list[FixtureSite], host: str = "127.0.0.1") -> None:
        self.sites = {s.name: s for s in sites}
        self.host = host
        self.log: list[LoggedRequest] = []
        self._log_lock = threading.Lock()
        self._servers: dict[str, ThreadingHTTPServer] = {}
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> FixtureServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def bases(self) -> dict[str, str]:
        return {name: f"http://{self.host}:{srv.server_address[1]}"
                for name, srv in self._servers.items()}

    def base(self, name: str) -> str:
        return self.bases[name]

    def start(self) -> None:
        for name, site in self.sites.items():
            server = ThreadingHTTPServer((self.host, 0), self._handler(site))
            server.daemon_threads = True
            self._servers[name] = server
            thread = threading.Thread(target=server.serve_forever, daemon=True,
                                      kwargs={"poll_interval": 0.05})
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        for server in self._servers.values():
            server.shutdown()
            server.server_close()

    def requests(self, site: str | None = None) -> list[LoggedRequest]:
        with self._log_lock:
            return [r for r in self.log if site is None or r.site == site]

    def _handler(self, site: FixtureSite) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (the http.server API)
                started = time.monotonic()
                reply, version = site.respond(self.path, server.bases)
                if version is not None and reply.status == 200:
                    etag = f'"{version[:16]}"'
                    reply.headers["ETag"] = etag
                    reply.headers["Last-Modified"] = formatdate(site.last_modified, usegmt=True)
                    if _not_modified(self.headers, etag, site.last_modified):
                        reply = Reply(304, {"ETag": etag})
                # logged before the reply goes out: a client that has its answer (and may
                # have exited) finds its request in the log
                with server._log_lock:
                    server.log.append(LoggedRequest(site.name, started, "GET", self.path,
                                                    dict(self.headers), reply.status,
                                                    len(reply.body)))
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def _not_modified(headers, etag: str, last_modified: float) -> bool:
    if headers.get("If-None-Match"):
        return etag in [t.strip() for t in headers["If-None-Match"].split(",")]
    since = headers.get("If-Modified-Since")
    if since:
        try:
            return parsedate_to_datetime(since).timestamp() >= last_modified
        except (TypeError, ValueError):
            return False
    return False
