"""`muni status`: what is in the data folder and how fresh it is."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

from scraper.state import read_summary


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
        summary = read_summary(state)
        counts, run = summary.pages, summary.last_run
        info.update(pages_done=counts.get("done", 0), queued=counts.get("queued", 0),
                    failed=counts.get("failed", 0), refused=counts.get("refused", 0))
        if run:
            info.update(last_run=run[0], last_started=_when(run[1]),
                        last_finished=_when(run[2]), interrupted=run[2] is None)
    return info


def _dataset(clean: Path) -> dict:
    package = clean / "datapackage.json"
    if not package.exists():
        return {}
    try:
        resources = json.loads(package.read_text(encoding="utf-8"))["resources"]
    except (OSError, ValueError, KeyError):
        return {"error": f"{package} is unreadable"}
    exported = package.stat().st_mtime
    return {"exported_at": _when(exported),
            "age_hours": round((time.time() - exported) / 3600, 1),
            "folder": str(clean.resolve()),
            "rows": {r["name"]: r.get("stats", {}).get("rows") for r in resources}}


def _last_run(runs: Path) -> dict:
    reports = sorted(runs.glob("*.json")) if runs.exists() else []
    for path in reversed(reports):
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return {k: report.get(k) for k in ("command", "status", "started", "finished",
                                           "summary", "problems")} | {"report": str(path)}
    return {}


def status(data_dir: Path) -> dict:
    raw = data_dir / "raw"
    sources = [_source_status(p) for p in sorted(raw.glob("*/"))] if raw.exists() else []
    interim = sorted((data_dir / "interim").glob("*.parquet"))
    dataset = _dataset(data_dir / "clean")
    return {"data_dir": str(data_dir), "sources": sources,
            "parsed_sources": [p.stem for p in interim],
            "parsed_at": _when(max((p.stat().st_mtime for p in interim), default=None)),
            "dataset": dataset,
            "last_run": _last_run(data_dir / "runs")}


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
    dataset = info["dataset"]
    if dataset.get("rows"):
        lines.append(f"dataset: {dataset['folder']}, exported {dataset['exported_at']} "
                     f"({dataset['age_hours']} h ago)")
        lines.append("  " + ", ".join(f"{name} {n}" for name, n in dataset["rows"].items()))
    else:
        lines.append(dataset.get("error") or "no dataset yet (run 'muni export')")
    run = info["last_run"]
    if run:
        lines.append(f"last {run['command']}: {run['status']} at {run['finished']}: "
                     f"{'; '.join(run['problems']) if run['problems'] else run['summary']}")
    return "\n".join(lines)
