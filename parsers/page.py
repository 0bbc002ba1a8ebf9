"""One HTML page in, one record out: decoding, title, date, language, main text."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from lxml import html

from parsers.content import Block, blocks, main_text, parse_document
from parsers.language import detect_language
from scraper.encoding import decode_html

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+[^|–—-]+$")


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

    def to_dict(self) -> dict:
        return asdict(self)


def check_html(body: bytes) -> None:
    """Raise NotHTML with a reason a user understands."""
    if not body.strip():
        raise NotHTML("empty file")
    head = body[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotHTML("binary file, not HTML")
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")):
        raise NotHTML("binary file, not HTML")
    if not re.search(rb"<\s*(html|body|head|p|div|title|article|table|!doctype)\b", head, re.I):
        raise NotHTML("not HTML (no HTML tags found)")


def title_of(doc: html.HtmlElement) -> str | None:
    for xpath in ('//meta[@property="og:title"]/@content', "//h1", "//title"):
        found = doc.xpath(xpath)
        if found:
            value = found[0] if isinstance(found[0], str) else found[0].text_content()
            value = " ".join(value.split())
            if value:
                return _TITLE_SEPARATORS.sub("", value) if xpath == "//title" else value
    return None


def published_of(doc: html.HtmlElement) -> str | None:
    """The page's own date from its metadata (date lines in the text come later)."""
    for xpath in ('//meta[@property="article:published_time"]/@content',
                  '//meta[@name="date"]/@content', '//meta[@itemprop="datePublished"]/@content',
                  "//time/@datetime"):
        for value in doc.xpath(xpath):
            match = _ISO_DATE.search(value)
            if match:
                return match.group(0)
    return None


@dataclass
class ParsedHTML:
    """What is read from the page before its main text is chosen."""

    title: str | None
    published: str | None
    declared_language: str | None
    blocks: list[Block]
    encoding: str


def read_html(body: bytes, content_type: str | None,
              language_hint: str | None) -> ParsedHTML:
    """Decode, parse, read the metadata, then cut the page into text blocks."""
    text, encoding = decode_html(body, content_type, language_hint)
    doc = parse_document(text)
    if doc is None:
        return ParsedHTML(None, None, None, [], encoding)
    # Title and date first: cutting into blocks drops the header that may hold them.
    return ParsedHTML(title_of(doc), published_of(doc), doc.get("lang"), blocks(doc), encoding)


def parse_page(parsed: ParsedHTML, url: str | None = None,
               template: set[str] = frozenset()) -> PageRecord:
    """The record for one page; `template` holds the block keys its site repeats."""
    text = main_text(parsed.blocks, template)
    sample = text or " ".join(b.text for b in parsed.blocks)
    language = detect_language(sample, parsed.declared_language)
    return PageRecord(url, language, parsed.title, parsed.published, text, parsed.encoding)
