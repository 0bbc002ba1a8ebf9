"""The `muni` command: one entry point, a subcommand per stage.

Exit status: 0 success, 1 failure, 2 bad usage. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
import traceback
from pathlib import Path
from types import ModuleType

from muni import __version__, logs
from muni.errors import MuniError
from muni.progress import Progress
from muni.settings import read_identity, read_sources
from parsers.gazetteer import GazetteerError
from parsers.languages import language_codes
from scraper.identity import Identity

DEFAULT_SOURCES = "sources.yaml"
log = logging.getLogger("muni")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="muni", description="Facts out of municipal websites: crawl, parse, export.")
    parser.add_argument("-V", "--version", action="version", version=f"muni {__version__}")
    _global_options(parser, defaults=True)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, defaults=False)

    def command(name: str, help: str, description: str, *examples: str
                ) -> argparse.ArgumentParser:
        epilog = "examples:\n" + "\n".join(f"  {e}" for e in examples)
        return sub.add_parser(name, parents=[common], help=help,
                              description=f"{help[0].upper()}{help[1:]}. {description}",
                              epilog=epilog,
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    crawl = command(
        "crawl", "fetch the sources into WARC archives",
        "Obeys robots.txt and each host's delay; a crawl killed at any moment resumes where "
        "it stopped when run again.",
        "muni crawl", "muni crawl --source kazanlak --max-pages 5")
    _source_options(crawl)
    _identity_options(crawl)
    crawl.add_argument("--max-pages", type=int, metavar="N", help="pages per source this run")

    parse = command(
        "parse", "turn archived pages into page records",
        "Reads data/raw (or any WARC files) into data/interim; only pages whose body, site "
        "template or parser changed are parsed again.",
        "muni parse --workers 2", "muni parse --warc segment.warc.gz",
        "muni parse --scheduler tcp://10.0.0.5:8786")
    parse.add_argument("--warc", nargs="+", metavar="PATH",
                       help="parse these WARC files instead of data/raw")
    parse.add_argument("--workers", type=int, metavar="N", help="processes (default: cores)")
    parse.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on this Dask cluster (tcp://host:8786); needs muni[dask]")

    check = command(
        "check", "check sources.yaml and each start host's robots.txt (nothing else is "
                 "fetched): what a crawl would do",
        "Per source: the delay the crawl will keep, each start URL allowed or refused, the "
        "sitemaps it will read. Exit status 1 when a source could crawl nothing.",
        "muni check", "muni check --sources my-sources.yaml --source kazanlak")
    _source_options(check)
    _identity_options(check)
    command("export", "write the clean tables",
            "data/interim to the dataset in data/clean: CSV, Parquet, datapackage.json, the "
            "workbook, report.html and ties.geojson, switched in one step.",
            "muni export", "muni --data-dir /srv/muni/data export")
    for name, text, description, example in (
            ("run", "crawl, parse and export", "The three stages in order.",
             "muni run --source kazanlak"),
            ("refresh", "for cron: revisit with conditional requests, parse what changed, "
                        "export, report; silent when all is well",
             "Exit status 1 with one line on stderr when a stage failed or a site gave no "
             "page; a run report is written to data/runs/ either way.",
             "muni refresh --sources /srv/muni/sources.yaml")):
        cmd = command(name, text, description, example)
        _source_options(cmd)
        _identity_options(cmd)
    status = command("status", "what is there and how fresh it is",
                     "Pages crawled, parsed and exported per source, and how the last "
                     "refresh went. Reads only; creates nothing.",
                     "muni status", "muni status --json")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    command("report", "data/clean/report.html and ties.geojson, to look at",
            "Made again from the current dataset (every export writes them too).",
            "muni report")
    command("demo", "the whole pipeline on the bundled fixture sites",
            "Serves the fixture sites on loopback and runs every stage into data/demo/, "
            "never beside real data. No internet.", "muni demo")

    extract = command(
        "extract", "extract from pages given as files, folders or URLs",
        "One JSON line (or CSV row) per page: language, title, published, main text and "
        "every entity; docs/extract.schema.json describes it. A page that cannot be read "
        "gives {input, error} and exit status 1.",
        "muni extract page.html", "muni extract --lang fa --format csv pages/",
        "curl -s https://example.org/ | muni extract -", "muni extract -i urls.txt")
    extract.add_argument("inputs", nargs="*", metavar="FILE_OR_URL",
                         help="an HTML file, a folder of them, a URL, or - for standard input")
    extract.add_argument("-i", "--input-file", metavar="FILE",
                         help="a file (or -) listing paths or URLs, one per line")
    extract.add_argument("--format", choices=["jsonl", "csv"], default="jsonl",
                         help="JSON Lines (default) or CSV, one row per page")
    extract.add_argument("--lang", choices=["auto", *language_codes()], default="auto",
                         help="the pages' language (default: told from each page)")
    extract.add_argument("--url", help="the URL the file was fetched from")
    extract.add_argument("--site", action="store_true",
                         help="the inputs are pages of one site: learn its template")
    _identity_options(extract)
    return parser


def _source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", default=DEFAULT_SOURCES, metavar="FILE",
                        help="the sources file (default sources.yaml)")
    parser.add_argument("--source", action="append", metavar="NAME",
                        help="only this source (repeatable)")


def _identity_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--contact", metavar="EMAIL_OR_URL",
                        help="the contact the crawler's User-Agent gives (else $MUNI_CONTACT, "
                             "else 'contact:' in sources.yaml); needed for public hosts")
    parser.add_argument("--user-agent", metavar="TEXT",
                        help="the whole User-Agent header instead (else $MUNI_USER_AGENT)")


def _global_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """Options every command takes, before or after its name (`muni -v parse` and `muni
    parse -v`); after it they have no defaults, so they never undo one given before."""
    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    parser.add_argument("--data-dir", type=Path,
                        default=default(Path(os.environ.get("MUNI_DATA_DIR", "data"))),
                        help="where raw, interim and clean data live (default ./data, "
                             "or $MUNI_DATA_DIR)")
    parser.add_argument("-q", "--quiet", action="store_true", default=default(False),
                        help="no progress and no summary (errors still go to stderr)")
    parser.add_argument("-v", "--verbose", action="count", default=default(0),
                        help="say what each stage did (-vv: every page)")
    parser.add_argument("--log-file", type=Path, metavar="FILE", default=default(None),
                        help="keep the whole log, debug included, in FILE")


def _identity(args: argparse.Namespace) -> Identity:
    """Who the crawler says it is, for this command (MuniError when it cannot say)."""
    sources = getattr(args, "sources", None)
    return read_identity(sources if sources and Path(sources).exists() else None,
                                  args.contact, args.user_agent)


def _say(args: argparse.Namespace, line: str) -> None:
    """A command's summary: printed on a terminal; off one (cron, a pipe) it goes to the
    log (stderr with -v, and --log-file), so that stdout stays empty when all is well."""
    if args.quiet:
        log.info("%s", line)
    elif sys.stdout.isatty():
        print(line, flush=True)
    else:
        log.info("%s", line)


# Commands that write under the data folder: one at a time, so that no two runs write the
# same crawl state or export folders.
WRITERS = {"crawl", "parse", "export", "run", "refresh", "report", "demo"}


def _run(args: argparse.Namespace) -> int:
    if args.command == "extract":  # pages in, records out: none of the stages' machinery
        return _extract(args)
    # Imported here so that `muni --help`, usage errors and `muni extract` stay fast.
    from muni import pipeline

    if args.command in WRITERS:
        with pipeline.run_lock(args.data_dir):
            return _dispatch(args, pipeline)
    return _dispatch(args, pipeline)


def _dispatch(args: argparse.Namespace, pipeline: ModuleType) -> int:
    progress = Progress(enabled=False) if args.quiet else Progress()
    data_dir: Path = args.data_dir
    if args.command == "crawl":
        if args.max_pages is not None and args.max_pages < 0:
            raise MuniError("--max-pages must be 0 or more")
        sources = read_sources(args.sources, args.source)
        _say(args, pipeline.run_crawl(sources, data_dir, "crawl", args.max_pages, progress,
                                      _identity(args)).summary())
    elif args.command == "parse":
        counts = pipeline.run_parse_stage(data_dir, args.warc, args.workers, progress,
                                          scheduler=args.scheduler)
        _say(args, pipeline.parse_summary(counts))
    elif args.command == "check":
        from scraper.check import check_sources, format_check
        from scraper.downloader import Downloader

        sources = read_sources(args.sources, args.source)
        identity = _identity(args)
        pipeline.refuse_placeholder(sources, identity)
        checks = check_sources(sources, Downloader(identity))
        for found in checks:
            for line in format_check(found):
                print(line, flush=True)
        idle = [c.source.name for c in checks if c.crawls_nothing]
        if idle:
            raise MuniError(f"no start URL may be crawled for {', '.join(idle)}")
    elif args.command == "export":
        tables = pipeline.run_export(data_dir, progress)
        _say(args, "export: " + ", ".join(f"{k} {v} rows" for k, v in tables.items()))
    elif args.command == "run":
        sources = read_sources(args.sources, args.source)
        stats = pipeline.run_crawl(sources, data_dir, "crawl", progress=progress,
                                   identity=_identity(args))
        counts = pipeline.run_parse_stage(data_dir, progress=progress,
                                          names=[s.name for s in sources])
        tables = pipeline.run_export(data_dir, progress)
        _say(args, f"{stats.summary()}; {pipeline.parse_summary(counts)}; "
                   "export: " + ", ".join(f"{k} {v}" for k, v in tables.items()))
    elif args.command == "refresh":
        from muni.refresh import refresh

        summary = refresh(read_sources(args.sources, args.source), data_dir,
                          progress, _identity(args))
        _say(args, summary)
    elif args.command == "report":
        for path in pipeline.run_report(data_dir):
            _say(args, f"report: {path}")
    elif args.command == "status":
        from muni.status import format_status, status

        info = status(data_dir)
        print(json.dumps(info, indent=1) if args.json else format_status(info))
    elif args.command == "demo":
        from muni.demo import run_demo

        for line in run_demo(data_dir, progress):
            _say(args, line)
    return 0


def _extract(args: argparse.Namespace) -> int:
    from muni.extract import CSV_FIELDS, csv_row, expand_inputs, extract

    try:
        inputs = expand_inputs(args.inputs, args.input_file)
    except OSError as exc:
        raise MuniError(f"cannot read {args.input_file}: {exc.strerror or exc}") from None
    if not inputs:
        raise MuniError("nothing to extract: give files, folders, URLs, - or -i FILE")
    failed = False
    language = None if args.lang == "auto" else args.lang
    identity = _identity(args)
    writer = csv.DictWriter(sys.stdout, CSV_FIELDS, lineterminator="\n") \
        if args.format == "csv" else None
    if writer:
        writer.writeheader()
    for result in extract(inputs, language, args.url, args.site, identity):
        failed |= "error" in result
        if writer:
            writer.writerow(csv_row(result))
        else:
            print(json.dumps(result, ensure_ascii=False), flush=True)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        logs.configure(args.verbose, args.log_file)
    except OSError as exc:
        print(f"muni: error: cannot write the log file {args.log_file}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        return _run(args)
    except (MuniError, GazetteerError) as exc:
        print(f"muni: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("muni: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug, not bad input: one line, the trace on request
        if os.environ.get("MUNI_DEBUG"):
            traceback.print_exc()
        print(f"muni: internal error: {type(exc).__name__}: {exc} "
              "(set MUNI_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1
