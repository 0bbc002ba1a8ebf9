"""One HTML page in, one record out: decoding, title, date, language, main text."""

from __future__ import annotations

import gc
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from lxml import etree

from parsers.content import PROSE_CHARS, Block, blocks, extract_main, parse_document, text_of
from parsers.extractors import plain_entities, run_extractors
from parsers.language import SAMPLE, detect_language, dominant_script
from parsers.languages import decoding_for, profiles
from parsers.published import from_date_line, from_headline, from_metadata, from_url
from parsers.text import Text
from scraper.encoding import decode_html

_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—-]|::|»)\s+")
# Tags that only HTML has, looked for well past a long <style> or script at the top.
_HTML_TAG = re.compile(rb"<\s*(html|body|head|p|div|title|article|table|!doctype|meta|style|"
                       rb"script|link|span|a|h[1-6]|ul|section|main)\b", re.I)
HTML_SNIFF = 1 << 16
MAX_HEADINGS = 200  # headings read for the title: a page of thousands is not a headline list


class NotHTML(ValueError):
    """The input is not an HTML page (empty, binary, or some other format)."""


@dataclass
class PageRecord:
    url: str | None
    language: str | None
    title: str | None
    published: str | None
    text: str
    encoding: str
    text_method: str  # the content cascade's method that gave the text
    # what each recorded extractor found (parsers.extractors), frozen entities in text order
    entities: Mapping[str, tuple] = field(default_factory=dict)
    unsupported: list[str] = field(default_factory=list)  # kinds the language has no profile for
    cut: list[str] = field(default_factory=list)  # kinds left out: the page took too long
    # the text model the extractors read, kept for citing sentences (not part of the record)
    model: Text | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        """The record as JSON has it (DESIGN.md's `muni extract` object, less the input)."""
        return {"url": self.url, "language": self.language, "title": self.title,
                "published": self.published, "text": self.text, "encoding": self.encoding,
                "text_method": self.text_method, **plain_entities(self.entities),
                "cut": list(self.cut), "unsupported": list(self.unsupported)}


def check_html(body: bytes) -> None:
    """Raise NotHTML with a reason a user understands."""
    if not body.strip():
        raise NotHTML("empty file")
    head = body[:HTML_SNIFF]
    if b"\x00" in head[:8192] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotHTML("binary file, not HTML")
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")):
        raise NotHTML("binary file, not HTML")
    if not _HTML_TAG.search(head):
        raise NotHTML("not HTML (no HTML tags found)")


def _clean_text(text: str) -> str:
    return " ".join(text.split())


_OG_TITLE = etree.XPath('//meta[@property="og:title"]/@content')
_HEAD_TITLE = etree.XPath("//title//text()")


def title_of(doc: etree._Element) -> str | None:
    """The headline as shown: the longest heading that og:title or <title> repeats (a
    sidebar's heading or the site's name in an <h1> is shorter), else og:title, else the
    longest part of the <title> (site names sit before or after it)."""
    og_title = _clean_text(" ".join(_OG_TITLE(doc)))
    head_title = _clean_text(" ".join(_HEAD_TITLE(doc)))
    headings = [text_of(h)
                for h, _ in zip(doc.iter("h1", "h2", "h3"), range(MAX_HEADINGS), strict=False)]
    repeated = [h for h in headings if len(h) > 3 and any(
        h.lower() in t.lower() for t in (og_title, head_title) if t)]
    if repeated:
        return max(repeated, key=len)
    for value in (og_title, head_title):
        if value:
            return max(_TITLE_SEPARATORS.split(value), key=len).strip()
    return next((h for h in headings if h and h.split()), None)


@dataclass
class ParsedHTML:
    """What is read from the page before its main text is chosen."""

    title: str | None
    metadata_published: str | None  # the date the page's metadata gives
    declared_language: str | None
    blocks: list[Block]
    encoding: str


def read_html(body: bytes, content_type: str | None,
              language_hint: str | None = None) -> ParsedHTML:
    """Decode, parse, read the metadata, then cut the page into text blocks."""
    text, encoding = decode_html(body, content_type, decoding_for(language_hint))
    doc = parse_document(text)
    if doc is None:
        return ParsedHTML(None, None, None, [], encoding)
    return ParsedHTML(title_of(doc), from_metadata(doc), declared_language(doc), blocks(doc),
                      encoding)


def declared_language(doc: etree._Element) -> str | None:
    """What the page says its language is: <html lang>, Content-Language, og:locale."""
    lang = doc.get("lang")
    # the metas are read only without <html lang>
    values = [lang] if lang and lang.strip() else [*_CONTENT_LANGUAGE(doc), *_OG_LOCALE(doc)]
    for value in values:
        if value and value.strip():
            return value.strip().replace("_", "-").split("-")[0].lower()
    return None


_CONTENT_LANGUAGE = etree.XPath('//meta[@http-equiv="content-language" or '
                                '@http-equiv="Content-Language"]/@content')
_OG_LOCALE = etree.XPath('//meta[@property="og:locale"]/@content')


@dataclass(frozen=True)
class PageText:
    """The page-level reading: the article body, which method gave it, its language and
    the publication date."""

    text: str
    method: str
    language: str | None
    published: str | None


def main_text_of(parsed: ParsedHTML, template: AbstractSet[str] = frozenset(),
                 url: str | None = None) -> PageText:
    """The article body, its language and when it was published."""
    # The page's prose tells its language, and the stop words to choose the text by; the
    # text is asked again only where its script is another (the model's time counts).
    prose = "\n\n".join(b.text for b in parsed.blocks
                        if not b.furniture and len(b.text) >= PROSE_CHARS)[:SAMPLE]
    page_language = detect_language(prose, parsed.declared_language)
    main = extract_main(parsed.blocks, template, page_language, parsed.title)
    language = page_language if not main.text or dominant_script(main.text) == \
        dominant_script(prose) else detect_language(main.text, parsed.declared_language)
    published = parsed.metadata_published or from_url(url) or from_date_line(
        parsed.blocks, main.blocks, parsed.title, language, template) or from_headline(
        parsed.title, language)
    return PageText(main.text, main.method, language, published)


def parse_page(parsed: ParsedHTML, url: str | None = None,
               template: AbstractSet[str] = frozenset(), country: str | None = None) -> PageRecord:
    """The record for one page; `template` holds the block keys its site repeats, and
    `country` is the source's own (by default, the language's)."""
    page = main_text_of(parsed, template, url)
    text = Text(page.text, page.language,
                date.fromisoformat(page.published) if page.published else None, parsed.title)
    profile = profiles().get(text.language or "")
    # offices, cues and event words are the profile's: without one they are not guessed
    found = run_extractors(text, country or (profile.country if profile else None),
                           profile is not None)
    _settle()
    return PageRecord(url, text.language, parsed.title, page.published, text.raw,
                      parsed.encoding, page.method, found.entities, found.unsupported,
                      found.cut, text)


@cache
def _settle() -> None:
    """Once the first page is read, what it loaded for every page (profiles, compiled
    grammars, the gazetteer's caches) is left out of the garbage collector's scans: a full
    collection, which comes every hundred thousand allocations or so, otherwise adds
    about 10 ms to whichever page it falls in."""
    gc.collect()
    gc.freeze()
