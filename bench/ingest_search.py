"""Benchmark Hoso's ingest and search against pypdf, tantivy and SQLite FTS5 in one run.

    .venv/bin/python bench/ingest_search.py [--quick] [--pdfs N] [--docs N] [--large]
                                            [--skip-big-file]

See bench/README.md for what each figure means.  Misses are reported, not
raised: the exit status is non-zero only when the benchmark itself breaks.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

# Run as a script, so the checkout (``bench``, ``tests.documents``) must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive.facade import Archive
from archive.settings import Settings
from bench import corpus_files, ingest_bench, provenance, report
from bench.baselines import Fts5Baseline, TantivyBaseline
from bench.search_bench import SORTS, Engine, class_summary, run_query_set
from bench.stats import median, percentile

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
SEED = 42

Checkpoint = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Sizes:
    """How much work one run does."""

    pdfs: int
    docs: int
    big_file_mb: int
    warmups: int
    runs: int
    query_budget: float


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pdfs", type=int, help="two-page text PDFs to ingest (2,000)")
    parser.add_argument("--docs", type=int, help="plain documents to ingest and search (10,000)")
    parser.add_argument("--large", action="store_true", help="100,000 plain documents")
    parser.add_argument("--quick", action="store_true", help="small smoke run, about 2 minutes")
    parser.add_argument("--skip-big-file", action="store_true", help="skip the memory test")
    parser.add_argument(
        "--no-whoosh", action="store_true", help="leave the Whoosh engine out (large runs)"
    )
    parser.add_argument("--big-file-mb", type=int, help="size of the big file (100; quick 20)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query (20)")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs per query (2)")
    parser.add_argument(
        "--query-budget",
        type=float,
        default=10.0,
        help="seconds of timed runs per query and engine before stopping short of --runs (10)",
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    provenance.add_argument(parser)
    parser.add_argument(
        "--work-dir",
        type=Path,
        help="keep the archives and baseline indexes here (for profiling) instead of a temp dir",
    )
    return parser.parse_args(argv)


def sizes_from(args: argparse.Namespace) -> Sizes:
    """The run's sizes: explicit flags win over --quick and --large."""
    pdfs, docs, big = (100, 1_000, 20) if args.quick else (2_000, 10_000, 100)
    if args.large:
        docs = 100_000
    return Sizes(
        pdfs=args.pdfs if args.pdfs is not None else pdfs,
        docs=args.docs if args.docs is not None else docs,
        big_file_mb=args.big_file_mb or big,
        warmups=args.warmups,
        runs=args.runs,
        query_budget=args.query_budget,
    )


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    from importlib.metadata import version

    packages = ("whoosh-reloaded", "pypdf", "tantivy", "fpdf2", "sqlalchemy")
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        **{name: version(name) for name in packages},
    }


def prepare_corpus(sizes: Sizes, args: argparse.Namespace) -> dict[str, Any]:
    """Generate (or find cached) every input file; return their paths and the time taken."""
    start = time.perf_counter()
    pdfs = corpus_files.ensure_pdfs(sizes.pdfs, SEED, args.workers)
    plain = corpus_files.ensure_plain(sizes.docs, SEED, args.workers)
    big = None if args.skip_big_file else corpus_files.ensure_big_pdf(sizes.big_file_mb, SEED)
    return {"pdfs": pdfs, "plain": plain, "big": big, "seconds": time.perf_counter() - start}


def bench_pdf_ingest(pdfs: list[Path], work: Path) -> dict[str, Any]:
    """pypdf alone (the issue's baseline), PDFium alone (ingest's extractor), then the
    pipeline, on the same text PDFs."""
    ingest_bench.warm_page_cache(pdfs)
    print("  pypdf alone ...", flush=True)
    floor = ingest_bench.pypdf_alone(pdfs)
    print("  PDFium alone ...", flush=True)
    extractor = ingest_bench.pdfium_alone(pdfs)
    archive = ingest_bench.open_archive(work / "pdf-archive")
    try:
        run = ingest_bench.pipeline_ingest(archive, pdfs, "text PDFs")
    finally:
        archive.close()
    return {
        "pypdf_alone": floor.to_json(),
        "pdfium_alone": extractor.to_json(),
        "pipeline_pdf": run.to_json(),
        "ratio": round(run.seconds / floor.seconds, 3),
        "ratio_to_pdfium": round(run.seconds / extractor.seconds, 3),
    }


