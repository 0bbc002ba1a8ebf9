"""The crawl stage: sources.yaml in, WARC archives and crawl state under data/raw/ out."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scraper.engine import CrawlError, CrawlStats, crawl
    from scraper.sources import Source, SourceError, load_sources

__all__ = ["CrawlError", "CrawlStats", "Source", "SourceError", "crawl", "load_sources"]

# Loaded when first asked for (PEP 562): the engine brings requests and warcio, which the
# parse stage and `muni extract` import this package without needing (scraper.encoding).
_HOMES = {"CrawlError": "scraper.engine", "CrawlStats": "scraper.engine",
          "crawl": "scraper.engine", "Source": "scraper.sources",
          "SourceError": "scraper.sources", "load_sources": "scraper.sources"}


def __getattr__(name: str) -> object:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'scraper' has no attribute {name!r}")
