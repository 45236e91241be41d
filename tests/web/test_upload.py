"""Receiving documents: the per-file JSON endpoint, the plain form, size limits."""

from __future__ import annotations

import io
from pathlib import Path

from flask.testing import FlaskClient

from archive.facade import Archive
from archive.settings import Settings
from tests.web.conftest import Auth, make_app

JSON = {"Accept": "application/json"}


def test_created_duplicate_rejected(client: FlaskClient, auth: Auth, corpus_doc: Path) -> None:
    auth.signin("archivist")
    body = corpus_doc.read_bytes()
    first = client.post("/upload/file", data={"file": (io.BytesIO(body), "a.txt")}, headers=JSON)
    assert first.status_code == 201
    created = first.get_json()
    assert created["status"] == "created" and created["url"] == f"/records/{created['id']}"
    again = client.post("/upload/file", data={"file": (io.BytesIO(body), "b.txt")}, headers=JSON)
    assert again.status_code == 200
    assert again.get_json()["status"] == "duplicate" and again.get_json()["id"] == created["id"]
    junk = client.post(
        "/upload/file", data={"file": (io.BytesIO(b"\x00\x01\x02" * 50), "x.bin")}, headers=JSON
    )
    assert junk.status_code == 422
    rejected = junk.get_json()
    assert rejected["status"] == "rejected" and rejected["error"]["code"] == "unsupported_type"
    assert "không phải loại được lưu trữ" in rejected["message"]


def test_rejection_reason_in_english(client: FlaskClient, auth: Auth) -> None:
    auth.signin("archivist")
    client.get("/lang/en")
    empty = client.post("/upload/file", data={"file": (io.BytesIO(b""), "e.txt")}, headers=JSON)
    assert empty.status_code == 422
    assert empty.get_json()["message"] == "e.txt is empty (0 bytes): there is nothing to archive."


def test_batch_metadata_is_entered(
    client: FlaskClient, auth: Auth, corpus_doc: Path, archive: Archive
) -> None:
    auth.signin("archivist")
    data = {
        "file": (io.BytesIO(corpus_doc.read_bytes()), "a.txt"),
        "issued_date": "19/12/2015",
        "number": "",
    }
    created = client.post("/upload/file", data=data, headers=JSON).get_json()
    record = archive.get(created["id"])
    assert record.metadata["issued_date"] == "2015-12-19"
    assert record.provenance["issued_date"]["source"] == "entered"
    assert record.provenance["number"]["source"] == "extracted"


def test_bad_batch_metadata_is_400(client: FlaskClient, auth: Auth, corpus_doc: Path) -> None:
    auth.signin("archivist")
    data = {"file": (io.BytesIO(corpus_doc.read_bytes()), "a.txt"), "issued_date": "hôm qua"}
    response = client.post("/upload/file", data=data, headers=JSON)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_metadata"


def test_plain_form_without_script(client: FlaskClient, auth: Auth, corpus_doc: Path) -> None:
    auth.signin("archivist")
    files = [
        (io.BytesIO(corpus_doc.read_bytes()), "mot.txt"),
        (io.BytesIO(corpus_doc.read_bytes()), "hai.txt"),
        (io.BytesIO(b"%PDF-1.4\n1 0 obj\n"), "hong.pdf"),
    ]
    page = client.post("/upload/", data={"files": files}).get_data(as_text=True)
    assert "Đã lưu trữ" in page and "Đã có trong kho" in page
    assert "hong.pdf" in page and "mở tài liệu đã có" in page
    assert page.count('class="qi qi-') == 3
    assert client.post("/upload/", data={}).status_code == 400


def test_viewer_cannot_upload(client: FlaskClient, auth: Auth, corpus_doc: Path) -> None:
    auth.signin("viewer")
    data = {"file": (io.BytesIO(corpus_doc.read_bytes()), "a.txt")}
    response = client.post("/upload/file", data=data, headers=JSON)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


def test_too_large_is_413_in_vietnamese(tmp_path: Path) -> None:
    app = make_app(Settings(data_dir=tmp_path / "small"), MAX_CONTENT_LENGTH=1000)
    client = app.test_client()
    Auth(client).signin("archivist")
    big = {"file": (io.BytesIO(b"a" * 5000), "lon.txt")}
    answer = client.post("/upload/file", data=big, headers=JSON)
    assert answer.status_code == 413
    assert "vượt quá dung lượng" in answer.get_json()["error"]["message"]
    page = client.post("/upload/", data={"files": [(io.BytesIO(b"a" * 5000), "lon.txt")]})
    assert page.status_code == 413 and "Tệp quá lớn" in page.get_data(as_text=True)
    app.extensions["hoso.archive"].close()


def test_upload_limit_follows_settings(tmp_path: Path) -> None:
    app = make_app(Settings(data_dir=tmp_path / "lim", max_upload_mb=3))
    assert 3 * 1024 * 1024 < app.config["MAX_CONTENT_LENGTH"] <= 4 * 1024 * 1024
    app.extensions["hoso.archive"].close()
