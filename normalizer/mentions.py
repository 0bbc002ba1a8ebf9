"""What entity resolution is made of: stable ids, name keys, and mentions grouped into rows.
Pure functions; each entity kind (normalizer.kinds) says how its mentions are keyed and
merged."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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
    """One statement of a thing on one page."""

    key: tuple
    fields: dict  # the thing as this page gives it
    page: dict  # the page's provenance
    evidence: str | None
    seen: str

    @property
    def order(self) -> tuple:
        return self.seen, self.page["url"], self.evidence or ""


@dataclass
class Resolved:
    """Mentions of the things of one kind, grouped by their key."""

    groups: dict[tuple, list[Mention]] = field(default_factory=lambda: defaultdict(list))

    def add(self, mention: Mention) -> None:
        self.groups[mention.key].append(mention)


Previous = dict[str, dict[str, str]]  # first_seen by row id, per table


def provenance(mention: Mention) -> dict:
    return {**{k: mention.page[k] for k in PROVENANCE}, "evidence": mention.evidence}


def seen_between(first: str, last: str, previous: dict[str, str], row_id: str) -> dict:
    """first_seen and last_seen of a row; first_seen survives from the dataset replaced."""
    before = previous.get(row_id)
    return {"first_seen": min(first, before) if before else first, "last_seen": last}


def grouped_rows(resolved: Resolved, kind: str, tables: tuple[str, str | None],
                 id_column: str, previous: Previous,
                 merge: Callable[[list[Mention]], dict],
                 id_of: Callable[[tuple], object] | None = None
                 ) -> tuple[list[dict], list[dict]]:
    """One row per group and, when `tables` names a mention table, a mention row per page
    and sentence; `merge` makes a row's fields of its mentions (earliest first)."""
    table, mention_table = tables
    rows, mentions = [], []
    for key, group in resolved.groups.items():
        group.sort(key=lambda m: m.order)
        row_id = id_of(key) if id_of else stable_id(kind, *key)
        first = group[0]
        rows.append({id_column: row_id, **merge(group),
                     "pages": len({m.page["page_id"] for m in group}),
                     **provenance(first),
                     **seen_between(first.seen, max(m.seen for m in group),
                                    previous.get(table, {}), str(row_id))})
        if mention_table is None:
            continue
        seen_ids = set()
        for m in group:
            mention_id = stable_id(row_id, m.page["page_id"], m.evidence)
            if mention_id in seen_ids:
                continue
            seen_ids.add(mention_id)
            mentions.append({"mention_id": mention_id, id_column: row_id, **provenance(m),
                             **seen_between(m.seen, m.seen, previous.get(mention_table, {}),
                                            mention_id)})
    return rows, mentions


def first_fields(names: Iterable[str]) -> Callable[[list[Mention]], dict]:
    names = tuple(names)
    return lambda group: {n: group[0].fields.get(n) for n in names}
