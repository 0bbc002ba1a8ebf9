"""The entity scorer of ANNOTATION.md: a perfect prediction scores 1.0, known mistakes less."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from bench.entity_scoring import score
from parsers.names import same_person

SHARED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def seed_gold() -> list[dict]:
    if not SHARED_GOLD.exists():
        pytest.skip("../shared/gold is not beside this checkout")
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SHARED_GOLD.glob("*.json"))]


def test_a_perfect_prediction_scores_one_everywhere():
    golds = seed_gold()
    result = score((copy.deepcopy(g), g) for g in golds)
    for group, kinds in result.items():
        for kind, s in kinds.items():
            assert s["f1"] == 1.0, (group, kind, s)
    assert {"bg", "tr", "fa", "overall"} <= set(result)


def test_known_mistakes_score_less():
    gold = next(g for g in seed_gold() if g["id"] == "seed-000")
    pred = copy.deepcopy(gold)
    pred["cities"] = pred["cities"][:-1] + [{"geonameid": 1, "name": "Nowhere"}]
    pred["dates"] = pred["dates"][1:]
    pred["officials"][0]["role"] = "other"
    pred["officials"][1]["name"] = "г-н Дамянов"  # a title does not make it wrong
    pred["events"][0]["start"] = "1999-01-01"
    pred["relations"][0]["organization"] = "some other network entirely"
    result = score([(pred, gold)])["overall"]
    assert result["cities"]["tp"] == 6 and result["cities"]["fp"] == 1
    assert result["cities"]["fn"] == 1
    assert result["dates"]["recall"] < 1.0 and result["dates"]["precision"] == 1.0
    assert result["officials"]["f1"] == 1.0 and result["officials_role"]["f1"] == 0.5
    assert result["events"]["f1"] < 1.0 and result["relations"]["f1"] < 1.0


def test_optional_dates_are_neither_right_nor_wrong():
    gold = {"lang": "bg", "dates": [{"start": "2019-01-01", "end": "2019-12-31"}],
            "dates_optional": [{"start": "2005-01-01", "end": "2005-12-31"}]}
    pred = {"dates": [{"start": "2019-01-01", "end": "2019-12-31"},
                      {"start": "2005-01-01", "end": "2005-12-31"}]}
    assert score([(pred, gold)])["overall"]["dates"]["f1"] == 1.0


def test_names_match_by_words_after_titles():
    assert same_person("Стоянова", "Галина Стоянова")
    assert same_person("Sayın Muharrem Erkek", "Muharrem Erkek")
    assert not same_person("Галина Петрова", "Галина Стоянова")


def test_an_official_named_as_the_gold_names_an_alias_is_found():
    gold = {"lang": "tr", "officials": [{"name": "Arben Kaplani", "role": "mayor",
                                         "aliases": ["Arben Kaplanı"]}]}
    pred = {"officials": [{"name": "Arben Kaplanı", "role": "mayor"}]}
    assert score([(pred, gold)])["overall"]["officials_role"]["f1"] == 1.0
    pred = {"officials": [{"name": "Arben Kaplanu", "role": "mayor"}]}
    assert score([(pred, gold)])["overall"]["officials"]["f1"] == 0.0
