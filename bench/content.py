"""Main-content benchmark: muni (single page and site mode), trafilatura and jusText on the
same pages, scored with the ScrapingHub metric, and pages per second for each as a ratio
to trafilatura: of the best passes, and the median of each round's pass against
trafilatura's (paired, steadier on a machine whose speed wanders). Three sets: the fixture
pages (tests/fixtures/gold), the real dev-gold pages and the ScrapingHub English news
benchmark (both read from ../shared). For muni it also counts the pages that came out
empty and which method of the cascade gave the text.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from statistics import median

from bench import realpages
from bench.commands import measure
from bench.scoring import averaged, page_scores
from muni.fixture_server import load_sites
from parsers.compiled import COMPILED, is_compiled
from parsers.content import learn_template
from parsers.languages import decoding_for
from parsers.page import main_text_of, parse_page, read_html
from scraper.encoding import decode_html

GOLD_DIR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "gold"
JUSTEXT_STOPLISTS = {"bg": "Bulgarian", "tr": "Turkish", "fa": "Persian", "en": "English"}


def fixture_pages(gold_dir: Path = GOLD_DIR) -> list[dict]:
    """Gold records with the page's HTML as the fixture server sends it."""
    sites = {s.name: s for s in load_sites()}
    bases = {name: f"http://{name}.example" for name in sites}
    pages = []
    for path in sorted(gold_dir.glob("*/*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        site = sites[gold["site"]]
        site.flaky.clear()
        reply, _ = site.respond(gold["path"], bases)
        pages.append({**gold, "html": reply.body, "hint": gold["lang"],
                      "content_type": reply.headers.get("Content-Type")})
    return pages


def real_pages(load: Callable[[], list[dict]]) -> list[dict]:
    """Real pages come with no language hint: muni tells it, as on a page never seen."""
    return [{**page, "hint": None} for page in load()]


def muni_single(pages: list[dict]) -> list[str]:
    return [main_text_of(read_html(p["html"], p["content_type"], p["hint"])).text for p in pages]


def muni_whole_page(pages: list[dict]) -> list[str]:
    """Everything `muni extract` does: main text, date, language and every entity."""
    return [parse_page(read_html(p["html"], p["content_type"], p["hint"])).text for p in pages]


def methods(pages: list[dict]) -> dict[str, int]:
    """How often each method of the cascade gave muni's text (single page)."""
    found = Counter(main_text_of(read_html(p["html"], p["content_type"], p["hint"])).method
                    for p in pages)
    return dict(sorted(found.items()))


def field_accuracy(pages: list[dict]) -> dict[str, float]:
    """Share of pages whose title, published date and language muni gets exactly right."""
    records = [parse_page(read_html(p["html"], p["content_type"], None)) for p in pages]
    return {name: round(sum(getattr(r, name) == p[gold] for r, p in zip(records, pages,
                                                                        strict=True))
                        / len(pages), 3)
            for name, gold in (("title", "title"), ("published", "published"),
                               ("language", "lang"))}


def muni_site(pages: list[dict]) -> list[str]:
    parsed = [read_html(p["html"], p["content_type"], p["hint"]) for p in pages]
    by_site: dict[str, list[int]] = defaultdict(list)
    for i, page in enumerate(pages):
        by_site[page["site"]].append(i)
    texts = [""] * len(pages)
    for indices in by_site.values():
        template = learn_template(parsed[i].blocks for i in indices)
        for i in indices:
            texts[i] = main_text_of(parsed[i], template).text
    return texts


def trafilatura_text(pages: list[dict]) -> list[str]:
    import trafilatura

    return [trafilatura.extract(_text(p)) or "" for p in pages]


def justext_text(pages: list[dict]) -> list[str]:
    import justext

    out = []
    for p in pages:
        stoplist = justext.get_stoplist(JUSTEXT_STOPLISTS[p["lang"]])
        paragraphs = justext.justext(_text(p), stoplist)
        out.append("\n\n".join(x.text for x in paragraphs if not x.is_boilerplate))
    return out


def _text(page: dict) -> str:
    """The references get the page decoded as muni decodes it: the same input text for all."""
    return decode_html(page["html"], page["content_type"], decoding_for(page["hint"]))[0]


SYSTEMS: dict[str, Callable[[list[dict]], list[str]]] = {
    "muni (single page)": muni_single, "muni (site mode)": muni_site,
    "muni (whole page, entities)": muni_whole_page,
    "trafilatura": trafilatura_text, "justext": justext_text,
}


def run_corpus(pages: list[dict], repeat: int, site_mode: bool = True,
               fields: bool = True) -> dict:
    systems = {name: system for name, system in SYSTEMS.items()
               if site_mode or name != "muni (site mode)"}
    # imports and every language's caches warmed first
    outputs = {name: system(pages) for name, system in systems.items()}
    timings: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeat):  # passes in turn, so that a slower spell of the machine falls
        for name, system in systems.items():  # on every system alike; the best of each
            started = time.perf_counter()
            system(pages)
            timings[name].append(time.perf_counter() - started)
    results = {}
    for name, texts in outputs.items():
        seconds = min(timings[name])
        scores = [page_scores(t, p["main_text"]) for t, p in zip(texts, pages, strict=True)]
        by_lang = defaultdict(list)
        for page, score in zip(pages, scores, strict=True):
            by_lang[page["lang"]].append(score)
        results[name] = {"overall": averaged(scores),
                         "by_language": {k: averaged(v) for k, v in sorted(by_lang.items())},
                         "empty": sum(not t.strip() and bool(p["main_text"].strip())
                                      for t, p in zip(texts, pages, strict=True)),
                         "pages_per_s": round(len(pages) / seconds, 1)}
    reference = results["trafilatura"]["pages_per_s"]
    for name, result in results.items():
        result["speed_ratio_to_trafilatura"] = round(result["pages_per_s"] / reference, 2)
        # each pass against trafilatura's of the same round: a slower spell of the machine
        # that falls on one system's best pass alone moves the ratio of bests, not this
        result["paired_ratio_to_trafilatura"] = round(median(
            traf / mine for traf, mine in zip(timings["trafilatura"], timings[name],
                                              strict=True)), 2)
    return {"pages": len(pages), "systems": results, "methods": methods(pages),
            **({"fields": field_accuracy(pages)} if fields else {})}


# The reference run as a user would script it: a fresh process, each file's bytes in.
_TRAFILATURA_FILES = ("import sys, trafilatura\n"
                      "for path in sys.argv[1:]:\n"
                      "    with open(path, 'rb') as f:\n"
                      "        trafilatura.extract(f.read())")


def cold_start(paths: list[Path], rounds: int = 3) -> dict:
    """`muni extract` on the files in a fresh process (its imports, profiles and patterns
    compiled, every entity) beside trafilatura's text alone in one: what a user waits for
    on a folder of pages. The best of `rounds` runs each."""
    files = [str(p) for p in paths]
    runs: dict[str, list[dict]] = defaultdict(list)
    for _ in range(rounds):
        runs["muni extract"].append(measure(sys.executable, "-m", "muni", "extract", "-q",
                                            *files))
        runs["trafilatura"].append(measure(sys.executable, "-c", _TRAFILATURA_FILES, *files))
    best = {name: min(r, key=lambda m: m["seconds"]) for name, r in runs.items()}
    return {"pages": len(files), **best, "speed_ratio_to_trafilatura": round(
        best["trafilatura"]["seconds"] / best["muni extract"]["seconds"], 2)}


def compiled_modules() -> dict[str, bool]:
    """Per module setup.py compiles, whether this run reads pages with its binary (a
    machine with no C compiler, or an edit not yet built, runs its source)."""
    return {name: is_compiled(importlib.import_module(f"parsers.{name}"))
            for name in COMPILED}


def run(repeat: int = 9) -> dict:
    """Every set that is there: the fixtures always, the real ones where ../shared is."""
    corpora: dict = {"compiled": compiled_modules(),
                     "fixtures": run_corpus(fixture_pages(), repeat)}
    if realpages.available():
        dev_gold = real_pages(realpages.dev_gold_pages)
        corpora["dev-gold"] = run_corpus(dev_gold, repeat)
        corpora["dev-gold"]["cold_start"] = cold_start([p["path"] for p in dev_gold])
        corpora["scrapinghub"] = run_corpus(real_pages(realpages.scrapinghub_pages),
                                            max(1, repeat // 2), site_mode=False,
                                            fields=False)
    return corpora


def report(corpora: dict) -> list[str]:
    lines = []
    for corpus, result in corpora.items():
        if corpus == "compiled":
            lines.append(f"parse modules compiled: {sum(result.values())} of {len(result)}"
                         + "".join(f" ({name} runs as Python)"
                                   for name, compiled in result.items() if not compiled))
            continue
        lines.append(f"main content on {result['pages']} {corpus} pages "
                     "(ScrapingHub shingle metric):")
        for name, r in result["systems"].items():
            o = r["overall"]
            langs = " ".join(f"{k}={v['f1']:.3f}" for k, v in r["by_language"].items())
            lines.append(f"  {name:28s} P={o['precision']:.3f} R={o['recall']:.3f} "
                         f"F1={o['f1']:.3f} ({langs}) empty={r['empty']}  "
                         f"{r['pages_per_s']:7.1f} pages/s "
                         f"= {r['speed_ratio_to_trafilatura']:.2f}x trafilatura "
                         f"(paired {r['paired_ratio_to_trafilatura']:.2f}x)")
        lines.append("  muni's text came from: " + ", ".join(
            f"{k} {v}" for k, v in result["methods"].items()))
        if "fields" in result:
            lines.append("  muni fields exactly right: " + ", ".join(
                f"{k} {v:.3f}" for k, v in result["fields"].items()))
        if "cold_start" in result:
            cold = result["cold_start"]
            lines.append(f"  cold start, a fresh process on the {cold['pages']} files: "
                         f"muni extract {cold['muni extract']['seconds']:.2f} s "
                         f"({cold['muni extract']['peak_rss_mb']:.0f} MB), trafilatura "
                         f"{cold['trafilatura']['seconds']:.2f} s "
                         f"({cold['trafilatura']['peak_rss_mb']:.0f} MB) = "
                         f"{cold['speed_ratio_to_trafilatura']:.2f}x")
    return lines
