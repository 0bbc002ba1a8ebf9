"""Main content: the article body without menus, sidebars, other headlines and footers.

The page is walked once, read-only, over what a browser would show (scripts, styles and
hidden elements are never measured), and cut into text blocks. Each block knows the
elements that hold it and the furniture marks among them (structural tags such as <nav>
or <form>, class and id words such as `sidebar`). A mark drops its blocks unless the
marked element holds most of the page's prose: ASP.NET portals wrap the whole page in a
<form>, page builders call the article's own wrapper a `widget`.

Then a cascade, as trafilatura falls back on other extractors:
1. `vote`: blocks that read as prose vote for the element that holds them; the element
   with the most votes (and its siblings of similar weight) is the article.
2. `density`: when the vote's text is empty or implausibly short against the page's
   prose, every block is classified on its own by length, link density and function
   words, with short blocks between good ones kept (jusText's context rule).
3. `short`: a page whose longest text is shorter than a paragraph keeps that text.
Per site, blocks that repeat across a site's pages are its template and never vote.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from lxml import etree

from parsers.languages import profiles
from parsers.text import LETTERS

# Never shown: their text is not the page's.
INVISIBLE_TAGS = frozenset((
    "script", "style", "noscript", "template", "svg", "head", "iframe", "button", "select",
    "option", "textarea", "input", "object", "embed", "canvas", "map", "audio", "video",
    "amp-sidebar", "amp-social-share"))
# Tags that hold page furniture wherever they stand.
FURNITURE_TAGS = frozenset(("nav", "header", "footer", "aside", "form", "figcaption",
                            "menu", "dialog"))
# Class and id words that name page furniture, in the spellings themes use. Strong ones
# drop what they hold; weak ones only when short or made of links, since an article's
# wrapper may carry them too.
_WORDS_OF = r"(?:^|[-_\s])({})(?:$|[-_\s])"
_STRONG_WORDS = (
    r"nav|navbar|navigation|menu|breadcrumbs?|sidebar|footer|masthead|share|sharing|"
    r"sharedaddy|social|comments?|respond|cookies?|consent|gdpr|related|widgets?|banner|ads?|"
    r"advert\w*|promo|tagcloud|rating|pagination|pager|newsletter|subscribe|popup|modal|"
    r"skip-link|recommended|trending|most-read|popular")
_WEAK_WORDS = (
    r"tags?|byline|author|meta|date|time|title|headline|caption|summary|lead|kicker|"
    r"subtitle|print|sr-only|screen-reader-text|visually-hidden")
# Notices a site lays over every page: dropped even when they are all the prose there is.
_NOTICE_WORDS = r"cookies?|consent|gdpr|cc-window|cookiebar"
STRONG_FURNITURE = re.compile(_WORDS_OF.format(_STRONG_WORDS), re.I)
WEAK_FURNITURE = re.compile(_WORDS_OF.format(_WEAK_WORDS), re.I)
NOTICE = re.compile(_WORDS_OF.format(_NOTICE_WORDS), re.I)
# Any of them: most class and id values hold none, and are then looked at once, not thrice.
_ANY_FURNITURE = re.compile(_WORDS_OF.format(
    "|".join((_STRONG_WORDS, _WEAK_WORDS, _NOTICE_WORDS))), re.I)
WEAK_MAX_CHARS = 300
GUARD_SHARE = 0.5  # a marked element holding this share of the prose is no furniture
ALWAYS_LEAF = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre")
LEAF_TAGS = (*ALWAYS_LEAF, "li", "blockquote", "dd", "dt", "td", "th")
# Tags laid out within a line; every other tag (custom elements such as <app-root> or
# <article-body> too) starts a block of its own, as browsers lay out HTML5 pages.
INLINE_TAGS = frozenset((
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "i",
    "img", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "picture", "source",
    "font", "span"))
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_DIGIT = re.compile(r"\d")
# Characters no HTML may hold; pasted from word processors, they break lxml's tree. In
# UTF-8 they are single bytes, which a table turns to spaces (a regex takes ten times as
# long on a page of 100 KB).
_CONTROL_TO_SPACE = bytes(0x20 if b < 0x20 and b not in (0x09, 0x0a, 0x0d) or b == 0x7f
                          else b for b in range(256))
# A start tag longer than any real one (40,000 attributes): libxml2 checks each attribute
# against the others, so such a tag costs the square of its length; its attributes go.
# (Possessive: an ordinary tag is given up at once, its name never shortened and retried.)
_LONG_TAG = re.compile(rb"<([a-zA-Z][\w:-]*+)[^<>]{16384,}+>")
PROSE_CHARS = 60  # a block shorter than this is a label, not a paragraph
SHORT_RESULT = 0.25  # the vote's text below this share of the page's prose asks method 2


class Block(NamedTuple):  # a tuple: made by the hundred on every page
    text: str
    link_chars: int
    tag: str = "p"
    ancestors: tuple[int, ...] = ()  # indexes of the elements that hold it, outermost first
    furniture: bool = False  # held by an element marked as page furniture
    marked: bool = False  # held by a marked element spared as holding most of the prose

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))

    @property
    def key(self) -> str:
        """Identity of a block across pages (what a template repeats)."""
        return hashlib.sha1(self.text.lower().encode()).hexdigest()[:16]


@dataclass(frozen=True)
class MainText:
    """The article body, and which method of the cascade gave it."""

    text: str
    method: str  # vote, density, short, or none
    blocks: tuple[Block, ...] = ()  # the blocks it is made of


def parse_document(text: str) -> etree._Element | None:
    """The page's tree, whatever precedes or declares it (XHTML's <?xml encoding=…?>,
    a BOM, junk before <html>); None when there is nothing to parse. Plain lxml elements,
    not lxml.html's: their proxies cost a class lookup each, on every element walked."""
    if not text.strip():
        return None
    data = _LONG_TAG.sub(rb"<\1>", text.encode("utf-8", "replace").translate(_CONTROL_TO_SPACE))
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except (etree.ParserError, ValueError):
        return None


