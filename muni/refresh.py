"""`muni refresh`, for cron: crawl what changed, parse what changed, export, and report.

Every run leaves a JSON report in data/runs/ and a line in data/runs/runs.log, whether it
went well or not. A run goes wrong when a stage fails or a source answers badly; then the
command exits non-zero with one line that says what, and cron mails it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from muni.errors import MuniError
from muni.pipeline import parse_summary, run_crawl, run_export, run_parse_stage
from muni.progress import Progress
from scraper import CrawlStats, Source
from scraper.files import write_text
from scraper.identity import Identity

KEEP_REPORTS = 400  # more than a year of nightly runs
FAILED_SHARE = 0.1  # of a source's requests, above which the source is a problem
FAILED_FLOOR = 3  # failures a big site may always have without anyone being mailed


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def source_problems(stats: CrawlStats) -> list[str]:
    """What a person should look at: a site that did not answer, or answered badly."""
    problems = []
    for name, s in sorted(stats.sources.items()):
        if s.pages + s.not_modified == 0:
            problems.append(f"{name}: no page could be fetched ({s.failed} failed, "
                            f"{s.refused} refused)")
        elif s.failed > max(FAILED_FLOOR, FAILED_SHARE * s.requests):
            problems.append(f"{name}: {s.failed} of {s.requests} requests failed")
    return problems


def _crawl_counts(stats: CrawlStats) -> dict:
    fields = ("requests", "pages", "not_modified", "failed", "refused", "retries",
              "body_bytes")
    return {name: {f: getattr(s, f) for f in fields} for name, s in stats.sources.items()}


def write_report(data_dir: Path, report: dict) -> Path:
    """The JSON report (written whole or not at all) and its line in runs.log."""
    runs = data_dir / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    path = runs / f"{report['started'].replace(':', '')}-{report['command']}.json"
    write_text(path, json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    with open(runs / "runs.log", "a", encoding="utf-8") as log:
        log.write(f"{report['finished']} {report['command']} {report['status']}: "
                  f"{report['summary']}\n")
    for old in sorted(runs.glob("*.json"))[:-KEEP_REPORTS]:
        old.unlink()
    return path


def refresh(sources: list[Source], data_dir: Path, progress: Progress,
            identity: Identity | None = None) -> str:
    """Run the three stages (the caller holds the lock); returns the summary line, raises
    MuniError (after writing the report) when something needs a person."""
    report: dict = {"command": "refresh", "started": _now(),
                    "sources": [s.name for s in sources]}
    try:
        stats = run_crawl(sources, data_dir, "refresh", progress=progress, identity=identity)
        report["crawl"] = _crawl_counts(stats)
        parsed = run_parse_stage(data_dir, progress=progress, names=[s.name for s in sources])
        report["parse"] = {name: {"pages": c.pages, "parsed_anew": c.reparsed,
                                  "not_read": c.dropped, "cut_at_time_budget": c.cut}
                           for name, c in parsed.items()}
        report["tables"] = run_export(data_dir, progress)
    except MuniError as exc:
        report.update(status="failed", problems=[str(exc)], summary=str(exc), finished=_now())
        write_report(data_dir, report)
        raise
    problems = source_problems(stats)
    summary = (f"{stats.summary()}; {parse_summary(parsed)}; "
               f"{report['tables']['pages']} pages, {report['tables']['events']} events, "
               f"{report['tables']['relations']} ties in the tables")
    report.update(status="problems" if problems else "ok", problems=problems, summary=summary,
                  finished=_now())
    path = write_report(data_dir, report)
    if problems:
        raise MuniError(f"refresh finished with problems: {'; '.join(problems)} "
                        f"(report: {path})")
    return summary
