"""Hoso on several hosts, each part on an existing engine, every one its own process.

PostgreSQL holds the catalog and the search index, Redis the job queue, a SeaweedFS
cluster (two volume servers keeping every object twice) the originals; two web
processes and two workers, each with a data folder of its own, share nothing else.
Through both web processes the tests archive, find, edit, hold and import, and they
check what a cluster must survive: a worker killed mid-job, a volume server lost.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest

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
from tests.documents import write_pdf
from tests.postgres import PostgreSQL
from tests.samples import TOPICS, decision, scan_images
from tests.seaweed import free_port

pytestmark = [pytest.mark.cluster, pytest.mark.slow, pytest.mark.pg, pytest.mark.s3]

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
        self.postgres.stop()


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    folder = Path(tempfile.mkdtemp(prefix="hoso-cluster-"))
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
        yield running
    finally:
        running.stop()


def pdf_bytes(text: str, folder: Path) -> bytes:
    return write_pdf(text, folder / f"{hashlib.sha1(text.encode()).hexdigest()}.pdf").read_bytes()


def scan_pdf(indexes: list[int], folder: Path) -> bytes:
    """A scanned paper record: pages of images with no text layer."""
    pages = [scan_images(decision(i), folder / "render")[0] for i in indexes]
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=200.0, save_all=True, append_images=pages[1:])
    return out.getvalue()


def upload(cluster: Cluster, web: Web, name: str, data: bytes) -> str:
    status, body = web.upload(name, data)
    assert status == 201, body
    cluster.uploaded[body["id"]] = hashlib.sha256(data).hexdigest()
    return str(body["id"])


def test_each_web_process_sees_the_others_writes(cluster: Cluster, tmp_path: Path) -> None:
    web1, web2 = cluster.webs
    texts = {
        "web1": "Quyết định khen thưởng phong trào thi đua xây dựng nông thôn mới huyện Mèo Vạc",
        "web2": "Kế hoạch tổ chức hội nghị điển hình tiên tiến ngành giáo dục tỉnh Cao Bằng",
    }
    first = upload(cluster, web1, "meo-vac.pdf", pdf_bytes(texts["web1"], tmp_path))
    second = upload(cluster, web2, "cao-bang.pdf", pdf_bytes(texts["web2"], tmp_path))
    # Each finds, at once, what the other archived: the index is one, in PostgreSQL.
    assert [h["id"] for h in web2.search('"meo vac"')["hits"]] == [first]
    assert [h["id"] for h in web1.search("điển hình tiên tiến")["hits"]] == [second]

    status, edited = web2.api(
        "PATCH",
        f"/records/{first}",
        json={
            "metadata": {"subject": "Khen thưởng nông thôn mới Mèo Vạc"},
            "reason": "Sửa trích yếu",
        },
    )
    assert status == 200 and edited["version"] == 2, edited
    status, seen = web1.api("GET", f"/records/{first}")
    assert status == 200 and seen["version"] == 2
    assert [h["id"] for h in web1.search('trichyeu:"nong thon moi"')["hits"]] == [first]

    # A hold placed by a person signed in on one web process, seen through the other.
    web1.signin("kiem", PASSWORD)
    response = web1.form("/holds/place", {"target": second, "reason": "Thanh tra tỉnh"})
    assert response.status == 302
    status, held = web2.api("GET", f"/records/{second}")
    assert status == 200 and held["metadata"]["retention"]["hold"], held["metadata"]
    # A session signed on one web process is good on the other (one shared secret key).
    web2.cookie = web1.cookie
    assert web2.page("GET", "/").status == 200


def test_ocr_jobs_run_on_workers_and_survive_a_killed_worker(
    cluster: Cluster, tmp_path: Path
) -> None:
    web1, web2 = cluster.webs
    record = upload(cluster, web1, "quet-3-trang.pdf", scan_pdf([0, 1, 2], tmp_path))
    jobs = cluster.sql("SELECT id FROM jobs WHERE record_id = %s AND kind = 'ocr'", record)
    assert len(jobs) == 1
    job = jobs[0][0]

    def running() -> bool:
        return bool(cluster.sql("SELECT 1 FROM jobs WHERE id = %s AND state = 'running'", job))

    wait_for(running, "an OCR job taken by a worker", 60)
    (holder,) = cluster.sql("SELECT worker FROM jobs WHERE id = %s", job)[0]
    pid = int(holder.rpartition(":")[2])
    victim = next(w for w in cluster.workers if w.pid == pid)
    os.killpg(pid, signal.SIGKILL)  # the worker and its Tesseract runs, mid-job
    victim.popen.wait()
    # The host's supervisor starts it again; on start it hands back the dead worker's job.
    cluster.start_worker("worker1-again")

    def done() -> bool:
        return bool(cluster.sql("SELECT 1 FROM jobs WHERE id = %s AND state = 'done'", job))

    wait_for(done, "the redelivered OCR job", 150)
    (worker, attempts) = cluster.sql("SELECT worker, attempts FROM jobs WHERE id = %s", job)[0]
    assert attempts == 2 and worker != holder
    # Every job ran in a worker, none in a web process.
    web_pids = {p.pid for p in cluster.web_processes}
    worker_pids = {p.pid for p in cluster.workers}
    ran = {int(w.rpartition(":")[2]) for (w,) in cluster.sql("SELECT worker FROM jobs")}
    assert ran <= worker_pids and not ran & web_pids
    # The scan's words, read by OCR on a worker, are found through the other web process.
    assert [h["id"] for h in web2.search(f'"{TOPICS[2]}"')["hits"]] == [record]


def test_an_import_started_on_one_web_process_runs_on_a_worker(
    cluster: Cluster, tmp_path: Path
) -> None:
    web1, web2 = cluster.webs
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as box:
        for i in range(3):
            box.writestr(f"hop/qd-{i}.txt", f"Quyết định số {i}/QĐ-UBND khen thưởng đợt nhập hộp")
    web2.signin("lan", PASSWORD)
    started = web2.form("/import/", {"box": ("hop.zip", out.getvalue())}, multipart=True)
    assert started.status == 302, started.data.decode()[:500]
    location = started.headers["Location"]
    path = location[location.index("/import/") :]
    web1.signin("lan", PASSWORD)

    def finished() -> bool:
        state = web1.page("GET", path + "/status").json()
        assert state["state"] not in ("failed", "cancelled"), state
        return bool(state["state"] == "done")

    wait_for(finished, "the import", 90)
    report = web1.page("GET", path + "/report.csv")
    assert report.status == 200 and "qd-2.txt" in report.data.decode("utf-8-sig")
    assert web1.search('"dot nhap hop"')["total"] == 3
    # Nothing of the box stays anywhere once the worker has tidied up: not in the store,
    # not on a host; the report stays in the store for every web process.
    client = cluster.seaweed.client()
    report_key = f"archive/staging/imports/{path.rsplit('/', 1)[1]}/bao-cao-nhap.csv"

    def tidied() -> bool:
        listed = client.list_objects_v2(Bucket=BUCKET, Prefix="archive/staging/")
        return [o["Key"] for o in listed.get("Contents", [])] == [report_key]

    wait_for(tidied, "the staged box removed", 20)
    assert not list((cluster.folder / "hosts").glob("*/imports/*/hop.zip"))


def test_losing_a_volume_server_loses_nothing(cluster: Cluster) -> None:
    """Every object is on both volume servers (replication 001): one lost, all still read
    back byte for byte; once it is back, writes resume and fixity passes."""
    web1, web2 = cluster.webs
    assert cluster.uploaded
    client = cluster.seaweed.client()
    cluster.seaweed.processes["volume1"].kill()
    for sha256 in cluster.uploaded.values():
        key = f"archive/blobs/sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"
        body = client.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        assert hashlib.sha256(body).hexdigest() == sha256
    # Searching needs only PostgreSQL: it goes on meanwhile.
    assert web2.search('"meo vac"')["total"] == 1
    cluster.seaweed.start_volume(1)
    wait_for(lambda: web1.upload("sau-su-co.txt", "Báo cáo sau sự cố kho".encode())[0] == 201,
             "writes after the volume server came back", 90)  # fmt: skip
    for record, sha256 in cluster.uploaded.items():
        status, data = web2.api("GET", f"/records/{record}/file")
        assert status == 200 and hashlib.sha256(data).hexdigest() == sha256
    # Fixity reads every original back through the store and hashes it again.
    report = json.loads(hoso(cluster.host("admin"), "--operator", "fixity", "--json"))
    assert report["checked"] >= len(cluster.uploaded) and report["failed"] == [], report


def test_rebuild_and_reindex_work_against_the_cluster(cluster: Cluster) -> None:
    web1, _ = cluster.webs
    before = web1.search("")["total"]
    assert before >= 6
    # The live index rebuilt while a web process keeps answering.
    hoso(cluster.host("admin"), "--operator", "reindex")
    assert web1.search("")["total"] == before
    assert web1.search('"meo vac"')["total"] == 1
    # The whole catalog and index rebuilt from the bucket alone, in a new database.
    fresh = cluster.postgres.create_database("hoso_rebuilt")
    host = {**cluster.host("rebuilt"), "HOSO_DATABASE_URL": fresh}
    hoso(host, "--operator", "rebuild", timeout=300)
    hoso(host, "--operator", "reindex", timeout=300)
    found = hoso(host, "--operator", "search", "meo vac")
    assert "Mèo Vạc" in found or "meo-vac.pdf" in found, found
    counted = hoso(host, "--operator", "search", "")
    assert str(before) in counted, counted
