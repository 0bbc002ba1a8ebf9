"""The real pages muni is judged on, read where `../shared` keeps them (never copied into
the project): the dev-gold set (60 annotated municipal and news pages in bg, tr and fa)
and the ScrapingHub article-extraction benchmark (181 English news pages)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV_GOLD = SHARED / "dev-gold"
SCRAPINGHUB = SHARED / "bench-data" / "scrapinghub"
SCORER = SHARED / "tools" / "score_entities.py"


def available() -> bool:
    return DEV_GOLD.is_dir() and SCRAPINGHUB.is_dir() and SCORER.is_file()


def dev_gold_pages() -> list[dict]:
    """Gold records with `html` (the page's bytes), `path` (the HTML file) and `site`, in
    the order of each language's index."""
    pages = []
    for language in ("bg", "tr", "fa"):
        index = json.loads((DEV_GOLD / language / "index.json").read_text(encoding="utf-8"))
        for entry in index:
            path = DEV_GOLD / entry["html"]
            gold = json.loads((DEV_GOLD / entry["gold"]).read_text(encoding="utf-8"))
            pages.append({**gold, "site": entry["site"], "path": path,
                          "html": path.read_bytes(), "content_type": None})
    return pages


def scrapinghub_pages() -> list[dict]:
    """`html` (bytes as served), `main_text` (the gold article body), `lang` and `url`."""
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text(encoding="utf-8"))
    return [{"id": key, "lang": "en", "url": value["url"], "main_text": value["articleBody"],
             "html": gzip.decompress((SCRAPINGHUB / "html" / f"{key}.html.gz").read_bytes()),
             "content_type": None, "site": key}
            for key, value in sorted(truth.items())]
