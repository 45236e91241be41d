"""The several-host Hoso of the cluster test, started on this machine (also used by the bench)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from tests.cluster.http import Web
from tests.cluster.services import (
    BUCKET,
    HOSO,
    Process,
    Redis,
    SeaweedCluster,
    hoso,
    hoso_env,
    wait_for,
)
from tests.postgres import PostgreSQL
from tests.seaweed import free_port

PASSWORD = "mat-khau-cum-may-2026"
SECRET = "khoa-phien-chung-cua-moi-may-web"


@dataclass
class Cluster:
    folder: Path
    postgres: PostgreSQL
    redis: Redis
    seaweed: SeaweedCluster
    env: dict[str, str]
    webs: list[Web] = field(default_factory=list)
    web_processes: list[Process] = field(default_factory=list)
    workers: list[Process] = field(default_factory=list)
    uploaded: dict[str, str] = field(default_factory=dict)  # record id -> sha256

    def host(self, name: str) -> dict[str, str]:
        """The environment of one more host: the shared services, a data folder of its own."""
        return hoso_env(self.env, self.folder / "hosts" / name)

    def start_web(self, name: str) -> Web:
        """Start a web process (serving no jobs); wait_web waits for it."""
        port = free_port()
        args = [HOSO, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "0"]
        env = self.host(name)
        process = Process(name, args, self.folder / f"{name}.log", env, Path(env["HOSO_DATA_DIR"]))
        self.web_processes.append(process)
        return Web(f"http://127.0.0.1:{port}")

    @staticmethod
    def wait_web(web: Web) -> None:
        wait_for(lambda: web.page("GET", "/signin").status == 200, f"hoso serve {web.base}", 60)

    def start_worker(self, name: str) -> Process:
        args = [HOSO, "worker", "--workers", "1"]
        env = self.host(name)
        process = Process(name, args, self.folder / f"{name}.log", env, Path(env["HOSO_DATA_DIR"]))
        self.workers.append(process)
        return process

    def sql(self, query: str, *params: Any) -> list[tuple[Any, ...]]:
        url = self.postgres.url.replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(url, autocommit=True) as conn:
            return conn.execute(query, params).fetchall()

    def stop(self) -> None:
        hoso_processes = [*self.workers, *self.web_processes]
        for process in hoso_processes:  # all at once: each may take a while to finish
            if process.alive():
                process.popen.terminate()
        for process in hoso_processes:
            process.stop()
        self.seaweed.stop()
        self.redis.stop()
        if (self.postgres.data / "postmaster.pid").exists():
            self.postgres.stop()


def start_cluster(folder: Path) -> Cluster:
    """PostgreSQL, Redis, SeaweedFS, two web processes and two workers, each in ``folder``."""
    os.chmod(folder, 0o755)  # PostgreSQL's own account must reach its folder
    postgres, redis, seaweed = (
        PostgreSQL(folder / "postgres"),
        Redis(folder / "redis"),
        SeaweedCluster(folder / "seaweed"),
    )
    env = {
        "HOSO_DATABASE_URL": postgres.url,
        "HOSO_SEARCH_ENGINE": "postgres",
        "HOSO_STORAGE_URL": f"s3://{BUCKET}/archive",
        "HOSO_QUEUE_URL": redis.url,
        "HOSO_SECRET_KEY": SECRET,
        "HOSO_WORKERS": "1",
        **seaweed.environment(),
    }
    running = Cluster(folder, postgres, redis, seaweed, env)
    try:
        seaweed.launch()  # its processes come up while PostgreSQL is made
        postgres.start()
        redis.start()
        seaweed.wait_ready()
        admin = running.host("admin")
        for name, role in (("lan", "archivist"), ("kiem", "auditor")):
            hoso(admin, "--operator", "user", "add", name, "--role", role, "--password-stdin",
                 stdin=PASSWORD + "\n")  # fmt: skip
        token = hoso(admin, "--operator", "token", "create", "lan", "--label", "cluster").strip()
        running.webs = [running.start_web("web1"), running.start_web("web2")]
        running.start_worker("worker1")
        running.start_worker("worker2")
        for web in running.webs:
            running.wait_web(web)
            web.token = token
    except BaseException:
        running.stop()
        raise
    return running
