"""Entity scoring as ANNOTATION.md "How a page is scored" says: per type, true and false
positives and negatives summed over pages (micro-average), per language and overall.

- cities: the set of GeoNames ids.
- dates: the set of (start, end); a prediction equal to a `dates_optional` entry is
  neither right nor wrong.
- officials: names match after case folding and dropping titles when one name's words
  are all in the other's; scored on the name, and on name and role together.
- events: same type and equal start (or one of the gold's `alt_starts`), or, where both
  have no date, equal city.
- relations: (type, unordered pair of ids); for `member`, the city id and an
  organisation name sharing at least half of its words with the gold one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from parsers.names import name_words, same_person

TYPES = ("cities", "dates", "officials", "officials_role", "events", "relations")


def _org_match(a: str | None, b: str | None) -> bool:
    wa, wb = set(name_words(a or "")), set(name_words(b or ""))
    return bool(wb) and len(wa & wb) >= 0.5 * len(wb)


def _match(predicted: list, gold: list, same: Callable[[object, object], bool],
           neutral: list = ()) -> tuple[int, int, int]:
    """(tp, fp, fn) with one-to-one matching; predictions matching `neutral` are ignored."""
    unmatched = list(gold)
    tp = fp = 0
    for p in predicted:
        hit = next((g for g in unmatched if same(p, g)), None)
        if hit is not None:
            unmatched.remove(hit)
            tp += 1
        elif not any(same(p, n) for n in neutral):
            fp += 1
    return tp, fp, len(unmatched)


def _dedupe(items: Iterable, key: Callable) -> list:
    seen, out = set(), []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def _relation_same(p: dict, g: dict) -> bool:
    if p.get("type") != g.get("type"):
        return False
    if g.get("type") == "member":
        return p.get("a") == g.get("a") and _org_match(p.get("organization"),
                                                       g.get("organization"))
    return {p.get("a"), p.get("b")} == {g.get("a"), g.get("b")}


def _event_same(p: dict, g: dict) -> bool:
    if p.get("type") != g.get("type"):
        return False
    if g.get("start") or p.get("start"):
        return p.get("start") in {g.get("start"), *(g.get("alt_starts") or [])}
    return p.get("city") == g.get("city")


def score_page(pred: dict, gold: dict) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) per entity type for one page."""
    def ids(items):
        return _dedupe((c.get("geonameid") for c in items or []), lambda x: x)
    out = {
        "cities": _match(ids(pred.get("cities")), ids(gold.get("cities")), lambda a, b: a == b),
        "dates": _match(
            _dedupe(((d["start"], d["end"]) for d in pred.get("dates") or []), lambda x: x),
            _dedupe(((d["start"], d["end"]) for d in gold.get("dates") or []), lambda x: x),
            lambda a, b: a == b,
            [(d["start"], d["end"]) for d in gold.get("dates_optional") or []]),
        "officials": _match(pred.get("officials") or [], gold.get("officials") or [],
                            lambda a, b: same_person(a["name"], b["name"])),
        "officials_role": _match(pred.get("officials") or [], gold.get("officials") or [],
                                 lambda a, b: same_person(a["name"], b["name"])
                                 and a.get("role") == b.get("role")),
        "events": _match(pred.get("events") or [], gold.get("events") or [], _event_same),
        "relations": _match(pred.get("relations") or [], gold.get("relations") or [],
                            _relation_same),
    }
    return out


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0 if not fn else 0.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


def score(pairs: Iterable[tuple[dict, dict]]) -> dict[str, dict[str, dict[str, float]]]:
    """{language or 'overall': {type: precision, recall, f1, counts}} over (pred, gold)."""
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: {t: [0, 0, 0] for t in TYPES})
    for pred, gold in pairs:
        for kind, counts in score_page(pred, gold).items():
            for group in (gold.get("lang", "?"), "overall"):
                totals[group][kind] = [x + y for x, y in zip(totals[group][kind], counts,
                                                             strict=True)]
    return {group: {kind: prf(*c) for kind, c in kinds.items()}
            for group, kinds in sorted(totals.items())}
