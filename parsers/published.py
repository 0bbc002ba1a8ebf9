"""When a page was published: its own metadata, then a date in its URL's path, then the
date line beside the headline, then a headline that opens on "today" and a date. Null is
better than a wrong date.

The date line is looked for inside the article's own container (the element that holds
both the headline and the main text, widened by three levels, as Blogger sets its date
header beside the post, but never out to the page's outer wrappers), in short lines that
are not links, not the article's text and not a range: a "today" bar in the site header,
a news ticker, the dates of a "latest news" list and the footer's copyright all stand
outside it. In site mode a line that the template repeats on every page is never a
publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from datetime import date

from lxml import etree

from parsers.content import Block, headline_key, is_headline, text_of
from parsers.dates import find_dates
from parsers.languages import profiles
from parsers.text import Text

# Metadata naming the publication date, as <meta name|property|itemprop> (lower case).
META_NAMES = frozenset((
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date",
    "published", "published_time", "dc.date.issued", "dc.date.created", "dc.date",
    "dcterms.issued", "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date",
    "article.published", "citation_publication_date", "citation_date", "originalpublicationdate",
    "pub_date", "release_date", "created"))
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_ISO = re.compile(r"((?:19|20)\d\d)[-/.]([01]?\d)[-/.]([0-3]?\d)(?!\d)")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)([01]\d)([0-3]\d)(?!\d)")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:[/_-]|$)")
_DIGIT = re.compile(r"\d")
DATE_LINE_CHARS = 100  # a date line is short: a date, an author, a category
DATE_LINE_REACH = 8  # blocks either side of the headline
CONTAINER_WIDENING = 3  # levels above the article's container a date line may stand
PAGE_WRAPPERS = 3  # but never out in the body and the page's outer wrappers


def _valid(year: str, month: str, day: str) -> str | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found.isoformat() if 1990 <= found.year <= date.today().year + 1 else None


def parse_value(value: str) -> str | None:
    """An ISO date from a metadata value: ISO 8601, 2019/11/19, 20191119, or words."""
    value = value.strip()
    for pattern in (_ISO, _COMPACT):
        match = pattern.search(value)
        if match:
            return _valid(*match.groups())
    days = [d for d in find_dates(Text(value, "en")) if d.precision == "day"]
    return days[0].start.isoformat() if days else None


# Found in C: inline scripts are not each made a Python string to be searched, and
# attributes are compared here (libxml2 compares an attribute's value slowly).
_DATED_SCRIPTS = etree.XPath('//script[contains(text(), "datePublished")]')
_MAY_BE_DATED = etree.XPath("//@itemprop | //time[@pubdate] | //abbr/@class")


def _dated_elements(doc: etree._Element) -> Iterator[etree._Element]:
    """itemprop="datePublished", <time pubdate> and <abbr class="published">, each once
    (a <time pubdate itemprop="datePublished"> is found twice)."""
    dated: dict[etree._Element, None] = {}
    for found in _MAY_BE_DATED(doc):
        if isinstance(found, etree._Element):
            dated[found] = None
        elif (found == "datePublished" if found.attrname == "itemprop"
              else "published" in found.split()):
            dated[found.getparent()] = None
    return iter(dated)


def from_metadata(doc: etree._Element) -> str | None:
    """The date the page's own metadata gives: meta tags, JSON-LD (in @graph or in a
    <script> without type too), itemprop="datePublished" elements, <time pubdate>."""
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in META_NAMES and meta.get("content"):
            found = parse_value(meta.get("content"))
            if found:
                return found
    for script in _DATED_SCRIPTS(doc):
        kind = (script.get("type") or "").lower()
        if kind in ("", "application/ld+json", "text/javascript"):
            match = _JSONLD_DATE.search(script.text)
            found = parse_value(match.group(1)) if match else None
            if found:
                return found
    for el in _dated_elements(doc):
        for value in (el.get("content"), el.get("datetime"), el.get("title"),
                      text_of(el)):
            found = parse_value(value) if value else None
            if found:
                return found
    return None


def from_url(url: str | None) -> str | None:
    """A full date in the URL's path (/2019/11/19/slug), as news sites file articles."""
    match = _URL_DATE.search(url or "")
    return _valid(*match.groups()) if match else None


def _headline_index(page_blocks: list[Block], title: str | None) -> int | None:
    wanted = headline_key(title)
    if not wanted:
        return None
    found = [i for i, b in enumerate(page_blocks) if is_headline(b, wanted)]
    headings = [i for i in found if page_blocks[i].tag == "h1"]
    return (headings or found)[0] if found else None


def _shared(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    """How many elements, from the outermost, two blocks' paths share."""
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared


def _teaser_date(page_blocks: list[Block], i: int, anchor: int) -> bool:
    """A date beside another article's linked headline, in the same item of a related or
    latest list."""
    item = page_blocks[i].ancestors[-1:]
    return bool(item) and any(
        0 <= j < len(page_blocks) and j != anchor and page_blocks[j].link_density >= 0.5
        and item[0] in page_blocks[j].ancestors for j in (i - 1, i + 1))


def from_headline(title: str | None, language: str | None) -> str | None:
    """The day a headline that opens on the language's "today" gives (Днес, 24.03.22г.
    делегацията …; Bugün, 12 Mart 2019 …): the page's own day."""
    profile = profiles().get(language or "")
    if profile is None or not title:
        return None
    headline = Text(title, language)  # (its folded form keeps the title's offsets)
    folded = headline.folded
    opening = next((w for w in profile.today if folded.startswith(w)
                    and not folded[len(w):len(w) + 1].isalpha()), None)
    if opening is None:
        return None
    days = [d for d in find_dates(headline)
            if d.precision == "day" and d.start == d.end
            and not title[len(opening):d.offset].strip(_TODAY_GAP)]
    return days[0].start.isoformat() if days else None


_TODAY_GAP = " ,،:–—-"  # what may stand between "today" and its date


def from_date_line(page_blocks: list[Block], kept: Sequence[Block], title: str | None,
                   language: str | None, template: AbstractSet[str] = frozenset()) -> str | None:
    """The day given in a short line next to the headline, inside the article's container."""
    body = {id(b) for b in kept}
    first = next((i for i, b in enumerate(page_blocks) if id(b) in body), None)
    headline = _headline_index(page_blocks, title)
    anchor = headline if headline is not None else first
    if anchor is None:
        return None
    # The article's container, and up to three levels around it (Blogger sets the date
    # header beside the post); a "today" bar or a sidebar shares far less of the path.
    reach = 0
    if headline is not None and first is not None:
        shared = _shared(page_blocks[headline].ancestors, page_blocks[first].ancestors)
        reach = max(shared - CONTAINER_WIDENING, min(shared, PAGE_WRAPPERS))
    for step in range(1, DATE_LINE_REACH + 1):
        for i in (anchor + step, anchor - step):
            if not 0 <= i < len(page_blocks):
                continue
            block = page_blocks[i]
            if (id(block) in body or len(block.text) > DATE_LINE_CHARS
                    or block.link_density >= 0.5 or template and block.key in template
                    or not _DIGIT.search(block.text)
                    or _shared(block.ancestors, page_blocks[anchor].ancestors) < reach
                    or _teaser_date(page_blocks, i, anchor)):
                continue
            # a publication date is one day; a range in a line reports an event
            days = [d for d in find_dates(Text(block.text, language))
                    if d.precision == "day" and d.start == d.end]
            if days:
                return days[0].start.isoformat()
    return None
