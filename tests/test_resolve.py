"""Resolution across pages: the same official, event and tie stated on several pages is one
row with a mention for each page; ids come from content; first_seen survives refreshes."""

from __future__ import annotations

import json
import random

from normalizer.resolve import build_tables

KAZANLAK, KOCHANI, CREMONA = 730496, 789403, 3177841


def page(n: int, fetched: str, officials=(), events=(), relations=(), cities=()) -> dict:
    return {"page_id": f"p{n}", "source": "kazanlak" if n < 5 else "kochani",
            "url": f"https://example.org/{n}", "language": "bg", "title": f"Page {n}",
            "published": None, "encoding": "utf-8", "content_sha1": f"sha{n}",
            "warc_file": f"w{n}.warc.gz", "warc_record_id": f"<urn:uuid:{n}>",
            "fetched_at": fetched, "text": "…",
            "cities": json.dumps(list(cities)), "dates": "[]",
            "officials": json.dumps(list(officials)), "events": json.dumps(list(events)),
            "relations": json.dumps(list(relations))}


def official(name: str, latin: str, city: int | None, role: str = "mayor") -> dict:
    return {"name": name, "name_latin": latin, "role": role, "role_text": "кмет",
            "city": city, "organization": None, "evidence": f"{name} said so."}


def event(kind: str, start: str | None, city: int, participants: list[int], who=()) -> dict:
    return {"type": kind, "start": start, "end": start, "precision": "day" if start else None,
            "city": city, "participants": participants, "officials": list(who),
            "evidence": f"A {kind} in {city}."}


def tie(a: int, b: int, since: str | None) -> dict:
    return {"type": "twin", "a": a, "b": b, "organization": None, "since": since,
            "evidence": f"{a} and {b} are twins."}


def city(gid: int, name: str, *offsets: int) -> dict:
    return {"geonameid": gid, "name": name, "country": "BG", "lat": 42.6, "lon": 25.4,
            "mentions": [{"text": name, "start": o, "end": o + len(name),
                          "evidence": f"{name} here."} for o in offsets]}


RECORDS = [
    page(1, "2026-01-01T10:00:00.120Z",
         officials=[official("Галина Стоянова", "Galina Stoyanova", KAZANLAK)],
         events=[event("visit", "2019-09-28", KOCHANI, [KAZANLAK], ["Галина Стоянова"])],
         relations=[tie(KAZANLAK, KOCHANI, "1995")],
         cities=[city(KAZANLAK, "Kazanlak", 0, 40), city(KOCHANI, "Kochani", 20)]),
    page(2, "2026-01-02T10:00:00Z",
         # the same mayor without her city, and written with other spacing and case
         officials=[official("Галина  Стоянова", "galina stoyanova", None),
                    official("Николчо Илиев", "Nikolcho Iliev", KOCHANI)],
         events=[event("visit", "2019-09-28", KOCHANI, [KAZANLAK], ["Николчо Илиев"]),
                 event("festival", None, KOCHANI, [KAZANLAK])],
         relations=[tie(KAZANLAK, CREMONA, None)],
         cities=[city(KAZANLAK, "Kazanlak", 3), city(CREMONA, "Cremona", 9),
                 city(KOCHANI, "Kochani", 30)]),
    # the other city's site states the same tie from its side, and an earlier `since`
    page(7, "2026-01-03T10:00:00Z", relations=[tie(KOCHANI, KAZANLAK, "1994")],
         officials=[official("Галина Стоянова", "Galina Stoyanova", KAZANLAK,
                             role="deputy_mayor")],
         cities=[city(KOCHANI, "Kochani", 0), city(KAZANLAK, "Kazanlak", 12)]),
]


def test_the_same_official_event_and_tie_on_several_pages_is_one_row():
    tables = build_tables(RECORDS, {})
    officials = {(o["name_latin"], o["role"]): o for o in tables["officials"]}
    assert len(officials) == 3  # Stoyanova as mayor, as deputy mayor; Iliev
    mayor = officials[("Galina Stoyanova", "mayor")]
    assert mayor["pages"] == 2 and mayor["city"] == KAZANLAK
    assert mayor["page_id"] == "p1" and mayor["first_seen"] == "2026-01-01T10:00:00Z"
    assert mayor["last_seen"] == "2026-01-02T10:00:00Z"
    mentions = [m for m in tables["official_mentions"] if m["official_id"] == mayor["official_id"]]
    assert {m["page_id"] for m in mentions} == {"p1", "p2"}
    assert all(m["warc_record_id"] and m["evidence"] for m in mentions)

    visits = [e for e in tables["events"] if e["type"] == "visit"]
    assert len(visits) == 1 and visits[0]["pages"] == 2
    assert visits[0]["officials"] == "Галина Стоянова; Николчо Илиев"
    assert visits[0]["participants"] == str(KAZANLAK)
    assert len([e for e in tables["events"] if e["type"] == "festival"]) == 1

    twins = {frozenset((r["a"], r["b"])): r for r in tables["relations"]}
    assert set(twins) == {frozenset((KAZANLAK, KOCHANI)), frozenset((KAZANLAK, CREMONA))}
    kochani = twins[frozenset((KAZANLAK, KOCHANI))]
    assert kochani["pages"] == 2 and kochani["since"] == "1994"
    assert len([m for m in tables["relation_mentions"]
                if m["relation_id"] == kochani["relation_id"]]) == 2

    cities = {c["geonameid"]: c for c in tables["cities"]}
    assert cities[KAZANLAK]["mentions"] == 4 and cities[KAZANLAK]["pages"] == 3
    assert len(tables["city_mentions"]) == 8 and len(tables["pages"]) == 3


