"""`muni demo`: the whole pipeline on the bundled fixture sites, served on loopback."""

from __future__ import annotations

import shutil
from pathlib import Path

from muni.fixture_server import FixtureServer, load_sites
from muni.pipeline import parse_summary, run_crawl, run_export, run_parse_stage, run_report
from muni.progress import Progress
from scraper import Source

DEMO_PREFIX = "demo-"


DEMO_FOLDER = "demo"


def demo_dir(data_dir: Path) -> Path:
    """The demo's own data folder inside the data folder: its rows never join real data."""
    return data_dir / DEMO_FOLDER


def run_demo(data_dir: Path, progress: Progress) -> list[str]:
    """Crawl, parse, export and report on the fixture sites in `data_dir`/demo; returns
    the summary lines."""
    data_dir = demo_dir(data_dir)
    with FixtureServer(load_sites()) as server:
        sources = [Source(name=DEMO_PREFIX + name, language=site.language,
                          start_urls=(server.base(name) + "/",), delay=0.05)
                   for name, site in server.sites.items()]
        # The server's ports change from run to run: start the demo sources afresh.
        for source in sources:
            shutil.rmtree(data_dir / "raw" / source.name, ignore_errors=True)
            (data_dir / "interim" / f"{source.name}.parquet").unlink(missing_ok=True)
        stats = run_crawl(sources, data_dir, progress=progress)
    parsed = run_parse_stage(data_dir, progress=progress, names=[s.name for s in sources])
    tables = run_export(data_dir, progress)
    report = run_report(data_dir)
    return [stats.summary(),
            parse_summary(parsed),
            "export: " + ", ".join(f"{name} {n} rows" for name, n in tables.items())
            + f" in {data_dir / 'clean'}",
            "report: " + ", ".join(str(p) for p in report)]
