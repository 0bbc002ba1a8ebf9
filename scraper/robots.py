"""robots.txt rules per host, read with protego."""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

ROBOTS_AGENT = "muni"
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309: parse at least 500 KiB, and no more is needed


@dataclass
class Robots:
    """A host's rules (RFC 9309). A missing robots.txt (4xx, or too many redirects) allows
    everything; a server error or no answer blocks the host for this run."""

    parser: Protego | None
    allow_all: bool = False
    blocked: str | None = None  # why nothing may be fetched this run (retried next run)

    @classmethod
    def from_response(cls, status: int | None, body: bytes) -> Robots:
        if status is not None and 200 <= status < 300:
            text = body[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
            return cls(Protego.parse(text))
        if status is not None and (400 <= status < 500 and status != 429 or 300 <= status < 400):
            return cls(None, allow_all=True)
        return cls(None, blocked="robots.txt unreachable")

    def allowed(self, url: str) -> bool:
        if self.blocked:
            return False
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(url, ROBOTS_AGENT)

    def crawl_delay(self) -> float | None:
        """Seconds between requests asked for by Crawl-delay or Request-rate."""
        if self.parser is None:
            return None
        delays = []
        delay = self.parser.crawl_delay(ROBOTS_AGENT)
        if delay is not None:
            delays.append(float(delay))
        rate = self.parser.request_rate(ROBOTS_AGENT)
        if rate is not None and rate.requests:
            delays.append(rate.seconds / rate.requests)
        return max(delays) if delays else None

    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser is not None else []
