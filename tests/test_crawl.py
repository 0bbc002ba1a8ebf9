"""The crawler against the fixture sites on loopback: politeness, limits, archives, refresh."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from conftest import responses, served_pages, sources_for, state_rows
from warcio.archiveiterator import ArchiveIterator

from muni.fixture_server import FixtureServer, load_sites
from scraper import Source, crawl

pytestmark = pytest.mark.slow  # real crawls, kills, clusters: make test-fast leaves them out


@pytest.fixture(scope="module")
def crawled_once(tmp_path_factory):
    """One crawl of all the sites, for the tests that only read what it left."""
    with FixtureServer(load_sites()) as server:
        data = tmp_path_factory.mktemp("crawl")
        yield server, data, crawl(sources_for(server), data)


@pytest.fixture
def crawled(server, tmp_path):
    """A crawl of its own, for tests that go on to change or revisit the sites."""
    stats = crawl(sources_for(server), tmp_path)
    return server, tmp_path, stats


def test_every_page_archived_exactly_once(crawled_once):
    server, data, _ = crawled_once
    for name in server.sites:
        archived = Counter(url for url, status, _ in responses(data, name) if status == 200)
        assert served_pages(server, name) <= set(archived), name
        assert max(archived.values()) == 1, [u for u, n in archived.items() if n > 1]


def test_robots_disallowed_never_requested_and_crawl_delay_kept(crawled_once):
    server, _, _ = crawled_once
    paths = [r.path for r in server.requests()]
    assert not [p for p in paths if p.startswith(("/admin/", "/yonetim/", "/bg/search"))]
    for name in server.sites:
        times = sorted(r.time for r in server.requests(name))
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        # the sources ask for 0.02 s; robots.txt says 0.1 s, and robots wins
        assert min(gaps) >= 0.1, (name, min(gaps))


def test_hosts_are_crawled_in_parallel(crawled_once):
    server, _, _ = crawled_once
    starts = {name: min(r.time for r in server.requests(name)) for name in server.sites}
    ends = {name: max(r.time for r in server.requests(name)) for name in server.sites}
    # every site's crawl overlaps every other's in time
    assert max(starts.values()) < min(ends.values())


def test_retry_after_is_honoured_on_503(crawled_once):
    server, data, _ = crawled_once
    for name, site in server.sites.items():
        (path,) = site.flaky
        hits = [r for r in server.requests(name) if r.path == path]
        assert [r.status for r in hits] == [503, 200]
        assert hits[1].time - hits[0].time >= 1.0  # Retry-After: 1
        statuses = [s for url, s, _ in responses(data, name) if url.endswith(path)]
        assert statuses == [200]  # the transient 503 is not archived as the page


def test_redirects_404_pdf_and_traps(crawled_once):
    server, data, _ = crawled_once
    site = server.sites["kazanlak"]
    by_url = defaultdict(list)
    for url, status, _ in responses(data, "kazanlak"):
        by_url[url.removeprefix(server.base("kazanlak"))].append(status)
    assert by_url["/old/kochani.php"] == [301]
    assert by_url["/bg/pobratimi/kochani.html"] == [200]
    assert by_url["/bg/pobratimi/toliati.html"] == [404]
    assert by_url[site.pdf] == [200]
    calendar = [p for p in by_url if p.startswith(site.calendar)]
    assert 3 < len(calendar) <= 40  # followed a little, never endlessly
    # the session id in every response's links must not multiply the contact page
    assert len([p for p in by_url if p.startswith("/bg/kontakti.html")]) == 1
    assert len([p for p in by_url if p.startswith("/bg/signal.html")]) == 1


def test_warc_files_are_valid_and_pair_requests(crawled_once):
    server, data, _ = crawled_once
    for name in server.sites:
        for path in (data / "raw" / name).glob("*.warc.gz"):
            with open(path, "rb") as stream:
                records = list(ArchiveIterator(stream, check_digests="raise"))
            kinds = Counter(r.rec_type for r in records)
            assert kinds["warcinfo"] == 1
            assert kinds["request"] == kinds["response"] + kinds.get("revisit", 0)
            responses_by_id = {r.rec_headers.get_header("WARC-Record-ID") for r in records
                               if r.rec_type == "response"}
            for r in records:
                if r.rec_type == "request":
                    assert r.rec_headers.get_header("WARC-Concurrent-To") in responses_by_id
                    assert r.http_headers.get_header("User-Agent").startswith("muni/")


def test_encodings_are_detected_and_recorded(crawled_once):
    server, data, _ = crawled_once
    rows = dict(state_rows(data, "kenthaber", "SELECT url, encoding FROM urls"))
    base = server.base("kenthaber")
    # served as windows-1254 with no charset anywhere: must not be read as windows-1252
    assert rows[base + "/haber/b40-balkan-sehirleri-agi.html"] == "windows-1254"
    bg = dict(state_rows(data, "kazanlak", "SELECT url, encoding FROM urls"))
    assert bg[server.base("kazanlak") + "/bg/pobratimi/kochani.html"] == "windows-1251"


def test_refresh_of_unchanged_sites_downloads_no_page_bodies(crawled):
    server, data, first = crawled
    before = len(server.requests())
    stats = crawl(sources_for(server), data, kind="refresh")
    again = server.requests()[before:]
    pages = {(name, p) for name, s in server.sites.items() for p in s.pages}
    html_hits = [r for r in again if (r.site, r.path) in pages]
    assert len(html_hits) == len(pages)
    assert all(r.status == 304 for r in html_hits)
    assert sum(r.body_bytes for r in again) == 0  # nor robots.txt, sitemaps, PDFs, calendars
    assert stats.not_modified >= len(html_hits)
    # each 304 is archived as a revisit record pointing at the capture it confirms
    for name in server.sites:
        newest = sorted((data / "raw" / name).glob("*.warc.gz"))[-1]
        with open(newest, "rb") as stream:
            revisits = [r for r in ArchiveIterator(stream) if r.rec_type == "revisit"]
        assert revisits and all(r.rec_headers.get_header("WARC-Refers-To") for r in revisits)


def test_refresh_fetches_a_changed_page_again(crawled):
    server, data, _ = crawled
    site = server.sites["shahrnews"]
    page = site.pages["/news/urmia-new-mayor.html"]
    page.body += "<p>به روز شد.</p>"
    before = len(server.requests())
    crawl(sources_for(server), data, kind="refresh")
    hits = [r for r in server.requests()[before:]
            if r.site == "shahrnews" and r.path == page.path]
    assert [r.status for r in hits] == [200]


def test_page_limit_and_depth_limit(server, tmp_path):
    (source,) = [s for s in sources_for(server, max_pages=5) if s.name == "kenthaber"]
    crawl([source], tmp_path)
    pages = [r for r in server.requests("kenthaber")
             if r.path not in ("/robots.txt", "/sitemap.xml")]
    assert len(pages) == 5
    source = Source("kenthaber", "tr", (server.base("kenthaber") + "/",), delay=0.02,
                    max_depth=0, sitemaps=())
    other = tmp_path / "depth"
    before = len(server.requests())
    crawl([source], other)
    paths = {r.path for r in server.requests()[before:] if r.site == "kenthaber"}
    sitemap_pages = {p for p, pg in server.sites["kenthaber"].pages.items()
                     if pg.meta.get("kind") == "news"}
    # depth 0: the start page and what the sitemap lists (depth 1 is not followed further)
    assert "/kurumsal/baskan.html" not in paths
    assert sitemap_pages <= paths


def test_body_size_limit_and_timeouts(server, tmp_path):
    site = server.sites["kazanlak"]
    site.slow["/bg/kmet.html"] = 1.0
    source = Source("kazanlak", "bg", (server.base("kazanlak") + "/",), delay=0.02,
                    max_body_bytes=6000, read_timeout=0.3, max_retries=1)
    crawl([source], tmp_path)
    errors = dict(state_rows(tmp_path, "kazanlak",
                             "SELECT url, error FROM urls WHERE status='failed'"))
    assert "timed out" in errors[server.base("kazanlak") + "/bg/kmet.html"]
    truncated = [rec for url, status, rec in responses(tmp_path, "kazanlak")
                 if rec.rec_headers.get_header("WARC-Truncated")]
    assert truncated  # the long pages were cut at the limit, and say so


def test_address_rule_refuses_link_local(server, tmp_path):
    site = server.sites["kazanlak"]
    site.pages["/"].body += '<a href="http://169.254.169.254/latest/meta-data/">meta</a>'
    base = server.base("kazanlak")
    source = Source("kazanlak", "bg", (base + "/",), delay=0.02, max_pages=3,
                    allow=("^" + base, r"^http://169\.254\."))
    crawl([source], tmp_path)
    refused = dict(state_rows(tmp_path, "kazanlak", "SELECT url, reason FROM refused"))
    assert refused["http://169.254.169.254/latest/meta-data/"] == "link-local address"


def test_no_request_of_any_kind_goes_to_link_local_and_robots_come_first(server, tmp_path,
                                                                         monkeypatch):
    """A redirect to a link-local host asks it nothing, robots.txt included; a redirect
    to another allowed host asks that host's robots.txt before the page."""
    from scraper import downloader

    asked: list[str] = []
    fetch = downloader.Downloader.fetch

    def recorded(self, url, *args, **kwargs):
        asked.append(url)
        return fetch(self, url, *args, **kwargs)

    monkeypatch.setattr(downloader.Downloader, "fetch", recorded)
    kazanlak, kenthaber = server.sites["kazanlak"], server.sites["kenthaber"]
    kazanlak.redirects["/meta"] = "http://[::ffff:169.254.169.254]/latest/meta-data/"
    kazanlak.redirects["/moved"] = server.base("kenthaber") + "/"
    home = kazanlak.pages["/"]
    home.body = '<a href="/meta">meta</a> <a href="/moved">moved</a>' + home.body
    kazanlak.robots += "\nSitemap: http://[::ffff:169.254.169.254]/sitemap.xml\n"
    kenthaber.robots = "User-agent: *\nDisallow: /\n"
    base = server.base("kazanlak")
    source = Source("kazanlak", "bg", (base + "/",), delay=0.01,
                    allow=("^" + base, r"^http://169\.254\.", "^" + server.base("kenthaber")))
    crawl([source], tmp_path)
    assert not [u for u in asked if "169.254" in u or "ffff" in u]
    refused = state_rows(tmp_path, "kazanlak", "SELECT url, error FROM urls WHERE status = "
                                               "'refused' UNION SELECT url, reason FROM refused")
    # the redirect's target, and the sitemap robots.txt names (its host's robots.txt first)
    assert {(u.rstrip("/").split("/")[-1], why) for u, why in refused if "169.254" in u} >= {
        ("meta-data", "link-local address"), ("robots.txt", "link-local address")}
    # the other host's robots.txt was asked, it disallows everything: no page was
    assert [r.path for r in server.requests("kenthaber")] == ["/robots.txt"]


