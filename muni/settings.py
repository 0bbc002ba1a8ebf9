"""What the user's files and flags say before any stage runs: the sources to crawl and
who the crawler says it is. Light on purpose: `muni extract` reads these and nothing of
the stages' machinery."""

from __future__ import annotations

from pathlib import Path

from muni.errors import MuniError
from parsers.languages import language_codes
from scraper.identity import Identity, IdentityError, chosen
from scraper.sources import Source, SourceError, load_settings, load_sources


def read_sources(path: str | Path, names: list[str] | None = None) -> list[Source]:
    try:
        return load_sources(path, names, language_codes())
    except SourceError as exc:
        raise MuniError(str(exc)) from None


def read_identity(path: str | Path | None, contact: str | None = None,
                  user_agent: str | None = None) -> Identity:
    """Who the crawler says it is: the flags, the environment, then sources.yaml."""
    try:
        return chosen(load_settings(path) if path else {}, contact, user_agent)
    except (SourceError, IdentityError) as exc:
        raise MuniError(str(exc)) from None
