"""Mentions on their way to rows, kept on disk: the pages stream through once, and each
kind's mentions come back a group at a time, in the order the rows are made of. So an
export's memory holds one group, not every page's entities."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

from normalizer.mentions import Mention

BATCH = 5000  # mentions written at once
_TABLE = "_staged_mentions"


class Stage:
    """The mentions of every kind, in a table of `db` that close() drops."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.waiting: list[tuple] = []
        db.execute(f"CREATE TABLE {_TABLE} (kind TEXT, grp TEXT, seen TEXT, url TEXT, "
                   "evidence TEXT, mention TEXT)")

    def add(self, kind: str, mentions: list[Mention]) -> None:
        for m in mentions:
            group = m.key if m.group is None else m.group
            self.waiting.append((kind, json.dumps(group), m.seen, m.page["url"],
                                 m.evidence or "", json.dumps(
                                     [m.key, m.group, m.fields, m.page, m.evidence, m.seen])))
        if len(self.waiting) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        self.db.executemany(f"INSERT INTO {_TABLE} VALUES (?, ?, ?, ?, ?, ?)", self.waiting)
        self.waiting = []

    def groups(self, kind: str) -> Iterator[Iterator[Mention]]:
        """The kind's mentions, a group at a time, each in Mention.order (then as added);
        a group is read as it is gone through, so it must be before the next one."""
        self._flush()
        rows = self.db.execute(f"SELECT grp, mention FROM {_TABLE} WHERE kind = ? "
                               "ORDER BY grp, seen, url, evidence, rowid", (kind,))
        for _, group in groupby(rows, key=itemgetter(0)):
            yield (_mention(text) for _, text in group)

    def close(self) -> None:
        self.db.execute(f"DROP TABLE {_TABLE}")


def _mention(text: str) -> Mention:
    key, group, fields, page, evidence, seen = json.loads(text)
    return Mention(tuple(key), fields, page, evidence, seen,
                   None if group is None else tuple(group))
