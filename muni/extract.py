"""`muni extract`: pages given as files or URLs in, one JSON object per page out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from parsers.content import learn_template
from parsers.extractors import RECORDED
from parsers.page import NotHTML, ParsedHTML, check_html, parse_page, read_html
from scraper.downloader import Downloader, FetchError, content_decoded, fetch_page
from scraper.identity import Identity, placeholder_refusal


@dataclass
class Loaded:
    input: str
    url: str | None
    parsed: ParsedHTML | None = None
    error: str | None = None


def _load(item: str, url: str | None, language: str | None,
          downloader: Downloader) -> Loaded:
    try:
        if item.startswith(("http://", "https://")):
            refusal = placeholder_refusal(downloader.identity, [item])
            if refusal:
                return Loaded(item, url, error=refusal)
            final, ex = fetch_page(item, downloader=downloader)
            if not 200 <= ex.status < 300:
                return Loaded(item, final, error=f"HTTP {ex.status}")
            headers = {k.lower(): v for k, v in ex.response_headers}
            body = content_decoded(ex.body, headers.get("content-encoding"), len(ex.body) * 50)
            content_type, url = headers.get("content-type"), url or final
        elif item == "-":  # one page on standard input
            body, content_type = sys.stdin.buffer.read(), None
        else:
            path = Path(item)
            if not path.exists():
                return Loaded(item, url, error="no such file")
            if not path.is_file():
                return Loaded(item, url, error="not a file")
            body, content_type = path.read_bytes(), None
        check_html(body)
    except (FetchError, NotHTML) as exc:
        return Loaded(item, url, error=str(exc))
    except OSError as exc:
        return Loaded(item, url, error=exc.strerror or str(exc))
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
    downloader = Downloader(identity)
    loaded = [_load(item, url, language, downloader) for item in inputs]
    pages = [item.parsed for item in loaded if item.parsed is not None]
    template = learn_template(p.blocks for p in pages) if site and len(pages) > 1 else set()
    for item in loaded:
        if item.parsed is None:
            yield {"input": item.input, "error": item.error}
            continue
        record = parse_page(item.parsed, item.url, template).to_dict()
        del record["encoding"]
        yield {"input": item.input, **record, "language": language or record["language"]}
