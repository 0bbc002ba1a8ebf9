"""Looking, not reading: a static report.html of the clean tables (no scripts, no network)
and the ties as GeoJSON for QGIS or kepler.gl. Pure functions of the tables the report
reads (report_tables), written out by write_report_files."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from pathlib import Path

import pandas as pd

from normalizer.database import BY_NAME, Database, data_date
from scraper.files import write_text

SHOWN = ("cities", "events", "relations", "officials")  # the tables the report shows whole
COUNTED = ("city_mentions", "dates", "official_mentions", "event_mentions",
           "relation_mentions")  # the tables it counts by source

EVENT_COLOURS = {"visit": "#1f77b4", "meeting": "#ff7f0e", "agreement": "#2ca02c",
                 "festival": "#d62728", "membership": "#9467bd", "founding": "#8c564b",
                 "other": "#7f7f7f"}
TIE_COLOURS = {"twin": "#d62728", "friendship": "#1f77b4"}
MAP_W, MAP_H, PAD = 900, 460, 30
REPORT, GEOJSON, SNAPSHOTS = "report.html", "ties.geojson", "pages"
STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border-bottom:1px solid #ddd;
padding:.25em .6em;text-align:left;vertical-align:top}th{background:#f4f4f4}
.n{text-align:right}.ev{color:#555;font-size:90%}svg{border:1px solid #ddd;background:#fbfbfb}
details{margin:.2em 0}h2{margin-top:2em;border-bottom:2px solid #333}
"""


def _e(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) \
        else escape(str(value))


def snapshot_path(page_id: str) -> str:
    """Where the archived copy of a page the report cites is written, beside the report."""
    return f"{SNAPSHOTS}/{page_id}.html"


def _evidence(row: pd.Series) -> str:
    """The sentence, with links to the archived copy (offline) and the live page; the
    sentence keeps its own direction, the archive line is left to right in any page."""
    return (f'<details><summary><a href="{snapshot_path(row["page_id"])}">archived</a> · '
            f'<a href="{_e(row["url"])}">live</a></summary>'
            f'<div class="ev"><p dir="auto">{_e(row["evidence"])}</p><p dir="ltr">WARC '
            f'{_e(row["warc_file"])} {_e(row["warc_record_id"])}</p></div></details>')


def period(start: object, end: object, precision: object) -> str:
    """A period as the page gave it: 1980 for a year, 2005-08 for a month, a day, or a
    range of them (1995–1997, 2005-04-30 – 2005-05-05)."""
    if start is None or pd.isna(start) or not str(start):
        return "undated"
    end = start if end is None or pd.isna(end) else end
    cut = {"year": 4, "month": 7}.get(str(precision), 10)
    first, last = str(start)[:cut], str(end)[:cut]
    if first == last:
        return first
    return f"{first}–{last}" if cut == 4 else f"{first} – {last}"


def _ids(value: object) -> list[str]:
    """The ';'-separated ids of a cell, none for an empty one."""
    return [p for p in value.split(";") if p] if isinstance(value, str) else []


def _names(cities: pd.DataFrame) -> dict[int, str]:
    return dict(zip(cities.geonameid, cities.name, strict=True))


def report_tables(database: Database) -> dict[str, pd.DataFrame]:
    """What the report reads: the tables it shows, the pages counted by source, language
    and whether they have a text (`pages`, with the newest `last_seen`), and the rows of
    the tables it counts, by source (`source`, `rows`)."""
    read = {name: database.frame(BY_NAME[name]) for name in SHOWN}
    read["pages"] = pd.DataFrame(database.query(
        'SELECT source, language, has_text = 1, count(*), max(last_seen) FROM "pages" '
        "GROUP BY source, language, has_text"),
        columns=["source", "language", "has_text", "pages", "last_seen"])
    for name in COUNTED:
        read[name] = pd.DataFrame(database.query(
            f'SELECT p.source, count(*) FROM "{name}" t JOIN "pages" p USING (page_id) '
            "GROUP BY p.source"), columns=["source", "rows"])
    return read


def archived_page(database: Database) -> Callable[[str], dict | None]:
    """A page's row, its main text included, read when its archived copy is written."""
    names = BY_NAME["pages"].names
    listed = ", ".join(f'"{n}"' for n in names)

    def page(page_id: str) -> dict | None:
        row = database.query(f'SELECT {listed} FROM "pages" WHERE page_id = ?',
                             page_id).fetchone()
        return dict(zip(names, row, strict=True)) if row else None
    return page


