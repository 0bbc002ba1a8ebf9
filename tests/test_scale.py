"""Scale out: the parse stage on a real Dask cluster gives the local pool's records row for
row; `parse --warc` reads archives that muni did not write, as Common Crawl's."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from conftest import sources_for
from test_cli import muni
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from muni.fixture_server import FixtureServer, load_sites
from parsers.stage import run_parse, sources_on_disk
from scraper import crawl

pytestmark = pytest.mark.slow  # real crawls, kills, clusters: make test-fast leaves them out


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("scale") / "data"
    with FixtureServer(load_sites()) as server:
        crawl(sources_for(server), data)
    return data


def interim(data: Path) -> pd.DataFrame:
    frames = [pd.read_parquet(p) for p in sorted((data / "interim").glob("*.parquet"))]
    return pd.concat(frames, ignore_index=True).sort_values("url", ignore_index=True)


def test_dask_cluster_gives_the_local_records_row_for_row(crawled, tmp_path):
    distributed = pytest.importorskip("distributed")
    local, remote = tmp_path / "local", tmp_path / "remote"
    for data in (local, remote):
        shutil.copytree(crawled / "raw", data / "raw")
    run_parse(sources_on_disk(local), local, workers=2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        result = muni("--data-dir", str(remote), "parse", "--scheduler",
                      cluster.scheduler_address, "-v")
        assert result.returncode == 0, result.stderr
        assert "3 sources, " in result.stderr
    expected, got = interim(local), interim(remote)
    assert len(expected) > 80
    pd.testing.assert_frame_equal(expected, got)
    for data in (local, remote):
        assert muni("--data-dir", str(data), "export").returncode == 0
    for table in ("officials", "events", "relations", "city_mentions"):
        assert (local / "clean" / f"{table}.csv").read_bytes() == \
            (remote / "clean" / f"{table}.csv").read_bytes(), table


def test_an_unreachable_scheduler_is_one_clear_line(crawled, tmp_path):
    pytest.importorskip("distributed")
    shutil.copytree(crawled / "raw", tmp_path / "raw")
    result = muni("--data-dir", str(tmp_path), "parse", "--scheduler", "tcp://127.0.0.1:9")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "cannot reach the Dask scheduler" in result.stderr


PAGE = """<html lang="{lang}"><head><title>{title}</title></head><body><nav>Menu</nav>
<article><h1>{title}</h1><p>{text}</p></article><footer>Footer</footer></body></html>"""


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str = "text/html",
              status: str = "200 OK", truncated: bool = False):
    headers = StatusAndHeaders(status, [("Content-Type", content_type),
                                        ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=BytesIO(body),
                                       http_headers=headers)
    if truncated:
        record.rec_headers.add_header("WARC-Truncated", "length")
    return record


def common_crawl_like(path: Path) -> None:
    """A segment as Common Crawl writes them: many hosts, requests and metadata records,
    images, errors, identical-payload revisits, a truncated payload, a file cut short."""
    stream = BytesIO()
    writer = WARCWriter(stream, gzip=True)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "cc"}))
    first = PAGE.format(lang="tr", title="Kardeş şehir", text=(
        "Çanakkale Belediye Başkanı Ülgür Gökhan, kardeş şehir Kazanlak'ı 12 Mayıs 2023 "
        "tarihinde ziyaret etti.")).encode()
    original = _response(writer, "https://www.canakkale.bel.tr/haber/1", first)
    writer.write_record(original)
    writer.write_record(writer.create_warc_record(
        "https://www.canakkale.bel.tr/haber/1", "metadata", payload=BytesIO(b"fetchTimeMs: 120"),
        warc_content_type="application/warc-fields"))
    revisit = writer.create_revisit_record(
        "https://www.canakkale.bel.tr/haber/1?amp", original.rec_headers.get_header(
            "WARC-Payload-Digest"), "https://www.canakkale.bel.tr/haber/1",
        original.rec_headers.get_header("WARC-Date"),
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                      protocol="HTTP/1.1"))
    writer.write_record(revisit)
    writer.write_record(_response(writer, "https://www.canakkale.bel.tr/logo.png",
                                  b"\x89PNG\r\n\x1a\n", "image/png"))
    writer.write_record(_response(writer, "https://www.canakkale.bel.tr/yok", b"<html>yok",
                                  status="404 Not Found"))
    long_page = PAGE.format(lang="bg", title="Побратими", text=(
        "Кметът на Габрово Таня Христова подписа договор за побратимяване с Аосta. " * 40))
    writer.write_record(_response(writer, "https://gabrovo.bg/bg/news/2",
                                  long_page.encode()[:1500], truncated=True))
    writer.write_record(_response(writer, "https://gabrovo.bg/bg/news/3", PAGE.format(
        lang="bg", title="Делегация", text="Делегация от Габрово посети Шумен на 3 март "
        "2022 г.").encode()))
    whole = stream.getvalue()
    broken = BytesIO()
    WARCWriter(broken, gzip=True).write_record(_response(
        WARCWriter(BytesIO(), gzip=True), "https://gabrovo.bg/bg/news/4", first))
    path.write_bytes(whole + broken.getvalue()[:60])  # the download stopped mid-record


def test_parse_warc_reads_a_common_crawl_segment(tmp_path):
    segment = tmp_path / "CC-MAIN-20260101-00001.warc.gz"
    common_crawl_like(segment)
    data = tmp_path / "data"
    result = muni("--data-dir", str(data), "parse", "--warc", str(segment))
    assert result.returncode == 0, result.stderr
    assert "broken record" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.stem for p in (data / "interim").glob("*.parquet")) == \
        ["canakkale.bel.tr", "gabrovo.bg"]  # one source per site
    pages = interim(data)
    assert list(pages.url) == ["https://gabrovo.bg/bg/news/2", "https://gabrovo.bg/bg/news/3",
                               "https://www.canakkale.bel.tr/haber/1",
                               "https://www.canakkale.bel.tr/haber/1?amp"]
    amp = pages.set_index("url").loc["https://www.canakkale.bel.tr/haber/1?amp"]
    assert "Ülgür Gökhan" in amp.text and amp.language == "tr"
    truncated = pages.set_index("url").loc["https://gabrovo.bg/bg/news/2"]
    assert "Таня Христова" in truncated.text and truncated.language == "bg"
    assert muni("--data-dir", str(data), "export").returncode == 0
    officials = pd.read_csv(data / "clean" / "officials.csv")
    assert {"Ülgür Gökhan", "Таня Христова"} <= set(officials.name)


def _tree(pid: int) -> set[int]:
    """The process and all its descendants, from /proc."""
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        found.add(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            todo += [int(c) for c in task.read_text().split()]
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux's /proc")
def test_a_parse_killed_with_9_leaves_no_worker_behind(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from bench.scale import synthetic_crawl

    data = tmp_path / "data"
    synthetic_crawl(data, 4000)
    parse = subprocess.Popen([sys.executable, "-m", "muni", "--data-dir", str(data), "parse",
                              "--workers", "2"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(_tree(parse.pid)) < 4 and time.monotonic() < deadline:  # forkserver, workers
        time.sleep(0.2)
    family = _tree(parse.pid) - {parse.pid}
    assert len(family) >= 3, "the workers never started"
    os.kill(parse.pid, signal.SIGKILL)
    # its output reaches its end (a cron wrapper waiting for it would hang otherwise)
    out, _ = parse.communicate(timeout=20)
    assert out == b""
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{p}").exists() for p in family) and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = [p for p in family if Path(f"/proc/{p}/stat").exists()
             and Path(f"/proc/{p}/stat").read_text().split()[2] != "Z"]
    assert not alive
