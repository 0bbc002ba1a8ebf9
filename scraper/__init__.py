"""The crawl stage: sources.yaml in, WARC archives and crawl state under data/raw/ out."""

from scraper.engine import CrawlError, CrawlStats, crawl
from scraper.sources import Source, SourceError, load_sources

__all__ = ["CrawlError", "CrawlStats", "Source", "SourceError", "crawl", "load_sources"]