def text_of(el: etree._Element) -> str:
    """An element's text, spaces folded."""
    return " ".join("".join(el.itertext()).split())


# Hidden by its attributes: the attributes that may hide are found in C, and only their
# values are read here (libxml2 compares attribute values slowly; lower-casing every style
# in XPath cost half as much again).
_MAY_HIDE = etree.XPath("descendant::*/@hidden | descendant::*/@aria-hidden | descendant::*/@style")
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(body: etree._Element) -> set[etree._Element]:
    return {value.getparent() for value in _MAY_HIDE(body) if _hides(value)}


def _hides(value: etree._ElementUnicodeResult) -> bool:
    """An attribute (lxml's string that knows its name and element) that hides its element."""
    if value.attrname == "style":
        return _HIDING_STYLE.search(value) is not None
    return value.attrname == "hidden" or value == "true"  # aria-hidden="true"


def _furniture_kind(el: etree._Element) -> str | None:
    """strong, weak, notice, or None: how the element's tag and marks name furniture."""
    attrib = el.attrib
    if not attrib:
        return "strong" if el.tag in FURNITURE_TAGS else None
    marks = f"{attrib.get('class', '')} {attrib.get('id', '')} {attrib.get('role', '')}"
    return _kind_of(marks.strip(), el.tag in FURNITURE_TAGS)


@lru_cache(maxsize=8192)  # class and id values recur across a site's pages and elements
def _kind_of(marks: str, furniture_tag: bool) -> str | None:
    if marks and _ANY_FURNITURE.search(marks):
        if NOTICE.search(marks):
            return "notice"
        if STRONG_FURNITURE.search(marks):
            return "strong"
        if not furniture_tag and WEAK_FURNITURE.search(marks):
            return "weak"
    return "strong" if furniture_tag else None


def _paragraph_break(br: etree._Element) -> bool:
    """<br><br>: the first of two line breaks with nothing but space between them."""
    following, previous = br.getnext(), br.getprevious()
    if (br.tail or "").strip() == "" and following is not None and following.tag == "br":
        return True
    return previous is not None and previous.tag == "br" and not (previous.tail or "").strip()