def _counts(t: dict[str, pd.DataFrame]) -> str:
    pages = t["pages"]
    per = {name: dict(zip(t[name].source, t[name].rows, strict=True)) for name in COUNTED}
    rows = []
    for source, group in pages.groupby("source"):
        # a page without main text has no language to count
        with_text = group[group.has_text.astype(bool)]
        languages = with_text.groupby(with_text.language.fillna("unknown")).pages.sum()
        told = ", ".join(f"{lang} {n}" for lang, n in sorted(languages.items(),
                                                             key=lambda ln: (-ln[1], ln[0])))
        empty = int(group.pages.sum() - with_text.pages.sum())
        told += f"{'; ' if told else ''}{empty} without text" if empty else ""
        cells = [int(group.pages.sum())] + [int(per[n].get(source, 0)) for n in per]
        rows.append(f"<tr><td>{_e(source)}</td><td>{_e(told)}</td>"
                    + "".join(f'<td class="n">{c}</td>' for c in cells) + "</tr>")
    head = ("<tr><th>source</th><th>languages (pages)</th><th>pages</th><th>city mentions</th>"
            "<th>dates</th><th>official mentions</th><th>event mentions</th>"
            "<th>tie mentions</th></tr>")
    totals = " · ".join(f"{len(t[n])} {n}" for n in ("cities", "officials", "events",
                                                     "relations"))
    return f"<p>{totals}</p><table>{head}{''.join(rows)}</table>"


