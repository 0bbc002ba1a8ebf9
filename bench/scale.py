"""Scale benchmark: a synthetic crawl of 20,000+ pages made from the fixture sites, parsed
with 1 and 2 local workers (and on a 2-worker Dask LocalCluster when Dask is installed),
then exported. Reports pages per second, the scaling ratio, export time and peak memory,
with trafilatura's plain text extraction of a sample of the same pages as the reference.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.commands import measure, muni_command
from muni.fixture_server import load_sites
from scraper.warc import Exchange, WarcFile, build_block, warcinfo_block

SOURCES = 8
REFERENCE_SAMPLE = 1000

def fixture_bodies() -> list[tuple[str, list[tuple[str, bytes, str]]]]:
    """Per fixture site, its language and (path, body, content type) of every page, as
    the server sends it."""
    sites = load_sites()
    bases = {s.name: f"https://{s.name}.example" for s in sites}
    out = []
    for site in sites:
        site.flaky.clear()
        pages = []
        for path in site.pages:
            reply, _ = site.respond(path, bases)
            if reply.status == 200:
                pages.append((path, reply.body, reply.headers["Content-Type"]))
        out.append((site.language, pages))
    return out


def synthetic_crawl(data: Path, pages: int) -> int:
    """data/raw/<source>/ with WARC files holding `pages` pages over SOURCES sources; each
    copy of a fixture page gets its own URL and a headline of its own."""
    bodies = fixture_bodies()
    per_source = -(-pages // SOURCES)
    written = 0
    for n in range(SOURCES):
        name = f"synthetic{n}"
        folder = data / "raw" / name
        folder.mkdir(parents=True)
        language, own = bodies[n % len(bodies)]
        (folder / "source.json").write_text(json.dumps({"name": name, "language": language}))
        warc = WarcFile(folder / f"{name}-00001.warc.gz")
        warc.append(warcinfo_block(warc.path.name, name))
        for i in range(per_source):
            path, body, content_type = own[i % len(own)]
            copy = i // len(own)
            url = f"https://{name}.example{path}?copy={copy}"
            body = body.replace(b"</h1>", f" {copy}</h1>".encode(), 1)
            warc.append(build_block(Exchange(url, "GET", path, [], 200, "OK",
                                             [("Content-Type", content_type)], body))[0])
            written += 1
        warc.close()
    return written


def _dask_parse(data: Path) -> dict | None:
    try:
        from distributed import LocalCluster
    except ImportError:
        return None
    shutil.rmtree(data / "interim", ignore_errors=True)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        started = time.perf_counter()
        subprocess.run(muni_command(data, "parse", "--scheduler", cluster.scheduler_address),
                       check=True, capture_output=True)
        return {"seconds": round(time.perf_counter() - started, 2)}


def _trafilatura_rate(data: Path) -> float:
    import trafilatura

    from parsers.archive import read_body, scan_archives

    captures = list(scan_archives(sorted((data / "raw").glob("*/*.warc.gz"))).captures.values())
    step = max(1, len(captures) // REFERENCE_SAMPLE)
    bodies = [read_body(c) for c in captures[::step]]
    started = time.perf_counter()
    for body in bodies:
        trafilatura.extract(body, include_comments=False)
    return len(bodies) / (time.perf_counter() - started)


def run(pages: int = 20_000) -> dict:
    with tempfile.TemporaryDirectory(prefix="muni-scale-") as tmp:
        data = Path(tmp) / "data"
        written = synthetic_crawl(data, pages)
        runs = {}
        for workers in (1, 2):
            shutil.rmtree(data / "interim", ignore_errors=True)
            runs[f"parse_{workers}_workers"] = measure(
                *muni_command(data, "parse", "--workers", str(workers)))
        runs["reparse_unchanged"] = measure(*muni_command(data, "parse", "--workers", "2"))
        runs["export"] = measure(*muni_command(data, "export"))
        dask = _dask_parse(data)
        if dask:
            runs["parse_dask_2_workers"] = dask
        reference = _trafilatura_rate(data)
        rows = json.loads((data / "clean" / "datapackage.json").read_text())["resources"]
    one, two = (runs[f"parse_{w}_workers"]["seconds"] for w in (1, 2))
    return {"pages": written, "sources": SOURCES, "runs": runs,
            "parse_pages_per_s": {"1_worker": round(written / one, 1),
                                  "2_workers": round(written / two, 1)},
            "scaling_2_over_1": round(one / two, 2),
            "trafilatura_pages_per_s_1_process": round(reference, 1),
            "parse_1_worker_ratio_to_trafilatura": round(written / one / reference, 2),
            "rows": {r["name"]: r["stats"]["rows"] for r in rows}}


def report(result: dict) -> list[str]:
    runs = result["runs"]
    lines = [f"scale: {result['pages']} synthetic pages in {result['sources']} sources",
             f"  parse, 1 worker:  {result['parse_pages_per_s']['1_worker']} pages/s, peak "
             f"{runs['parse_1_workers']['peak_rss_mb']} MB",
             f"  parse, 2 workers: {result['parse_pages_per_s']['2_workers']} pages/s, peak "
             f"{runs['parse_2_workers']['peak_rss_mb']} MB per process; scaling "
             f"{result['scaling_2_over_1']}x",
             f"  parse again, nothing changed: {runs['reparse_unchanged']['seconds']} s",
             f"  export: {runs['export']['seconds']} s, peak {runs['export']['peak_rss_mb']} MB "
             f"({sum(result['rows'].values())} rows in {len(result['rows'])} tables)",
             f"  reference: trafilatura text only, 1 process: "
             f"{result['trafilatura_pages_per_s_1_process']} pages/s; muni parse with all "
             f"entities, 1 worker: {result['parse_1_worker_ratio_to_trafilatura']}x"]
    if "parse_dask_2_workers" in runs:
        seconds = runs["parse_dask_2_workers"]["seconds"]
        lines.append(f"  parse on a 2-worker Dask LocalCluster: "
                     f"{round(result['pages'] / seconds, 1)} pages/s")
    return lines