def test_ids_do_not_depend_on_order_and_first_seen_survives_a_refresh():
    first = build_tables(RECORDS, {})
    shuffled = RECORDS[:]
    random.Random(4).shuffle(shuffled)
    again = build_tables(shuffled, {})
    for table in ("officials", "events", "relations", "city_mentions", "official_mentions"):
        key = next(k for k in first[table][0] if k.endswith("_id"))
        assert sorted(r[key] for r in first[table]) == sorted(r[key] for r in again[table])
    # a refresh refetches page 1 later; its rows keep the first_seen of the dataset before
    later = [dict(RECORDS[0], fetched_at="2026-03-01T00:00:00Z"), *RECORDS[1:]]
    previous = {t: {str(r[next(k for k in r if k.endswith("_id") or k == "geonameid")]):
                    r["first_seen"] for r in rows} for t, rows in first.items()}
    refreshed = build_tables(later, previous)
    pages = {p["page_id"]: p for p in refreshed["pages"]}
    assert pages["p1"]["first_seen"] == "2026-01-01T10:00:00Z"
    assert pages["p1"]["last_seen"] == "2026-03-01T00:00:00Z"
    mayor_id = next(o["official_id"] for o in first["officials"] if o["role"] == "mayor"
                    and o["name_latin"] == "Galina Stoyanova")
    mayor = next(o for o in refreshed["officials"] if o["official_id"] == mayor_id)
    assert mayor["first_seen"] == "2026-01-01T10:00:00Z"
    assert mayor["last_seen"] == "2026-03-01T00:00:00Z"


def test_a_url_crawled_for_two_sources_is_one_page_the_newest_capture():
    twice = [RECORDS[0], dict(RECORDS[0], source="mirror", fetched_at="2026-02-01T00:00:00Z",
                              warc_record_id="<urn:uuid:new>")]
    tables = build_tables(twice, {})
    assert [p["warc_record_id"] for p in tables["pages"]] == ["<urn:uuid:new>"]
    assert len(tables["city_mentions"]) == 3


def test_a_tie_dated_in_two_calendars_is_since_the_earliest_gregorian_year():
    jalali = {**tie(KAZANLAK, KOCHANI, "2007"), "since_text": "1386",
              "since_calendar": "jalali"}
    gregorian = {**tie(KOCHANI, KAZANLAK, "2008"), "since_text": "2008",
                 "since_calendar": "gregorian"}
    records = [page(1, "2026-01-01T10:00:00Z", relations=[gregorian]),
               page(2, "2026-01-02T10:00:00Z", relations=[jalali])]
    [row] = build_tables(records, {})["relations"]
    assert (row["since"], row["since_text"], row["since_calendar"]) == ("2007", "1386", "jalali")


def test_every_city_id_has_its_name_beside_it():
    tables = build_tables(RECORDS, {})
    visit = next(e for e in tables["events"] if e["type"] == "visit")
    assert (visit["city_name"], visit["participant_names"]) == ("Kochani", "Kazanlak")
    ties = {(r["a_name"], r["b_name"]) for r in tables["relations"]}
    assert ties == {("Kazanlak", "Kochani"), ("Kazanlak", "Cremona")}
    names = {(o["name_latin"], o["city_name"]) for o in tables["officials"]}
    assert ("Nikolcho Iliev", "Kochani") in names


def test_a_thing_on_more_pages_than_a_chunk_is_one_row_with_every_mention():
    from normalizer.mentions import CHUNK

    many = CHUNK + 150
    records = [page(10 + n, f"2026-02-01T10:{n // 60 % 60:02d}:{n % 60:02d}Z",
                    officials=[official("Галина Стоянова", "Galina Stoyanova",
                                        KAZANLAK if n == 7 else None)],
                    events=[event("festival", "2023-06-03", KAZANLAK, [KOCHANI])],
                    cities=[city(KAZANLAK, "Kazanlak", 0, 50)]) for n in range(many)]
    tables = build_tables(records, {})
    [kazanlak] = tables["cities"]
    assert kazanlak["mentions"] == 2 * many and kazanlak["pages"] == many
    assert len(tables["city_mentions"]) == 2 * many
    [festival] = tables["events"]
    assert festival["pages"] == many and len(tables["event_mentions"]) == many
    assert festival["page_id"] == "p10"  # the earliest report is the one cited
    # the one page that gives her city gives it to every page that does not
    [mayor] = tables["officials"]
    assert mayor["city"] == KAZANLAK and mayor["pages"] == many
    assert len({m["official_id"] for m in tables["official_mentions"]}) == 1
