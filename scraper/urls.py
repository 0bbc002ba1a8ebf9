"""URL canonical form and the guard against crawler traps."""

from __future__ import annotations

import ipaddress
import re
from collections import Counter
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that name a session, not a page: dropping them folds endless variants.
SESSION_PARAMS = re.compile(
    r"^(sid|s_id|.*sess(ion)?_?id|phpsessid|jsessionid|aspsessionid.*|cfid|cftoken|"
    r"utm_\w+|fbclid|gclid|yclid|_|nocache|no_cache|cache_?buster|rnd|rand|random|nonce)$",
    re.I)
_PATH_SESSION = re.compile(r";(jsessionid|sid|phpsessid)=[^/?#]*", re.I)
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
MAX_URL_LENGTH = 1024


MAX_HOST = 253  # the longest name DNS can hold


def canonicalize(url: str, base: str | None = None) -> str | None:
    """Absolute, normalised URL without fragment and session ids; None if not http(s)."""
    url = url.strip()
    try:  # urljoin and urlsplit both raise on a broken IPv6 host ("http://[")
        if base is not None:
            url = urljoin(base, url)
        parts = urlsplit(url)
        port = parts.port
        hostname = parts.hostname
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not hostname or len(hostname) > MAX_HOST:
        return None
    host = hostname.lower()
    if ":" in host:  # an IPv6 literal; one that is an IPv4 address mapped is that address
        mapped = _mapped_ipv4(host)
        host = mapped or f"[{host}]"
    if port and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    path = _PATH_SESSION.sub("", parts.path) or "/"
    # dot segments go after decoding: /a/%2e%2e/b is /b, as the server will read it
    path = quote(_without_dot_segments(unquote(path)), safe=_SAFE_PATH)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not SESSION_PARAMS.match(k)]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def _mapped_ipv4(host: str) -> str | None:
    try:
        address = ipaddress.IPv6Address(host.strip("[]"))
    except ValueError:
        return None
    return str(address.ipv4_mapped) if address.ipv4_mapped else None


def _without_dot_segments(path: str) -> str:
    """RFC 3986's remove_dot_segments: '.' and '..' segments resolved, never above '/'."""
    kept: list[str] = []
    segments = path.split("/")
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment == ".":
            if last:
                kept.append("")
        elif segment == "..":
            if len(kept) > 1:
                kept.pop()
            if last:
                kept.append("")
        else:
            kept.append(segment)
    return "/".join(kept) if kept and kept[0] == "" else "/" + "/".join(kept)


def host_key(url: str) -> str:
    """The politeness unit: scheme-less host and port."""
    return urlsplit(url).netloc


# A token that counts through time: a year-month or a date anywhere, a year alone in the
# query (?year=2019). A year alone in the path is an id as often as a year (/l/1800 …
# /l/2199 are 400 pages, not a calendar), and a site's year archives are few.
_DATE_TOKEN = re.compile(r"(?<!\d)(1[89]|20|21)\d\d([-_/.]?\d{1,2}){1,2}(?!\d)")
_YEAR_TOKEN = re.compile(r"(?<!\d)(1[89]|20|21)\d\d([-_/.]?\d{1,2}){0,2}(?!\d)")


def url_shape(url: str) -> str | None:
    """The URL with its date-like tokens masked, or None if it has none."""
    path, mark, query = url.partition("?")
    path, in_path = _DATE_TOKEN.subn("#", path)
    query, in_query = _YEAR_TOKEN.subn("#", query)
    return path + mark + query if in_path or in_query else None


class TrapGuard:
    """Refuses URLs that look like an endless space of pages.

    Calendars and archives that count through time get at most `per_shape` URLs per shape;
    paths that repeat a segment three times, very long URLs and URLs with many query
    parameters are refused outright. Session ids are removed by canonicalize().
    """

    def __init__(self, per_shape: int = 40) -> None:
        self.per_shape = per_shape
        # the URLs let through per shape: one found on two pages counts once, so that a
        # guard rebuilt from the URLs a killed crawl knows is the guard it had
        self._shapes: dict[str, set[str]] = {}

    def refusal(self, url: str) -> str:
        if len(url) > MAX_URL_LENGTH:
            return "URL too long"
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        if any(n >= 3 for n in Counter(segments).values()):
            return "repeating path"
        if parts.query.count("&") >= 10:
            return "too many query parameters"
        shape = url_shape(url)
        if shape is not None:
            admitted = self._shapes.setdefault(shape, set())
            if url not in admitted and len(admitted) >= self.per_shape:
                return "calendar-like trap"
            admitted.add(url)
        return ""
