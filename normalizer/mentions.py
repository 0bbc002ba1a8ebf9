"""What entity resolution is made of: stable ids, name keys, and mentions grouped into rows.
Pure functions; each entity kind (normalizer.kinds) says how its mentions are keyed and
merged."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

PROVENANCE = ("page_id", "url", "warc_file", "warc_record_id")


def stable_id(*parts: object) -> str:
    """Derived from content, never from row order: the same thing keeps its id."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def fold(text: str | None) -> str:
    """A key for names: case, accents, spacing and punctuation do not matter."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def utc_seconds(stamp: str | None) -> str | None:
    """A WARC date (2026-11-22T10:00:00.123Z) as the tables write it: to the second."""
    if not stamp:
        return None
    return stamp[:19] + "Z"


@dataclass(frozen=True)
class Page:
    """The page a kind's entities come from: its provenance and when it was fetched."""

    provenance: dict  # PROVENANCE's fields
    seen: str


@dataclass
class Mention:
    """One statement of a thing on one page. `group` is what the mentions are brought
    together by before they are told apart by `key` (the key itself where None)."""

    key: tuple
    fields: dict  # the thing as this page gives it
    page: dict  # the page's provenance
    evidence: str | None
    seen: str
    group: tuple | None = None

    @property
    def order(self) -> tuple:
        return self.seen, self.page["url"], self.evidence or ""


Previous = Mapping[str, Mapping[str, str]]  # first_seen by row id, per table


def provenance(mention: Mention) -> dict:
    return {**{k: mention.page[k] for k in PROVENANCE}, "evidence": mention.evidence}


def seen_between(first: str, last: str, previous: Mapping[str, str], row_id: str) -> dict:
    """first_seen and last_seen of a row; first_seen survives from the dataset replaced."""
    before = previous.get(row_id)
    return {"first_seen": min(first, before) if before else first, "last_seen": last}


class Merge(Protocol):
    """A row's fields, made of its mentions as they come, earliest first."""

    def add(self, mention: Mention) -> None: ...

    def fields(self) -> dict: ...


class FirstFields:
    """The fields the earliest mention gives."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        self.first: dict | None = None

    def add(self, mention: Mention) -> None:
        self.first = self.first or mention.fields

    def fields(self) -> dict:
        return {n: (self.first or {}).get(n) for n in self.names}


@dataclass(frozen=True)
class Rows:
    """How a kind's mentions become rows: the table of its things and that of their
    mentions (or None), the id column, how a row's fields are merged, and its id (by
    default made of the kind and the key)."""

    kind: str
    tables: tuple[str, str | None]
    id_column: str
    merge: Callable[[], Merge]
    id_of: Callable[[tuple], object] | None = None


class GroupRow:
    """The row of one key while its mentions come (earliest first), and the mention row
    of each page and sentence, as they come."""

    def __init__(self, how: Rows, key: tuple, previous: Previous) -> None:
        self.how, self.previous = how, previous
        self.row_id = how.id_of(key) if how.id_of else stable_id(how.kind, *key)
        self.merge = how.merge()
        self.first: Mention | None = None
        self.pages: set[str] = set()
        self.last = ""
        self.mention_ids: set[str] = set()

    def add(self, m: Mention) -> dict | None:
        """Take a mention in; its mention row, None for a page and sentence said already."""
        self.first = self.first or m
        self.merge.add(m)
        self.pages.add(m.page["page_id"])
        self.last = max(self.last, m.seen)
        mention_table = self.how.tables[1]
        if mention_table is None:
            return None
        mention_id = stable_id(self.row_id, m.page["page_id"], m.evidence)
        if mention_id in self.mention_ids:
            return None
        self.mention_ids.add(mention_id)
        return {"mention_id": mention_id, self.how.id_column: self.row_id, **provenance(m),
                **seen_between(m.seen, m.seen, self.previous.get(mention_table, {}),
                               mention_id)}

    def row(self) -> dict:
        first = self.first
        assert first is not None, "a row is made of one mention at least"
        return {self.how.id_column: self.row_id, **self.merge.fields(),
                "pages": len(self.pages), **provenance(first),
                **seen_between(first.seen, self.last, self.previous.get(self.how.tables[0], {}),
                               str(self.row_id))}


CHUNK = 2000  # mention rows handed on at once


def grouped_rows(groups: Iterable[Iterable[Mention]], how: Rows, previous: Previous
                 ) -> Iterator[dict[str, list[dict]]]:
    """A row per key of each group of mentions (each group earliest first; a group
    brought together by Mention.group holds several keys), and the mention rows, a chunk
    at a time: a group is never whole in memory."""
    table, mention_table = how.tables
    for group in groups:
        rows: dict[tuple, GroupRow] = {}
        made: list[dict] = []
        for m in group:
            row = rows.get(m.key) or rows.setdefault(m.key, GroupRow(how, m.key, previous))
            if (mention := row.add(m)) is not None:
                made.append(mention)
            if len(made) >= CHUNK:
                yield {str(mention_table): made}
                made = []
        if made:
            yield {str(mention_table): made}
        if rows:
            yield {table: [row.row() for row in rows.values()]}
