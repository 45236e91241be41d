"""Scans and bulk import on the web: OCR state and retry, review, searchable PDF, /import."""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import update

from archive import jobs
from archive.catalog.models import RecordRow
from archive.facade import Archive
from archive.records import searchable_key, text_key
from tests.documents import write_pdf
from tests.web.conftest import Auth, job_workers

JSON = {"Accept": "application/json"}


class Queue:
    """Stands in for ``hoso serve``'s job queue: it only notes what it was handed."""

    def __init__(self) -> None:
        self.sent: list[int] = []

    def enqueue(self, job_id: int) -> None:
        self.sent.append(job_id)


def scan_png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (400, 300), 255).save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


def test_a_scan_upload_queues_its_ocr(app: Flask, client: FlaskClient, auth: Auth) -> None:
    queue = app.extensions["hoso.queue"] = Queue()
    auth.signin("archivist")
    data = {"file": (io.BytesIO(scan_png()), "quet.png")}
    body = client.post("/upload/file", data=data, headers=JSON).get_json()
    assert body["status"] == "created" and body["ocr"]["state"] == "queued"
    assert queue.sent == [body["ocr"]["job"]] and "OCR" in body["ocr_note"]
    page = client.get(f"/records/{body['id']}").get_data(as_text=True)
    assert "chờ OCR" in page and "Đang chờ" in page


def test_failed_job_retry_from_record_and_jobs_page(
    app: Flask, client: FlaskClient, auth: Auth, archive: Archive, record_id: str
) -> None:
    job_id = jobs.create(archive, "ocr", record_id)
    jobs.finish(archive, job_id, error="NotFound: bản gốc tạm thời không đọc được")
    auth.signin("viewer")
    page = client.get(f"/records/{record_id}").get_data(as_text=True)
    assert "Lỗi" in page and "tạm thời không đọc được" in page and "Chạy lại" not in page
    assert client.get("/jobs/").status_code == 403
    assert client.post(f"/jobs/{job_id}/retry").status_code == 403
    auth.signin("archivist")
    listing = client.get("/jobs/?state=failed").get_data(as_text=True)
    assert f"/records/{record_id}" in listing and "Chạy lại" in listing
    queue = app.extensions["hoso.queue"] = Queue()
    back = f"/records/{record_id}#ocr"
    done = client.post(f"/jobs/{job_id}/retry", data={"next": back})
    assert done.location == back and queue.sent == [job_id]
    assert jobs.get(archive, job_id).state == "queued"  # type: ignore[union-attr]
    again = client.post(f"/jobs/{job_id}/retry", follow_redirects=True)
    assert "không ở trạng thái lỗi" in again.get_data(as_text=True)


def weak_ocr(archive: Archive, record_id: str) -> None:
    """Make the record look recognised with a weak page, as an OCR job would leave it."""
    record = archive.get(record_id)
    document = archive.text_document(record)
    document.update(sources=["ocr"], confidence=[42.0])
    archive.store.put_bytes(text_key(record.sha256), json.dumps(document).encode())
    with archive.session() as session:
        session.execute(
            update(RecordRow).where(RecordRow.id == record_id).values(ocr_confidence=42.0)
        )


def test_review_page_and_page_confidence(
    client: FlaskClient, auth: Auth, archive: Archive, record_id: str
) -> None:
    weak_ocr(archive, record_id)
    auth.signin("auditor")
    assert client.get("/review/").status_code == 403
    auth.signin("archivist")
    page = client.get("/review/").get_data(as_text=True)
    assert f"/records/{record_id}#text" in page and "trang 1: 42%" in page and "80%" in page
    record = client.get(f"/records/{record_id}").get_data(as_text=True)
    assert "OCR · tin cậy 42%" in record and "dưới 80%" in record


def test_searchable_pdf_is_shown_inline(
    client: FlaskClient, auth: Auth, archive: Archive, record_id: str, tmp_path: Path
) -> None:
    auth.signin("viewer")
    assert client.get(f"/records/{record_id}/searchable").status_code == 404
    pdf = write_pdf("Bản PDF tìm kiếm được", tmp_path / "s.pdf").read_bytes()
    archive.store.put_bytes(searchable_key(archive.get(record_id).sha256), pdf)
    page = client.get(f"/records/{record_id}").get_data(as_text=True)
    assert f"/records/{record_id}/searchable" in page and "Tải bản gốc" in page
    with client.get(f"/records/{record_id}/searchable") as response:
        assert response.mimetype == "application/pdf" and response.data == pdf
        assert response.headers["Content-Disposition"].startswith("inline")


