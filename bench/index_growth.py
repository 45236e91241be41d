"""Does the index stay bounded when records are edited and re-ingested again and again?

    .venv/bin/python bench/index_growth.py [--docs 10000] [--cycles 20] [--share 0.1]

Builds an index of the plain benchmark documents, then, cycle after cycle, replaces
a random share of them with edited versions (as metadata edits and re-ingests do),
measuring the index's size on disk after each cycle against the fresh build.
Target (issue 11): at most 1.5 times the fresh size.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import corpus_files
from search import SearchIndex

MAX_GROWTH = 1.5
ISSUERS = ("Ủy ban nhân dân tỉnh Lai Châu", "Sở Nội vụ", "Ban Thi đua - Khen thưởng")


def live_size(index: SearchIndex) -> int:
    """Bytes of the live generation (the replaced one is removed at the next rebuild)."""
    folder = index.root / (index.root / "CURRENT").read_text().strip()
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def documents(paths: list[Path], edit: int) -> Iterator[dict[str, object]]:
    """Engine-neutral documents of the files; ``edit`` > 0 changes each one a little."""
    for n, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        if edit:
            text += f"\nSửa đổi lần {edit}: bổ sung danh sách khen thưởng."
        yield {
            "id": path.stem,
            "content": text,
            "doc_type": "Quyết định",
            "issuer": ISSUERS[n % len(ISSUERS)],
            "issued": f"20{10 + n % 15}-0{1 + n % 9}-1{n % 10}",
            "year": 2010 + n % 15,
            "award_forms": ["Bằng khen"] if n % 2 else ["Giấy khen"],
        }


def main(argv: list[str] | None = None) -> int:
    """Run the cycles; print each one and the verdict; exit 0 unless the bench breaks."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--share", type=float, default=0.1)
    parser.add_argument("--engine", default="tantivy")
    args = parser.parse_args(argv)
    paths = corpus_files.ensure_plain(args.docs, 42, 2)
    rng = random.Random(42)
    with tempfile.TemporaryDirectory(prefix="hoso-growth-") as tmp:
        index = SearchIndex(Path(tmp) / "index", args.engine)
        start = time.perf_counter()
        index.rebuild(documents(paths, 0))
        fresh = live_size(index)
        print(f"fresh build: {args.docs:,} documents, {fresh / 1e6:.1f} MB "
              f"in {time.perf_counter() - start:.1f} s", flush=True)  # fmt: skip
        sizes = []
        for cycle in range(1, args.cycles + 1):
            chosen = rng.sample(paths, int(len(paths) * args.share))
            start = time.perf_counter()
            index.add(documents(chosen, cycle))
            sizes.append(live_size(index))
            print(f"cycle {cycle:2}: {sizes[-1] / 1e6:7.1f} MB = {sizes[-1] / fresh:.2f}× fresh "
                  f"({time.perf_counter() - start:.1f} s)", flush=True)  # fmt: skip
        assert index.count() == args.docs
    worst = max(sizes) / fresh
    verdict = "PASS" if worst <= MAX_GROWTH else "FAIL"
    print(f"{verdict}  index ≤ {MAX_GROWTH}× a fresh build over {args.cycles} cycles: "
          f"worst {worst:.2f}×, last {sizes[-1] / fresh:.2f}×")  # fmt: skip
    print(json.dumps({"fresh_bytes": fresh, "sizes": sizes, "worst_ratio": round(worst, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
