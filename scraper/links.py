"""What a fetched document points to: links in HTML, URLs in sitemaps."""

from __future__ import annotations

import re

from lxml import etree, html

from scraper.downloader import content_decoded

_REFRESH = re.compile(r"^\s*\d*\s*;?\s*url\s*=\s*['\"]?([^'\"]+)", re.I)


def html_links(text: str, base_url: str) -> list[str]:
    """href targets of a page in document order (raw; the caller canonicalises).

    A page whose meta robots says nofollow yields none; rel=nofollow links are skipped.
    """
    try:
        doc = html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return []
    for meta in doc.iterfind(".//meta[@name]"):
        content = meta.get("content", "").lower()
        if meta.get("name", "").lower() == "robots" and "nofollow" in content:
            return []
    base = doc.find(".//base[@href]")
    if base is not None:
        base_url = base.get("href") or base_url
    links: list[str] = []
    for el in doc.iter("a", "area", "frame", "iframe", "meta"):
        if el.tag == "meta":
            if el.get("http-equiv", "").lower() == "refresh":
                match = _REFRESH.match(el.get("content", ""))
                if match:
                    links.append(match.group(1))
            continue
        if "nofollow" in (el.get("rel") or "").lower():
            continue
        target = el.get("href") if el.tag in ("a", "area") else el.get("src")
        if target and not target.startswith(("mailto:", "tel:", "javascript:", "#")):
            links.append(target)
    return links


MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # sitemaps.org's limit, uncompressed


def sitemap_urls(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index, gzip or plain. A
    gzip body is decompressed to `limit` bytes at most (a 1 MB bomb is not 2 GB of memory);
    what lies beyond is not read."""
    if body[:2] == b"\x1f\x8b":
        body = content_decoded(body, "gzip", limit)
        if not body:
            return [], []
    body = body[:limit]
    try:
        root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True,
                                                      recover=True))
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    pages: list[str] = []
    nested: list[str] = []
    for loc in root.iter("{*}loc"):
        parent = loc.getparent()
        url = (loc.text or "").strip()
        if not url:
            continue
        (nested if parent is not None and etree.QName(parent).localname == "sitemap"
         else pages).append(url)
    return pages, nested
