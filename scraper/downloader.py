"""The downloader: one HTTP request, no redirects followed, every limit enforced.

Redirects are handed back to the engine, which checks scope, robots and the address rule
for each hop. Bodies are read as they came over the wire (content-encoding kept, for the
archive) up to a size limit and a wall-clock limit.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import zlib
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from scraper.addresses import address_refusal, resolve
from scraper.identity import Identity
from scraper.robots import Robots
from scraper.warc import Exchange

RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_DOWNLOAD_SECONDS = 120.0
HOST_POOLS = 4096  # hosts whose connection is kept alive (least recently used go first)


class FetchError(Exception):
    """The request got no usable response (connection refused, timeout, bad framing)."""


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_body_bytes: int = 10 * 1024 * 1024


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


def content_decoded(body: bytes, encoding: str | None, limit: int) -> bytes:
    """The body without its content-encoding, never more than `limit` bytes (no zip bombs)."""
    encoding = (encoding or "").lower().strip()
    if encoding in ("gzip", "x-gzip", "deflate"):
        wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
        try:
            return zlib.decompressobj(wbits).decompress(body, limit)
        except zlib.error:
            try:  # deflate without the zlib wrapper, as some servers send it
                return zlib.decompressobj(-zlib.MAX_WBITS).decompress(body, limit)
            except zlib.error:
                return b""
    return body[:limit]


_WATCHED = threading.local()  # the sockets the current thread's fetch is reading from


class _Pinned:
    """A connection made to the address the address rule judged, resolved once (a host
    that answers differently the second time, DNS rebinding, is not asked again), never
    to a link-local one; and one its fetch's watchdog can cut, headers included."""

    host: str
    _dns_host: str
    sock: socket.socket | None

    def _new_conn(self) -> socket.socket:
        addresses = resolve(self.host)
        refusal = address_refusal(addresses, None) if addresses else "host does not resolve"
        if refusal:
            raise urllib3.exceptions.NewConnectionError(self, refusal)  # type: ignore[arg-type]
        self._dns_host = str(addresses[0])
        return super()._new_conn()  # type: ignore[misc]

    def getresponse(self, *args, **kwargs):
        watched = getattr(_WATCHED, "sockets", None)
        if watched is not None and self.sock is not None:
            watched.append(self.sock)
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _PinnedHTTP(_Pinned, urllib3.connection.HTTPConnection):
    pass


