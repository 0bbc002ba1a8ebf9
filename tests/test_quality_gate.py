"""The quality gate in CI: muni on the real pages of ../shared against the floors pinned in
bench/baseline.json, and those floors only ever raised (trafilatura's evaluation gate)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bench import gate, realpages

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not realpages.available(), reason="../shared's real pages are not here")
def test_scores_on_real_pages_hold_their_floors():
    assert gate.failures(gate.measure(), gate.load_baseline()) == []


def test_gate_reports_a_figure_below_its_floor_and_an_empty_page_over_its_ceiling():
    baseline = {"dev-gold/bg/text": 0.98, "scrapinghub/empty": 0, "dev-gold/fa/dates": 0.5}
    found = gate.failures({"dev-gold/bg/text": 0.97, "scrapinghub/empty": 1}, baseline)
    assert len(found) == 3 and "below its floor" in found[0] and "not measured" in found[1]
    assert "above its ceiling" in found[2]
    assert gate.raised({"dev-gold/bg/text": 0.99, "scrapinghub/empty": 2}, baseline) == {
        "dev-gold/bg/text": 0.99, "dev-gold/fa/dates": 0.5, "scrapinghub/empty": 0}


def _baselines_in_history() -> list[dict]:
    done = subprocess.run(["git", "log", "--format=%H", "--", "bench/baseline.json"], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip("not a git checkout")
    found = []
    for commit in reversed(done.stdout.split()):
        shown = subprocess.run(["git", "show", f"{commit}:bench/baseline.json"], cwd=ROOT,
                               capture_output=True, text=True)
        if shown.returncode == 0:
            found.append(json.loads(shown.stdout))
    return [*found, gate.load_baseline()]


def test_floors_only_go_up_across_the_history_of_the_baseline():
    history = _baselines_in_history()
    for older, newer in zip(history, history[1:], strict=False):
        assert set(older) <= set(newer), set(older) - set(newer)
        assert gate.failures(newer, older) == [], "a floor was lowered"


def test_the_records_bench_names_each_page_and_field_that_changed(tmp_path, monkeypatch):
    from bench import records

    monkeypatch.setattr(records.realpages, "available", lambda: False)  # the fixtures only
    saved = tmp_path / "records.jsonl"
    assert records.save(saved) == len(records.pages()) > 30
    assert records.compare(saved) == []
    lines = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    lines[0]["record"]["title"] = "another title"
    lines[1]["record"]["cities"] = lines[1]["record"]["cities"][1:]
    saved.write_text("".join(json.dumps(line) + "\n" for line in lines[:-1]), encoding="utf-8")
    assert records.compare(saved) == sorted([
        f"{lines[0]['page']}: title differs", f"{lines[1]['page']}: cities differs",
        f"{lines[-1]['page']}: not in the saved records"])
