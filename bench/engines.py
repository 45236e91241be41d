"""The three search engines side by side on the same documents: tantivy, Whoosh, PostgreSQL.

    python bench/engines.py                    # 10,000 documents
    python bench/engines.py --docs 100000 --no-whoosh
    python bench/engines.py --pg-url postgresql+psycopg://…   # a running server (else one is started)
    python bench/engines.py --archive DATA_DIR --no-whoosh    # the documents of an archive

The documents are the benchmark's plain corpus, parsed by Hoso's own reader into the
engine-neutral documents the archive indexes (or, with ``--archive``, the documents an
existing archive indexes, read from its storage as ``hoso reindex`` reads them: the
archive ``ingest_search.py --large --work-dir DIR`` leaves in ``DIR/plain-archive``
saves parsing 100,000 documents a second time); each engine builds its index from them
(``SearchIndex.rebuild``, as ``hoso reindex`` does) and runs the fixed query set of
``bench/search_bench.py``.  Prints the build time, the median and p95 per query class
and engine, each engine's median as a multiple of tantivy's, and any query whose match
count differs between engines; writes the JSON to ``bench/results/engines-<stamp>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import corpus_files, provenance
from bench.search_bench import SORTS, class_summary, run_query_set
from bench.stats import median

RESULTS = Path(__file__).resolve().parent / "results"
ENGINES = ("tantivy", "whoosh", "postgres")


def _document(path_text: tuple[str, str]) -> dict[str, Any]:
    from archive.vn.parser import parse

    name, text = path_text
    meta = parse(text)
    issued = str(meta.get("issued_date") or "")
    awards = [a for a in meta.get("awards") or [] if isinstance(a, dict)]
    return {
        "id": name,
        "content": text,
        "title": meta.get("title") or meta.get("subject") or "",
        "number": meta.get("number") or "",
        "doc_type": meta.get("doc_type") or "",
        "issuer": meta.get("issuer") or "",
        "issued": issued,
        "year": int(issued[:4]) if issued[:4].isdigit() else None,
        "filename": f"{name}.txt",
        "award_forms": [a["award_form"] for a in awards if a.get("award_form")],
        "award_recipients": [a["recipient"] for a in awards if a.get("recipient")],
        "award_years": [a["year"] for a in awards if a.get("year")],
    }


def documents(count: int, seed: int, workers: int) -> list[dict[str, Any]]:
    """The engine-neutral documents of ``count`` corpus files, read by Hoso's parser."""
    paths = corpus_files.ensure_plain(count, seed, workers)
    pairs = ((p.stem, p.read_text(encoding="utf-8")) for p in paths)
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(_document, pairs, chunksize=64))


def archive_documents(data_dir: Path, workers: int) -> list[dict[str, Any]]:
    """The engine-neutral documents of an archive, read from its storage in chunks."""
    from archive.facade import Archive
    from archive.rebuild import stored_index_sources
    from archive.settings import Settings

    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        sources = stored_index_sources(archive)
        with ProcessPoolExecutor(workers) as pool:
            chunks = pool.map(_load, [(sources.load, sources.context, c) for c in sources.chunks()])
            return [document for chunk in chunks for document in chunk]
    finally:
        archive.close()


def _load(task: tuple[Any, Any, list[str]]) -> list[dict[str, Any]]:
    load, context, keys = task
    return list(load(context, keys))


def build(engine: str, docs: list[dict[str, Any]], folder: Path, url: str) -> tuple[Any, float]:
    from search import SearchIndex

    # The archive's time budget (2 s) would refuse the slowest searches; the benchmark
    # times them instead, each up to --query-budget.
    index = SearchIndex(folder / engine, engine, url if engine == "postgres" else "", budget=600)
    start = time.perf_counter()
    index.rebuild(docs)
    index.optimize()
    seconds = time.perf_counter() - start
    print(f"  {engine}: {index.count():,} documents indexed in {seconds:.1f} s", flush=True)
    return index, seconds