def make_box(tmp_path: Path, sample_dir: Path) -> tuple[bytes, bytes]:
    """A ZIP of two documents and one unsafe entry, and a manifest naming one missing file."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as box:
        box.writestr(
            "cap-1/qd-1268.txt", (sample_dir / "c01_qd_bangkhen_ubnd_laichau.txt").read_bytes()
        )
        box.writestr("cap-1/qd-02.txt", (sample_dir / "c02_qd_cstdcs_ltt_snv.txt").read_bytes())
        box.writestr("../ngoai-hop.txt", b"x")
    sheet = io.StringIO()
    writer = csv.writer(sheet)
    writer.writerow(["Tệp", "Số, ký hiệu", "Ngày ban hành", "Cột lạ"])
    writer.writerow(["cap-1/qd-1268.txt", "1268/QĐ-UBND", "18/12/2015", "?"])
    writer.writerow(["cap-1/thieu.txt", "9/QĐ", "01/01/2015", ""])
    return out.getvalue(), sheet.getvalue().encode()


def wait_done(client: FlaskClient, url: str, seconds: float = 60) -> dict:  # type: ignore[type-arg]
    deadline = time.monotonic() + seconds
    while True:
        status = client.get(url + "/status").get_json()
        if status["state"] not in ("queued", "running"):
            return status  # type: ignore[no-any-return]
        assert time.monotonic() < deadline, "import did not finish"
        time.sleep(0.2)


def test_bulk_import_with_manifest(
    client: FlaskClient, auth: Auth, tmp_path: Path, sample_dir: Path, workers: None
) -> None:
    box, sheet = make_box(tmp_path, sample_dir)
    auth.signin("viewer")
    assert client.get("/import/").status_code == 403
    auth.signin("archivist")
    form = {"box": (io.BytesIO(box), "hop-01.zip"), "manifest": (io.BytesIO(sheet), "bang-ke.csv")}
    started = client.post("/import/", data=form)
    assert started.status_code == 302
    status = wait_done(client, started.location)
    assert status["state"] == "done" and status["done"] == status["total"] == 4
    page = client.get(started.location).get_data(as_text=True)
    for text in ("Đã lưu", "Bị từ chối", "Bảng kê ghi nhưng không có tệp", "Cột lạ", "đường dẫn"):
        assert text in page, text
    with client.get(started.location + "/report.csv") as report:
        rows = list(csv.reader(io.StringIO(report.data.decode("utf-8-sig"))))
    assert rows[0][0] == "tệp" and any(row[1] == "missing" for row in rows)
    assert "Nhập hàng loạt" in client.get("/import/").get_data(as_text=True)
    assert client.get("/import/khong-co").status_code == 404


def test_bulk_import_refusals(client: FlaskClient, auth: Auth, tmp_path: Path) -> None:
    auth.signin("archivist")
    assert "Chưa chọn tệp ZIP" in client.post("/import/", data={}).get_data(as_text=True)
    not_zip = client.post("/import/", data={"box": (io.BytesIO(b"%PDF-1.4"), "hop.zip")})
    assert not_zip.status_code == 400 and "không phải tệp ZIP" in not_zip.get_data(True)
    box = io.BytesIO()
    with zipfile.ZipFile(box, "w") as handle:
        handle.writestr("a.txt", "Văn bản")
    no_column = {"box": (io.BytesIO(box.getvalue()), "hop.zip"),
                 "manifest": (io.BytesIO(b"so,ngay\n1,2\n"), "bang-ke.csv")}  # fmt: skip
    refused = client.post("/import/", data=no_column)
    assert refused.status_code == 400 and "thiếu cột tên tệp" in refused.get_data(as_text=True)
    wrong_type = {"box": (io.BytesIO(box.getvalue()), "hop.zip"),
                  "manifest": (io.BytesIO(b"x"), "bang-ke.pdf")}  # fmt: skip
    assert "CSV hoặc XLSX" in client.post("/import/", data=wrong_type).get_data(as_text=True)


def test_bulk_import_reads_its_scans(
    client: FlaskClient, auth: Auth, archive: Archive, tmp_path: Path, workers: None
) -> None:
    from tests.samples import TOPICS, decision, scan_images

    (image,) = scan_images(decision(0), tmp_path)
    scan = io.BytesIO()
    image.save(scan, format="PNG", dpi=(200, 200))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as box:
        box.writestr("hop/quet/trang-1.png", scan.getvalue())
        box.writestr("hop/qd-2.txt", decision(1).encode())
    auth.signin("archivist")
    started = client.post("/import/", data={"box": (io.BytesIO(out.getvalue()), "hop.zip")})
    assert started.status_code == 302
    status = wait_done(client, started.location, seconds=240)
    assert status["state"] == "done" and status["total"] == 2
    page = client.get(started.location).get_data(as_text=True)
    assert "Đã đọc chữ (OCR)" in page and "quet/trang-1.png" in page
    with client.get(started.location + "/report.csv") as report:
        rows = {r[0]: r for r in csv.reader(io.StringIO(report.data.decode("utf-8-sig")))}
    assert rows["quet/trang-1.png"][6] == "Đã đọc chữ (OCR)" and rows["qd-2.txt"][6] == ""
    assert archive.search(f'"{TOPICS[0]}"').total == 1


def test_an_import_is_a_job_that_every_web_process_sees(
    app: Flask, client: FlaskClient, auth: Auth, tmp_path: Path
) -> None:
    """Queued by one web process, run by another's workers, shown by both; the box is
    staged in the store (not on the web host's disk, which a worker elsewhere cannot
    read) and gone from everywhere once the import ends."""
    from ingest.import_job import staged_key
    from web import create_app

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as box:
        for i in range(3):
            box.writestr(f"hop/qd-{i}.txt", f"Quyết định số {i}/QĐ-UBND về khen thưởng".encode())
    auth.signin("archivist")
    started = client.post("/import/", data={"box": (io.BytesIO(out.getvalue()), "hop.zip")})
    assert started.status_code == 302
    import_id = started.location.rsplit("/", 1)[1]
    assert client.get(started.location + "/status").get_json()["state"] == "queued"
    store = app.extensions["hoso.archive"].store
    saved = app.extensions["hoso.archive"].settings.data_dir / "imports" / import_id / "hop.zip"
    assert store.exists(staged_key(import_id, "hop.zip")) and not saved.exists()
    assert "Đang chờ worker" in client.get(started.location).get_data(as_text=True)

    settings = app.extensions["hoso.archive"].settings
    other = create_app(settings, {"TESTING": True, "WTF_CSRF_ENABLED": False})
    other_client = other.test_client()
    Auth(other_client).signin("auditor")
    with job_workers(other):
        status = wait_done(client, started.location, seconds=120)
    assert status == {"id": import_id, "state": "done", "done": 3, "total": 3}
    page = other_client.get(started.location)
    assert page.status_code == 403  # an auditor does not import
    Auth(other_client).signin("archivist")
    page = other_client.get(started.location).get_data(as_text=True)
    assert page.count("Đã lưu") >= 3 and "qd-2.txt" in page
    assert not saved.exists() and not store.exists(staged_key(import_id, "hop.zip"))
    with client.get(started.location + "/report.csv") as report:
        assert report.status_code == 200 and "qd-2.txt" in report.data.decode("utf-8-sig")


def test_an_import_can_be_cancelled(app: Flask, client: FlaskClient, auth: Auth) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as box:
        box.writestr("hop/qd.txt", "Quyết định số 7/QĐ-UBND".encode())
    auth.signin("archivist")
    started = client.post("/import/", data={"box": (io.BytesIO(out.getvalue()), "hop.zip")})
    page = client.get(started.location).get_data(as_text=True)
    assert 'id="cancel-import"' in page
    client.post(started.location + "/cancel")
    assert "Đang dừng" in client.get(started.location).get_data(as_text=True)
    with job_workers(app):
        status = wait_done(client, started.location)
    assert status["state"] == "cancelled"
    assert "Đã hủy theo yêu cầu" in client.get(started.location).get_data(as_text=True)
    archive = app.extensions["hoso.archive"]
    assert archive.latest(include_confidential=True) == []
