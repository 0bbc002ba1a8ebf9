"""Main content: the article body without menus, sidebars, other headlines and footers.

Two signals: per-page heuristics (boilerplate tags and class names, link density, the
densest container of prose) and, when a site's other pages are known, its template:
text blocks that repeat across the site's pages are not what any one page says.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree, html

DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
             "iframe", "button", "select", "svg", "template", "head")
BOILERPLATE = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|breadcrumbs?|sidebar|side|footer|share|paylas|social|"
    r"comments?|yorumlar|cookie|cerez|related|widget|banner|tags|etiketler|topbar|"
    r"ust-bar|top-bar|lang|quick|latest|box|info|fontsize|rotitr|date|haber-meta|"
    r"page-title|haber-baslik|news-head|today|logo|site-name)($|[-_ ])", re.I)
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt",
              "td", "th", "div", "section", "article", "main", "body", "table", "ul", "ol",
              "tr", "tbody"}
ALWAYS_LEAF = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre")
LEAF_TAGS = (*ALWAYS_LEAF, "li", "blockquote", "dd", "dt", "td", "th")
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Block:
    text: str
    link_chars: int
    tag: str = "p"

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


def _clean(doc: html.HtmlElement) -> html.HtmlElement:
    for el in list(doc.iter(*DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(doc.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        marks = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
        if marks.strip() and BOILERPLATE.search(marks):
            el.drop_tree()
    return doc


def _text(el: html.HtmlElement) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


def _own_text(el: html.HtmlElement) -> str:
    """Text of el outside its block-level children (a div holding bare text)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
            parts.append(" ")
        else:
            parts.append(child.text_content() if isinstance(child.tag, str) else "")
        parts.append(child.tail or "")
    return _SPACE.sub(" ", "".join(parts)).strip()


def _is_leaf(el: html.HtmlElement) -> bool:
    """A block read whole: a paragraph or heading, or a cell or item with no blocks inside."""
    if el.tag in ALWAYS_LEAF:
        return True
    return el.tag in LEAF_TAGS and not any(
        isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())


def blocks(doc: html.HtmlElement) -> list[Block]:
    """The page's text blocks in reading order, after the boilerplate tags are gone."""
    body = _clean(doc).find("body")
    out: list[Block] = []

    def add(el: html.HtmlElement, text: str) -> None:
        if text:
            links = sum(len(_text(a)) for a in el.iter("a"))
            out.append(Block(text, min(links, len(text)), el.tag))

    def walk(el: html.HtmlElement) -> None:
        if _is_leaf(el):
            add(el, _text(el))
            return
        add(el, _own_text(el))
        for child in el:
            if isinstance(child.tag, str) and child.tag in BLOCK_TAGS | set(LEAF_TAGS):
                walk(child)

    if body is not None:
        walk(body)
    return out


def learn_template(pages: Iterable[list[Block]], min_share: float = 0.5) -> set[str]:
    """Keys of blocks found on at least `min_share` of a site's pages (and on two or more)."""
    pages = list(pages)
    counts = Counter(key for page in pages for key in {b.key for b in page})
    needed = max(2, int(min_share * len(pages) + 0.999))
    return {key for key, n in counts.items() if n >= needed}


def main_text(page_blocks: list[Block], template: set[str] = frozenset()) -> str:
    """The article body as paragraphs separated by blank lines."""
    kept = [b for b in page_blocks if b.key not in template and b.link_density < 0.5]
    if not kept:
        return ""
    # The body is the longest run of blocks that reads as prose; short link-free
    # lines around it (list items, headings) stay when they sit inside the run.
    prose = [i for i, b in enumerate(kept) if len(b.text) >= 80]
    if not prose:
        return "\n\n".join(b.text for b in kept)
    best_start, best_end, best_len = prose[0], prose[0], 0
    start = prose[0]
    for prev, cur in zip(prose, prose[1:] + [None], strict=False):
        # list items and headings between two paragraphs belong with them; other lines
        # (a date, a caption, a widget title) break the run after a few
        if cur is None or sum(kept[i].tag not in ("li", *HEADINGS)
                              for i in range(prev + 1, cur)) > 3:
            length = sum(len(kept[i].text) for i in range(start, prev + 1))
            if length > best_len:
                best_start, best_end, best_len = start, prev, length
            if cur is not None:
                start = cur
    while best_start > 0 and kept[best_start - 1].tag in HEADINGS:
        best_start -= 1  # an in-body heading opens the first section
    end = best_end
    while end + 1 < len(kept) and len(kept[end + 1].text) < 80 and end + 1 - best_end <= 8 \
            and _continues(kept[end + 1].text):
        end += 1
    return "\n\n".join(b.text for b in kept[best_start:end + 1])


def _continues(text: str) -> bool:
    """A short line after the body that still belongs to it (a list item, not a sign-off)."""
    return not re.match(r"^(انتهای پیام|منبع|Kaynak|Източник|©)", text)
