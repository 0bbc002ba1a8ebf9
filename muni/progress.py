"""Progress on a terminal, silence in cron: a tqdm bar per stage (counts, rate, time left)
on stderr when it is a terminal, and nothing at all when it is not."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # (the crawler's import is the crawl's to pay; tqdm's, a bar's:
    # its version lookup reads the installed packages' metadata, a tenth of a cold start)
    from tqdm import tqdm

    from scraper import CrawlStats


class Progress:
    """One bar per stage; a stage's bar is closed (and left on the screen) when the next
    stage starts or `done` is called."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr  # the stderr of now, not of the import
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._bar: tqdm | None = None
        self._stage = ""
        self._pages = 0  # pages parsed in this stage, over its sources

    def _bar_for(self, stage: str, unit: str, total: int | None = None) -> tqdm | None:
        if not self.enabled:
            return None
        if self._bar is None or self._stage != stage:
            self.done()
            self._stage, self._pages = stage, 0
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=stage, unit=unit, file=self.stream,
                             dynamic_ncols=True, mininterval=0.25, leave=True)
        return self._bar

    def crawl(self, stats: CrawlStats, queued: int) -> None:
        """Pages fetched of those known so far: the total grows as links are found."""
        bar = self._bar_for("crawl", "page")
        if bar is None:
            return
        bar.total = stats.pages + queued
        bar.set_postfix_str(f"{stats.not_modified} unchanged, {stats.failed} failed",
                            refresh=False)
        bar.update(stats.pages - bar.n)

    def parse_started(self, sources: int) -> None:
        self._bar_for("parse", "source", sources)

    def parsed(self, source: str, pages: int) -> None:
        bar = self._bar_for("parse", "source")
        if bar is None:
            return
        self._pages += pages
        bar.set_postfix_str(f"{self._pages} pages, last {source}", refresh=False)
        bar.update(1)

    def step(self, stage: str, done: int, steps: int, what: str) -> None:
        """A stage made of a few named steps (export: tables, workbook, report): `done`
        of them finished, `what` under way."""
        bar = self._bar_for(stage, "step", steps)
        if bar is None:
            return
        bar.set_postfix_str(what, refresh=False)
        bar.update(done - bar.n)

    def done(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
