"""python -m bench [crawl|content|entities|hostile|fuzz|kills|scale|gate|records ...]
[options]: run and report benchmarks."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench import (
    content,
    crawl,
    entities,
    fuzz,
    gate,
    hostile,
    kills,
    realpages,
    records,
    scale,
)

RESULTS = Path(__file__).parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("which", nargs="*",
                        default=["crawl", "content", "entities", "hostile", "scale", "gate"],
                        help="benchmarks to run: crawl, content, entities, hostile, scale, "
                             "gate, fuzz, kills, records (default: all but fuzz, kills and "
                             "records)")
    parser.add_argument("--diff", action="store_true",
                        help="entities: print, page by page, what was missed (-) and what "
                             "was wrong (+), with its sentence")
    parser.add_argument("--update", action="store_true",
                        help="gate: raise the floors in bench/baseline.json to the figures "
                             "measured (a floor is never lowered)")
    parser.add_argument("--gold", type=Path, action="append",
                        help="entities: a folder of gold files (repeatable; default: "
                             "../shared/gold and tests/fixtures/gold)")
    parser.add_argument("--save", type=Path, metavar="FILE",
                        help="records: write every bench page's record to FILE")
    parser.add_argument("--against", type=Path, metavar="FILE",
                        help="records: make the records again and name what differs from "
                             "FILE (exit 1 if anything does)")
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--pages", type=int, default=60, help="pages per host")
    parser.add_argument("--delay", type=float, default=0.2, help="crawl-delay per host (s)")
    parser.add_argument("--fuzz-inputs", type=int, default=10_000,
                        help="fuzz: inputs to read")
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
              f"{result['peak_rss_mb_max_of_children']} MB, crawler CPU "
              f"{result['crawler_cpu_ms_per_page']} ms a page")
        (RESULTS / "crawl.json").write_text(json.dumps(result, indent=1))
    if "content" in args.which:
        result = content.run()
        print("\n".join(content.report(result)))
        (RESULTS / "content.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    if "entities" in args.which:
        result = entities.run(args.gold)
        if args.diff:
            print("\n".join(entities.diff(result)))
        print("\n".join(entities.report(result)))
        result.pop("pairs")
        (RESULTS / "entities.json").write_text(json.dumps(result, indent=1))
    if "gate" in args.which:
        if not realpages.available():
            parser.error(f"gate: the real pages are not at {realpages.SHARED}")
        figures = gate.measure()
        baseline = gate.load_baseline() if gate.BASELINE.exists() else {}
        print("\n".join(gate.report(figures, baseline)))
        if args.update:
            gate.BASELINE.write_text(json.dumps(gate.raised(figures, baseline), indent=1) + "\n")
            print(f"floors written to {gate.BASELINE}")
        (RESULTS / "gate.json").write_text(json.dumps(figures, indent=1))
    if "records" in args.which:
        if not (args.save or args.against):
            parser.error("records: give --save FILE or --against FILE")
        if args.save:
            print(f"records: {records.save(args.save)} pages written to {args.save}")
        if args.against:
            differences = records.compare(args.against)
            print("\n".join(differences) or f"records: identical to {args.against}")
            if differences:
                raise SystemExit(1)
    if "fuzz" in args.which:
        result = fuzz.run(args.fuzz_inputs)
        print("\n".join(fuzz.report(result)))
        (RESULTS / "fuzz.json").write_text(json.dumps(result, indent=1))
    if "hostile" in args.which:
        result = hostile.run()
        print("\n".join(hostile.report(result)))
        (RESULTS / "hostile.json").write_text(json.dumps(result, indent=1))
    if "kills" in args.which:
        result = kills.run()
        print("\n".join(kills.report(result)))
        (RESULTS / "kills.json").write_text(json.dumps(result, indent=1))
    if "scale" in args.which:
        result = scale.run(args.synthetic_pages)
        print("\n".join(scale.report(result)))
        (RESULTS / "scale.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
