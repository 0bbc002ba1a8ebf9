"""`muni extract`: pages given as files or URLs in, one JSON object per page out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from parsers.content import learn_template
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
        record = parse_page(item.parsed, item.url, template)
        yield {"input": item.input, "url": item.url,
               "language": language or record.language, "title": record.title,
               "published": record.published, "text": record.text,
               "text_method": record.text_method,
               "cities": record.cities, "dates": record.dates, "officials": record.officials,
               "events": record.events, "relations": record.relations,
               "unsupported": record.unsupported}