def _timeline(events: pd.DataFrame, names: dict[int, str]) -> str:
    dated = events[events.start.notna()].sort_values(["start", "type"])
    undated = events[events.start.isna()].sort_values(["type", "event_id"])
    said = (f"<p>{len(dated)} dated events on the line below; {len(undated)} events the "
            "pages give no date for are listed after them.</p>") if len(undated) else ""
    svg = ""
    if not dated.empty:
        years = pd.to_datetime(dated.start).dt.year
        first, last = int(years.min()), int(years.max()) + 1
        span = max(1, last - first)
        marks: list[tuple[float, int, pd.Series]] = []  # x, height in its year's stack, row
        stack: dict[int, int] = {}
        for (_, row), year in zip(dated.iterrows(), years, strict=True):
            when = pd.Timestamp(row["start"])
            x = PAD + (MAP_W - 2 * PAD) * (year - first + (when.day_of_year - 1) / 366) / span
            level = stack[year] = stack.get(year, 0) + 1
            marks.append((x, level, row))
        # as tall as the tallest year's stack: no event is drawn off the picture
        step = 8
        axis = PAD + step * max(stack.values())
        dots = "".join(
            f'<circle cx="{x:.1f}" cy="{axis - step * level:.0f}" r="4" '
            f'fill="{EVENT_COLOURS.get(row["type"], "#333")}"><title>'
            f'{_e(period(row["start"], row["end"], row["precision"]))} {_e(row["type"])}: '
            f'{_e(row["evidence"])}</title></circle>' for x, level, row in marks)
        ticks = "".join(
            f'<text x="{PAD + (MAP_W - 2 * PAD) * (y - first) / span:.0f}" y="{axis + 16}" '
            f'font-size="11">{y}</text>' for y in range(first, last + 1, max(1, span // 12)))
        svg = (f'<svg width="{MAP_W}" height="{axis + 24}" role="img">'
               f'<line x1="{PAD}" x2="{MAP_W - PAD}" y1="{axis}" y2="{axis}" '
               f'stroke="#999"/>{dots}{ticks}</svg>')
    if dated.empty and undated.empty:
        return "<p>No events.</p>"
    legend = " ".join(f'<span style="color:{c}">●</span> {t}' for t, c in EVENT_COLOURS.items())
    rows = "".join(
        f'<tr><td>{_e(period(r["start"], r["end"], r["precision"]))}</td>'
        f'<td>{_e(r["type"])}</td><td>{_e(names.get(r["city"]))}</td>'
        f'<td>{_e(", ".join(names.get(int(p), p) for p in _ids(r["participants"])))}'
        f'</td><td dir="auto">{_e(r["officials"])}</td><td class="n">{r["pages"]}</td>'
        f'<td>{_evidence(r)}</td></tr>' for _, r in pd.concat([dated, undated]).iterrows())
    return (f"{said}<p>{legend}</p>{svg}<table><tr><th>when</th><th>type</th><th>where</th>"
            f"<th>with</th><th>officials</th><th>pages</th><th>evidence</th></tr>{rows}</table>")


def _project(lon: float, lat: float, box: tuple[float, float, float, float]) -> tuple[float,
                                                                                          float]:
    west, south, east, north = box
    x = PAD + (MAP_W - 2 * PAD) * (lon - west) / max(east - west, 1e-6)
    y = PAD + (MAP_H - 2 * PAD) * (north - lat) / max(north - south, 1e-6)
    return x, y


def _label_place(x: float, y: float, name: str,
                 placed: list[tuple[float, float, float, float]]) -> tuple[float, float] | None:
    """Where a city's label goes: the first of four places around its dot, inside the
    map, that overlaps no dot and no label already placed; or none (the dot's tooltip
    still names it, and the table below lists every tie)."""
    width, height = 6.6 * len(name), 11.0
    for dx, dy in ((5, -4), (5, 12), (-5 - width, -4), (-5 - width, 12)):
        left, bottom = x + dx, y + dy
        box = (left, bottom - height, left + width, bottom)
        inside = box[0] >= 0 and box[2] <= MAP_W and box[1] >= 0 and box[3] <= MAP_H
        if inside and all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3]
                          for b in placed):
            placed.append(box)
            return left, bottom
    return None


def _network(relations: pd.DataFrame, cities: pd.DataFrame) -> str:
    where = {r.geonameid: (r.lon, r.lat, r.name) for r in cities.itertuples()}
    pairs = relations[relations.b.notna()]
    ids = set(pairs.a) | {int(b) for b in pairs.b}
    if not ids:
        svg = "<p>No ties between cities.</p>"
    else:
        lons = [where[i][0] for i in ids]
        lats = [where[i][1] for i in ids]
        box = (min(lons) - 1, min(lats) - 1, max(lons) + 1, max(lats) + 1)
        lines = []
        for _, r in pairs.iterrows():
            (x1, y1), (x2, y2) = (_project(*where[int(c)][:2], box) for c in (r["a"], r["b"]))
            lines.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                         f'stroke="{TIE_COLOURS.get(r["type"], "#333")}" stroke-width="1.5">'
                         f'<title>{_e(where[int(r["a"])][2])} – {_e(where[int(r["b"])][2])}: '
                         f'{_e(r["type"])} {_e(r["since"])}</title></line>')
        points = []
        dots = {i: _project(*where[i][:2], box) for i in ids}
        # a label may cover neither another label nor a dot
        placed = [(x - 4, y - 4, x + 4, y + 4) for x, y in dots.values()]
        for i in sorted(ids, key=lambda c: where[c][0]):  # west to east
            x, y = dots[i]
            points.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#222">'
                          f'<title>{_e(where[i][2])}</title></circle>')
            label = _label_place(x, y, where[i][2], placed)
            if label:
                points.append(f'<text x="{label[0]:.1f}" y="{label[1]:.1f}" '
                              f'font-size="11">{_e(where[i][2])}</text>')
        svg = (f'<svg width="{MAP_W}" height="{MAP_H}" role="img">{"".join(lines)}'
               f'{"".join(points)}</svg><p>Cities placed by longitude and latitude; '
               + " ".join(f'<span style="color:{c}">━</span> {t}'
                          for t, c in TIE_COLOURS.items()) + "</p>")
    rows = "".join(
        f'<tr><td>{_e(r["type"])}</td><td>{_e(where.get(r["a"], ("", "", ""))[2])}</td>'
        f'<td>{_e(where[int(r["b"])][2]) if pd.notna(r["b"]) else ""}</td>'
        f'<td dir="auto">{_e(r["organization"])}</td><td>{_e(_since(r))}</td>'
        f'<td class="n">{r["pages"]}</td><td>{_evidence(r)}</td></tr>'
        for _, r in relations.sort_values(["type", "a"]).iterrows())
    return (f"{svg}<table><tr><th>tie</th><th>city</th><th>with</th><th>body</th>"
            f"<th>since</th><th>pages</th><th>evidence</th></tr>{rows}</table>")


def _officials(officials: pd.DataFrame, names: dict[int, str]) -> str:
    parts = []
    key = officials.city.map(lambda c: names.get(c) if pd.notna(c) else None)
    for city, group in officials.assign(_city=key.fillna(officials.organization)
                                        .fillna("(no city given)")).groupby("_city"):
        rows = "".join(
            f'<tr><td dir="auto">{_e(r["name"])}</td><td>{_e(r["name_latin"])}</td>'
            f'<td>{_e(r["role"])}</td><td class="n">{r["pages"]}</td>'
            f'<td>{_evidence(r)}</td></tr>' for _, r in group.sort_values("role").iterrows())
        parts.append(f'<h3 dir="auto">{_e(city)}</h3><table><tr><th>name</th><th>Latin</th>'
                     f'<th>role</th><th>pages</th><th>evidence</th></tr>{rows}</table>')
    return "".join(parts) or "<p>No officials.</p>"


def _since(row: pd.Series) -> str | None:
    """The tie's Gregorian year, and the year as the page gave it when another calendar's."""
    if pd.isna(row["since"]):
        return None
    calendar = row.get("since_calendar")
    if isinstance(calendar, str) and calendar != "gregorian":
        return f"{row['since']} ({row['since_text']} {calendar})"
    return str(row["since"])


