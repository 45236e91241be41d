"""Tables, target verdicts and the JSON record of one benchmark run."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# The targets.
MAX_INGEST_RATIO = 1.5
MIN_PDF_DOCS_PER_SECOND = 20.0
MAX_PEAK_RSS_MB = 300.0
BIG_FILE_MB = 100
# Search p95 through Archive.search, by archive size.
MAX_P95_MS = {10_000: 50.0, 100_000: 150.0}
MIN_REINDEX_DOCS_PER_SECOND = 1000.0
MAX_REINDEX_RSS_MB = 1024.0

ENGINES = ("archive", "index", "whoosh", "tantivy", "fts5")
ENGINE_TITLES = {
    "archive": "Archive.search",
    "index": "SearchIndex.search",
    "whoosh": "Whoosh engine",
    "tantivy": "tantivy",
    "fts5": "SQLite FTS5",
}


@dataclass(frozen=True)
class Verdict:
    """One target: what was measured against what was asked."""

    target: str
    measured: str
    passed: bool
    note: str = ""


def ingest_table(ingest: dict[str, Any]) -> str:
    """The ingest rates, pipeline against pypdf alone."""
    rows = [
        ("pypdf alone, text PDFs", ingest["pypdf_alone"]),
        *(
            [("PDFium alone, text PDFs", ingest["pdfium_alone"])]
            if "pdfium_alone" in ingest
            else []
        ),
        ("Hoso ingest, text PDFs", ingest["pipeline_pdf"]),
        ("Hoso ingest, plain text", ingest["pipeline_plain"]),
    ]
    lines = [
        f"{'':28} {'docs':>8} {'pages':>8} {'seconds':>9} {'docs/s':>8} {'pages/s':>8} {'CPU s':>9}"
    ]
    for title, run in rows:
        lines.append(
            f"{title:28} {run['docs']:>8,} {run['pages']:>8,} {run['seconds']:>9.1f} "
            f"{run['docs_per_second']:>8.1f} {run['pages_per_second']:>8.1f}"
            f" {run.get('cpu_seconds', float('nan')):>9.1f}"
        )
    lines.append(f"ingest time / pypdf-alone time (text PDFs): {ingest['ratio']:.2f}× wall clock")
    if "ratio_to_pdfium" in ingest:
        lines.append(
            f"ingest time / PDFium-alone time (the extractor ingest uses): "
            f"{ingest['ratio_to_pdfium']:.2f}× wall clock"
        )
    lines.append("CPU s: this process and its worker processes; pypdf alone uses one core")
    return "\n".join(lines)


def big_file_lines(big: dict[str, Any] | None) -> str:
    """The peak memory of ingesting one big file."""
    if big is None:
        return "big file: skipped (--skip-big-file)"
    return (
        f"one {big['file_mb']:.0f} MB scanned PDF ({big['pages']} pages): "
        f"{big['seconds']:.1f} s, peak RSS {big['peak_rss_mb']:.0f} MB "
        f"(interpreter, imports and open archive alone: {big['idle_rss_mb']:.0f} MB)"
    )


def search_table(classes: dict[str, dict[str, dict[str, float]]]) -> str:
    """Median/p95 per query class and engine, and Hoso's ratio to each other engine."""
    shown = [e for e in ENGINES if any(e in engines for engines in classes.values())]
    ratios = [e for e in ("whoosh", "tantivy", "fts5") if e in shown]
    head = f"{'query class':22}" + "".join(f" | {ENGINE_TITLES[e]:>18}" for e in shown)
    head += "".join(f" | {'×' + e:>9}" for e in ratios)
    sub = f"{'':22}" + "".join(f" | {'median/p95 ms':>18}" for _ in shown)
    lines = [head, sub, "-" * len(head)]
    for name, engines in classes.items():
        cells = "".join(
            f" | {engines[e]['median_ms']:>8.1f}/{engines[e]['p95_ms']:<9.1f}"
            if e in engines
            else f" | {'—':^18}"
            for e in shown
        )
        hoso = engines["archive"]["median_ms"]
        cells += "".join(
            f" | {hoso / engines[e]['median_ms']:>8.2f}×" if e in engines else f" | {'—':>9}"
            for e in ratios
        )
        lines.append(f"{name:22}{cells}")
    lines.append(
        "×engine: Archive.search median ÷ that engine's median (lower is better); "
        "—: the bare engines know no fields, OR, NOT or dates"
    )
    return "\n".join(lines)


def reindex_lines(reindex: dict[str, dict[str, Any]]) -> str:
    """How fast ``hoso reindex`` rebuilt the index from storage, per engine."""
    return "\n".join(
        f"hoso reindex, {engine}: {r['docs']:,} documents in {r['seconds']:.1f} s "
        f"({r['docs_per_second']:,.0f}/s), peak RSS {r['peak_rss_mb']:.0f} MB"
        for engine, r in reindex.items()
    )


