"""`muni refresh` as cron runs it: silent when all is well, stable tables, only changes
parsed again, a report per run, a clear failure, and no harm from being killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import sources_for, write_sources_yaml
from test_cli import muni, one_line_error
from test_export import digests

from muni.fixture_server import FixtureServer, load_sites
from scraper import Source

pytestmark = pytest.mark.slow  # real crawls, kills, clusters: make test-fast leaves them out


@pytest.fixture(scope="module")
def site():
    """One server for the module, so that the refreshes see the same URLs."""
    with FixtureServer(load_sites()) as server:
        yield server


@pytest.fixture(scope="module")
def refreshed(site, tmp_path_factory) -> tuple[FixtureServer, Path, Path]:
    root = tmp_path_factory.mktemp("refresh")
    sources = write_sources_yaml(root / "sources.yaml", sources_for(site))
    result = muni("--data-dir", str(root / "data"), "refresh", "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    return site, root / "data", sources


def reports(data: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((data / "runs").glob("*.json"))]


def test_refreshes_of_unchanged_sites_are_silent_and_leave_the_tables_identical(refreshed):
    server, data, sources = refreshed
    before = digests(data / "clean")
    asked = len(server.requests())
    result = muni("--data-dir", str(data), "refresh", "--sources", str(sources))
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    again = server.requests()[asked:]
    pages = {(name, p) for name, s in server.sites.items() for p in s.pages}
    assert [r.status for r in again if (r.site, r.path) in pages] == [304] * len(pages)
    assert sum(r.body_bytes for r in again) == 0
    after = digests(data / "clean")
    kept = (".csv", ".parquet", ".xlsx", ".html", ".geojson")  # the report is in every dataset
    assert {"report.html", "ties.geojson"} <= {Path(k).name for k in after}
    assert {k: v for k, v in after.items() if k.endswith(kept)} == \
        {k: v for k, v in before.items() if k.endswith(kept)}
    last = reports(data)[-1]
    assert last["status"] == "ok" and not last["problems"]
    assert all(p["parsed_anew"] == 0 for p in last["parse"].values())
    log = (data / "runs" / "runs.log").read_text().splitlines()
    assert len(log) == len(reports(data)) and " refresh ok: " in log[-1]


def test_a_changed_page_is_parsed_again_and_only_its_rows_change(refreshed):
    server, data, sources = refreshed
    old = pd.read_parquet(data / "clean" / "pages.parquet").set_index("url")
    page = server.sites["kenthaber"].pages["/haber/b40-balkan-sehirleri-agi.html"]
    page.body = page.body.replace("</p>", " Toplantıya Kırklareli Belediye Başkanı Derya "
                                          "Bulut da katıldı.</p>", 1)
    result = muni("--data-dir", str(data), "refresh", "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    assert reports(data)[-1]["parse"]["kenthaber"]["parsed_anew"] == 1
    assert reports(data)[-1]["parse"]["kazanlak"]["parsed_anew"] == 0
    new = pd.read_parquet(data / "clean" / "pages.parquet").set_index("url")
    changed = new.index[new.content_sha1 != old.content_sha1.reindex(new.index)]
    assert [u.split("/", 3)[3] for u in changed] == ["haber/b40-balkan-sehirleri-agi.html"]
    url = changed[0]
    assert new.first_seen[url] == old.first_seen[url] and new.last_seen[url] > old.last_seen[url]
    officials = pd.read_parquet(data / "clean" / "officials.parquet")
    assert "Derya Bulut" in set(officials.name)


def _kill_when(process: subprocess.Popen, ready, timeout: float = 120) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if ready():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.005)
    return False


@pytest.mark.parametrize("moment", ["crawl", "export"])
def test_a_killed_refresh_leaves_the_last_dataset_whole(refreshed, moment):
    server, data, sources = refreshed
    before, target = digests(data / "clean"), os.readlink(data / "clean")
    page = server.sites["shahrnews"].pages["/news/urmia-new-mayor.html"]
    page.body += f"<p>به روز شد {moment}.</p>"  # so that there is something to export
    process = subprocess.Popen([sys.executable, "-m", "muni", "--data-dir", str(data),
                                "refresh", "--sources", str(sources)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    if moment == "crawl":
        asked = len(server.requests())
        killed = _kill_when(process, lambda: len(server.requests()) > asked + 5)
    else:
        killed = _kill_when(process, lambda: any((data / "exports").glob("*.tmp")))
    assert killed, "the refresh ended before it could be killed"
    assert os.readlink(data / "clean") == target and digests(data / "clean") == before
    # the lock died with the process: the next run goes through and finishes the work
    result = muni("--data-dir", str(data), "refresh", "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    assert not list((data / "exports").glob("*.tmp"))
    assert os.readlink(data / "clean") != target


def test_a_site_that_is_down_fails_the_refresh_with_one_clear_line(refreshed, tmp_path):
    _, data, _ = refreshed
    down = [Source("gone", "bg", ("http://127.0.0.1:9/",), delay=0.01, max_retries=0)]
    sources = write_sources_yaml(tmp_path / "sources.yaml", down)
    other = tmp_path / "data"
    result = muni("--data-dir", str(other), "refresh", "--sources", str(sources))
    assert result.returncode == 1
    line = one_line_error(result)
    assert "gone: no page could be fetched" in line and "report:" in line
    assert reports(other)[-1]["status"] == "problems"
    status = muni("--data-dir", str(other), "status")
    assert "last refresh: problems" in status.stdout
    status = json.loads(muni("--data-dir", str(data), "status", "--json").stdout)
    assert status["dataset"]["rows"]["pages"] > 30 and status["last_run"]["status"] == "ok"