def reindex_in_child(data_dir: Path, engine: str, index_dir: Path) -> dict[str, Any]:
    """``hoso reindex`` with ``engine`` into ``index_dir``, in a fresh child process."""
    command = [sys.executable, "-m", "bench.reindex_child", str(data_dir), engine, str(index_dir)]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"  reindex with {engine}: {report['docs']:,} documents in {report['seconds']:.1f} s "
        f"({report['docs_per_second']:,.0f}/s), peak RSS {report['peak_rss_mb']:.0f} MB",
        flush=True,
    )
    return dict(report)


def bench_search(
    archive: Any, plain: list[Path], work: Path, sizes: Sizes, *, whoosh: bool
) -> dict[str, Any]:
    """Reindex, build the baselines on the same documents, then time the query set."""
    data_dir = archive.settings.data_dir
    reindex = {"tantivy": reindex_in_child(data_dir, "tantivy", archive.index.root)}
    start = time.perf_counter()
    archive.index.optimize()
    optimize_seconds = time.perf_counter() - start
    whoosh_archive = None
    if whoosh:
        # The same storage and catalog, indexed by the pure-Python engine: the "before".
        whoosh_dir = work / "whoosh-index"
        reindex["whoosh"] = reindex_in_child(data_dir, "whoosh", whoosh_dir)
        whoosh_archive = Archive.open(
            Settings(data_dir=data_dir, index_dir=whoosh_dir, search_engine="whoosh")
        )
    builds = {}
    tantivy = TantivyBaseline(work / "tantivy")
    fts5 = Fts5Baseline(work / "fts5.sqlite3")
    for name, engine in (("tantivy", tantivy), ("fts5", fts5)):
        start = time.perf_counter()
        count = engine.build((p.stem, p.read_text(encoding="utf-8")) for p in plain)
        seconds = time.perf_counter() - start
        builds[name] = {"docs": count, "seconds": round(seconds, 3)}
        print(f"  {name} index of {count:,} documents built in {seconds:.1f} s", flush=True)
    engines: dict[str, Engine] = {
        "archive": lambda text, sort: archive.search(text, sort=sort).total,
        "index": lambda text, sort: archive.index.search(text, sort=sort).total,
    }
    if whoosh_archive is not None:
        engines["whoosh"] = lambda text, sort: whoosh_archive.search(text, sort=sort).total
    engines.update({"tantivy": tantivy.search, "fts5": fts5.search})
    print("  running the query set ...", flush=True)
    try:
        timings = run_query_set(
            engines, warmups=sizes.warmups, runs=sizes.runs, budget=sizes.query_budget
        )
    finally:
        fts5.close()
        if whoosh_archive is not None:
            whoosh_archive.close()
    return {
        "docs": archive.index.count(),
        "engine": archive.index.engine_in_use(),
        "reindex": reindex,
        "optimize_seconds": round(optimize_seconds, 3),
        "baseline_builds": builds,
        "classes": {
            query_class: {
                e: class_summary(timings[e][query_class])
                for e in engines
                if timings[e].get(query_class)
            }
            for query_class in timings["archive"]
        },
        "queries": _per_query(timings),
    }


