"""``hoso serve --processes N``: several web processes on one port, one archive."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from archive.accounts import create_token, ensure_first_admin
from archive.facade import Archive
from archive.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the parent pid is the 4th field, after the command name in parentheses
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _request(port: int, token: str, method: str, path: str, body: bytes = b"", **headers: str):
    # A new connection each time, so the kernel may hand it to any of the processes.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(
            method, path, body=body or None, headers={"Authorization": f"Bearer {token}", **headers}
        )
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _upload(port: int, token: str, text: str) -> tuple[int, bytes]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="qd.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        + text.encode()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    kind = f"multipart/form-data; boundary={boundary}"
    return _request(port, token, "POST", "/api/v1/records", body, **{"Content-Type": kind})


def test_several_processes_share_one_port_and_see_each_others_writes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    archive = Archive.open(Settings(data_dir=data))
    ensure_first_admin(archive)
    token = create_token(archive, "admin", "processes")
    archive.close()
    port = _free_port()
    env = {**os.environ, "HOSO_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--port", str(port), "--processes", "3"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if _request(port, token, "GET", "/api/v1/search?q=x")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, server.stdout.read()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "hoso serve --processes did not get ready"
            time.sleep(0.3)
        assert len(_children(server.pid)) == 2

        # Each upload lands in whichever process accepted it; every process finds all.
        marks = [f"dauvet{uuid.uuid4().hex[:10]}" for _ in range(4)]
        for mark in marks:
            status, body = _upload(port, token, f"QUYẾT ĐỊNH\nVề việc khen thưởng {mark}\n")
            assert status == 201, body
        for mark in marks:
            for _ in range(6):
                status, body = _request(port, token, "GET", f"/api/v1/search?q={quote(mark)}")
                assert status == 200
                assert json.loads(body)["total"] == 1, (mark, body[:300])
    finally:
        children = _children(server.pid)
        server.send_signal(signal.SIGTERM)
        output = server.communicate(timeout=60)[0]
    assert "Traceback" not in output, output
    # No child outlives the first process and keeps the port.
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(Path(f"/proc/{pid}/stat").exists() for pid in children)
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
