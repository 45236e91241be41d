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
from pathlib import Path

import pytest

from tests.cluster.cluster import PASSWORD, Cluster, start_cluster
from tests.cluster.http import Web
from tests.cluster.services import BUCKET, hoso, wait_for
from tests.documents import write_pdf
from tests.samples import TOPICS, decision, scan_images

pytestmark = [pytest.mark.cluster, pytest.mark.slow, pytest.mark.pg, pytest.mark.s3]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    running = start_cluster(Path(tempfile.mkdtemp(prefix="hoso-cluster-")))
    try:
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
