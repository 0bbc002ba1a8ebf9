"""Fuzzing the page reader: fixture pages mutated at random (seeded, so a failure can be
made again) and the hostile classes an attack found, each read the way `muni extract`
reads a file. Every input must give its output line: a record, or a one-line error for a
page that is not one; anything raised is a crash. The test suite runs a few hundred; the
bench (`python -m bench fuzz`) runs 10,000 and reports crashes and the slowest page."""

from __future__ import annotations

import contextlib
import random
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

from parsers.page import NotHTML, check_html, parse_page, read_html

SITES = Path(__file__).resolve().parent.parent / "muni" / "sites"
MB_FROM = 20_000  # bytes: the inputs whose time per MB is reported
# Fragments an attack used, each of which once stopped a stage (#15's list).
HOSTILE = (b'<a href="http://[">x</a>', b"<script></script>\x0b", b"<style></style>\x0c",
           b'<meta charset="undefined">', b'<meta charset="punycode">',
           b'<meta charset="utf-7">', b'<?xml version="1.0" encoding="ebcdic"?>',
           b"\x00\x00\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3\x28\xa0\xa1",
           b"<div>" * 2000, b"</div>" * 2000, b"<h1>" + b"x" * 200 + b"</h1>",
           b'<img src="x" ' + b'a="b" ' * 3000 + b">", b"<!--", b"<![CDATA[",
           "۱-".encode() * 500, "1 до ".encode() * 500, b"2019, " * 500,
           b"<title>" + b"<h1>t</h1>" * 500 + b"</title>", b"&#x110000;&#0;&#xD800;",
           b"<base href='javascript:alert(1)'>", b"<a href='//[::1'>y</a>")


def fixture_pages() -> list[bytes]:
    return [p.read_bytes() for p in sorted(SITES.glob("*/pages/**/*.html"))]


def mutate(page: bytes, rng: random.Random) -> bytes:
    """One to four random edits: cut, splice a hostile fragment, flip bytes, repeat a
    slice, or drop one."""
    out = bytearray(page)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        edit = rng.randrange(5)
        if edit == 0:
            del out[at:]
        elif edit == 1:
            out[at:at] = rng.choice(HOSTILE)
        elif edit == 2:
            for i in rng.sample(range(len(out)), min(len(out), rng.randint(1, 32))):
                out[i] = rng.randrange(256)
        elif edit == 3:
            out[at:at] = out[at:at + rng.randint(1, 2000)] * rng.randint(2, 20)
        else:
            del out[at:at + rng.randint(1, 5000)]
    return bytes(out)


def inputs(count: int, seed: int) -> Iterator[bytes]:
    """`count` inputs: every hostile fragment alone in a page, then mutated pages."""
    rng = random.Random(seed)
    pages = fixture_pages()
    for fragment in HOSTILE[:count]:
        yield b"<html><body><p>Text of the page. " + fragment + b"</p></body></html>"
    for _ in range(max(0, count - len(HOSTILE))):
        yield mutate(rng.choice(pages), rng)


def read(body: bytes) -> str:
    """What muni extract makes of a file: 'page' or 'error'; raises on a crash."""
    try:
        check_html(body)
    except NotHTML:
        return "error"
    parse_page(read_html(body, None, None))
    return "page"


def run(count: int = 10_000, seed: int = 1) -> dict:
    crashes: list[str] = []
    outcomes = {"page": 0, "error": 0}
    slowest = (0.0, 0)
    large: list[tuple[float, int, bytes]] = []  # (seconds per MB, number, input), larger ones
    read(fixture_pages()[0])  # loading the gazetteer and the profiles is no page's time
    for i, body in enumerate(inputs(count, seed)):
        started = time.perf_counter()
        try:
            outcomes[read(body)] += 1
        except Exception as exc:  # a crash: what the fuzzing is for
            crashes.append(f"input {i}: {type(exc).__name__}: {exc}\n{traceback.format_exc()}")
        seconds = time.perf_counter() - started
        slowest = max(slowest, (seconds, len(body)))
        if len(body) >= MB_FROM:  # per MB means little for a page of a few bytes
            large.append((seconds / len(body) * 1e6, i, body))
    per_mb = _slowest_per_mb(large)
    return {"inputs": count, "seed": seed, **outcomes, "crashes": len(crashes),
            "first_crashes": crashes[:3], "slowest_seconds": round(slowest[0], 3),
            "slowest_kb": round(slowest[1] / 1000, 1),
            "slowest_seconds_per_mb": per_mb[0]["seconds_per_mb"] if per_mb else 0.0,
            "slowest_per_mb_kb": per_mb[0]["kb"] if per_mb else 0.0, "slowest_per_mb": per_mb}


def _slowest_per_mb(large: list[tuple[float, int, bytes]]) -> list[dict]:
    """The slowest of the larger inputs per MB, slowest first: the candidates (the RETIMED
    slowest of one pass) read again, in rounds of every candidate in turn (so that a
    spell of the shared machine's falls on one round of each, not on every read of one),
    each timed at its best round, since such a spell is not the page's own time."""
    candidates = sorted(large, key=lambda x: x[0], reverse=True)[:RETIMED]
    best = [float("inf")] * len(candidates)
    for _ in range(ROUNDS):
        for k, (_, _, body) in enumerate(candidates):
            started = time.perf_counter()
            with contextlib.suppress(Exception):  # a crash is counted in the first pass
                read(body)
            best[k] = min(best[k], time.perf_counter() - started)
    timed = [{"input": number, "kb": round(len(body) / 1000, 1),
              "seconds_per_mb": round(seconds / len(body) * 1e6, 2)}
             for (_, number, body), seconds in zip(candidates, best, strict=True)]
    return sorted(timed, key=lambda t: t["seconds_per_mb"], reverse=True)[:SHOWN]


RETIMED = 20  # inputs read again for the slowest page's time
ROUNDS = 5  # rounds they are read in, each timed at its best
SHOWN = 3  # of them, the slowest reported (by input number: `inputs` makes it again)


def report(result: dict) -> list[str]:
    lines = [f"fuzz: {result['inputs']} inputs (seed {result['seed']}): {result['page']} "
             f"read as pages, {result['error']} refused in one line, {result['crashes']} "
             f"crashes; slowest {result['slowest_seconds']} s ({result['slowest_kb']} KB); "
             f"slowest per MB of those of {MB_FROM // 1000} KB or more (best of {ROUNDS} rounds): "
             f"{result['slowest_seconds_per_mb']} s/MB ({result['slowest_per_mb_kb']} KB)",
             "  slowest per MB: " + ", ".join(
                 f"input {t['input']} ({t['kb']} KB) {t['seconds_per_mb']} s/MB"
                 for t in result["slowest_per_mb"])]
    return lines + result["first_crashes"]
