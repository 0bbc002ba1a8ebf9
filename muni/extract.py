"""`muni extract`: pages given as files or URLs in, one JSON object per page out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from parsers.content import learn_template
from parsers.extractors import RECORDED
from parsers.page import NotHTML, ParsedHTML, check_html, parse_page, read_html
from scraper.identity import Identity, placeholder_refusal

if TYPE_CHECKING:
    from scraper.downloader import Downloader


@dataclass
class Loaded:
    input: str
    url: str | None
    parsed: ParsedHTML | None = None
    error: str | None = None


class _Web:
    """Pages asked for by URL, through one downloader made at the first of them: the HTTP
    stack takes a tenth of a second to import, which pages read from files never need."""

    def __init__(self, identity: Identity | None) -> None:
        self.identity = identity or Identity()

    @cached_property
    def downloader(self) -> Downloader:
        from scraper.downloader import Downloader

        return Downloader(self.identity)

    def load(self, item: str, url: str | None, language: str | None) -> Loaded:
        from scraper.downloader import FetchError, content_decoded, fetch_page

        refusal = placeholder_refusal(self.identity, [item])
        if refusal:
            return Loaded(item, url, error=refusal)
        try:
            final, ex = fetch_page(item, downloader=self.downloader)
        except FetchError as exc:
            return Loaded(item, url, error=str(exc))
        if not 200 <= ex.status < 300:
            return Loaded(item, final, error=f"HTTP {ex.status}")
        headers = {k.lower(): v for k, v in ex.response_headers}
        body = content_decoded(ex.body, headers.get("content-encoding"), len(ex.body) * 50)
        return _read(item, url or final, body, headers.get("content-type"), language)


def _load(item: str, url: str | None, language: str | None, web: _Web) -> Loaded:
    if item.startswith(("http://", "https://")):
        return web.load(item, url, language)
    try:
        if item == "-":  # one page on standard input
            body = sys.stdin.buffer.read()
        else:
            path = Path(item)
            if not path.exists():
                return Loaded(item, url, error="no such file")
            if not path.is_file():
                return Loaded(item, url, error="not a file")
            body = path.read_bytes()
    except OSError as exc:
        return Loaded(item, url, error=exc.strerror or str(exc))
    return _read(item, url, body, None, language)


def _read(item: str, url: str | None, body: bytes, content_type: str | None,
          language: str | None) -> Loaded:
    try:
        check_html(body)
    except NotHTML as exc:
        return Loaded(item, url, error=str(exc))
    return Loaded(item, url, read_html(body, content_type, language))


PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
CSV_FIELDS = ("input", "url", "language", "title", "published", "text_method", "text",
              *RECORDED, "cut", "unsupported", "error")


def expand_inputs(inputs: list[str], listing: str | None = None) -> list[str]:
    """What `muni extract` is given, as pages: a folder is the HTML files below it (in
    order), `listing` a file (or - for standard input) of paths or URLs one per line
    (blank lines and # comments left out). Raises OSError for an unreadable listing."""
    items = list(inputs)
    if listing is not None:
        text = sys.stdin.read() if listing == "-" else Path(listing).read_text(encoding="utf-8")
        items += [line.strip() for line in text.splitlines()
                  if line.strip() and not line.lstrip().startswith("#")]
    pages: list[str] = []
    for item in items:
        folder = Path(item)
        if not item.startswith(("http://", "https://")) and item != "-" and folder.is_dir():
            pages += sorted(str(p) for p in folder.rglob("*")
                            if p.suffix.lower() in PAGE_SUFFIXES and p.is_file())
        else:
            pages.append(item)
    return pages


def csv_row(result: dict) -> dict[str, str]:
    """One result as a CSV row: lists and objects as JSON, as trafilatura's CSV users
    expect one line per page."""
    return {k: json.dumps(result[k], ensure_ascii=False) if isinstance(result.get(k),
                                                                       list | dict)
            else ("" if result.get(k) is None else str(result[k])) for k in CSV_FIELDS}


def extract(inputs: list[str], language: str | None = None, url: str | None = None,
            site: bool = False, identity: Identity | None = None) -> Iterator[dict]:
    """One result per input, in input order; a failed input gives {'input', 'error'}.

    With `site`, the inputs are pages of one site and its template is learned from them.
    """
    web = _Web(identity)
    loaded: Iterable[Loaded] = (_load(item, url, language, web) for item in inputs)
    template: set[str] = set()
    if site:  # the template needs every page read first; else each is read, then let go
        loaded = list(loaded)
        pages = [item.parsed.blocks for item in loaded if item.parsed is not None]
        template = learn_template(pages) if len(pages) > 1 else set()
    for item in loaded:
        if item.parsed is None:
            yield {"input": item.input, "error": item.error}
            continue
        record = parse_page(item.parsed, item.url, template).to_dict()
        del record["encoding"]
        yield {"input": item.input, **record, "language": language or record["language"]}