def hit_mismatches(queries: dict[str, dict[str, dict[str, Any]]]) -> list[str]:
    """Queries whose match counts differ between engines: the comparison would be unfair."""
    out = []
    for query, engines in queries.items():
        totals = {e: engines[e]["total"] for e in ENGINES if e in engines}
        if len(set(totals.values())) > 1:
            out.append(f"{query}: " + ", ".join(f"{e} {n:,}" for e, n in totals.items()))
    return out


def verdicts(results: dict[str, Any]) -> list[Verdict]:
    """Every target of the issue, passed or not, with the margin."""
    out = _ingest_verdicts(results["ingest"])
    if results.get("big_file"):
        out.append(_memory_verdict(results["big_file"]))
    out.extend(_search_verdicts(results["search"]))
    return out


def _ingest_verdicts(ingest: dict[str, Any]) -> list[Verdict]:
    ratio = ingest["ratio"]
    rate = ingest["pipeline_pdf"]["docs_per_second"]
    return [
        Verdict(
            f"ingest time ≤ {MAX_INGEST_RATIO}× pypdf alone",
            f"{ratio:.2f}×",
            ratio <= MAX_INGEST_RATIO,
            _over(ratio, MAX_INGEST_RATIO),
        ),
        Verdict(
            f"ingest ≥ {MIN_PDF_DOCS_PER_SECOND:.0f} two-page PDFs/s",
            f"{rate:.1f}/s",
            rate >= MIN_PDF_DOCS_PER_SECOND,
            ""
            if rate >= MIN_PDF_DOCS_PER_SECOND
            else f"{MIN_PDF_DOCS_PER_SECOND / rate:.2f}× short",
        ),
    ]


def _memory_verdict(big: dict[str, Any]) -> Verdict:
    peak = big["peak_rss_mb"]
    note = _over(peak, MAX_PEAK_RSS_MB)
    if big["file_mb"] < BIG_FILE_MB * 0.9:
        note = f"{note} (file is {big['file_mb']:.0f} MB, not {BIG_FILE_MB})".strip()
    return Verdict(
        f"peak RSS < {MAX_PEAK_RSS_MB:.0f} MB ingesting one big file",
        f"{peak:.0f} MB",
        peak < MAX_PEAK_RSS_MB,
        note,
    )


def _search_verdicts(search: dict[str, Any]) -> list[Verdict]:
    classes = search["classes"]
    docs = search["docs"]
    # The target of the nearest size at or above this one (the large one beyond).
    size = min((n for n in MAX_P95_MS if n >= docs * 0.9), default=max(MAX_P95_MS))
    limit = MAX_P95_MS[size]
    scale = "" if abs(docs - size) <= size * 0.1 else f"at {docs:,} docs, not {size:,}"
    worst = max(classes, key=lambda c: classes[c]["archive"]["p95_ms"])
    value = classes[worst]["archive"]["p95_ms"]
    failing = [c for c in classes if classes[c]["archive"]["p95_ms"] > limit]
    note = _over(value, limit)
    if failing:
        note += f"; failing: {', '.join(failing)}"
    out = [
        Verdict(
            f"search p95 ≤ {limit:.0f} ms in every class ({size:,} docs)",
            f"worst {value:.1f} ms ({worst})",
            not failing,
            "; ".join(n for n in (note, scale) if n),
        )
    ]
    run = search.get("reindex", {}).get("tantivy")
    if run:
        rate, peak = run["docs_per_second"], run["peak_rss_mb"]
        out.append(
            Verdict(
                f"hoso reindex ≥ {MIN_REINDEX_DOCS_PER_SECOND:,.0f} docs/s",
                f"{rate:,.0f}/s",
                rate >= MIN_REINDEX_DOCS_PER_SECOND,
                ""
                if rate >= MIN_REINDEX_DOCS_PER_SECOND
                else f"{MIN_REINDEX_DOCS_PER_SECOND / rate:.2f}× short",
            )
        )
        out.append(
            Verdict(
                f"hoso reindex peak RSS ≤ {MAX_REINDEX_RSS_MB:,.0f} MB",
                f"{peak:,.0f} MB",
                peak <= MAX_REINDEX_RSS_MB,
                _over(peak, MAX_REINDEX_RSS_MB),
            )
        )
    return out


def _over(value: float, limit: float) -> str:
    return "" if value <= limit else f"{value / limit:.2f}× the target"


def verdict_lines(found: list[Verdict]) -> str:
    """The PASS/FAIL summary, one target a line."""
    width = max(len(v.target) for v in found)
    return "\n".join(
        f"{'PASS' if v.passed else 'FAIL'}  {v.target:{width}}  {v.measured}"
        + (f"  [{v.note}]" if v.note else "")
        for v in found
    )


def verdicts_json(found: list[Verdict]) -> list[dict[str, Any]]:
    """The verdicts as JSON."""
    return [asdict(v) for v in found]


def write_json(results: dict[str, Any], folder: Path, stamp: str) -> Path:
    """Write the run's results to ``folder/<stamp>.json``; return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stamp}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
