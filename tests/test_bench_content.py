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
