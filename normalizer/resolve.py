"""From page records to the clean tables: one row per city, official, event and tie however
many pages state it, each with its mention rows. Pure functions: records in, rows out."""

from __future__ import annotations

import hashlib
import json
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


def _provenance(mention: Mention) -> dict:
    return {**{k: mention.page[k] for k in PROVENANCE}, "evidence": mention.evidence}


def _seen(first: str, last: str, previous: dict[str, str], row_id: str) -> dict:
    before = previous.get(row_id)
    return {"first_seen": min(first, before) if before else first, "last_seen": last}


def _rows(resolved: Resolved, kind: str, table: str, id_column: str,
          previous: dict[str, dict[str, str]], merge: Callable[[list[Mention]], dict],
          id_of: Callable[[tuple], object] | None = None,
          with_mentions: bool = True) -> tuple[list[dict], list[dict]]:
    """The resolved rows and (unless the caller builds its own) their mention rows;
    `merge` makes a row's fields of its mentions (earliest first)."""
    rows, mentions = [], []
    for key, group in resolved.groups.items():
        group.sort(key=lambda m: m.order)
        row_id = id_of(key) if id_of else stable_id(kind, *key)
        first = group[0]
        rows.append({id_column: row_id, **merge(group),
                     "pages": len({m.page["page_id"] for m in group}),
                     **_provenance(first),
                     **_seen(first.seen, max(m.seen for m in group),
                             previous.get(table, {}), str(row_id))})
        seen_ids = set()
        for m in group if with_mentions else ():
            mention_id = stable_id(row_id, m.page["page_id"], m.evidence)
            if mention_id in seen_ids:
                continue
            seen_ids.add(mention_id)
            mentions.append({"mention_id": mention_id, id_column: row_id, **_provenance(m),
                             **_seen(m.seen, m.seen, previous.get(f"{kind}_mentions", {}),
                                     mention_id)})
    return rows, mentions


def _first_fields(names: Iterable[str]) -> Callable[[list[Mention]], dict]:
    names = tuple(names)
    return lambda group: {n: group[0].fields.get(n) for n in names}


def _official_keys(mentions: list[Mention]) -> None:
    """An office given without its city joins the same person's office with a city, when
    the pages give that person one city only."""
    cities: dict[tuple, set] = defaultdict(set)
    for m in mentions:
        if m.fields.get("city") is not None:
            cities[m.key[:2]].add(m.fields["city"])
    for m in mentions:
        if m.key[2] is None and len(cities.get(m.key[:2], ())) == 1:
            m.fields["city"] = next(iter(cities[m.key[:2]]))
            m.key = (*m.key[:2], m.fields["city"])


def _event(group: list[Mention]) -> dict:
    merged = dict(group[0].fields)
    names: list[str] = []
    for m in group:
        names += [n for n in m.fields.get("officials") or [] if n not in names]
    merged["officials"] = "; ".join(names) or None
    merged["participants"] = ";".join(map(str, merged.get("participants") or [])) or None
    return merged


def _relation(group: list[Mention]) -> dict:
    """A tie's `since` is the earliest Gregorian year any page gives, with that page's
    year as written and its calendar."""
    merged = dict(group[0].fields)
    dated = sorted((str(m.fields["since"]), m.fields.get("since_text"),
                    m.fields.get("since_calendar")) for m in group if m.fields.get("since"))
    first = dated[0] if dated else (None, None, None)
    merged["since"] = first[0]
    merged["since_text"] = first[1] or first[0]  # records of older parsers have no text
    merged["since_calendar"] = first[2] or ("gregorian" if first[0] else None)
    return merged


def _entities(record: dict, kind: str) -> list[dict]:
    value = record.get(kind)
    return json.loads(value) if isinstance(value, str) else list(value or [])