def _block_holders(body: etree._Element) -> set[etree._Element]:
    """The elements with a block element somewhere inside, found in one pass (asking each
    element of a nested layout table in turn would read the page once per level)."""
    holders: set[etree._Element] = set()
    for el in body.iterdescendants():
        if isinstance(el.tag, str) and el.tag not in INLINE_TAGS:
            up = el.getparent()
            while up is not None and up not in holders:
                holders.add(up)
                up = up.getparent()
    return holders


def _inline(el: etree._Element, hidden: AbstractSet[etree._Element]) -> tuple[str, int]:
    """Visible text of an element read as one run, and how much of it is link text."""
    if not len(el):  # most paragraphs hold text alone
        text = el.text or ""
        return text, len(text.strip()) if el.tag == "a" else 0
    parts: list[str] = []
    links = 0

    def read(node: etree._Element, in_link: bool) -> None:
        nonlocal links
        if node.text:
            parts.append(node.text)
            if in_link:
                links += len(node.text.strip())
        for child in node:
            child_tag, tail = child.tag, child.tail
            if child_tag == "br":
                parts.append(" ")
            elif isinstance(child_tag, str) and child_tag not in INVISIBLE_TAGS \
                    and child not in hidden:
                read(child, in_link or child_tag == "a")
            if tail:
                parts.append(tail)
                if in_link:
                    links += len(tail.strip())

    read(el, el.tag == "a")
    return "".join(parts), links


class _Raw(NamedTuple):
    text: str
    links: int
    tag: str
    path: tuple[int, ...]
    marks: tuple[int, ...]


def blocks(doc: etree._Element) -> list[Block]:
    """The page's visible text blocks in reading order; those held by furniture are
    flagged, not removed, so that a later method may still weigh them.

    Text that sits between block elements (a table cell of bare text, <font> runs split by
    <br>) becomes blocks of its own, as a browser lays it out.
    """
    body = doc.find("body")
    if body is None:
        return []
    raw: list[_Raw] = []
    kinds: dict[int, str] = {}
    holders, hidden = _block_holders(body), _hidden(body)
    counter = iter(range(1 << 30))

    def emit(text: str, links: int, tag: str, path: tuple[int, ...],
             marks: tuple[int, ...]) -> None:
        text = " ".join(text.split())
        if text:
            raw.append(_Raw(text, min(links, len(text)), tag, path, marks))

    def walk(el: etree._Element, path: tuple[int, ...], marks: tuple[int, ...]) -> None:
        tag = el.tag
        kind = _furniture_kind(el) if el is not body else None
        if kind and not (kind == "weak" and tag in HEADINGS):
            # (an in-body heading styled as a `subtitle` is the article's own)
            mark = next(counter)
            kinds[mark] = kind
            marks = (*marks, mark)
        if tag in ALWAYS_LEAF or (tag in LEAF_TAGS and el not in holders):
            emit(*_inline(el, hidden), tag, path, marks)
            return
        here = (*path, next(counter))
        # only text is gathered: most elements hold nothing but space between blocks
        parts, links = ([el.text] if el.text and not el.text.isspace() else []), 0
        for child in el:
            tail, child_tag = child.tail, child.tag  # (lxml makes each a new string)
            if not isinstance(child_tag, str) or child_tag in INVISIBLE_TAGS or child in hidden:
                pass
            elif child_tag == "br" and not _paragraph_break(child):
                parts.append(" ")  # a lone <br> is a line inside a paragraph
            elif child_tag not in INLINE_TAGS or child_tag in ("font", "span") and (
                    child in holders):
                if parts:
                    emit("".join(parts), links, "div", here, marks)
                    parts, links = [], 0
                if child_tag not in ("br", "hr"):
                    walk(child, here, marks)
            else:
                kind = _furniture_kind(child)
                text, inner = _inline(child, hidden)
                if kind in ("strong", "notice") and len(text.strip()) < PROSE_CHARS:
                    text, inner = "", 0  # a share button or a label inside a line
                parts.append(text)
                links += inner
            if tail and (parts or not tail.isspace()):
                parts.append(tail)
        if parts:
            emit("".join(parts), links, "div", here, marks)

    walk(body, (), ())
    return _flag_furniture(raw, kinds)


