"""Entity scoring as ANNOTATION.md "How a page is scored" says: per type, true and false
positives and negatives summed over pages (micro-average), per language and overall.

- cities: the set of GeoNames ids.
- dates: the set of (start, end); a prediction equal to a `dates_optional` entry is
  neither right nor wrong.
- officials: names match after case folding and dropping titles when one name's words
  are all in the other's (the gold's name or one of its aliases); scored on the name,
  and on name and role together.
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


def _pairs(predicted: list, gold: list, same: Callable[[object, object], bool],
           neutral: list = ()) -> tuple[int, list, list]:
    """One-to-one matching: (matches, wrong predictions, missed gold); predictions that
    match `neutral` are neither."""
    unmatched = list(gold)
    tp, wrong = 0, []
    for p in predicted:
        hit = next((g for g in unmatched if same(p, g)), None)
        if hit is not None:
            unmatched.remove(hit)
            tp += 1
        elif not any(same(p, n) for n in neutral):
            wrong.append(p)
    return tp, wrong, unmatched


def _match(predicted: list, gold: list, same: Callable[[object, object], bool],
           neutral: list = ()) -> tuple[int, int, int]:
    """(tp, fp, fn) with one-to-one matching; predictions matching `neutral` are ignored."""
    tp, wrong, missed = _pairs(predicted, gold, same, neutral)
    return tp, len(wrong), len(missed)


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


def _compared(pred: dict, gold: dict) -> dict[str, tuple[list, list, Callable, list]]:
    """Per type: the predictions, the gold, how two are the same, and the neutral ones."""
    def ids(items):
        return _dedupe((c.get("geonameid") for c in items or []), lambda x: x)

    def spans(items):
        return _dedupe(((d["start"], d["end"]) for d in items or []), lambda x: x)

    def person(a, b):  # (b is the gold: its name, or one of its aliases)
        return any(same_person(a["name"], name)
                   for name in (b["name"], *(b.get("aliases") or ())))

    officials, wanted = pred.get("officials") or [], gold.get("officials") or []
    return {
        "cities": (ids(pred.get("cities")), ids(gold.get("cities")), lambda a, b: a == b, []),
        "dates": (spans(pred.get("dates")), spans(gold.get("dates")), lambda a, b: a == b,
                  [(d["start"], d["end"]) for d in gold.get("dates_optional") or []]),
        "officials": (officials, wanted, person, []),
        "officials_role": (officials, wanted,
                           lambda a, b: person(a, b) and a.get("role") == b.get("role"), []),
        "events": (pred.get("events") or [], gold.get("events") or [], _event_same, []),
        "relations": (pred.get("relations") or [], gold.get("relations") or [],
                      _relation_same, []),
    }


def score_page(pred: dict, gold: dict) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) per entity type for one page."""
    return {kind: _match(*args) for kind, args in _compared(pred, gold).items()}


def diff_page(pred: dict, gold: dict) -> dict[str, tuple[list, list]]:
    """Per entity type: what was missed (gold) and what was wrong (predicted)."""
    found = {}
    for kind, args in _compared(pred, gold).items():
        _, wrong, missed = _pairs(*args)
        found[kind] = (missed, wrong)
    return found


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