def test_killed_crawl_resumes_without_losing_or_duplicating(server, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from conftest import write_sources_yaml

    sources_file = write_sources_yaml(tmp_path / "sources.yaml", sources_for(server))
    data = tmp_path / "data"
    cmd = [sys.executable, "-m", "muni", "--data-dir", str(data), "-q", "crawl",
           "--sources", str(sources_file)]
    for kill_after in (8, 25):  # kill twice, at different moments
        proc = subprocess.Popen(cmd)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            done = sum(_count_done(data, name) for name in server.sites)
            if done >= kill_after:
                break
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert subprocess.run(cmd).returncode == 0
    for name in server.sites:
        archived = Counter(url for url, status, _ in responses(data, name) if status == 200)
        assert served_pages(server, name) <= set(archived)
        assert max(archived.values()) == 1


def _as_killed_before(tmp_path, url: str) -> None:
    """The state a kill -9 leaves when it comes before `url` was fetched: the URL queued,
    the run unfinished."""
    import sqlite3

    with sqlite3.connect(tmp_path / "raw" / "kenthaber" / "state.sqlite") as db:
        db.execute("UPDATE urls SET status = 'queued' WHERE url = ?", (url,))
        db.execute("UPDATE runs SET finished = NULL")


def test_a_resumed_crawl_reads_the_sitemaps_an_index_named(server, tmp_path):
    """Killed after the index was read and before the sitemap it names was (the state a
    kill -9 leaves: that sitemap queued, the run unfinished), the resumed run reads that
    sitemap; a refresh reads it again too."""
    site = server.sites["kenthaber"]
    # the index alone names the sitemap (robots.txt names none)
    site.robots = "\n".join(line for line in site.robots.splitlines()
                             if not line.lower().startswith("sitemap:"))
    (source,) = _only(server, "kenthaber", max_depth=0,
                      sitemaps=(server.base("kenthaber") + "/sitemap-index.xml",))
    crawl([source], tmp_path)
    nested = server.base("kenthaber") + "/sitemap.xml"
    _as_killed_before(tmp_path, nested)
    before = len(server.requests())
    crawl([source], tmp_path)  # the same run, resumed
    assert "/sitemap.xml" in [r.path for r in server.requests()[before:]]
    before = len(server.requests())
    crawl([source], tmp_path, kind="refresh")
    assert "/sitemap.xml" in [r.path for r in server.requests()[before:]]
    listed = {p for p, pg in site.pages.items() if pg.meta.get("kind") == "news"}
    assert listed <= {r.path for r in server.requests("kenthaber")}


def test_a_resumed_crawl_reads_a_sitemap_left_to_read_once(server, tmp_path):
    """Killed after robots.txt was read and before the sitemap it names was (that sitemap
    queued, the run unfinished): the resumed run has it from its state and from robots.txt
    again, and reads it once."""
    (source,) = _only(server, "kenthaber", max_depth=0)
    crawl([source], tmp_path)
    sitemap = server.base("kenthaber") + "/sitemap.xml"
    _as_killed_before(tmp_path, sitemap)
    before = len(server.requests())
    crawl([source], tmp_path)  # the same run, resumed
    assert [r.path for r in server.requests()[before:]].count("/sitemap.xml") == 1


def test_a_resumed_crawl_does_not_read_again_a_sitemap_it_read(server, tmp_path):
    """Killed after the sitemap robots.txt names was read (the run unfinished, a page
    still queued), the resumed run fetches the page and not the sitemap again."""
    import sqlite3

    (source,) = _only(server, "kenthaber", max_depth=0)
    crawl([source], tmp_path)
    sitemap = server.base("kenthaber") + "/sitemap.xml"
    assert "/sitemap.xml" in [r.path for r in server.requests()]
    with sqlite3.connect(tmp_path / "raw" / "kenthaber" / "state.sqlite") as db:
        page = db.execute("SELECT url FROM urls WHERE kind = 'page' AND status = 'done' "
                          "AND url != ? LIMIT 1", (sitemap,)).fetchone()[0]
    _as_killed_before(tmp_path, page)
    before = len(server.requests())
    crawl([source], tmp_path)  # the same run, resumed
    again = [r.path for r in server.requests()[before:]]
    assert page.split(server.base("kenthaber"))[1] in again and "/sitemap.xml" not in again


def _count_done(data: Path, name: str) -> int:
    try:
        return state_rows(data, name, "SELECT COUNT(*) FROM urls WHERE status='done'")[0][0]
    except Exception:  # the state file does not exist yet
        return 0


def _only(server, name: str, **overrides) -> list[Source]:
    return [s for s in sources_for(server, **overrides) if s.name == name]


def test_robots_redirect_is_followed_and_its_rules_obeyed(server, tmp_path):
    site = server.sites["kenthaber"]
    site.redirects["/robots.txt"] = "/meta/robots.txt"
    site.robots_path = "/meta/robots.txt"
    site.robots = site.robots.replace("Disallow: /arama", "Disallow: /haber/")
    crawl(_only(server, "kenthaber", max_pages=15), tmp_path)
    paths = [r.path for r in server.requests("kenthaber")]
    assert paths[:2] == ["/robots.txt", "/meta/robots.txt"]
    assert not [p for p in paths if p.startswith("/haber/")]


@pytest.mark.parametrize("robots_status", [503, 500])
def test_unreachable_robots_blocks_the_host_for_the_run(server, tmp_path, robots_status):
    site = server.sites["kazanlak"]
    site.robots_status = robots_status
    crawl(_only(server, "kazanlak", max_retries=1), tmp_path)
    assert {r.path for r in server.requests("kazanlak")} == {"/robots.txt"}
    errors = state_rows(tmp_path, "kazanlak", "SELECT status, error FROM urls WHERE kind='page'")
    assert errors == [("failed", "robots.txt unreachable")]  # retried by the next crawl


def test_crawl_delay_over_the_limit_leaves_the_host_alone(server, tmp_path):
    site = server.sites["shahrnews"]
    site.robots = site.robots.replace("Crawl-delay: 0.1", "Crawl-delay: 86400")
    crawl(_only(server, "shahrnews"), tmp_path)
    assert {r.path for r in server.requests("shahrnews")} == {"/robots.txt"}
    ((error,),) = state_rows(tmp_path, "shahrnews", "SELECT error FROM urls WHERE kind='page'")
    assert "86400s" in error and "max_delay" in error


def test_request_rate_is_honoured(server, tmp_path):
    site = server.sites["kenthaber"]
    site.robots = site.robots.replace("Crawl-delay: 0.1", "Request-rate: 2/1")
    crawl(_only(server, "kenthaber", max_pages=6), tmp_path)
    times = sorted(r.time for r in server.requests("kenthaber"))
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.5 and len(gaps) >= 5  # 2 requests a second: 0.5 s apart