def _flag_furniture(raw: list[_Raw], kinds: dict[int, str]) -> list[Block]:
    """Decide each marked element over what it holds: furniture unless it holds most of
    the page's prose (then it is the article's wrapper, whatever its tag or class)."""
    # characters, link characters and prose characters, per set of marks, then per mark
    by_marks: dict[tuple[int, ...], list[int]] = {}
    for r in raw:
        size = len(r.text)
        prose = size if size >= PROSE_CHARS and r.links < 0.3 * size else 0
        sums = by_marks.setdefault(r.marks, [0, 0, 0])
        sums[0] += size
        sums[1] += r.links
        sums[2] += prose
    total_prose = sum(sums[2] for sums in by_marks.values())
    held: dict[int, list[int]] = {mark: [0, 0, 0] for mark in kinds}
    for marks, (size, links, prose) in by_marks.items():
        for mark in marks:
            sums = held[mark]
            sums[0] += size
            sums[1] += links
            sums[2] += prose
    furniture, spared = set(), set()
    for mark, kind in kinds.items():
        chars, links, prose = held[mark]
        if kind == "notice":
            furniture.add(mark)
        elif total_prose and prose >= GUARD_SHARE * total_prose:
            spared.add(mark)
        elif kind == "strong" or chars < WEAK_MAX_CHARS or links > 0.5 * chars:
            furniture.add(mark)
    # (tuple.__new__ skips the named tuple's Python-level constructor)
    return [tuple.__new__(Block, (r.text, r.links, r.tag, r.path,
                                  bool(r.marks) and not furniture.isdisjoint(r.marks),
                                  bool(r.marks) and not spared.isdisjoint(r.marks)))
            for r in raw]


def learn_template(pages: Iterable[list[Block]], min_share: float = 0.5) -> set[str]:
    """Keys of blocks found on at least `min_share` of a site's pages (and on two or more)."""
    pages = list(pages)
    counts = Counter(key for page in pages for key in {b.key for b in page})
    needed = max(2, int(min_share * len(pages) + 0.999))
    return {key for key, n in counts.items() if n >= needed}


class _Reader:
    """How one page's blocks read in its language: the share of function words (once per
    block), and whether a block is prose. Without a profile the stop words are a guess
    (every profile's), so length and links must do the work."""

    def __init__(self, language: str | None) -> None:
        profile = profiles().get(language or "")
        self.stop = profile.stop_words if profile is not None else _all_stop_words()
        self.min_density = 0.08 if profile is not None else 0.0
        self._densities: dict[int, float] = {}

    def density(self, block: Block) -> float:
        found = self._densities.get(id(block))
        if found is None:
            found = self._densities[id(block)] = _density(block.text, self.stop)
        return found

    def prose(self, block: Block) -> bool:
        return (len(block.text) >= PROSE_CHARS and block.link_density < 0.3
                and self.density(block) >= self.min_density)


def _all_stop_words() -> frozenset[str]:
    return frozenset().union(*(p.stop_words for p in profiles().values()))


def _density(text: str, stop: frozenset[str]) -> float:
    words = LETTERS.findall(text.lower())
    return sum(map(stop.__contains__, words)) / len(words) if words else 0.0


def headline_key(title: str | None) -> str:
    """The headline as a block that repeats it is compared (is_headline)."""
    return " ".join((title or "").split()).lower()


def is_headline(block: Block, key: str) -> bool:
    """The block is the headline (`key`: headline_key's). Lower case never shortens a
    text: a block longer than the key is not it, and is not lowered to be compared."""
    return len(block.text) <= len(key) and block.text.lower() == key


