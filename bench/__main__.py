"""python -m bench [crawl|content|entities|scale ...] [options]: run and report benchmarks."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench import content, crawl, entities, scale

RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("which", nargs="*", default=["crawl", "content", "entities", "scale"],
                        help="benchmarks to run: crawl, content, entities, scale "
                             "(default: all)")
    parser.add_argument("--gold", type=Path, action="append",
                        help="entities: a folder of gold files (repeatable; default: "
                             "../shared/gold and tests/fixtures/gold)")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--pages", type=int, default=60, help="pages per host")
    parser.add_argument("--delay", type=float, default=0.2, help="crawl-delay per host (s)")
    parser.add_argument("--synthetic-pages", type=int, default=20_000,
                        help="scale: pages in the synthetic crawl")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    if "crawl" in args.which:
        result = crawl.run(args.hosts, args.pages, args.delay)
        print(f"crawl: {result['hosts']} hosts x {result['pages_per_host']} pages, "
              f"delay {result['delay_s']}s: {result['pages_per_s']} pages/s, "
              f"politeness bound {result['politeness_bound_pages_per_s']:.0f} pages/s, "
              f"ratio {result['ratio_to_bound']}, peak RSS "
              f"{result['peak_rss_mb_max_of_children']} MB")
        (RESULTS / "crawl.json").write_text(json.dumps(result, indent=1))
    if "content" in args.which:
        result = content.run()
        print("\n".join(content.report(result)))
        (RESULTS / "content.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    if "entities" in args.which:
        result = entities.run(args.gold)
        print("\n".join(entities.report(result)))
        (RESULTS / "entities.json").write_text(json.dumps(result, indent=1))
    if "scale" in args.which:
        result = scale.run(args.synthetic_pages)
        print("\n".join(scale.report(result)))
        (RESULTS / "scale.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
