"""The fixed query set and the timing loop every engine runs it through."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.stats import median, percentile

# Fewest timed runs of a query, however slow it is: enough for a median.
MIN_RUNS = 5

# Query classes, each a few queries of the query language as archivists type them.
QUERIES: dict[str, tuple[str, ...]] = {
    "single term": ("khen", "quyết", "huân"),
    "phrase, 2 syllables": ('"khen thưởng"', '"bằng khen"', '"chủ tịch"'),
    "phrase, 3 syllables": ('"cờ thi đua"', '"nông thôn mới"', '"sở nội vụ"'),
    "phrase, 4 syllables": ('"ủy ban nhân dân"', '"thi đua yêu nước"', '"chiến sĩ thi đua"'),
    "phrase, 5 syllables": (
        '"bằng khen của chủ tịch"',
        '"luật thi đua khen thưởng"',
        '"huân chương lao động hạng"',
    ),
    "AND": ("bằng khen AND 2015", '"thi đua yêu nước" AND 2020', "khen thưởng AND huân chương"),
    "accent-free": ("khen thuong", '"uy ban nhan dan"', '"thi dua yeu nuoc"', "bang khen"),
    "old tone marks": ('"Uỷ ban nhân dân"', '"hoà bình"', "thuỷ lợi"),
    "field + boolean": (
        'loai:"quyết định" AND nam:2015..2020',
        'coquan:"ủy ban nhân dân" AND "khen thưởng"',
        '"bằng khen" -"giấy khen"',
        "(huân chương OR bằng khen) AND nam:2018",
    ),
    "date sort": ("khen thưởng", '"ủy ban nhân dân"', ""),
}
# Classes whose queries run newest first; every other class ranks by relevance.
SORTS = {"date sort": "date"}

# An engine runs one query with a sort order and returns its total, or None when
# it cannot run that kind of query (the baselines know no fields and no dates).
Engine = Callable[[str, str], int | None]


@dataclass(frozen=True)
class QueryTiming:
    """Wall times of repeated runs of one query on one engine, and its match count."""

    query: str
    seconds: list[float]
    total: int


def time_query(
    run: Callable[[str], int | None], query: str, *, warmups: int, runs: int, budget: float
) -> QueryTiming | None:
    """Run ``query`` ``warmups`` times untimed, then up to ``runs`` times timed.

    Timed runs stop early once ``budget`` seconds are spent and at least
    MIN_RUNS are done, so an engine taking seconds a query cannot stretch the
    benchmark into hours; the JSON records how many runs each query got.  None when
    the engine cannot run the query.
    """
    total = run(query)
    if total is None:
        return None
    for _ in range(warmups - 1):
        run(query)
    seconds: list[float] = []
    while len(seconds) < runs and (len(seconds) < MIN_RUNS or sum(seconds) < budget):
        start = time.perf_counter()
        total = run(query)
        seconds.append(time.perf_counter() - start)
    return QueryTiming(query, seconds, int(total or 0))


def run_query_set(
    engines: dict[str, Engine], *, warmups: int, runs: int, budget: float
) -> dict[str, dict[str, list[QueryTiming]]]:
    """Time every query on every engine; result[engine][class] lists query timings.

    The engines take turns query by query, so a slow spell of the machine hits
    them all rather than one.
    """
    results: dict[str, dict[str, list[QueryTiming]]] = {name: {} for name in engines}
    for query_class, queries in QUERIES.items():
        sort = SORTS.get(query_class, "relevance")
        for query in queries:
            for name, engine in engines.items():
                timing = time_query(
                    lambda text, engine=engine, sort=sort: engine(text, sort),  # type: ignore[misc]
                    query,
                    warmups=warmups,
                    runs=runs,
                    budget=budget,
                )
                if timing is not None:
                    results[name].setdefault(query_class, []).append(timing)
    return results


def class_summary(timings: list[QueryTiming]) -> dict[str, float]:
    """Median and p95 in milliseconds over every run of every query of a class."""
    runs = [s * 1000 for t in timings for s in t.seconds]
    return {"median_ms": median(runs), "p95_ms": percentile(runs, 95)}
