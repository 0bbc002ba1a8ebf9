"""The main-content bench's speed figures: a ratio of best passes and a paired one."""

from __future__ import annotations

from bench.content import fixture_pages, report, run_corpus


def test_each_system_has_its_best_and_its_paired_ratio_to_trafilatura():
    result = run_corpus(fixture_pages()[:3], repeat=3, site_mode=False, fields=False)
    systems = result["systems"]
    assert systems["trafilatura"]["paired_ratio_to_trafilatura"] == 1.0
    assert systems["trafilatura"]["speed_ratio_to_trafilatura"] == 1.0
    for name in ("muni (single page)", "muni (whole page, entities)", "justext"):
        assert systems[name]["paired_ratio_to_trafilatura"] > 0
    assert any("(paired " in line for line in report({"fixtures": result}))


def test_the_report_names_the_parse_modules_that_ran_as_python():
    said = report({"compiled": {"cities": True, "events": False}})
    assert said == ["parse modules compiled: 1 of 2 (events runs as Python)"]
