"""The services of a several-host Hoso, each its own process on loopback.

Redis (Debian ``redis-server``), a SeaweedFS cluster (one master, two volume
servers holding every object twice, a filer with its S3 gateway), and Hoso's own
processes (``hoso serve``, ``hoso worker``, one-off commands), each with a data
folder of its own so that they share nothing but the services.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import boto3
import redis
from botocore.config import Config

from tests.seaweed import ACCESS_KEY, SECRET_KEY, free_port, weed_binary

HOSO = str(Path(sys.executable).parent / "hoso")
BUCKET = "hoso"


def grpc_port() -> int:
    """A free port whose SeaweedFS gRPC twin (port + 10000) is free as well."""
    while True:
        port = free_port()
        if port + 10000 > 65535:
            continue
        try:
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", port + 10000))
            return port
        except OSError:
            continue


def wait_for(check, what: str, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    """Poll ``check`` until it is true; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception as error:  # not up yet; the deadline bounds the wait
            last = error
        time.sleep(0.3)
    raise RuntimeError(f"{what} không sẵn sàng sau {timeout:.0f} giây ({last})")


class Process:
    """One child process with its log file."""

    def __init__(
        self,
        name: str,
        args: list[str],
        log: Path,
        env: Mapping[str, str],
        cwd: Path | None = None,
    ) -> None:
        self.name = name
        self.log = log
        with log.open("ab") as out:
            self.popen = subprocess.Popen(
                args,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=dict(env),
                cwd=cwd or log.parent,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self) -> None:
        """Die at once, as a crash or a lost host does."""
        if self.alive():
            self.popen.send_signal(signal.SIGKILL)
        self.popen.wait()

    def stop(self, timeout: float = 20) -> None:
        if self.alive():
            self.popen.terminate()
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()


class Redis:
    """A throw-away Redis without persistence."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.process: Process | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no", "--dir", str(self.folder)]
        self.process = Process("redis", args, self.folder / "redis.log", {"PATH": "/usr/bin:/bin"})
        client = redis.Redis.from_url(self.url)
        wait_for(client.ping, "Redis", 30)

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()


class SeaweedCluster:
    """One master, two volume servers on one rack (replication 001), a filer with S3."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.master_port = grpc_port()
        self.volume_ports = [grpc_port(), grpc_port()]
        self.filer_port = grpc_port()
        self.s3_port = free_port()
        self.processes: dict[str, Process] = {}

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

    def _start(self, name: str, *args: str) -> Process:
        folder = self.folder / name
        folder.mkdir(parents=True, exist_ok=True)
        common = ["-ip=127.0.0.1", "-ip.bind=127.0.0.1"]
        process = Process(
            name,
            [weed_binary(), *args, *common],
            folder / "weed.log",
            {"PATH": "/usr/bin:/bin"},
            cwd=folder,  # the filer keeps its metadata store in its working folder
        )
        self.processes[name] = process
        return process

    def start_volume(self, index: int) -> None:
        folder = self.folder / f"volume{index}"
        self._start(
            f"volume{index}",
            "volume",
            f"-port={self.volume_ports[index]}",
            f"-dir={folder}",
            f"-mserver=127.0.0.1:{self.master_port}",
            "-dataCenter=dc1",
            "-rack=rack1",
            "-max=40",
            "-minFreeSpace=1GiB",
        )

    def start(self) -> None:
        self.launch()
        self.wait_ready()

    def launch(self) -> None:
        """Start every process without waiting for them."""
        master = self.folder / "master"
        self._start(
            "master",
            "master",
            f"-port={self.master_port}",
            f"-mdir={master}",
            "-defaultReplication=001",
            "-volumeSizeLimitMB=64",
        )
        for index in (0, 1):
            self.start_volume(index)
        config = self.folder / "s3.json"
        config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "hoso",
                            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        }
                    ]
                }
            )
        )
        self._start(
            "filer",
            "filer",
            f"-port={self.filer_port}",
            f"-master=127.0.0.1:{self.master_port}",
            "-s3",
            f"-s3.port={self.s3_port}",
            f"-s3.port.grpc={free_port()}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-s3.config={config}",
        )

    def wait_ready(self) -> None:
        """Wait until the S3 gateway stores and deletes an object."""
        client = self.client()

        def ready() -> bool:
            dead = [name for name, p in self.processes.items() if not p.alive()]
            if dead:
                raise AssertionError(f"SeaweedFS {dead} stopped; see {self.folder}/*/weed.log")
            client.head_bucket(Bucket=BUCKET) if self._bucket_made else self._make_bucket()
            client.put_object(Bucket=BUCKET, Key="ready-check", Body=b"ok")
            client.delete_object(Bucket=BUCKET, Key="ready-check")
            return True

        self._bucket_made = False
        wait_for(ready, "SeaweedFS (S3)", 90)

    def _make_bucket(self) -> None:
        self.client().create_bucket(Bucket=BUCKET)
        self._bucket_made = True

    def client(self):  # type: ignore[no-untyped-def]
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(retries={"max_attempts": 2}, connect_timeout=2, read_timeout=30),
        )

    def stop(self) -> None:
        for process in self.processes.values():
            if process.alive():
                process.popen.terminate()
        for process in self.processes.values():
            process.stop(timeout=5)  # throw-away data: no need to wait for a slow goodbye


def hoso_env(base: Mapping[str, str], data_dir: Path) -> dict[str, str]:
    """The environment of one Hoso process: the shared services, a data folder of its own."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = f"{Path(sys.executable).parent}:/usr/bin:/bin"
    return {
        "PATH": path,
        "LANG": "C.UTF-8",
        "HOME": str(data_dir),
        "HOSO_DATA_DIR": str(data_dir),
        **base,
    }


def hoso(env: Mapping[str, str], *args: str, stdin: str = "", timeout: float = 120) -> str:
    """Run one ``hoso`` command; return its output, failing with it when the command fails."""
    done = subprocess.run(
        [HOSO, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(env),
        cwd=env["HOSO_DATA_DIR"],
        timeout=timeout,
    )
    if done.returncode != 0:
        raise AssertionError(f"hoso {' '.join(args)} failed: {done.stdout}\n{done.stderr}")
    return done.stdout