def table(classes: dict[str, dict[str, dict[str, float]]], engines: list[str]) -> str:
    head = f"{'query class':<22}" + "".join(f"{e + ' med/p95 ms':>26}" for e in engines)
    ratios = [e for e in engines if e != "tantivy"]
    head += "".join(f"{e + '/tantivy':>18}" for e in ratios)
    lines = [head]
    for name, row in classes.items():
        cells = "".join(
            f"{row[e]['median_ms']:>14.1f} /{row[e]['p95_ms']:>9.1f}" if e in row else f"{'—':>26}"
            for e in engines
        )
        base = row.get("tantivy", {}).get("median_ms") or 0.0
        cells += "".join(
            f"{row[e]['median_ms'] / base:>17.1f}×" if e in row and base else f"{'—':>18}"
            for e in ratios
        )
        lines.append(f"{name:<22}{cells}")
    return "\n".join(lines)


def run(args: argparse.Namespace, folder: Path, url: str) -> dict[str, Any]:
    start = time.perf_counter()
    if args.archive:
        docs = archive_documents(args.archive, args.workers)
        args.docs = len(docs)
    else:
        docs = documents(args.docs, args.seed, args.workers)
    print(f"documents: {args.docs:,}, read in {time.perf_counter() - start:.1f} s", flush=True)
    engines = [e for e in ENGINES if not (e == "whoosh" and args.no_whoosh)]
    indexes, builds = {}, {}
    for engine in engines:
        indexes[engine], builds[engine] = build(engine, docs, folder, url)
    del docs
    print("running the query set ...", flush=True)
    timings = run_query_set(
        {e: (lambda text, sort, ix=indexes[e]: ix.search(text, sort=sort).total) for e in engines},
        warmups=args.warmups,
        runs=args.runs,
        budget=args.query_budget,
    )
    classes = {
        c: {e: class_summary(timings[e][c]) for e in engines if timings[e].get(c)}
        for c in timings["tantivy"]
    }
    queries: dict[str, dict[str, Any]] = {}
    for engine in engines:
        for query_class, found in timings[engine].items():
            for t in found:
                key = (t.query or "(empty)") + (" (date)" if query_class in SORTS else "")
                queries.setdefault(key, {})[engine] = {
                    "median_ms": round(median([s * 1000 for s in t.seconds]), 3),
                    "total": t.total,
                }
    return {
        "docs": args.docs,
        "build_seconds": {e: round(s, 2) for e, s in builds.items()},
        "classes": classes,
        "queries": queries,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--warmups", type=int, default=2)
    parser.add_argument("--query-budget", type=float, default=10.0)
    parser.add_argument("--no-whoosh", action="store_true", help="leave Whoosh out (large runs)")
    parser.add_argument("--pg-url", default="", help="PostgreSQL to use (else one is started)")
    parser.add_argument("--archive", type=Path, help="index the documents of this data dir")
    provenance.add_argument(parser)
    args = parser.parse_args(argv)
    code = provenance.checked(args.allow_dirty)
    server = None
    with tempfile.TemporaryDirectory(prefix="hoso-engines-") as tmp:
        url = args.pg_url
        if not url:
            from tests.postgres import PostgreSQL

            server = PostgreSQL(Path(tempfile.mkdtemp(prefix="hoso-bench-pg-")))
            server.start()
            url = server.url
        try:
            results = run(args, Path(tmp), url)
        finally:
            if server is not None:
                server.stop()
    results["code"] = code
    print()
    print(provenance.header(code))
    print(f"== search: {results['docs']:,} documents ==")
    engines = list(results["build_seconds"])
    print(table(results["classes"], engines))
    print(
        "index build: " + ", ".join(f"{e} {s:.1f} s" for e, s in results["build_seconds"].items())
    )
    for query, row in results["queries"].items():
        totals = {e: v["total"] for e, v in row.items()}
        if len(set(totals.values())) > 1:
            print(f"  matches differ for {query}: {totals}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"engines-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(f"written to {out}")


if __name__ == "__main__":
    main()
