"""Main content: the article body without menus, sidebars, other headlines and footers.

Two signals. Per page: boilerplate tags and class names are dropped, the rest is cut into
text blocks, and blocks that read as prose (long enough, few links, the language's
function words) vote for the element that holds them; the element with the most votes
is the article, read in order. Per site: blocks that repeat across a site's pages are
its template and are dropped before the vote.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree, html

from parsers.languages import profiles

DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
             "iframe", "button", "select", "textarea", "input", "svg", "template", "head",
             "figcaption", "amp-sidebar", "amp-social-share")
# Class and id words that name page furniture, in the spellings themes use. Strong ones
# are dropped whatever they hold (unless they wrap most of the page); weak ones only when
# short or made of links, since an article's wrapper may carry them too.
_WORDS_OF = r"(?:^|[-_\s])({})(?:$|[-_\s])"
STRONG_FURNITURE = re.compile(_WORDS_OF.format(
    r"nav|navbar|navigation|menu|breadcrumbs?|sidebar|footer|masthead|share|sharing|"
    r"sharedaddy|social|comments?|respond|cookies?|consent|related|widgets?|banner|ads?|"
    r"advert\w*|promo|tagcloud|rating|pagination|pager|newsletter|subscribe|popup|modal|"
    r"skip-link"), re.I)
WEAK_FURNITURE = re.compile(_WORDS_OF.format(
    r"tags?|byline|author|meta|date|time|title|headline|caption|summary|lead|kicker|"
    r"subtitle|print|sr-only|screen-reader-text|visually-hidden"), re.I)
WEAK_MAX_CHARS = 300
ALWAYS_LEAF = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre")
LEAF_TAGS = (*ALWAYS_LEAF, "li", "blockquote", "dd", "dt", "td", "th")
BLOCK_TAGS = {*LEAF_TAGS, "div", "section", "article", "main", "body", "table", "ul", "ol",
              "tr", "tbody", "thead", "dl", "center", "font", "span", "form", "fieldset",
              "figure", "br", "hr"}
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")
PROSE_CHARS = 60  # a block shorter than this is a label, not a paragraph


@dataclass(frozen=True)
class Block:
    text: str
    link_chars: int
    tag: str = "p"
    ancestors: tuple[int, ...] = ()  # indexes of the elements that hold it, outermost first

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))

    @property
    def key(self) -> str:
        """Identity of a block across pages (what a template repeats)."""
        return hashlib.sha1(self.text.lower().encode()).hexdigest()[:16]


def parse_document(text: str) -> html.HtmlElement | None:
    try:
        return html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def _text(el: html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _link_chars(el: html.HtmlElement) -> int:
    return sum(len(_text(a)) for a in el.iter("a"))


def _is_hidden(el: html.HtmlElement) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return ("display:none" in style or "visibility:hidden" in style
            or el.get("hidden") is not None or el.get("aria-hidden") == "true")


def _clean(doc: html.HtmlElement) -> html.HtmlElement:
    body = doc.find("body")
    total = len(_text(body)) if body is not None else 0
    for el in list(doc.iter(*DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(doc.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("html", "body"):
            continue
        marks = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}".strip()
        hidden = _is_hidden(el)
        strong = hidden or bool(marks) and STRONG_FURNITURE.search(marks) is not None
        if not strong and not (marks and WEAK_FURNITURE.search(marks)):
            continue  # the text is measured only where a mark says furniture: it costs
        size = len(_text(el))
        if size >= 0.5 * total:
            continue  # a wrapper of most of the page (`has-sidebar`) is not furniture
        if strong or size < WEAK_MAX_CHARS or _link_chars(el) > 0.5 * size:
            el.drop_tree()
    return doc


def _paragraph_break(br: html.HtmlElement) -> bool:
    """<br><br>: the first of two line breaks with nothing but space between them."""
    following, previous = br.getnext(), br.getprevious()
    if (br.tail or "").strip() == "" and following is not None and following.tag == "br":
        return True
    return previous is not None and previous.tag == "br" and not (previous.tail or "").strip()


def _has_block(el: html.HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())


def blocks(doc: html.HtmlElement) -> list[Block]:
    """The page's text blocks in reading order, after the boilerplate is gone.

    Text that sits between block elements (a table cell of bare text, <font> runs split by
    <br>) becomes blocks of its own, as a browser lays it out.
    """
    body = _clean(doc).find("body")
    out: list[Block] = []
    counter = iter(range(1 << 30))

    def emit(parts: list[str], links: int, tag: str, path: tuple[int, ...]) -> None:
        text = " ".join("".join(parts).split())
        if text:
            out.append(Block(text, min(links, len(text)), tag, path))

    def walk(el: html.HtmlElement, path: tuple[int, ...]) -> None:
        if el.tag in ALWAYS_LEAF or (el.tag in LEAF_TAGS and not _has_block(el)):
            emit([el.text_content()], _link_chars(el), el.tag, path)
            return
        here = (*path, next(counter))
        parts, links = [el.text or ""], 0
        for child in el:
            if not isinstance(child.tag, str):
                parts.append(child.tail or "")
                continue
            if child.tag == "br" and not _paragraph_break(child):
                parts.append(" ")  # a lone <br> is a line inside a paragraph
            elif child.tag in ("br", "hr") or child.tag in BLOCK_TAGS and (
                    child.tag not in ("font", "span") or _has_block(child)):
                emit(parts, links, "div", here)
                parts, links = [], 0
                if child.tag not in ("br", "hr"):
                    walk(child, here)
            else:
                parts.append(child.text_content())
                links += _link_chars(child)
            parts.append(child.tail or "")
        emit(parts, links, "div", here)

    if body is not None:
        walk(body, ())
    return out


def learn_template(pages: Iterable[list[Block]], min_share: float = 0.5) -> set[str]:
    """Keys of blocks found on at least `min_share` of a site's pages (and on two or more)."""
    pages = list(pages)
    counts = Counter(key for page in pages for key in {b.key for b in page})
    needed = max(2, int(min_share * len(pages) + 0.999))
    return {key for key, n in counts.items() if n >= needed}