class _PinnedHTTPS(_Pinned, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _PinnedHTTP


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _PinnedHTTPS


class _PinnedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


class Downloader:
    """Thread-safe: each thread has its own requests session; the connection pools are
    shared (urllib3's are thread-safe), one kept-alive connection per host whichever
    thread asks it, as one request at a time per host needs no more."""

    def __init__(self, identity: Identity | None = None) -> None:
        self.identity = identity or Identity()
        self.user_agent = self.identity.header
        self._local = threading.local()
        self._adapter = _PinnedAdapter(pool_connections=HOST_POOLS, pool_maxsize=2,
                                    max_retries=0)

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.mount("http://", self._adapter)
            session.mount("https://", self._adapter)
            session.headers.update({"User-Agent": self.user_agent,
                                    "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                                    "Accept-Encoding": "gzip, deflate"})
            session.trust_env = False  # no proxies from the environment between us and sites
            self._local.session = session
        return session

    def fetch(self, url: str, limits: Limits, headers: dict[str, str] | None = None) -> Exchange:
        session = self._session()
        # A total deadline: a server dripping a byte a second answers every read in time,
        # so only cutting its connection from outside ends the download, headers or body.
        deadline = time.monotonic() + MAX_DOWNLOAD_SECONDS
        sockets: list[socket.socket] = []
        _WATCHED.sockets = sockets
        watchdog = threading.Timer(MAX_DOWNLOAD_SECONDS, _cut, [sockets])
        watchdog.daemon = True
        watchdog.start()
        try:
            return self._fetch(session, url, limits, headers, deadline)
        finally:
            watchdog.cancel()
            _WATCHED.sockets = None

    def _fetch(self, session: requests.Session, url: str, limits: Limits,
               headers: dict[str, str] | None, deadline: float) -> Exchange:
        try:
            response = session.get(url, headers=headers or {}, allow_redirects=False,
                                   stream=True, timeout=(limits.connect_timeout,
                                                         limits.read_timeout))
        except requests.RequestException as exc:
            if time.monotonic() >= deadline:
                raise FetchError("download took too long") from None
            raise FetchError(_short(exc)) from None
        ip = _peer_ip(response)  # before the body is read and the connection goes back
        try:
            body, truncated = self._read(response, limits, deadline)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            if time.monotonic() >= deadline:
                raise FetchError("download took too long") from None
            raise FetchError(_short(exc)) from None
        finally:
            response.close()
        if time.monotonic() >= deadline:  # cut by the watchdog: what came is not the page
            raise FetchError("download took too long")
        sent = response.request
        parts = urlsplit(str(sent.url))
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        request_headers = [("Host", parts.netloc), *((k, str(v)) for k, v in sent.headers.items())]
        return Exchange(url=url, method=sent.method or "GET", request_target=target or "/",
                        request_headers=request_headers, status=response.status_code,
                        reason=response.reason or "", body=body, ip=ip, truncated=truncated,
                        response_headers=list(response.raw.headers.items()))

    @staticmethod
    def _read(response: requests.Response, limits: Limits,
              deadline: float) -> tuple[bytes, bool]:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limits.max_body_bytes:
            return b"", True
        chunks: list[bytes] = []
        size = 0
        for chunk in response.raw.stream(65536, decode_content=False):
            chunks.append(chunk)
            size += len(chunk)
            if size > limits.max_body_bytes:
                return b"".join(chunks)[: limits.max_body_bytes], True
            if time.monotonic() > deadline:
                raise FetchError("download took too long")
        return b"".join(chunks), False


def _peer_ip(response: requests.Response) -> str | None:
    try:
        sock = response.raw._connection.sock  # type: ignore[union-attr]
        return sock.getpeername()[0] if sock else None
    except (AttributeError, OSError):
        return None


def _cut(sockets: list[socket.socket]) -> None:
    """End a download from another thread: the blocked read returns at once."""
    for sock in sockets:
        with contextlib.suppress(OSError):  # already closed: nothing to cut
            sock.shutdown(socket.SHUT_RDWR)


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    for marker in ("Read timed out", "Connection refused", "timed out", "Name or service"):
        if marker in text:
            return marker.lower()
    return text[:200]


def fetch_page(url: str, limits: Limits = Limits(), max_redirects: int = 5,
               downloader: Downloader | None = None) -> tuple[str, Exchange]:
    """Fetch one URL as a user asks for it: redirects followed under the address rule,
    robots.txt obeyed. Returns (final URL, exchange); raises FetchError with a reason."""
    downloader = downloader or Downloader()
    origin = None
    for _ in range(max_redirects + 1):
        parts = urlsplit(url)
        refusal = address_refusal(resolve(parts.hostname or ""), origin)
        if refusal:
            raise FetchError(f"{url}: {refusal}")
        robots_ex = downloader.fetch(f"{parts.scheme}://{parts.netloc}/robots.txt", limits)
        robots = Robots.from_response(robots_ex.status, robots_ex.body)
        if not robots.allowed(url):
            raise FetchError(f"{url}: disallowed by robots.txt")
        ex = downloader.fetch(url, limits)
        location = next((v for k, v in ex.response_headers if k.lower() == "location"), None)
        if not (300 <= ex.status < 400 and location):
            return url, ex
        origin = resolve(parts.hostname or "")
        url = urljoin(url, location)
    raise FetchError(f"{url}: more than {max_redirects} redirects")
