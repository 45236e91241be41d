"""Load the web API: concurrent searchers and uploaders for a bounded time, on loopback.

    python bench/web_load.py --serve --docs 10000 --seconds 60      # own server, own archive
    python bench/web_load.py --url http://127.0.0.1:8000 --token hoso_…   # a running server

Reports requests per second, median and p95 latency per kind, and errors.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

# Run as a script, so the checkout (``bench``, Hoso) must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import provenance

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PROVINCES = ["Lai Châu", "Lào Cai", "Nghệ An", "Tuyên Quang", "Bắc Kạn", "Đà Nẵng", "Hà Giang",
             "Quảng Ninh", "Thanh Hóa", "Cà Mau", "Sơn La", "Huế"]  # fmt: skip
FORMS = ["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "danh hiệu Chiến sĩ thi đua cơ sở",
         "danh hiệu Lao động tiên tiến", "danh hiệu Tập thể lao động xuất sắc", "Giấy khen"]  # fmt: skip
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thị Dung", "Hoàng Văn Em",
         "Vũ Thị Giang", "Đặng Quốc Huy", "Bùi Thị Lan", "Đỗ Minh Khoa", "Lò Văn Páo"]  # fmt: skip
QUERIES = ["khen thuong", "bằng khen", "chien si thi dua", '"lao động tiên tiến"', "thi dua OR khen",
           'loai:"quyết định"', "nam:2010..2015", 'coquan:"lao cai"', "tap the lao dong xuat sac",
           "giay khen -bang", "nguyen van an", "so:12/QĐ-UBND", ""]  # fmt: skip


def document(rng: random.Random, serial: int) -> str:
    """A plausible award decision with varied number, date, issuer and recipients."""
    province, year = rng.choice(PROVINCES), rng.randint(2005, 2024)
    form = rng.choice(FORMS)
    people = "\n".join(
        f"{i}. {rng.choice(NAMES)}, chuyên viên;" for i in range(1, rng.randint(2, 9))
    )
    return (
        f"ỦY BAN NHÂN DÂN\nTỈNH {province.upper()}\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        f"Độc lập - Tự do - Hạnh phúc\n---------------\nSố: {serial}/QĐ-UBND\n"
        f"{province}, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {year}\n\n"
        f"QUYẾT ĐỊNH\nVề việc tặng {form} năm {year}\n\n"
        f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {province.upper()}\n\n"
        "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;\n\nQUYẾT ĐỊNH:\n\n"
        f"Điều 1. Tặng {form} cho các cá nhân có thành tích xuất sắc:\n{people}\n\n"
        f"Điều 2. Quyết định có hiệu lực kể từ ngày ký. [{uuid.uuid4().hex}]\n"
    )


def _fill_share(data_dir: str, start: int, count: int) -> int:
    from archive.facade import Archive
    from archive.settings import from_env
    from ingest.pipeline import Ingester

    archive = Archive.open(from_env(data_dir=Path(data_dir)))
    ingester, rng = Ingester(archive, user="bench", batch_size=256), random.Random(start)
    for serial in range(start, start + count):
        body = document(rng, serial).encode()
        ingester.ingest_stream(io.BytesIO(body), f"qd-{serial}.txt")
        if ingester.due:
            ingester.flush()
    ingester.flush()
    archive.close()
    return count


def prefill(data_dir: Path, docs: int, workers: int) -> None:
    """Ingest generated documents until the archive holds ``docs`` records."""
    from archive.facade import Archive
    from archive.settings import from_env

    archive = Archive.open(from_env(data_dir=data_dir))
    have = archive.stats()["records"]
    archive.close()
    missing = max(0, docs - have)
    print(f"kho có {have} tài liệu; tạo thêm {missing}…", file=sys.stderr)
    share = -(-missing // workers) if missing else 0
    with ProcessPoolExecutor(workers) as pool:
        jobs = [pool.submit(_fill_share, str(data_dir), have + i * share, min(share, missing - i * share))
                for i in range(workers) if missing - i * share > 0]  # fmt: skip
        done = sum(job.result() for job in jobs)
    print(f"đã tạo {done} tài liệu", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    data_dir: Path, threads: int, processes: int = 1
) -> tuple[subprocess.Popen[bytes], str, str]:
    """Run ``hoso serve`` on a free loopback port; return it, its URL and an admin token."""
    from archive.accounts import create_token, ensure_first_admin
    from archive.facade import Archive
    from archive.settings import from_env

    archive = Archive.open(from_env(data_dir=data_dir))
    ensure_first_admin(archive)
    token = create_token(archive, "admin", "web_load")
    archive.close()
    port = free_port()
    env = {**os.environ, "HOSO_DATA_DIR": str(data_dir)}
    hoso = Path(sys.executable).with_name("hoso")
    command = [str(hoso), "serve", "--port", str(port), "--threads", str(threads)]
    command += ["--processes", str(processes)]
    server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, f"http://127.0.0.1:{port}", token
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("máy chủ không khởi động được trong 30 giây")


class Client:
    """One keep-alive connection that times each request."""

    def __init__(self, url: str, token: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.headers = {"Authorization": f"Bearer {token}"}
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(self, method: str, path: str, body: bytes | None = None, **headers: str) -> int:
        try:
            self.conn.request(method, path, body=body, headers={**self.headers, **headers})
            response = self.conn.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            return 0


def search_once(client: Client, rng: random.Random) -> int:
    params: dict[str, object] = {"q": rng.choice(QUERIES), "page": rng.choice([1, 1, 1, 2, 3])}
    if rng.random() < 0.3:
        params["year"] = rng.randint(2005, 2024)
    if rng.random() < 0.2:
        params["sort"] = "date"
    return client.request("GET", "/api/v1/search?" + urlencode(params))


def upload_once(client: Client, rng: random.Random) -> int:
    boundary = uuid.uuid4().hex
    text = document(rng, rng.randint(1, 10**6)).encode()
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.txt"\r\n'
            f"Content-Type: text/plain\r\n\r\n"
        ).encode()
        + text
        + f"\r\n--{boundary}--\r\n".encode()
    )
    kind = f"multipart/form-data; boundary={boundary}"
    return client.request("POST", "/api/v1/records", body, **{"Content-Type": kind})


def worker(kind: str, url: str, token: str, until: float, results: dict, seed: int) -> None:
    client, rng = Client(url, token), random.Random(seed)
    action = search_once if kind == "search" else upload_once
    while time.monotonic() < until:
        began = time.perf_counter()
        status = action(client, rng)
        results[kind].append((time.perf_counter() - began, status))


def run_load(url: str, token: str, args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    results: dict[str, list[tuple[float, int]]] = defaultdict(list)
    until = time.monotonic() + args.seconds
    plan = ["search"] * args.searchers + ["upload"] * args.uploaders
    threads = [threading.Thread(target=worker, args=(kind, url, token, until, results, i))
               for i, kind in enumerate(plan)]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {kind: summarize(samples, args.seconds) for kind, samples in results.items()}


def summarize(samples: list[tuple[float, int]], seconds: float) -> dict[str, Any]:
    times = sorted(t * 1000 for t, _ in samples)
    # Success is 200 for a search, 201 for an upload (each upload is a new document).
    failed = Counter(str(status) for _, status in samples if status not in (200, 201))
    return {
        "requests": len(times),
        "rps": round(len(times) / seconds, 1),
        "median_ms": round(statistics.median(times), 1) if times else 0.0,
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1) if times else 0.0,
        "errors": sum(failed.values()),
        "error_statuses": dict(failed),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--token", default=os.environ.get("HOSO_TOKEN", ""))
    parser.add_argument("--serve", action="store_true", help="start a server on a temp archive")
    parser.add_argument("--data-dir", type=Path, help="archive to fill and serve (kept)")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=8, help="server threads")
    parser.add_argument(
        "--processes",
        type=int,
        default=min(4, os.cpu_count() or 1),
        help="server processes (hoso serve --processes), as an office server runs: one a core",
    )
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--searchers", type=int, default=20)
    parser.add_argument("--uploaders", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    provenance.add_argument(parser)
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 3600 or args.searchers + args.uploaders > 200 or args.docs > 10**6:
        parser.error("giới hạn: --seconds ≤ 3600, tối đa 200 luồng, --docs ≤ 1.000.000")
    if not args.serve and urlsplit(args.url).hostname not in LOOPBACK:
        parser.error("chỉ chạy trên máy này (127.0.0.1)")
    if not args.serve and not args.token:
        parser.error("cần --token (hoặc HOSO_TOKEN), hoặc dùng --serve")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    code = provenance.checked(args.allow_dirty)
    server = None
    with tempfile.TemporaryDirectory(prefix="hoso-bench-") as tmp:
        url, token = args.url, args.token
        if args.serve:
            data_dir = args.data_dir or Path(tmp) / "data"
            prefill(data_dir, args.docs, args.workers)
            server, url, token = start_server(data_dir, args.threads, args.processes)
        try:
            report = run_load(url, token, args)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
    if args.json:
        print(json.dumps({"code": code, "load": report}, ensure_ascii=False))
        return
    print(provenance.header(code))
    if args.serve:
        print(f"hoso serve --processes {args.processes} --threads {args.threads}")
    print(f"{'loại':<8}{'yêu cầu':>9}{'req/s':>8}{'trung vị':>11}{'p95':>10}{'lỗi':>6}")
    for kind, row in sorted(report.items()):
        print(f"{kind:<8}{row['requests']:>9}{row['rps']:>8}{row['median_ms']:>9}ms"
              f"{row['p95_ms']:>8}ms{row['errors']:>6}  {row['error_statuses'] or ''}")  # fmt: skip


if __name__ == "__main__":
    main()
