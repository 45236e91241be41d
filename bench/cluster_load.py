"""Load a cluster: searchers and uploaders spread over two web processes, on loopback.

    python bench/cluster_load.py --docs 2000 --seconds 60     # 20 searchers, 4 uploaders

Starts what the cluster test starts (``tests/cluster/cluster.py``: PostgreSQL for the
catalog and search, Redis, a SeaweedFS cluster with two volume servers, two ``hoso
serve`` and two ``hoso worker`` processes), fills the archive with ``--docs``
generated decisions, then runs the load of ``bench/web_load.py`` with every other
client on the other web process.  The single-process figure to set beside it:
``python bench/web_load.py --serve --docs 2000 --seconds 60``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import provenance, web_load
from tests.cluster.cluster import start_cluster


def run_load(urls: list[str], token: str, args: argparse.Namespace) -> dict[str, Any]:
    """``web_load``'s clients, every other one on the next web process."""
    results: dict[str, list[tuple[float, int]]] = defaultdict(list)
    until = time.monotonic() + args.seconds
    plan = ["search"] * args.searchers + ["upload"] * args.uploaders
    threads = [
        threading.Thread(
            target=web_load.worker, args=(kind, urls[i % len(urls)], token, until, results, i)
        )
        for i, kind in enumerate(plan)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {kind: web_load.summarize(samples, args.seconds) for kind, samples in results.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--searchers", type=int, default=20)
    parser.add_argument("--uploaders", type=int, default=4)
    provenance.add_argument(parser)
    args = parser.parse_args(argv)
    code = provenance.checked(args.allow_dirty)
    cluster = start_cluster(Path(tempfile.mkdtemp(prefix="hoso-cluster-load-")))
    try:
        # The prefill writes through the cluster's services, as any host would.
        services = {
            k: v for k, v in cluster.host("prefill").items() if k.startswith(("HOSO_", "AWS_"))
        }
        os.environ.update(services)
        web_load.prefill(Path(os.environ["HOSO_DATA_DIR"]), args.docs, args.workers)
        report = run_load([w.base for w in cluster.webs], cluster.webs[0].token, args)
    finally:
        cluster.stop()
    print(provenance.header(code))
    print(f"cluster: 2 web processes, 2 workers, {args.docs:,} documents, {args.seconds:.0f} s")
    print(f"{'kind':<8}{'requests':>9}{'req/s':>8}{'median':>11}{'p95':>10}{'errors':>7}")
    for kind, row in sorted(report.items()):
        print(f"{kind:<8}{row['requests']:>9}{row['rps']:>8}{row['median_ms']:>9}ms"
              f"{row['p95_ms']:>8}ms{row['errors']:>7}  {row['error_statuses'] or ''}")  # fmt: skip
    print(json.dumps({"code": code, "load": report}, ensure_ascii=False))


if __name__ == "__main__":
    main()
