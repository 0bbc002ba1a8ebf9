"""Logging for every command: warnings to stderr by default, `-v` for what each stage
did and `-vv` for every page; `--log-file FILE` keeps everything (debug included) in a
file, as a cron job wants. Modules log to `logging.getLogger(__name__)`, never print."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
PACKAGES = ("muni", "scraper", "parsers", "normalizer")


def configure(verbosity: int = 0, log_file: Path | None = None) -> None:
    """Set up the handlers once per run of the command."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 \
        else logging.DEBUG
    handlers: list[logging.Handler] = []
    terminal = logging.StreamHandler(sys.stderr)
    terminal.setLevel(level)
    terminal.setFormatter(logging.Formatter("muni: %(levelname)s: %(message)s"))
    handlers.append(terminal)
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        kept = logging.FileHandler(log_file, encoding="utf-8")
        kept.setLevel(logging.DEBUG)
        kept.setFormatter(logging.Formatter(FORMAT))
        handlers.append(kept)
    for name in PACKAGES:
        logger = logging.getLogger(name)
        for old in list(logger.handlers):
            logger.removeHandler(old)
            old.close()
        logger.setLevel(logging.DEBUG if log_file is not None else level)
        logger.propagate = False
        for handler in handlers:
            logger.addHandler(handler)