def extract_main(page_blocks: list[Block], template: AbstractSet[str] = frozenset(),
                 language: str | None = None, title: str | None = None) -> MainText:
    """The article body as paragraphs separated by blank lines, by the first method of
    the cascade whose result is plausible."""
    title_key = headline_key(title)
    usable = [b for b in page_blocks if not (template and b.key in template)
              and not is_headline(b, title_key)]
    candidates = [b for b in usable if not b.furniture and b.link_density < 0.5]
    reader = _Reader(language)
    page_prose = sum(len(b.text) for b in candidates if reader.prose(b))
    voted = _by_vote(candidates, reader)
    if voted and sum(len(b.text) for b in voted) >= SHORT_RESULT * page_prose:
        return _result(voted, "vote")
    dense = _by_density(candidates, reader)
    if sum(len(b.text) for b in dense) > sum(len(b.text) for b in voted):
        return _result(dense, "density")
    if voted:
        return _result(voted, "vote")
    short = _short(candidates, reader)
    return _result(short, "short") if short else MainText("", "none")


def _result(kept: list[Block], method: str) -> MainText:
    return MainText("\n\n".join(b.text for b in kept), method, tuple(kept))


def _by_vote(candidates: list[Block], reader: _Reader) -> list[Block]:
    """Prose blocks vote for their parent (and half for the grandparent); the winner and
    its siblings of similar weight are the article, widened to an ancestor when that
    adds mostly prose (an article cut into sections wrapped twice over)."""
    prose = [reader.prose(b) for b in candidates]
    votes: dict[int, float] = defaultdict(float)
    # characters, link characters and prose per path of ancestors, then per ancestor
    by_path: dict[tuple[int, ...], list[int]] = {}
    for block, good in zip(candidates, prose, strict=True):
        sums = by_path.setdefault(block.ancestors, [0, 0, 0])
        sums[0] += len(block.text)
        sums[1] += block.link_chars
        sums[2] += len(block.text) if good else 0
    prose_under: defaultdict[int, int] = defaultdict(int)
    text_under: defaultdict[int, int] = defaultdict(int)
    links_under: defaultdict[int, int] = defaultdict(int)
    parent: dict[int, int | None] = {}
    for path, (chars, links, good_chars) in by_path.items():
        for i, node in enumerate(path):
            parent.setdefault(node, path[i - 1] if i else None)
            text_under[node] += chars
            links_under[node] += links
            prose_under[node] += good_chars
    for block, good in zip(candidates, prose, strict=True):
        if good and block.ancestors:
            weight = len(block.text) * (1 + reader.density(block))
            if block.marked:
                weight /= 2  # furniture by its marks, though no other text outweighs it
            if block.tag == "li":
                weight /= 2  # list items are teasers as often as they are the text
            votes[block.ancestors[-1]] += weight
            if len(block.ancestors) > 1:
                votes[block.ancestors[-2]] += weight / 2
    if not votes:
        return []
    for node in votes:  # Readability: a node is worth the share of its text not in links
        votes[node] *= 1 - links_under[node] / max(1, text_under[node])
    best = max(votes, key=votes.__getitem__)
    # Readability's sibling rule: a split article (an ad between two halves) is kept whole.
    chosen = {best} | {node for node, score in votes.items() if score >= 0.3 * votes[best]
                       and parent[node] is not None and parent[node] == parent[best]}
    kept_prose = sum(prose_under[n] for n in chosen)
    kept_text = sum(text_under[n] for n in chosen)
    up = parent[best]
    while up is not None:
        node = up
        gained_prose, gained_text = prose_under[node] - kept_prose, text_under[node] - kept_text
        if gained_text > 0.1 * kept_text:
            if gained_prose < 0.3 * kept_prose or gained_prose < 0.8 * gained_text \
                    or not _same_shape(candidates, prose, chosen, node):
                break
            chosen, kept_prose, kept_text = {node}, prose_under[node], text_under[node]
        up = parent[node]
    kept = [b for b in candidates if not chosen.isdisjoint(b.ancestors)]
    return _trim(kept, reader)


