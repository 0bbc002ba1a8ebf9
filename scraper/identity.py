"""Who the crawler says it is. Every request carries a User-Agent with a contact a site's
administrator can write to; the shipped placeholder reaches nobody, so a crawl of a host
on the public internet with it is refused (loopback and private hosts, where tests and
local mirrors run, are fine).

Set, most specific first: `--contact` / `--user-agent` on the command line, then
MUNI_CONTACT / MUNI_USER_AGENT in the environment, then `contact:` / `user_agent:` at the
top of sources.yaml.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from scraper.addresses import is_internal, resolve

PLACEHOLDER_CONTACT = "muni@example.org"
PROJECT = "https://github.com/muni-project/muni"
_CONTACT = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+|https?://\S+")
_HEADER = re.compile(r"[\x20-\x7e]+")  # what an HTTP header value may hold


class IdentityError(ValueError):
    """A contact or User-Agent that cannot be sent, or a placeholder that must not be."""


@dataclass(frozen=True)
class Identity:
    contact: str = PLACEHOLDER_CONTACT
    user_agent: str | None = None  # the whole header, when set; else made with the contact

    def __post_init__(self) -> None:
        if not _CONTACT.fullmatch(self.contact):
            raise IdentityError(f"contact {self.contact!r} is neither an e-mail address "
                                "nor an http(s) URL")
        if self.user_agent is not None and not _HEADER.fullmatch(self.user_agent):
            raise IdentityError("user_agent must be printable ASCII on one line")

    @property
    def header(self) -> str:
        return self.user_agent or f"muni/{_version()} (+{PROJECT}; research crawler; " \
                                  f"{self.contact})"

    @property
    def placeholder(self) -> bool:
        return self.user_agent is None and self.contact == PLACEHOLDER_CONTACT


def _version() -> str:
    # (imported here: reading the installed packages' metadata is a crawl's cost, not that
    # of every command that loads the settings)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("muni")
    except PackageNotFoundError:
        return "0"


def chosen(file: dict | None = None, contact: str | None = None,
           user_agent: str | None = None) -> Identity:
    """The identity from the flags, else the environment, else the sources file."""
    file = file or {}
    return Identity(contact or os.environ.get("MUNI_CONTACT") or file.get("contact")
                    or PLACEHOLDER_CONTACT,
                    user_agent or os.environ.get("MUNI_USER_AGENT") or file.get("user_agent"))


def placeholder_refusal(identity: Identity, urls: list[str]) -> str:
    """Why the crawl may not start with this identity ('' when it may)."""
    if not identity.placeholder:
        return ""
    public = [u for u in urls if not _local(urlsplit(u).hostname or "")]
    if not public:
        return ""
    return (f"{urlsplit(public[0]).hostname} is on the public internet and the crawler's "
            f"contact is the placeholder {PLACEHOLDER_CONTACT}: set yours with "
            "'contact: you@your.org' in sources.yaml, MUNI_CONTACT, or --contact")


def _local(host: str) -> bool:
    addresses = resolve(host)
    return bool(addresses) and all(is_internal(ip) for ip in addresses)
