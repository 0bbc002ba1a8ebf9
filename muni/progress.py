"""Progress on a terminal, silence in cron."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from scraper import CrawlStats


class Progress:
    """Rewrites one status line on a terminal at most a few times a second."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr  # the stderr of now, not of the import
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._last = 0.0

    def line(self, text: str, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if force or now - self._last > 0.25:
            self._last = now
            self.stream.write("\r\033[K" + text[:120])
            self.stream.flush()

    def crawl(self, stats: CrawlStats, queued: int) -> None:
        self.line(f"crawl: {stats.pages} pages, {stats.not_modified} unchanged, "
                  f"{stats.failed} failed, {queued} queued")

    def parsed(self, source: str, pages: int) -> None:
        self.line(f"parse: {source}: {pages} pages", force=True)

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()