def stop_word_density(text: str, language: str | None) -> float:
    profile = profiles().get(language or "")
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    if profile is None:  # unknown language: the most common words of every profile
        stop = frozenset().union(*(p.stop_words for p in profiles().values()))
    else:
        stop = profile.stop_words
    return sum(w in stop for w in words) / len(words)


def is_prose(block: Block, language: str | None) -> bool:
    return (len(block.text) >= PROSE_CHARS and block.link_density < 0.3
            and stop_word_density(block.text, language) >= 0.08)


def main_text(page_blocks: list[Block], template: set[str] = frozenset(),
              language: str | None = None, title: str | None = None) -> str:
    """The article body as paragraphs separated by blank lines."""
    title_key = _SPACE.sub(" ", title or "").strip().lower()
    candidates = [b for b in page_blocks if b.key not in template
                  and b.text.lower() != title_key and b.link_density < 0.5]
    if not candidates:
        return ""
    votes: dict[int, float] = defaultdict(float)
    for block in candidates:
        if is_prose(block, language) and block.ancestors:
            weight = len(block.text) * (1 + stop_word_density(block.text, language))
            votes[block.ancestors[-1]] += weight
            if len(block.ancestors) > 1:
                votes[block.ancestors[-2]] += weight / 2
    if not votes:
        return "\n\n".join(b.text for b in candidates if len(b.text) >= PROSE_CHARS)
    best = max(votes, key=votes.get)
    # Readability's sibling rule: a split article (an ad between two halves) is kept whole.
    parents = {b.ancestors[b.ancestors.index(best) - 1] for b in candidates
               if best in b.ancestors and b.ancestors.index(best) > 0}
    chosen = {best} | {node for node, score in votes.items() if score >= 0.3 * votes[best]
                       and _parent_of(node, candidates) in parents}
    kept = [b for b in candidates if chosen & set(b.ancestors)]
    return "\n\n".join(b.text for b in _trim(kept, language))


def _parent_of(node: int, candidates: list[Block]) -> int | None:
    for block in candidates:
        if node in block.ancestors:
            i = block.ancestors.index(node)
            return block.ancestors[i - 1] if i else None
    return None


def _trim(kept: list[Block], language: str | None) -> list[Block]:
    """Drop labels at the edges (a date line, a 'print' link, a sign-off), not in between."""
    def label(b: Block) -> bool:
        return (len(b.text) < PROSE_CHARS and b.tag not in HEADINGS and b.tag != "li"
                and stop_word_density(b.text, language) < 0.15)
    start, end = 0, len(kept)
    while start < end and label(kept[start]):
        start += 1
    while end > start and label(kept[end - 1]):
        end -= 1
    return kept[start:end]
