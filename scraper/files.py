"""Files written so that a reader, or a run killed half-way, sees the old file or the new
one and never half of one: everything is written beside the target, then renamed over it
in one step. Every stage writes its files this way."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replaced(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; it replaces `path` when the block ends
    without an error, and is removed when it raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """`path` holds `text` (UTF-8), written atomically."""
    with replaced(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
