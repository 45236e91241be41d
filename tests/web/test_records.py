"""The record page, the inline viewer, downloads, edits and confidentiality."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from flask.testing import FlaskClient

from tests.web.conftest import Auth

JSON = {"Accept": "application/json"}


def test_record_page(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("viewer")
    page = client.get(f"/records/{record_id}").get_data(as_text=True)
    assert "1268/QĐ-UBND" in page and "18/12/2015" in page
    assert "trích xuất" in page  # where each value came from
    assert "Nội dung văn bản" in page and "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" in page
    assert "Phiên bản 1" in page and "Tiếp nhận" in page
    assert "Nhật ký truy cập" not in page  # the audit trail is for auditors
    assert "Sửa siêu dữ liệu" not in page  # viewers do not edit


def test_auditor_sees_the_audit_trail(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("auditor")
    page = client.get(f"/records/{record_id}").get_data(as_text=True)
    assert "Nhật ký truy cập" in page and "archivist" in page


def test_unknown_record_is_404(client: FlaskClient, auth: Auth) -> None:
    auth.signin("admin")
    response = client.get("/records/khong-co")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)
    assert client.get("/records/khong-co/download").status_code == 404


def test_download_keeps_the_vietnamese_name(
    client: FlaskClient, auth: Auth, corpus_doc: Path
) -> None:
    auth.signin("archivist")
    with corpus_doc.open("rb") as handle:
        data = {"file": (handle, "Quyết định 1268.txt")}
        created = client.post("/upload/file", data=data, headers=JSON).get_json()
    with client.get(f"/records/{created['id']}/download") as response:
        assert response.data == corpus_doc.read_bytes()
        disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="Quyet dinh 1268.txt"' in disposition
    assert "filename*=UTF-8''" + quote("Quyết định 1268.txt", safe="") in disposition


def test_inline_route_serves_text_as_attachment(
    client: FlaskClient, auth: Auth, record_id: str
) -> None:
    auth.signin("viewer")
    with client.get(f"/records/{record_id}/file") as response:
        assert response.status_code == 200
        # Only PDFs and images are shown inline; anything else is offered as a file.
        assert response.headers["Content-Disposition"].startswith("attachment")


def _edit(client: FlaskClient, record_id: str, **fields: str):  # type: ignore[no-untyped-def]
    return client.post(f"/records/{record_id}/edit", data={"version": "1", **fields})


def test_edit_creates_a_version(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("archivist")
    response = _edit(client, record_id, number="1269/QĐ-UBND", reason="Sửa theo bản giấy")
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Đã lưu phiên bản 2" in page and "1269/QĐ-UBND" in page
    assert "nhập tay · archivist" in page and "Sửa theo bản giấy" in page


def test_edit_needs_a_reason(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("archivist")
    response = _edit(client, record_id, number="1269/QĐ-UBND", reason="")
    assert response.status_code == 400
    assert "Cần ghi lý do sửa" in response.get_data(as_text=True)


def test_edit_bad_date_and_conflict(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("archivist")
    bad = _edit(client, record_id, issued_date="31/02/2015", reason="Sửa ngày ban hành")
    assert bad.status_code == 400 and "không phải ngày hợp lệ" in bad.get_data(as_text=True)
    assert _edit(client, record_id, place="Điện Biên", reason="Sửa địa danh").status_code == 302
    stale = _edit(client, record_id, place="Lai Châu", reason="Sửa lại địa danh")
    assert stale.status_code == 409
    assert "phiên bản 2" in stale.get_data(as_text=True)


def test_viewer_cannot_edit(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("viewer")
    assert _edit(client, record_id, place="Hà Nội", reason="Thử sửa").status_code == 403


def test_confidential_record_is_hidden_from_viewers(
    client: FlaskClient, auth: Auth, corpus_doc: Path
) -> None:
    auth.signin("archivist")
    with corpus_doc.open("rb") as handle:
        data = {"file": (handle, "mat.txt"), "confidentiality": "Mật"}
        secret = client.post("/upload/file", data=data, headers=JSON).get_json()["id"]
    auth.signin("viewer")
    assert client.get(f"/records/{secret}").status_code == 404
    assert client.get(f"/records/{secret}/download").status_code == 404
    assert secret not in client.get("/search?q=khen").get_data(as_text=True)
    assert secret not in client.get("/").get_data(as_text=True)
    auth.signin("auditor")
    assert client.get(f"/records/{secret}").status_code == 200
    assert secret in client.get("/search?q=khen").get_data(as_text=True)
