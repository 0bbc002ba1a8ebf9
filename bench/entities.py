"""Entity benchmark: muni's cities, dates, officials, events and relations scored against
gold files (ANNOTATION.md, "How a page is scored"), per language and overall.

A gold file that names a fixture page (`site`, `path`) is scored on that page's HTML,
served as the fixture server sends it; one without (the seed pages of ../shared/gold) on
its `main_text`, set as the paragraphs of a plain page. Gold files without entity
annotations are passed over.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.content import GOLD_DIR, fixture_pages
from bench.entity_scoring import TYPES, diff_page, score
from parsers.names import same_person
from parsers.page import parse_page, read_html

SHARED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def _plain_page(gold: dict) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in gold["main_text"].split("\n\n"))
    return (f"<html lang='{gold['lang']}'><head><title>{gold.get('title') or ''}</title>"
            f"</head><body><div>{paragraphs}</div></body></html>").encode()


def gold_pages(folders: list[Path]) -> list[tuple[dict, bytes, str | None]]:
    """(gold, HTML, content type) for every annotated gold file in the folders."""
    served = {(p["site"], p["path"]): p for p in fixture_pages()} \
        if any(f.resolve() == GOLD_DIR.resolve() for f in folders) else {}
    pages = []
    for folder in folders:
        for path in sorted(folder.rglob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            if "cities" not in gold:
                continue
            page = served.get((gold.get("site"), gold.get("path")))
            real = path.parent.parent / "html" / f"{path.stem}.html"  # dev-gold's layout
            if page is not None:
                pages.append((gold, page["html"], page["content_type"]))
            elif real.is_file():
                pages.append((gold, real.read_bytes(), None))
            else:
                pages.append((gold, _plain_page(gold), "text/html; charset=utf-8"))
    return pages


def run(folders: list[Path] | None = None) -> dict:
    folders = folders or [f for f in (SHARED_GOLD, GOLD_DIR) if f.exists()]
    pairs = []
    for gold, html, content_type in gold_pages(folders):
        # a real page comes with no hint: its language is told as on a page never seen
        hint = None if content_type is None else gold["lang"]
        pairs.append((parse_page(read_html(html, content_type, hint)).to_dict(), gold))
    return {"pages": len(pairs), "folders": [str(f) for f in folders], "scores": score(pairs),
            "pairs": pairs}


def diff(result: dict) -> list[str]:
    """Page by page, what was missed (-) and what was wrong (+), with its sentence."""
    lines = []
    for pred, gold in result["pairs"]:
        shown = []
        diffs = diff_page(pred, gold)
        for kind, (missed, wrong) in diffs.items():
            if kind == "officials_role":  # the name found, its role not: one line for both
                unnamed = diffs["officials"][0]
                shown += [f"  ~ role: {_shown(item, gold, pred)}, found as "
                          f"{_found_role(item, pred)}" for item in missed if item not in unnamed]
                continue
            shown += [f"  - {kind}: {_shown(item, gold, pred)}" for item in missed]
            shown += [f"  + {kind}: {_shown(item, gold, pred)}" for item in wrong]
        if shown:
            lines += [f"{gold.get('id')} ({gold.get('lang')})", *shown]
    return lines


def _found_role(official: dict, pred: dict) -> str:
    return ", ".join(sorted({o["role"] for o in pred.get("officials") or []
                             if same_person(o["name"], official["name"])}))


def _shown(item: object, gold: dict, pred: dict) -> str:
    """An entity as a person reads it: a city's name, a date's span, an event's fields and
    the sentence it came from where the prediction has one."""
    if isinstance(item, int):
        names = {c["geonameid"]: c.get("name") for c in (gold.get("cities") or [])
                 + (pred.get("cities") or [])}
        return f"{names.get(item)} ({item})"
    if isinstance(item, tuple):
        return " … ".join(item)
    fields = {k: v for k, v in item.items() if k not in ("evidence", "mentions", "aliases")
              and v not in (None, [], "")}
    evidence = item.get("evidence")
    return json.dumps(fields, ensure_ascii=False) + (f"  « {evidence[:160]} »"
                                                     if evidence else "")


def report(result: dict) -> list[str]:
    lines = [f"entities on {result['pages']} gold pages ({', '.join(result['folders'])}):",
             "  " + " " * 8 + "".join(f"{t:>16s}" for t in TYPES)]
    for group, kinds in result["scores"].items():
        lines.append(f"  {group:8s}" + "".join(
            f"   {k['precision']:.2f}/{k['recall']:.2f}/{k['f1']:.2f}" for k in kinds.values()))
    lines.append("  (precision/recall/F1; officials_role counts name and role together)")
    return lines
