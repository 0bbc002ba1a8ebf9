"""One HTML page in, one record out: decoding, title, date, language, main text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from lxml import html

from parsers.cities import find_cities, home_city
from parsers.content import Block, blocks, main_text, parse_document
from parsers.dates import find_dates
from parsers.events import find_events
from parsers.language import detect_language
from parsers.languages import profiles
from parsers.officials import find_officials
from parsers.relations import find_relations
from scraper.encoding import decode_html

HEADLINE_TAGS = {"h1", "h2", "h3", "b", "strong"}  # where a headline is set
_DIGIT = re.compile(r"\d")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—-]|::|»)\s+")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})')


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
    dates: list[dict] = field(default_factory=list)  # DateMention.to_dict(), in text order
    cities: list[dict] = field(default_factory=list)  # find_cities(), in text order
    officials: list[dict] = field(default_factory=list)  # find_officials()
    relations: list[dict] = field(default_factory=list)  # find_relations()
    events: list[dict] = field(default_factory=list)  # find_events()


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


def _clean_text(text: str) -> str:
    return " ".join(text.split())


def title_of(doc: html.HtmlElement) -> str | None:
    """The headline as shown: a heading that og:title or <title> repeats, else og:title,
    else the longest part of the <title> (site names sit before or after it)."""
    og_title = _clean_text(" ".join(doc.xpath('//meta[@property="og:title"]/@content')))
    head_title = _clean_text(" ".join(doc.xpath("//title//text()")))
    headings = [_clean_text(h.text_content()) for h in doc.iter("h1", "h2")]
    for heading in headings:
        if len(heading) > 3 and any(heading.lower() in t.lower() for t in (og_title, head_title)
                                    if t):
            return heading
    for value in (og_title, head_title):
        if value:
            return max(_TITLE_SEPARATORS.split(value), key=len).strip()
    return next((h for h in headings if h), None)


def _same_headline(line: str, title: str) -> bool:
    """The headline as set on the page, allowing a truncated or extended <title>."""
    if line == title:
        return True
    shorter, longer = sorted((line.lower(), title.lower()), key=len)
    return len(shorter) >= 0.7 * len(longer) and shorter.rstrip(".… ") in longer


def published_of(doc: html.HtmlElement, title: str | None, language: str | None) -> str | None:
    """The page's own date: its metadata, else the date line next to the headline.

    A date line is a short piece of text within a few lines of the headline; dates inside
    the article's paragraphs are what it reports, not when it was published. Footers'
    copyright years are never full dates, so they are never taken.
    """
    for xpath in ('//meta[@property="article:published_time"]/@content',
                  '//meta[@itemprop="datePublished"]/@content',
                  '//meta[@name="date" or @name="pubdate" or @name="DC.date.issued"]/@content'):
        for value in doc.xpath(xpath):
            match = _ISO_DATE.search(value)
            if match:
                return match.group(0)
    for script in doc.xpath('//script[@type="application/ld+json"]/text()'):
        match = _JSONLD_DATE.search(script)
        if match:
            return match.group(1)
    body = doc.find("body")
    if body is None:
        return None
    holders: list[html.HtmlElement | None] = []  # the element each text piece reads in
    pieces: list[str] = []
    for node in body.xpath(".//text()"):
        piece = _clean_text(node)
        if not piece:
            continue
        holder = node.getparent()
        holders.append(holder.getparent() if node.is_tail and holder is not None else holder)
        pieces.append(piece.lower())
    lines: dict[int, str] = {}  # each piece as the whole element that holds it reads

    def line(i: int) -> str:
        if i not in lines:
            lines[i] = _clean_text(holders[i].text_content()) if holders[i] is not None else ""
        return lines[i]

    def rank(i: int) -> int:  # 0 in an <h1>, 1 in another heading, 2 elsewhere
        holder = holders[i]
        tags = {el.tag for el in (holder, *holder.iterancestors())} if holder is not None \
            else set()
        return 0 if "h1" in tags else 1 if tags & HEADLINE_TAGS else 2

    # The headline itself first; the same words in a menu or breadcrumb are a fallback.
    # Only a piece of the title (or the title in a piece) can be read as the headline.
    wanted = (title or "").lower()
    anchors = sorted((i for i, piece in enumerate(pieces)
                      if wanted and (piece in wanted or wanted in piece)
                      and _same_headline(line(i), title)), key=rank)
    for anchor in anchors:
        for step in range(1, 9):  # outwards: date lines sit right next to the headline
            for i in (anchor + step, anchor - step):
                # a publication date gives its day in digits (Persian ones included)
                if 0 <= i < len(pieces) and len(line(i)) <= 100 and _DIGIT.search(line(i)):
                    days = [d for d in find_dates(line(i), language) if d.precision == "day"]
                    if days:
                        return days[0].start.isoformat()
    for value in doc.xpath("//time/@datetime"):
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
    declared = declared_language(doc)
    title = title_of(doc)
    language = declared or language_hint or detect_language(_clean_text(doc.text_content()))
    published = published_of(doc, title, language)
    return ParsedHTML(title, published, declared, blocks(doc), encoding)


def declared_language(doc: html.HtmlElement) -> str | None:
    """What the page says its language is: <html lang>, Content-Language, og:locale."""
    for value in (doc.get("lang"), *doc.xpath('//meta[@http-equiv="content-language" or '
                                              '@http-equiv="Content-Language"]/@content'),
                  *doc.xpath('//meta[@property="og:locale"]/@content')):
        if value and value.strip():
            return value.strip().replace("_", "-").split("-")[0].lower()
    return None


def main_text_of(parsed: ParsedHTML, template: set[str] = frozenset()) -> tuple[str, str | None]:
    """The article body and its language."""
    page_language = detect_language(" ".join(b.text for b in parsed.blocks),
                                    parsed.declared_language)
    text = main_text(parsed.blocks, template, page_language, parsed.title)
    return text, detect_language(text, parsed.declared_language) if text else page_language


def parse_page(parsed: ParsedHTML, url: str | None = None,
               template: set[str] = frozenset(), country: str | None = None) -> PageRecord:
    """The record for one page; `template` holds the block keys its site repeats, and
    `country` is the source's own (by default, the language's)."""
    text, language = main_text_of(parsed, template)
    published = date.fromisoformat(parsed.published) if parsed.published else None
    dates = [d.to_dict() for d in find_dates(text, language, published)]
    profile = profiles().get(language or "")
    home = country or (profile.country if profile else None)
    cities = find_cities(text, language, home) if text else []
    own_city = home_city(text, cities, language)
    officials = find_officials(text, language, cities, own_city)
    relations = find_relations(text, language, cities, dates, own_city)
    events = find_events(text, language, cities, dates, officials, own_city,
                         parsed.published)
    return PageRecord(url, language, parsed.title, parsed.published, text, parsed.encoding,
                      dates, cities, officials, relations, events)
