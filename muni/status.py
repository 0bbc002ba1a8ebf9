"""`muni status`: what is in the data folder and how fresh it is."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path


def _when(timestamp: float | None) -> str | None:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _source_status(folder: Path) -> dict:
    warcs = sorted(folder.glob("*.warc.gz"))
    info: dict = {"source": folder.name, "warc_files": len(warcs),
                  "warc_bytes": sum(p.stat().st_size for p in warcs)}
    state = folder / "state.sqlite"
    if state.exists():
        db = sqlite3.connect(f"file:{state}?mode=ro", uri=True)
        try:
            counts = dict(db.execute(
                "SELECT status, COUNT(*) FROM urls WHERE kind='page' GROUP BY status"))
            run = db.execute(
                "SELECT kind, started, finished FROM runs ORDER BY gen DESC LIMIT 1").fetchone()
        finally:
            db.close()
        info.update(pages_done=counts.get("done", 0), queued=counts.get("queued", 0),
                    failed=counts.get("failed", 0), refused=counts.get("refused", 0))
        if run:
            info.update(last_run=run[0], last_started=_when(run[1]),
                        last_finished=_when(run[2]), interrupted=run[2] is None)
    return info


def status(data_dir: Path) -> dict:
    raw = data_dir / "raw"
    sources = [_source_status(p) for p in sorted(raw.glob("*/"))] if raw.exists() else []
    tables = {}
    for path in sorted((data_dir / "clean").glob("*.parquet")):
        tables[path.stem] = {"updated": _when(path.stat().st_mtime)}
    interim = sorted((data_dir / "interim").glob("*.parquet"))
    return {"data_dir": str(data_dir), "sources": sources,
            "parsed_sources": [p.stem for p in interim],
            "parsed_at": _when(max((p.stat().st_mtime for p in interim), default=None)),
            "tables": tables}


def format_status(info: dict) -> str:
    lines = [f"data: {info['data_dir']}"]
    if not info["sources"]:
        lines.append("no crawled sources yet (run 'muni crawl')")
    for s in info["sources"]:
        state = "interrupted" if s.get("interrupted") else "finished"
        lines.append(
            f"  {s['source']}: {s.get('pages_done', 0)} pages, {s.get('failed', 0)} failed, "
            f"{s.get('queued', 0)} queued; {s['warc_files']} WARC files "
            f"({s['warc_bytes'] / 1e6:.1f} MB); last {s.get('last_run', '-')} "
            f"{s.get('last_started') or '-'} ({state})")
    lines.append(f"parsed: {len(info['parsed_sources'])} sources, at {info['parsed_at'] or '-'}")
    for name, table in info["tables"].items():
        lines.append(f"  table {name}: updated {table['updated']}")
    return "\n".join(lines)
