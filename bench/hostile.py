"""Pathological pages: inputs a real page can approach that would make extraction
superlinear (long runs of figures, lists of years, a tag with 40,000 attributes, a title of
20,000 headings, a long article). Each class is made at two sizes, four times apart: a
linear extractor takes about four times as long on the larger; a quadratic one sixteen.
Reports the seconds per MB of the slowest page and each class's growth. The pages are
generated here (no one's text)."""

from __future__ import annotations

import time
from collections.abc import Callable

from parsers.page import parse_page, read_html


def _page(body: str, title: str = "t", lang: str = "") -> str:
    return (f"<html{f' lang={lang!r}' if lang else ''}><head><title>{title}</title></head>"
            f"<body><article><p>{body}</p></article></body></html>")


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
    "long Bulgarian article": lambda n: _page(
        "Кметът на Казанлък посрещна на 5 юни 2021 г. делегация от побратимения град "
        "Кочани. " * (n // 2), lang="bg"),
}


def _seconds(html: str) -> float:
    started = time.perf_counter()
    parse_page(read_html(html.encode("utf-8"), "text/html; charset=utf-8", None))
    return time.perf_counter() - started


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
            "slowest_seconds_per_mb": rows[slowest]["seconds_per_mb"]}


def report(result: dict) -> list[str]:
    lines = ["hostile pages (the larger of two sizes four times apart; growth near 4 is "
             "linear, near 16 quadratic):"]
    for name, r in result["classes"].items():
        lines.append(f"  {name}: {r['kb']} KB in {r['seconds']} s, {r['seconds_per_mb']} s/MB, "
                     f"growth {r['growth_4x']}x")
    lines.append(f"  slowest: {result['slowest']}, {result['slowest_seconds_per_mb']} s/MB")
    return lines
