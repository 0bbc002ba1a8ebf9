"""Records before and after a change: `python -m bench records --save FILE` writes the JSON
record of every fixture, dev-gold and ScrapingHub page (one line each, keyed by the page);
`--against FILE` makes them again and names every page and field that differs. A
refactor shows with it that no record changed."""

from __future__ import annotations

import json
from pathlib import Path

from bench import realpages
from bench.content import fixture_pages, real_pages
from parsers.page import parse_page, read_html


def pages() -> list[dict]:
    found = fixture_pages()
    if realpages.available():
        found += real_pages(realpages.dev_gold_pages) + real_pages(realpages.scrapinghub_pages)
    return found


def records() -> dict[str, dict]:
    """{page id: its record as JSON has it}."""
    return {p["id"]: parse_page(read_html(p["html"], p["content_type"], p["hint"])).to_dict()
            for p in pages()}


def save(path: Path) -> int:
    found = records()
    path.write_text("".join(json.dumps({"page": key, "record": record}, ensure_ascii=False,
                                       sort_keys=True) + "\n"
                            for key, record in found.items()), encoding="utf-8")
    return len(found)


def compare(path: Path) -> list[str]:
    """One line per page and field that differs from the saved records (none: identical)."""
    before = {line["page"]: line["record"] for line in map(
        json.loads, path.read_text(encoding="utf-8").splitlines())}
    # through JSON, as saved: a tuple and a list are the same record
    now = {key: json.loads(json.dumps(record)) for key, record in records().items()}
    lines = [f"{key}: not in the saved records" for key in now if key not in before]
    lines += [f"{key}: saved, no longer made" for key in before if key not in now]
    for key in now.keys() & before.keys():
        lines += [f"{key}: {field} differs" for field in sorted(now[key].keys()
                                                                | before[key].keys())
                  if now[key].get(field) != before[key].get(field)]
    return sorted(lines)
