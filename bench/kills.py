"""Kill benchmark: `muni` killed with SIGKILL at 8 moments in each of crawl, parse and
export (24 runs), then run again to the end; the dataset each run ends with is compared
with a clean run's, and the processes of the killed run are looked for afterwards.

A crawl run is new traffic, so its dataset is compared without what differs between any
two crawls of the same sites (fetch times, archive names and ids, the bodies' hashes: the
fixture pages carry a session id; and of a row merged from many pages, what the earliest
page gave); a parse or export run works on a copy of the clean run's archives, so its
dataset must be the same to the byte in every table.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.commands import muni_command, write_sources
from muni.fixture_server import FixtureServer, load_sites

MOMENTS = 8  # kills per stage
DELAY = 0.02  # the fixture sources' crawl delay
# columns that differ between two crawls of the same pages: when and where each response
# was archived (so which page is the first to name a city, an official…), the bodies
CRAWL_VOLATILE = {"fetched_at", "first_seen", "last_seen", "warc_file", "warc_record_id",
                  "content_sha1"}
TABLES = ("pages", "cities", "city_mentions", "dates", "officials", "official_mentions",
          "events", "event_mentions", "relations", "relation_mentions")
# Of a row merged from many pages, what its earliest page gives (the fetch times choose
# that page): where it is cited, and an official's name and office as first written.
FIRST_SAID = {"cities": {"page_id", "url", "evidence"},
              "officials": {"page_id", "url", "evidence", "name", "name_latin", "role_text"},
              "events": {"page_id", "url", "evidence"},
              "relations": {"page_id", "url", "evidence"}}


def _columns(clean: Path, table: str, volatile: set[str]) -> list[str]:
    with (clean / f"{table}.csv").open(encoding="utf-8", newline="") as stream:
        names = next(csv.reader(stream))
    dropped = volatile | (FIRST_SAID.get(table, set()) if volatile else set())
    return [n for n in names if n not in dropped]


def _dataset(clean: Path, volatile: set[str]) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without the volatile columns (and, when there are
    any, without the merged rows' earliest page, which the fetch times choose)."""
    out = {}
    for table in TABLES:
        with (clean / f"{table}.csv").open(encoding="utf-8", newline="") as stream:
            rows = list(csv.reader(stream))
        kept = set(_columns(clean, table, volatile))
        keep = [i for i, name in enumerate(rows[0]) if name in kept]
        out[table] = sorted(tuple(row[i] for i in keep) for row in rows[1:])
    return out


def _left_behind(data: Path) -> list[int]:
    """Processes still running whose command line names the data folder."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if str(data) in command:
            found.append(int(entry.name))
    return found


def _kill_when(command: list[str], ready: Callable[[], bool], timeout: float = 120) -> bool:
    """Start the command in a process group of its own, kill the group when `ready`;
    False when it ended first."""
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if ready():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.005)
    process.wait()
    return False


def _done_pages(data: Path) -> int:
    import sqlite3

    done = 0
    for state in (data / "raw").glob("*/state.sqlite"):
        try:
            with sqlite3.connect(f"file:{state}?mode=ro", uri=True) as db:
                done += db.execute("SELECT count(*) FROM urls WHERE status = 'done'").fetchone()[0]
        except sqlite3.Error:
            pass  # being created
    return done


def run() -> dict:
    results: dict[str, list[dict]] = {"crawl": [], "parse": [], "export": []}
    with tempfile.TemporaryDirectory(prefix="muni-kills-") as tmp, \
            FixtureServer(load_sites()) as server:
        root = Path(tmp)
        sources = write_sources(root / "sources.yaml", [
            (name, site.language, server.base(name) + "/") for name, site in server.sites.items()],
            DELAY)
        clean = root / "clean-run"
        took = {}  # each stage's time in the clean run: the kills fall within it
        for stage in ("crawl", "parse", "export"):
            started = time.monotonic()
            subprocess.run(muni_command(clean, stage, *(("--sources", str(sources))
                                                 if stage == "crawl" else ())), check=True)
            took[stage] = time.monotonic() - started
        crawled = _done_pages(clean)
        reference = {"crawl": _dataset(clean / "clean", CRAWL_VOLATILE),
                     "parse": _dataset(clean / "clean", set())}
        for n in range(MOMENTS):
            # crawl: killed after a share of the pages, then the whole run again
            data = root / f"crawl-{n}"
            at = max(1, crawled * (n + 1) // (MOMENTS + 1))
            killed = _kill_when(muni_command(data, "run", "--sources", str(sources)),
                                lambda data=data, at=at: _done_pages(data) >= at)
            left = _left_behind(data)
            subprocess.run(muni_command(data, "run", "--sources", str(sources)), check=True)
            results["crawl"].append(_verdict(n, killed, left, data, reference["crawl"],
                                             CRAWL_VOLATILE))
        for stage, first in (("parse", ("parse",)), ("export", ("export",))):
            for n in range(MOMENTS):
                data = root / f"{stage}-{n}"
                shutil.copytree(clean / "raw", data / "raw")
                if stage == "export":
                    shutil.copytree(clean / "interim", data / "interim")
                wait = took[stage] * (n + 1) / (MOMENTS + 1)  # a share of the stage's time
                begun = time.monotonic()
                killed = _kill_when(muni_command(data, *first),
                                    lambda begun=begun, wait=wait:
                                    time.monotonic() - begun >= wait)
                left = _left_behind(data)
                if stage == "parse":
                    subprocess.run(muni_command(data, "parse"), check=True)
                subprocess.run(muni_command(data, "export"), check=True)
                results[stage].append(_verdict(n, killed, left, data, reference["parse"],
                                               set()))
    return {"runs": results, "pages": crawled,
            "clean_run_seconds": {stage: round(t, 1) for stage, t in took.items()}}


def _verdict(n: int, killed: bool, left: list[int], data: Path,
             reference: dict[str, list[tuple]], volatile: set[str]) -> dict:
    got = _dataset(data / "clean", volatile)
    differing = []
    for table in TABLES:
        if got[table] == reference[table]:
            continue
        names = _columns(data / "clean", table, volatile)
        columns = [name for i, name in enumerate(names)  # the columns whose values differ
                   if sorted(r[i] for r in got[table]) != sorted(r[i] for r in reference[table])]
        differing.append(f"{table} ({', '.join(columns) or 'rows'})")
    return {"moment": n, "killed": killed, "left_behind": len(left), "differing": differing}


def report(result: dict) -> list[str]:
    took = ", ".join(f"{stage} {t} s" for stage, t in result["clean_run_seconds"].items())
    lines = [f"kills: SIGKILL at {MOMENTS} moments in each stage ({result['pages']} pages; "
             f"a clean run: {took})"]
    for stage, runs in result["runs"].items():
        killed = sum(r["killed"] for r in runs)
        equal = sum(not r["differing"] for r in runs)
        left = sum(r["left_behind"] for r in runs)
        lines.append(f"  {stage}: killed {killed} of {len(runs)} (the others ended first); "
                     f"final dataset equal to the clean run's in {equal}; processes left "
                     f"behind: {left}")
        lines += [f"    moment {r['moment']}: differs in {', '.join(r['differing'])}"
                  for r in runs if r["differing"]]
    return lines
