"""The muni command as users run it: clear errors, exit codes, data that survives them."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import requests
from conftest import served_pages, sources_for, write_sources_yaml, write_warc

from muni.cli import main
from normalizer.export import STEPS as EXPORT_STEPS
from scraper.warc import iter_records


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def muni(*args: str, cwd: Path | None = None) -> Result:
    """The command as `python -m muni` runs it, in this process (so coverage sees it)."""
    out, err, started = io.StringIO(), io.StringIO(), os.getcwd()
    try:
        os.chdir(cwd or started)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(started)
    return Result(code, out.getvalue(), err.getvalue())


def one_line_error(result: Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.fixture
def page_files(server, tmp_path) -> dict[str, Path]:
    """Fixture pages saved as files, as a user would save them from a browser."""
    files = {}
    for name, path in [("kazanlak", "/bg/pobratimi/kochani.html"),
                       ("kenthaber", "/haber/b40-balkan-sehirleri-agi.html"),
                       ("shahrnews", "/news/asian-mayors-kashan.html")]:
        out = tmp_path / f"{name}.html"
        out.write_bytes(requests.get(server.base(name) + path, timeout=10).content)
        files[name] = out
    return files


def test_extract_reads_pages_and_reports_bad_inputs_per_line(page_files, tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0IHDR")
    (tmp_path / "notes.txt").write_text("just some notes, no markup", encoding="utf-8")
    inputs = [str(page_files["kazanlak"]), str(tmp_path / "missing.html"),
              str(tmp_path / "empty.html"), str(tmp_path / "image.png"),
              str(tmp_path / "notes.txt"), str(page_files["kenthaber"]),
              str(page_files["shahrnews"])]
    result = muni("extract", *inputs)
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["input"] for o in out] == inputs
    assert [o.get("error") for o in out[1:5]] == [
        "no such file", "empty file", "binary file, not HTML", "not HTML (no HTML tags found)"]
    bg, tr, fa = out[0], out[5], out[6]
    assert (bg["language"], tr["language"], fa["language"]) == ("bg", "tr", "fa")
    assert bg["title"] == "Кочани – Северна Македония"
    assert "Протокол за намерение" in bg["text"] and "Телефонен указател" not in bg["text"]
    visit = next(d for d in bg["dates"] if d["start"] == "2021-06-05")
    assert bg["text"][visit["offset"]:].startswith(visit["text"]) and visit["precision"] == "day"
    assert "kardeş" not in tr["text"].lower() or "þ" not in tr["text"]
    assert "Tiran'a uçacak" in tr["text"] and "Çok Okunanlar" not in tr["text"]
    assert "کاشان" in fa["text"] and "نظر شما" not in fa["text"]


def test_extract_site_mode_learns_the_template(server, tmp_path):
    site = server.sites["kenthaber"]
    files = []
    site.flaky.clear()
    for i, path in enumerate(site.pages):
        out = tmp_path / f"p{i}.html"
        out.write_bytes(requests.get(server.base("kenthaber") + path, timeout=10).content)
        files.append(str(out))
    single = [json.loads(x) for x in muni("extract", *files).stdout.splitlines()]
    learned = [json.loads(x) for x in muni("extract", "--site", *files).stdout.splitlines()]
    # the footer line repeats on every page: site mode must never keep it
    assert not any("Tüm hakları saklıdır" in r["text"] for r in learned)
    assert sum(len(r["text"]) for r in learned) <= sum(len(r["text"]) for r in single)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory) -> tuple[Path, Result]:
    """`muni demo` once for the tests that read what it leaves."""
    data = tmp_path_factory.mktemp("demo-data")
    return data, muni("--data-dir", str(data), "demo")


@pytest.mark.slow
def test_bad_sources_file_is_one_line_and_keeps_existing_data(demo_run, tmp_path):
    data = tmp_path / "data"  # a data folder with a dataset in it: the demo's
    shutil.copytree(demo_run[0] / "demo", data)
    pages = (data / "clean" / "pages.csv").read_bytes()
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - name: x\n    language: bg\n", encoding="utf-8")
    result = muni("--data-dir", str(data), "run", "--sources", str(bad))
    assert result.returncode == 1
    assert "start_urls" in one_line_error(result)
    assert (data / "clean" / "pages.csv").read_bytes() == pages
    result = muni("--data-dir", str(data), "crawl", "--sources", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1 and "no such file" in one_line_error(result)


def test_usage_errors_exit_2_and_empty_stages_say_what_to_do(tmp_path):
    assert muni("frobnicate").returncode == 2
    assert muni("crawl", "--max-pages", "many").returncode == 2
    result = muni("--data-dir", str(tmp_path), "parse")
    assert result.returncode == 1 and "muni crawl" in one_line_error(result)
    result = muni("--data-dir", str(tmp_path), "export")
    assert result.returncode == 1 and "muni parse" in one_line_error(result)
    result = muni("--data-dir", str(tmp_path), "parse", "--warc", str(tmp_path / "x.warc.gz"))
    assert result.returncode == 1 and "no such WARC" in one_line_error(result)


@pytest.mark.slow
def test_crawl_parse_export_status_through_the_command(server, tmp_path):
    sources = write_sources_yaml(tmp_path / "sources.yaml", sources_for(server))
    data = tmp_path / "data"
    result = muni("--data-dir", str(data), "run", "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    assert result.stdout == result.stderr == ""  # off a terminal: no bars, no summary
    pages = pd.read_parquet(data / "clean" / "pages.parquet")
    csv = pd.read_csv(data / "clean" / "pages.csv")
    assert len(pages) == len(csv)
    for name in server.sites:
        assert served_pages(server, name) <= set(pages.url)
    assert pages.page_id.is_unique
    assert not (data / "clean" / "pages.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    status = json.loads(muni("--data-dir", str(data), "status", "--json").stdout)
    assert {s["source"] for s in status["sources"]} == set(server.sites)
    assert all(not s["interrupted"] and s["pages_done"] > 8 for s in status["sources"])
    # parse --warc reads archives directly, as it would read Common Crawl segments
    warc = next((data / "raw" / "kenthaber").glob("*.warc.gz"))
    other = tmp_path / "other"
    assert muni("--data-dir", str(other), "parse", "--warc", str(warc)).returncode == 0
    assert len(pd.read_parquet(next((other / "interim").glob("*.parquet")))) == \
        (pages.source == "kenthaber").sum()


def test_refresh_is_locked_while_another_runs(tmp_path):
    import fcntl
    import os

    data = tmp_path / "data"
    data.mkdir()
    fd = os.open(data / ".muni.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        result = muni("--data-dir", str(data), "refresh", "--sources", "sources.yaml",
                      cwd=Path(__file__).parents[1])
    finally:
        os.close(fd)
    assert result.returncode == 1 and "another muni run" in one_line_error(result)


@pytest.mark.slow
def test_demo_leaves_a_row_for_every_fixture_page(demo_run):
    from muni.fixture_server import load_sites

    data, result = demo_run
    assert result.returncode == 0, result.stderr
    assert not (data / "raw").exists() and not (data / "clean").exists()
    pages = pd.read_csv(data / "demo" / "clean" / "pages.csv")
    for site in load_sites():
        paths = {u.split("/", 3)[3] for u in pages.url[pages.source == f"demo-{site.name}"]}
        assert {p.lstrip("/") for p in site.pages} <= paths, site.name


def test_extract_fetches_urls_politely(server):
    base = server.base("kazanlak")
    result = muni("extract", base + "/old/kochani.php", base + "/admin/login.html")
    assert result.returncode == 1
    fetched, refused = [json.loads(x) for x in result.stdout.splitlines()]
    assert fetched["url"] == base + "/bg/pobratimi/kochani.html"  # the redirect followed
    assert fetched["language"] == "bg" and "Кочани" in fetched["text"]
    assert "robots.txt" in refused["error"]
    assert not [r for r in server.requests("kazanlak") if r.path.startswith("/admin/")]


NEWS = (b"<html><body><h1>News</h1><p>" + b"The mayor opened the new park on Saturday "
        b"morning. " * 3 + b"</p></body></html>")


def test_logging_before_or_after_the_command_counts_what_parse_drops(tmp_path, capsys):
    warc = write_warc(tmp_path / "mixed.warc.gz", [
        ("http://a.example/news/1", NEWS), ("http://a.example/report.pdf",
                                            b"%PDF-1.4 binary report"),
        ("http://a.example/logo.png", b"\x89PNG image")])
    log = tmp_path / "logs" / "parse.log"
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "parse", "--warc", str(warc), "-v",
                 "--log-file", str(log)]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # the summary goes to the log off a terminal
    assert "1 pages from 1 sources" in err and "1 captures not read as pages" in err
    assert "a.example: 1 pages, 1 parsed anew, 1 captures not read as pages" in err
    kept = log.read_text(encoding="utf-8")
    assert "http://a.example/report.pdf is not read as a page" in kept  # info, in the file
    assert "parsing http://a.example/news/1" in kept  # debug too, in the file only
    assert "records passed over: 1 not HTML" in kept
    assert "parsing http" not in err
    assert main(["parse", "--warc", str(warc), "--data-dir", str(data), "-q"]) == 0
    assert capsys.readouterr().out == ""


def test_a_record_whose_uri_does_not_parse_takes_no_other_page_down(tmp_path, capsys):
    warc = write_warc(tmp_path / "odd.warc.gz", [
        (url, NEWS) for url in ("http://[::1/", "http://" + "h" * 300 + ".example/",
                                "http://b.example/1")])
    assert main(["parse", "--warc", str(warc), "--data-dir", str(tmp_path / "data"),
                 "-v"]) == 0
    assert "3 pages from 2 sources" in capsys.readouterr().err


def test_a_public_host_is_not_crawled_with_the_placeholder_contact(tmp_path, monkeypatch):
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - name: far\n    language: bg\n"
                       "    start_urls: ['http://93.184.216.34/']\n", encoding="utf-8")
    monkeypatch.delenv("MUNI_CONTACT", raising=False)
    result = muni("--data-dir", str(tmp_path / "data"), "crawl", "--sources", str(sources))
    assert result.returncode == 1
    assert "93.184.216.34 is on the public internet" in one_line_error(result)
    assert "MUNI_CONTACT, or --contact" in result.stderr
    assert not (tmp_path / "data" / "raw" / "far").exists()  # nothing was fetched
    sources.write_text(sources.read_text() + "contact: not a contact\n", encoding="utf-8")
    result = muni("--data-dir", str(tmp_path / "data"), "crawl", "--sources", str(sources))
    assert "neither an e-mail address nor an http(s) URL" in one_line_error(result)
    for body, message in (("sources: []\n", "lists no source"),
                          ("sources: []\nagent: x\n", "unknown top-level key(s): agent")):
        sources.write_text(body, encoding="utf-8")
        result = muni("--data-dir", str(tmp_path / "data"), "crawl", "--sources", str(sources))
        assert result.returncode == 1 and message in one_line_error(result)


def test_the_contact_given_is_the_user_agent_every_request_carries(server, tmp_path):
    kazanlak = [s for s in sources_for(server) if s.name == "kazanlak"]
    sources = write_sources_yaml(tmp_path / "sources.yaml", kazanlak)
    sources.write_text(sources.read_text() + "contact: desk@city-archive.example\n")
    data = tmp_path / "data"
    assert muni("--data-dir", str(data), "crawl", "--sources", str(sources), "--max-pages",
                "2").returncode == 0
    assert muni("--data-dir", str(data), "crawl", "--sources", str(sources), "--max-pages",
                "2", "--contact", "https://uni.example/muni").returncode == 0
    agents = [r.http_headers.get_header("User-Agent") for path in
              sorted((data / "raw" / "kazanlak").glob("*.warc.gz"))
              for _, r in iter_records(path) if r.rec_type == "request"]
    assert agents and all(a.startswith("muni/") for a in agents)
    assert "desk@city-archive.example" in agents[0] and "https://uni.example/muni" in agents[-1]


def test_extract_reads_a_folder_a_listing_and_standard_input_and_writes_csv(page_files,
                                                                           tmp_path):
    import csv
    import io

    folder = tmp_path / "saved"
    folder.mkdir()
    for name, path in page_files.items():
        (folder / f"{name}.html").write_bytes(path.read_bytes())
    (folder / "notes.txt").write_text("not a page")
    listing = tmp_path / "pages.txt"
    listing.write_text(f"# saved from the browser\n{page_files['kazanlak']}\n\n"
                       f"{tmp_path / 'missing.html'}\n", encoding="utf-8")
    result = muni("extract", str(folder), "-i", str(listing), "--format", "csv")
    assert result.returncode == 1  # the missing file, in its own row
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [Path(r["input"]).name for r in rows] == [
        "kazanlak.html", "kenthaber.html", "shahrnews.html", "kazanlak.html", "missing.html"]
    assert [r["language"] for r in rows[:3]] == ["bg", "tr", "fa"]
    assert json.loads(rows[1]["cities"]) and rows[4]["error"] == "no such file"
    piped = subprocess.run([sys.executable, "-m", "muni", "extract", "-"], capture_output=True,
                           input=page_files["kenthaber"].read_bytes(), timeout=120)
    assert piped.returncode == 0
    assert json.loads(piped.stdout)["language"] == "tr"
    nothing = muni("extract")
    assert nothing.returncode == 1 and "nothing to extract" in one_line_error(nothing)


def test_extract_on_files_loads_none_of_the_stages_machinery(page_files):
    """A page read from a file needs neither the export's tables (pandas, pyarrow) nor
    the crawler's HTTP stack: importing them cost `muni extract` on one page a second."""
    probe = ("import sys; from muni.cli import main; "
             "code = main(['extract', '-q', sys.argv[1]]); "
             "print(sorted(m for m in ('pandas', 'pyarrow', 'requests', 'warcio') "
             "if m in sys.modules), code, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe, str(page_files["kazanlak"])],
                            capture_output=True, text=True, timeout=120)
    assert result.stderr.split()[-2:] == ["[]", "0"], result.stderr
    assert json.loads(result.stdout)["language"] == "bg"