def _same_shape(candidates: list[Block], prose: list[bool], chosen: set[int],
                node: int) -> bool:
    """Whether the prose that widening to `node` adds is set like the prose already kept
    (the same tag at the same depth below `node`): more sections of one article, not a
    lead set apart or a list of teasers."""
    def shape(block: Block) -> tuple[str, int]:
        return block.tag, len(block.ancestors) - block.ancestors.index(node)

    kept: set[tuple[str, int]] = set()
    added: Counter[tuple[str, int]] = Counter()
    for block, good in zip(candidates, prose, strict=True):
        if good and node in block.ancestors:
            if chosen.isdisjoint(block.ancestors):
                added[shape(block)] += len(block.text)
            else:
                kept.add(shape(block))
    return sum(n for s, n in added.items() if s in kept) >= 0.8 * sum(added.values())


def _by_density(candidates: list[Block], reader: _Reader) -> list[Block]:
    """jusText's idea without its tree: good blocks by their own looks, and the short or
    near-good ones kept where good blocks stand on both sides."""
    def grade(b: Block) -> str:
        if b.link_density > 0.2:
            return "bad"
        density = reader.density(b)
        if len(b.text) >= 2 * PROSE_CHARS and density >= 2 * reader.min_density:
            return "good"
        if len(b.text) >= PROSE_CHARS:
            return "near" if density >= reader.min_density else "bad"
        return "short"

    grades = [grade(b) for b in candidates]
    kept = []
    for i, block in enumerate(candidates):
        if grades[i] == "good":
            kept.append(block)
        elif grades[i] in ("near", "short"):
            before = next((g for g in reversed(grades[:i]) if g not in ("short", "near")), None)
            after = next((g for g in grades[i + 1:] if g not in ("short", "near")), None)
            if before == "good" and after == "good" or grades[i] == "near" and "good" in (
                    before, after):
                kept.append(block)
    return kept


def _short(candidates: list[Block], reader: _Reader) -> list[Block]:
    """A page whose article is one short paragraph: its longest block that reads as a
    sentence (function words or closing punctuation), not a label or a link."""
    sentences = [b for b in candidates if b.link_density < 0.3 and len(LETTERS.findall(b.text)) >= 4
                 and (reader.density(b) > 0 or b.text[-1] in ".!?؟。")]
    return [max(sentences, key=lambda b: len(b.text))] if sentences else []


def _trim(kept: list[Block], reader: _Reader) -> list[Block]:
    """Drop labels at the edges (a date line, a 'print' link, a sign-off), not in between.

    A short block set like the paragraph beside it (same tag, same parent, no figures) is
    part of the text: a list of partner cities, a heading line, a paragraph cut short.
    """
    def label(b: Block, inner: Block | None) -> bool:
        if len(b.text) >= PROSE_CHARS or b.tag in HEADINGS or b.tag == "li" \
                or reader.density(b) >= 0.15:
            return False
        return not (inner is not None and inner.tag == b.tag and b.ancestors == inner.ancestors
                    and not _DIGIT.search(b.text))
    start, end = 0, len(kept)
    while start < end and label(kept[start], kept[start + 1] if start + 1 < end else None):
        start += 1
    while end > start and label(kept[end - 1], kept[end - 2] if end - 2 >= start else None):
        end -= 1
    return _deduplicated(kept[start:end])


def _deduplicated(kept: list[Block]) -> list[Block]:
    """A teaser that the full text repeats (Joomla's intro above the full text) once."""
    by_start: dict[str, Block] = {}
    for block in kept:
        if len(block.text) >= PROSE_CHARS:
            known = by_start.get(block.text[:PROSE_CHARS])
            if known is None or len(block.text) > len(known.text):
                by_start[block.text[:PROSE_CHARS]] = block
    out = []
    for block in kept:
        longest = by_start.get(block.text[:PROSE_CHARS]) if len(block.text) >= PROSE_CHARS \
            else None
        if longest is not None and longest.ancestors != block.ancestors and (
                longest.text.startswith(block.text.rstrip(".… "))):
            continue
        out.append(block)
    return out
