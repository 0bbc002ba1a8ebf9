"""The quality gate, after trafilatura's evaluation gate: muni's scores on real pages
against floors pinned in `bench/baseline.json`, which may only go up.

- dev-gold (../shared/dev-gold): `muni extract` on every page, alone and as sites,
  scored by ../shared/tools/score_entities.py, the scorer every evaluation uses: main
  text, title, published, language and each entity type, per language and overall.
- ScrapingHub (../shared/bench-data/scrapinghub): muni's main text, scored with the
  benchmark's own metric (precision and recall averaged over pages).
- Pages that came out empty where the gold has text: ceilings, not floors.

`python -m bench gate` prints each figure beside its floor; `--update` raises the floors
to what was measured (never lowers one). A test runs the same check in CI.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from bench import realpages
from bench.content import muni_single, real_pages
from bench.scoring import averaged, page_scores
from muni.extract import extract

BASELINE = Path(__file__).with_name("baseline.json")
SCORER_KINDS = ("text", "title", "published", "language", "cities", "dates", "officials",
                "officials+role", "events", "relations")
SITE_KINDS = ("text",)  # site mode changes the main text; the rest follows from it
EPSILON = 1e-9


def _score_with_shared_scorer(records: list[dict]) -> dict[str, dict[str, float]]:
    """{language or 'all': {kind: F1}} from the shared scorer, run as users run it."""
    with tempfile.TemporaryDirectory() as tmp:
        predictions = Path(tmp) / "pred.jsonl"
        predictions.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                       for r in records), encoding="utf-8")
        folders = [str(realpages.DEV_GOLD / lang / "gold") for lang in ("bg", "tr", "fa")]
        done = subprocess.run([sys.executable, str(realpages.SCORER), "--gold", *folders,
                               "--pred", str(predictions), "--json"],
                              capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["scores"]


def _extracted(pages: list[dict], site: bool) -> list[dict]:
    if not site:
        return list(extract([str(p["path"]) for p in pages]))
    groups: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        groups[page["site"]].append(str(page["path"]))
    return [record for paths in groups.values() for record in extract(paths, site=True)]


def measure() -> dict[str, float]:
    """Every figure the gate pins, by name (`dev-gold/bg/cities`, `scrapinghub/text`…)."""
    pages = realpages.dev_gold_pages()
    figures: dict[str, float] = {}
    for site in (False, True):
        records = _extracted(pages, site)
        scores = _score_with_shared_scorer(records)
        prefix = "dev-gold-site" if site else "dev-gold"
        for language, by_kind in scores.items():
            for kind in SITE_KINDS if site else SCORER_KINDS:
                figures[f"{prefix}/{language}/{kind}"] = round(by_kind[kind], 4)
        if not site:
            gold = {p["path"].stem: p["main_text"] for p in pages}
            figures["dev-gold/empty"] = sum(
                not r.get("text") and bool(gold[Path(r["input"]).stem].strip())
                for r in records)
    english = real_pages(realpages.scrapinghub_pages)
    texts = muni_single(english)
    figures["scrapinghub/text"] = averaged(
        page_scores(t, p["main_text"]) for t, p in zip(texts, english, strict=True))["f1"]
    figures["scrapinghub/empty"] = sum(not t.strip() for t in texts)
    return figures


def is_ceiling(name: str) -> bool:
    return name.endswith("/empty")


def load_baseline(path: Path = BASELINE) -> dict[str, float]:
    return json.loads(path.read_text(encoding="utf-8"))


def failures(figures: dict[str, float], baseline: dict[str, float]) -> list[str]:
    """One line for each figure below its floor (above its ceiling), or missing."""
    found = []
    for name, pinned in sorted(baseline.items()):
        value = figures.get(name)
        if value is None:
            found.append(f"{name}: not measured (pinned at {pinned})")
        elif is_ceiling(name) and value > pinned + EPSILON:
            found.append(f"{name}: {value} is above its ceiling {pinned}")
        elif not is_ceiling(name) and value < pinned - EPSILON:
            found.append(f"{name}: {value:.4f} is below its floor {pinned:.4f}")
    return found


def raised(figures: dict[str, float], baseline: dict[str, float]) -> dict[str, float]:
    """The baseline with every floor raised (ceiling lowered) to what was measured."""
    out = dict(baseline)
    for name, value in figures.items():
        old = baseline.get(name)
        if old is None:
            out[name] = value
        else:
            out[name] = min(old, value) if is_ceiling(name) else max(old, value)
    return dict(sorted(out.items()))


def report(figures: dict[str, float], baseline: dict[str, float]) -> list[str]:
    lines = ["quality gate (bench/baseline.json): figure, floor or ceiling"]
    for name, value in sorted(figures.items()):
        pinned = baseline.get(name)
        mark = "" if pinned is None else ("  <-- FAILS" if failures({name: value},
                                                                     {name: pinned}) else "")
        lines.append(f"  {name:34s} {value:8.4f}  {'' if pinned is None else pinned}{mark}")
    return lines
