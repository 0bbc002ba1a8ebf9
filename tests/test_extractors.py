"""The extractor registry: what each extractor declares holds, entities are frozen, and a
new entity type is one registration."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import pytest

from bench.entity_scoring import TYPES
from normalizer import resolve
from normalizer.kinds import KINDS, TABLES, Kind
from normalizer.schema import Column, Table
from parsers import extractors
from parsers.extractors import EXTRACTORS, PAGE_KEYS, RECORDED, Extractor
from parsers.languages import Profile
from parsers.page import parse_page, read_html
from parsers.stage import PAGE_FIELDS

PAGE = ("<html lang='bg'><body><div><p>На 5 юни 2021 г. кметът на Казанлък Галина Стоянова "
        "посрещна делегация от побратимения град Кочани.</p></div></body></html>")


def _record():
    return parse_page(read_html(PAGE.encode(), "text/html; charset=utf-8", "bg"))


def test_an_extractor_reads_only_what_runs_before_it():
    names = [e.name for e in EXTRACTORS]
    assert len(set(names)) == len(names)
    for i, extractor in enumerate(EXTRACTORS):
        assert set(extractor.needs) <= set(names[:i]), extractor.name


def test_every_profile_key_is_declared_by_who_reads_it():
    keys = {f.name for f in dataclasses.fields(Profile)}
    declared = Counter(k for e in EXTRACTORS for k in e.profile_keys)
    assert set(declared) <= keys  # a misspelt key in a declaration
    assert keys <= set(declared) | set(PAGE_KEYS)  # a key nobody says they read


def test_recorded_kinds_have_their_columns_tables_and_scorer():
    kinds = {k.entity: tuple(t.name for t in k.tables) for k in KINDS}
    for extractor in EXTRACTORS:
        if extractor.recorded:
            assert extractor.name in PAGE_FIELDS and extractor.scored
            wanted = (extractor.table, extractor.mention_table)
            assert kinds.pop(extractor.name) == tuple(t for t in wanted if t), extractor.name
    assert not kinds  # a kind of the dataset that no extractor records
    assert [t.name for t in TABLES] == ["pages", *(t.name for k in KINDS for t in k.tables)]
    assert {k for e in EXTRACTORS for k in e.scored} == set(TYPES)


def test_entities_are_frozen_and_become_json_only_at_the_edge():
    record = _record()
    city = next(c for c in record.entities["cities"] if c.name == "Kochani")
    with pytest.raises(dataclasses.FrozenInstanceError):
        city.name = "Somewhere"  # type: ignore[misc]
    official = record.entities["officials"][0]
    assert (official.name, official.role) == ("Галина Стоянова", "mayor")
    as_json = json.loads(json.dumps(record.to_dict()))
    assert as_json["officials"][0]["aliases"] == [] and list(as_json)[-1] == "unsupported"
    assert [k for k in as_json if k in RECORDED] == list(RECORDED)
    assert {"twin"} <= {r["type"] for r in as_json["relations"]}


def test_a_new_entity_type_is_one_registration(monkeypatch):
    @dataclasses.dataclass(frozen=True)
    class Greeting:
        word: str
        officials: int

    greet = Extractor("greetings", lambda r: tuple(
        Greeting(w, len(r["officials"])) for w in r.text.raw.split() if w == "посрещна"),
        Greeting, needs=("officials",), table="greetings", scored=("greetings",))
    monkeypatch.setattr(extractors, "EXTRACTORS", (*EXTRACTORS, greet))
    record = _record()
    assert record.to_dict()["greetings"] == [{"word": "посрещна", "officials": 1}]
    german = parse_page(read_html(b"<html lang='de'><body><p>Guten Tag, Berlin.</p></body>"
                                   b"</html>", "text/html; charset=utf-8", "de"))
    assert german.entities["greetings"] == () and "greetings" in german.unsupported


def test_a_new_kind_of_the_dataset_is_one_registration(monkeypatch):
    def rows(page, found, previous):
        return {"greetings": [{"word": g["word"], "page_id": page.provenance["page_id"]}
                              for g in found]}, []

    table = Table("greetings", "Greetings", "Words of welcome.",
                  (Column("word", "string", "The word."),), "word")
    monkeypatch.setattr(resolve, "KINDS", (*KINDS, Kind("greetings", (table,), rows)))
    record = {"page_id": "p1", "source": "s", "url": "http://x/", "fetched_at":
              "2026-01-02T03:04:05Z", "warc_file": "a.warc.gz", "warc_record_id": "<r>",
              "text": "посрещна", "greetings": json.dumps([{"word": "посрещна"}])}
    tables = resolve.build_tables([record], {})
    assert tables["greetings"] == [{"word": "посрещна", "page_id": "p1"}]
    assert len(tables["pages"]) == 1 and tables["cities"] == []


def test_a_page_over_its_time_budget_keeps_its_text_and_says_what_was_not_looked_for(
        monkeypatch, tmp_path, capsys):
    from itertools import count

    from conftest import write_warc

    from muni.cli import main

    clock = count()  # each look at the clock is a second later
    monkeypatch.setattr(extractors.time, "monotonic", lambda: float(next(clock)))
    monkeypatch.setattr(extractors, "PAGE_BUDGET_SECONDS", 2.5)
    record = _record()
    assert record.cut == ["cities", "officials", "events", "relations"]
    assert record.entities["dates"] and record.entities["cities"] == ()  # found before: kept
    assert "Кочани" in record.text and record.to_dict()["cut"] == record.cut
    warc = write_warc(tmp_path / "slow.warc.gz", [("http://slow.example/1", PAGE.encode())])
    assert main(["--data-dir", str(tmp_path / "data"), "parse", "--warc", str(warc),
                 "-v"]) == 0
    said = capsys.readouterr().err
    assert "http://slow.example/1 took longer than a page may" in said
    assert "1 pages cut at the time budget" in said


def test_an_extractor_that_runs_past_the_budget_is_cut_while_it_runs(monkeypatch):
    """Not only between extractors: the one running when the time is up is stopped, its
    page keeps its text and what the extractors before it found."""
    import time

    def endless(*args, **kwargs):
        while True:  # a scan that would never end on some page
            time.sleep(0.001)

    monkeypatch.setattr(extractors, "PAGE_BUDGET_SECONDS", 0.3)
    monkeypatch.setattr(extractors, "find_cities", endless)
    started = time.monotonic()
    record = _record()
    assert time.monotonic() - started < 3
    assert record.cut == ["cities", "officials", "events", "relations"]
    assert record.entities["dates"] and "Кочани" in record.text
    monkeypatch.undo()
    assert _record().cut == []  # and the next page has its whole budget again


def test_an_extractor_past_the_budget_is_cut_in_a_thread_too(monkeypatch):
    """In a thread other than the main one (a Dask worker's), where no signal comes, the
    running extractor is stopped all the same, and an extractor that ends in time is
    never interrupted afterwards."""
    import threading
    import time

    def endless(*args, **kwargs):
        until = time.monotonic() + 5  # (bounded, so that a failing run ends)
        while time.monotonic() < until:
            time.sleep(0.001)
        return ()

    def read_in_thread() -> tuple[object, float]:
        out: list = []

        def read() -> None:
            started = time.monotonic()
            out.append((_record(), time.monotonic() - started))

        worker = threading.Thread(target=read)
        worker.start()
        worker.join(10)
        assert not worker.is_alive() and out
        return out[0]

    monkeypatch.setattr(extractors, "PAGE_BUDGET_SECONDS", 0.3)
    monkeypatch.setattr(extractors, "find_cities", endless)
    record, seconds = read_in_thread()
    assert seconds < 3
    assert record.cut == ["cities", "officials", "events", "relations"]
    assert record.entities["dates"] and "Кочани" in record.text
    monkeypatch.undo()
    monkeypatch.setattr(extractors, "PAGE_BUDGET_SECONDS", 0.3)
    record, _ = read_in_thread()  # (a page well within its budget)
    time.sleep(0.5)  # past the budget: no exception was left behind in the thread
    assert record.cut == [] and record.entities["cities"]


def test_the_budget_leaves_a_callers_own_timer_running():
    import signal

    rang = []
    before = signal.signal(signal.SIGALRM, lambda *_: rang.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        _record()
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < left <= 30 and not rang
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_compiling_the_gazetteer_on_a_fresh_machine_is_not_cut_by_a_page_budget(
        monkeypatch, tmp_path):
    """The first page a machine reads compiles the gazetteer, which takes longer than a
    page may: it is done before the page's clock starts, and the page gets its cities."""
    import time

    from parsers import gazetteer

    source = tmp_path / "cities.json"
    source.write_text(json.dumps({str(gid): {
        "geonameid": gid, "name": name, "countrycode": cc, "latitude": 42.0,
        "longitude": 25.0, "population": 30_000, "alternatenames": alt}
        for gid, name, cc, alt in ((1, "Kazanlak", "BG", ["Казанлък"]),
                                   (2, "Kočani", "MK", ["Кочани"]))}), encoding="utf-8")
    build = gazetteer.build_index

    def slow_build(target):
        time.sleep(0.6)  # as cities500 takes, against a budget of 0.3 s
        build(target)

    monkeypatch.setenv("MUNI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(gazetteer, "_source_file", lambda: (source, "test"))
    monkeypatch.setattr(gazetteer, "build_index", slow_build)
    monkeypatch.setattr(extractors, "PAGE_BUDGET_SECONDS", 0.3)
    gazetteer.default_gazetteer.cache_clear()
    try:
        record = _record()
    finally:
        gazetteer.default_gazetteer.cache_clear()  # the other tests' real one again
    assert record.cut == []
    assert {c.name for c in record.entities["cities"]} >= {"Kazanlak", "Kočani"}
