"""Sources: one municipal site each, as a researcher writes them in sources.yaml."""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scraper.encoding import Decoding
from scraper.yamlfile import YAMLFileError, load_yaml

NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")  # the whole name: fullmatch, no newline after
COUNTRY_RE = re.compile(r"[A-Z]{2}")
POSITIVE_KEYS = ("connect_timeout", "read_timeout", "max_body_bytes", "max_redirects")
ISO_CODE = re.compile(r"^[a-z]{2,3}$")


class SourceError(ValueError):
    """sources.yaml is unreadable or says something the crawler cannot do."""


@dataclass(frozen=True)
class Source:
    name: str
    language: str
    start_urls: tuple[str, ...]
    country: str | None = None
    sitemaps: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    max_pages: int = 2000
    max_depth: int = 10
    delay: float = 1.0  # seconds between requests to one host; robots' crawl-delay may raise it
    max_delay: float = 60.0  # a host asking for more is left for another run
    max_body_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_retries: int = 3
    decoding: Decoding | None = field(default=None, compare=False, repr=False)  # the language's
    _allow_re: tuple[re.Pattern, ...] = field(default=(), compare=False, repr=False)
    _deny_re: tuple[re.Pattern, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        allow = self.allow or tuple(
            "^" + re.escape(f"{u.scheme}://{u.netloc}") + "/"
            for u in map(urlsplit, self.start_urls)
        )
        object.__setattr__(self, "_allow_re", tuple(re.compile(p) for p in allow))
        object.__setattr__(self, "_deny_re", tuple(re.compile(p) for p in self.deny))

    def in_scope(self, url: str) -> bool:
        """Allowed by one allow pattern and by no deny pattern."""
        return any(p.search(url) for p in self._allow_re) and not any(
            p.search(url) for p in self._deny_re
        )


_INT_KEYS = ("max_pages", "max_depth", "max_body_bytes", "max_redirects", "max_retries")
_FLOAT_KEYS = ("delay", "max_delay", "connect_timeout", "read_timeout")
_LIST_KEYS = ("start_urls", "sitemaps", "allow", "deny")
_KNOWN = {"name", "language", "country", *_INT_KEYS, *_FLOAT_KEYS, *_LIST_KEYS}


def parse_source(raw: object, where: str, languages: Collection[str] = ()) -> Source:
    """One entry of sources.yaml, checked field by field so the error names the field.
    `languages` are those the caller can read (muni: the languages it has profiles for)."""
    if not isinstance(raw, dict):
        raise SourceError(f"{where}: each source must be a mapping")
    unknown = set(raw) - _KNOWN
    if unknown:
        raise SourceError(f"{where}: unknown key(s): {', '.join(sorted(unknown))}")
    name = raw.get("name")
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        raise SourceError(f"{where}: 'name' must be lower-case letters, digits, '-' or '_'")
    where = f"{where} ({name})"
    language = raw.get("language")
    if languages and language not in languages:
        raise SourceError(f"{where}: 'language' must be one of {', '.join(sorted(languages))}")
    if not isinstance(language, str) or not ISO_CODE.match(language):
        raise SourceError(f"{where}: 'language' must be an ISO 639-1 code such as bg")
    country = raw.get("country")
    if country is not None and (not isinstance(country, str) or not COUNTRY_RE.fullmatch(country)):
        raise SourceError(f"{where}: 'country' must be an ISO 3166 code such as BG")
    kwargs: dict = {"name": name, "language": language, "country": country}
    for key in _LIST_KEYS:
        value = raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SourceError(f"{where}: '{key}' must be a list of strings")
        kwargs[key] = tuple(value)
    if not kwargs["start_urls"]:
        raise SourceError(f"{where}: 'start_urls' needs at least one URL")
    for key in ("start_urls", "sitemaps"):
        for url in kwargs[key]:
            try:
                parts = urlsplit(url)
                good = parts.scheme in ("http", "https") and bool(parts.hostname)
                parts.port  # noqa: B018 (raises on a port out of range)
            except ValueError:
                good = False
            if not good:
                raise SourceError(f"{where}: '{key}' holds what is not an http(s) URL: {url}")
    for key in ("allow", "deny"):
        for pattern in kwargs[key]:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise SourceError(f"{where}: bad regex in '{key}': {pattern!r} ({exc})") from None
    for key, kind in [(k, int) for k in _INT_KEYS] + [(k, float) for k in _FLOAT_KEYS]:
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int | float) \
                    or not math.isfinite(value) or value < 0:
                raise SourceError(f"{where}: '{key}' must be a non-negative number")
            if key in POSITIVE_KEYS and value == 0:
                raise SourceError(f"{where}: '{key}' must be more than 0")
            kwargs[key] = kind(value)
    return Source(**kwargs)


SETTINGS = ("contact", "user_agent")  # top-level keys beside `sources:`


def _read_file(path: Path) -> dict:
    """sources.yaml as a mapping whose top-level keys are all known."""
    try:
        data = load_yaml(path)
    except YAMLFileError as exc:
        raise SourceError(str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourceError(f"{path}: expected a top-level 'sources:' list")
    unknown = sorted(map(str, set(data) - {"sources", *SETTINGS}))
    if unknown:
        raise SourceError(f"{path}: unknown top-level key(s): {', '.join(unknown)} "
                          f"(known: sources, {', '.join(SETTINGS)})")
    return data


def load_settings(path: str | Path) -> dict[str, str]:
    """The top-level settings of sources.yaml (the crawler's contact, its User-Agent)."""
    path = Path(path)
    data = _read_file(path)
    settings = {key: data[key] for key in SETTINGS if data.get(key) is not None}
    for key, value in settings.items():
        if not isinstance(value, str):
            raise SourceError(f"{path}: '{key}' must be a string")
    return settings


def load_sources(path: str | Path, names: list[str] | None = None,
                 languages: Collection[str] = ()) -> list[Source]:
    """Read sources.yaml; with names, only those sources (each must exist)."""
    path = Path(path)
    data = _read_file(path)
    if not data["sources"]:
        raise SourceError(f"{path}: 'sources:' lists no source")
    sources = [parse_source(raw, f"{path}: source {i + 1}", languages)
               for i, raw in enumerate(data["sources"])]
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise SourceError(f"{path}: source name '{source.name}' is used twice")
        seen.add(source.name)
    if names:
        missing = [n for n in names if n not in seen]
        if missing:
            raise SourceError(f"{path}: no source named {', '.join(missing)}")
        sources = [s for s in sources if s.name in names]
    return sources
