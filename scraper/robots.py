"""robots.txt rules per host, read with protego."""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

ROBOTS_AGENT = "muni"


@dataclass
class Robots:
    """A host's rules. A missing robots.txt (4xx) allows everything; a server error or no
    answer disallows everything for this run, as the robots standard asks (RFC 9309)."""

    parser: Protego | None
    allow_all: bool = False

    @classmethod
    def from_response(cls, status: int | None, body: bytes) -> Robots:
        if status is not None and 200 <= status < 300:
            text = body.decode("utf-8", "replace")
            return cls(Protego.parse(text))
        if status is not None and 400 <= status < 500:
            return cls(None, allow_all=True)
        return cls(None, allow_all=False)

    def allowed(self, url: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(url, ROBOTS_AGENT)

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_AGENT)
        return float(delay) if delay is not None else None

    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser is not None else []