def build_tables(records: list[dict], previous: dict[str, dict[str, str]]) -> dict[str, list]:
    """Rows of every table from the page records of the parse stage. `previous` holds each
    table's first_seen by id, from the dataset this one replaces."""
    by_page: dict[str, dict] = {}
    for record in records:  # a URL crawled for two sources is one page: the newest capture
        seen = utc_seconds(record["fetched_at"])
        old = by_page.get(record["page_id"])
        if old is None or (seen, record["source"]) > (old["_seen"], old["source"]):
            by_page[record["page_id"]] = {**record, "_seen": seen}
    pages, city_mentions, dates = [], [], []
    cities, officials, events, relations = Resolved(), Resolved(), Resolved(), Resolved()
    official_mentions: list[Mention] = []
    for record in by_page.values():
        seen = record["_seen"]
        page = {k: record[k] for k in PROVENANCE}
        pages.append({k: record.get(k) for k in (
            "page_id", "source", "url", "language", "title", "published", "encoding",
            "content_sha1", "warc_file", "warc_record_id", "text")}
            | {"fetched_at": seen, "has_text": bool((record.get("text") or "").strip()),
               **_seen(seen, seen, previous.get("pages", {}), record["page_id"])})
        for city in _entities(record, "cities"):
            info = {k: city.get(k) for k in ("geonameid", "name", "country", "lat", "lon")}
            for m in city["mentions"]:
                evidence = m.get("evidence")
                cities.add(Mention((city["geonameid"],), info, page, evidence, seen))
                mention_id = stable_id("city", record["page_id"], m["start"])
                city_mentions.append({
                    "mention_id": mention_id, "geonameid": city["geonameid"],
                    "text": m["text"], "start": m["start"], "end": m["end"],
                    **page, "evidence": evidence,
                    **_seen(seen, seen, previous.get("city_mentions", {}), mention_id)})
        for d in _entities(record, "dates"):
            date_id = stable_id("date", record["page_id"], d["offset"], d["text"])
            dates.append({"date_id": date_id, **{k: d[k] for k in (
                "text", "start", "end", "precision", "calendar", "offset")},
                **page, "evidence": d.get("evidence"),
                **_seen(seen, seen, previous.get("dates", {}), date_id)})
        for o in _entities(record, "officials"):
            place = o.get("city") if o.get("city") is not None else (
                fold(o.get("organization")) or None)
            official_mentions.append(Mention(
                (fold(o.get("name_latin") or o["name"]), o["role"], place), dict(o), page,
                o.get("evidence"), seen))
        for e in _entities(record, "events"):
            participants = sorted(e.get("participants") or [])
            when = (e.get("start"), e.get("end")) if e.get("start") else (fold(e["evidence"]),)
            events.add(Mention((e["type"], *when, e.get("city"), *participants),
                               {**e, "participants": participants}, page, e.get("evidence"),
                               seen))
        for r in _entities(record, "relations"):
            if r.get("a") is None:
                continue
            if r["type"] == "member":
                key = (r["type"], r["a"], r.get("b"), fold(r.get("organization")))
            else:
                key = (r["type"], *sorted((r["a"], r.get("b") or 0)))
            relations.add(Mention(key, r, page, r.get("evidence"), seen))
    _official_keys(official_mentions)
    for m in official_mentions:
        officials.add(m)
    tables: dict[str, list] = {"pages": pages, "city_mentions": city_mentions, "dates": dates}
    tables["cities"], _ = _rows(cities, "city", "cities", "geonameid", previous, _first_fields(
        ("name", "country", "lat", "lon")), id_of=lambda key: key[0], with_mentions=False)
    counts: dict[int, int] = defaultdict(int)
    for m in city_mentions:
        counts[m["geonameid"]] += 1
    for row in tables["cities"]:
        row["mentions"] = counts[row["geonameid"]]
    for kind, table, id_column, resolved, merge in (
            ("official", "officials", "official_id", officials, _first_fields(
                ("name", "name_latin", "role", "role_text", "city", "organization"))),
            ("event", "events", "event_id", events, _event),
            ("relation", "relations", "relation_id", relations, _relation)):
        tables[table], tables[f"{kind}_mentions"] = _rows(resolved, kind, table, id_column,
                                                          previous, merge)
    return tables