def render_report(tables: dict[str, pd.DataFrame], generated: str) -> str:
    names = _names(tables["cities"])
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f"<title>muni report</title><style>{STYLE}</style></head><body>"
            f"<h1>muni report</h1><p>Dataset exported {_e(generated)}. Every row links to "
            f"the page that states it; open “archived” for the sentence, its WARC record and "
            f"the copy muni kept (it opens offline), “live” for the page on its site."
            f"</p><h2>Pages by source and language</h2>{_counts(tables)}"
            f"<h2>Events over time</h2>{_timeline(tables['events'], names)}"
            f"<h2>Twin cities, friendships and memberships</h2>"
            f"{_network(tables['relations'], tables['cities'])}"
            f"<h2>Officials by city</h2>{_officials(tables['officials'], names)}"
            f"</body></html>\n")


def ties_geojson(relations: pd.DataFrame, cities: pd.DataFrame) -> dict:
    """Cities in any tie as points, city-to-city ties as lines."""
    where = {r.geonameid: r for r in cities.itertuples()}
    features = []
    members: dict[int, list[str]] = {}
    for r in relations[relations.b.isna()].itertuples():
        members.setdefault(r.a, []).append(r.organization)
    pairs = relations[relations.b.notna()]
    for gid in sorted(set(pairs.a) | {int(b) for b in pairs.b} | set(members)):
        c = where[gid]
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
                         "properties": {"geonameid": int(gid), "name": c.name,
                                        "country": c.country,
                                        "member_of": sorted(set(members.get(gid, [])))}})
    for r in pairs.itertuples():
        a, b = where[r.a], where[int(r.b)]
        features.append({"type": "Feature",
                         "geometry": {"type": "LineString",
                                      "coordinates": [[a.lon, a.lat], [b.lon, b.lat]]},
                         "properties": {"relation_id": r.relation_id, "type": r.type,
                                        "a": a.name, "b": b.name,
                                        "since": None if pd.isna(r.since) else r.since,
                                        "since_text": None if pd.isna(r.since_text)
                                        else r.since_text,
                                        "pages": int(r.pages), "url": r.url,
                                        "evidence": r.evidence}})
    return {"type": "FeatureCollection", "features": features}


def geojson_text(collection: dict) -> str:
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"




def render_snapshot(page: dict, evidence: list[str]) -> str:
    """The archived copy of a page (its row) as the report opens it offline: what muni
    kept of it (its main text, the sentences the report cites marked), where it was
    archived, and a link to the live page."""
    text = _e(page["text"])
    for sentence in sorted({e for e in evidence if isinstance(e, str) and e}, key=len,
                           reverse=True):
        text = text.replace(_e(sentence), f"<mark>{_e(sentence)}</mark>")
    paragraphs = "".join(f'<p dir="auto">{p}</p>' for p in text.split("\n") if p.strip())
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{_e(page["title"])}'
            f"</title><style>{STYLE}mark{{background:#fff3a0}}</style></head><body>"
            f'<h1 dir="auto">{_e(page["title"])}</h1><p dir="ltr">Archived '
            f'{_e(page["fetched_at"])} from <a href="{_e(page["url"])}">{_e(page["url"])}</a>'
            f' · WARC {_e(page["warc_file"])} {_e(page["warc_record_id"])} · '
            f'<a href="../{REPORT}">report</a></p>{paragraphs}</body></html>\n')


def write_report_files(folder: Path, tables: dict[str, pd.DataFrame],
                       page_of: Callable[[str], dict | None]) -> list[Path]:
    """report.html, ties.geojson and the archived copy of every page the report cites
    (its row from `page_of`) into an export folder, beside the tables they show; dated
    by the data, so that the same data makes the same report."""
    newest = tables["pages"].last_seen.dropna()
    generated = data_date(newest.max() if len(newest) else None).strftime("%Y-%m-%d %H:%M UTC")
    outputs = {folder / REPORT: render_report(tables, generated),
               folder / GEOJSON: geojson_text(ties_geojson(tables["relations"],
                                                            tables["cities"]))}
    cited = pd.concat([tables[t][["page_id", "evidence"]]
                       for t in ("events", "relations", "officials")])
    for page_id, group in cited.groupby("page_id"):
        if (page := page_of(str(page_id))) is not None:
            outputs[folder / snapshot_path(str(page_id))] = render_snapshot(
                page, list(group.evidence))
    (folder / SNAPSHOTS).mkdir(exist_ok=True)
    for path, text in outputs.items():
        write_text(path, text)
    return [folder / REPORT, folder / GEOJSON]