def _per_query(timings: dict[str, dict[str, list[Any]]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for engine, classes in timings.items():
        for query_class, query_timings in classes.items():
            for t in query_timings:
                ms = [s * 1000 for s in t.seconds]
                key = t.query or "(empty)"
                if query_class in SORTS:
                    key += f" (sort={SORTS[query_class]})"
                out.setdefault(key, {})[engine] = {
                    "median_ms": round(median(ms), 3),
                    "p95_ms": round(percentile(ms, 95), 3),
                    "runs": len(ms),
                    "total": t.total,
                }
    return out


def run(sizes: Sizes, args: argparse.Namespace, work: Path, save: Checkpoint) -> dict[str, Any]:
    """Every phase in order; return the results as JSON-ready data.

    ``save`` gets the results after each phase, so a run cut short keeps what
    it measured.
    """
    print("corpus", flush=True)
    corpus = prepare_corpus(sizes, args)
    print(f"  ready in {corpus['seconds']:.1f} s", flush=True)
    results: dict[str, Any] = {"corpus_seconds": round(corpus["seconds"], 3), "big_file": None}
    print("ingest: text PDFs", flush=True)
    results["ingest"] = bench_pdf_ingest(corpus["pdfs"], work)
    save(results)
    print("ingest: plain documents", flush=True)
    archive = ingest_bench.open_archive(work / "plain-archive")
    try:
        plain_run = ingest_bench.pipeline_ingest(archive, corpus["plain"], "plain documents")
        results["ingest"]["pipeline_plain"] = plain_run.to_json()
        save(results)
        if corpus["big"] is not None:
            print("memory: one big file in a child process", flush=True)
            results["big_file"] = ingest_bench.peak_rss_of_ingest(
                corpus["big"], work / "big-archive"
            )
            save(results)
        print("search", flush=True)
        results["search"] = bench_search(
            archive, corpus["plain"], work, sizes, whoosh=not args.no_whoosh
        )
    finally:
        archive.close()
    return results


def print_report(results: dict[str, Any]) -> None:
    """The tables and the PASS/FAIL summary."""
    print()
    print("== ingest ==")
    print(report.ingest_table(results["ingest"]))
    print(report.big_file_lines(results["big_file"]))
    print()
    search = results["search"]
    fewest = min(e["runs"] for q in search["queries"].values() for e in q.values())
    runs = results["params"]["runs"]
    shown = f"{runs}" if fewest == runs else f"{fewest} to {runs}"
    print(f"== search: {search['docs']:,} documents, {shown} timed runs a query ==")
    print(report.search_table(search["classes"]))
    print(report.reindex_lines(search.get("reindex", {})))
    mismatches = report.hit_mismatches(search["queries"])
    if mismatches:
        print("match counts differ between engines (compare with care):")
        print("\n".join(f"  {m}" for m in mismatches))
    print()
    print("== targets ==")
    print(report.verdict_lines([report.Verdict(**v) for v in results["targets"]]))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the report and write the JSON results."""
    args = parse_args(argv)
    sizes = sizes_from(args)
    code = provenance.checked(args.allow_dirty)
    started = datetime.now().astimezone()
    print(f"Hoso ingest and search benchmark, {started:%Y-%m-%d %H:%M}: {sizes}", flush=True)
    print(provenance.header(code), flush=True)
    header = {
        "started": started.isoformat(timespec="seconds"),
        "code": code,
        "params": asdict(sizes),
        "machine": machine(),
    }
    stamp = f"{started:%Y%m%d-%H%M%S}"

    def save(partial: dict[str, Any]) -> None:
        report.write_json({**header, "complete": False, **partial}, RESULTS_DIR, stamp)

    if args.work_dir:
        args.work_dir.mkdir(parents=True, exist_ok=False)
        measured = run(sizes, args, args.work_dir, save)
    else:
        with tempfile.TemporaryDirectory(prefix="hoso-bench-") as tmp:
            measured = run(sizes, args, Path(tmp), save)
    results = {**header, "complete": True, **measured}
    results["targets"] = report.verdicts_json(report.verdicts(results))
    print_report(results)
    path = report.write_json(results, RESULTS_DIR, stamp)
    print(f"\nresults written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
