"""The main-text metric of the ScrapingHub article-extraction benchmark (ANNOTATION.md).

Tokens are runs of word characters; a text is the multiset of its 4-token shingles;
precision and recall are computed per page and averaged over pages, and F1 comes from
the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_scores(predicted: str, gold: str) -> tuple[float, float]:
    """(precision, recall) of one page; an empty side scores 1.0 only against empty."""
    pred, true = shingles(predicted or ""), shingles(gold or "")
    overlap = sum((pred & true).values())
    precision = overlap / sum(pred.values()) if pred else float(not true)
    recall = overlap / sum(true.values()) if true else float(not pred)
    return precision, recall


def averaged(pairs: Iterable[tuple[float, float]]) -> dict[str, float]:
    pairs = list(pairs)
    if not pairs:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pages": 0}
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "pages": len(pairs)}