def test_check_reads_only_robots_txt_and_says_what_a_crawl_would_do(server, tmp_path):
    kazanlak = [s for s in sources_for(server) if s.name == "kazanlak"]
    sources = write_sources_yaml(tmp_path / "sources.yaml", kazanlak)
    base = server.base("kazanlak")
    text = sources.read_text().replace(f"start_urls: [{base}/]",
                                       f"start_urls: [{base}/, {base}/admin/panel]")
    sources.write_text(text, encoding="utf-8")
    asked = len(server.requests())
    result = muni("--data-dir", str(tmp_path / "data"), "check", "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("kazanlak (bg): delay 0.1s")  # robots.txt's crawl-delay wins
    assert f"  allowed    {base}/" in lines
    assert f"  refused    {base}/admin/panel  (disallowed by robots.txt)" in lines
    assert f"  sitemap    {base}/sitemap.xml" in lines
    assert [r.path for r in server.requests()[asked:]] == ["/robots.txt"]
    assert not (tmp_path / "data").exists()  # a check writes nothing
    sources.write_text(text.replace(f"{base}/, ", ""), encoding="utf-8")
    result = muni("--data-dir", str(tmp_path / "data"), "check", "--sources", str(sources))
    assert result.returncode == 1
    assert "no start URL may be crawled for kazanlak" in result.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_each_stage_draws_a_bar_and_the_summary_is_printed(tmp_path):
    warc = write_warc(tmp_path / "news.warc.gz", [
        (f"http://{host}.example/news/{i}", NEWS) for host in "ab" for i in range(3)])
    data = tmp_path / "data"
    out, err = Terminal(), Terminal()
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["--data-dir", str(data), "parse", "--warc", str(warc)]) == 0
        assert main(["--data-dir", str(data), "export"]) == 0
    bars = err.getvalue()
    assert "parse: 100%" in bars and "2/2" in bars and "6 pages" in bars
    assert "source/s" in bars and "<00:00" in bars  # a rate and the time left
    steps = len(EXPORT_STEPS)
    assert "export: 100%" in bars and f"{steps}/{steps}" in bars
    assert out.getvalue().splitlines()[0] == "parse: 6 pages from 2 sources, 6 parsed anew"
    assert out.getvalue().splitlines()[1].startswith("export: pages 6 rows")
    assert "%|" not in out.getvalue()  # the bars are on stderr, the summaries on stdout


def test_a_cache_folder_muni_cannot_write_is_a_one_line_error(tmp_path, monkeypatch):
    """The gazetteer is compiled on a machine's first run: where its folder cannot be
    made, extract and parse say so in one line, naming the setting that moves it."""
    from parsers.gazetteer import default_gazetteer

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("MUNI_CACHE_DIR", str(blocker / "cache"))
    page = "<html lang='bg'><body><p>Кметът на Казанлък посети Кочани.</p></body></html>"
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    warc = write_warc(tmp_path / "one.warc.gz", [("http://one.example/1", page.encode())])
    default_gazetteer.cache_clear()
    try:
        result = muni("extract", str(tmp_path / "page.html"))
        assert result.returncode == 1 and "MUNI_CACHE_DIR" in one_line_error(result)
        result = muni("--data-dir", str(tmp_path / "data"), "parse", "--warc", str(warc))
        assert result.returncode == 1
        assert "cannot compile the gazetteer into" in one_line_error(result)
    finally:
        default_gazetteer.cache_clear()  # the other tests' real one again
