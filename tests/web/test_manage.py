"""Records management pages: retention, holds, dossiers, disposition, audit, alerts."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from archive.accounts import get_user
from archive.catalog.models import AlertRow
from archive.facade import Archive
from archive.records import blob_key
from archive.retention.decide import set_retention
from tests.web.conftest import Auth, make_app


@pytest.fixture
def due_id(archive: Archive, record_id: str) -> str:
    """The 2015 decision, kept one year by a person's choice: due since 31/12/2016."""
    archivist = get_user(archive, "archivist")
    assert archivist is not None
    set_retention(archive, archivist, record_id, years=1, reason="Theo quy chế cơ quan")
    return record_id


def test_record_page_shows_retention_and_overrides_it(
    client: FlaskClient, auth: Auth, record_id: str
) -> None:
    auth.signin("viewer")
    page = client.get(f"/records/{record_id}").get_data(as_text=True)
    assert "Thời hạn bảo quản" in page and "Đặt thời hạn riêng" not in page
    assert client.post(f"/records/{record_id}/retention", data={"years": "3"}).status_code == 403
    auth.signin("archivist")
    form = {"mode": "years", "years": "3", "reason": "Theo quy chế cơ quan"}
    done = client.post(f"/records/{record_id}/retention", data=form, follow_redirects=True)
    page = done.get_data(as_text=True)
    assert "Đã lưu thời hạn bảo quản" in page and "3 năm" in page and "31/12/2018" in page
    short = client.post(f"/records/{record_id}/retention", data={**form, "reason": "x"})
    assert "Cần ghi lý do" in client.get(short.location).get_data(as_text=True)
    assert client.post(f"/records/{record_id}/retention", data={"mode": "years"}).status_code == 400


def test_holds_place_lift_and_refuse_edits(client: FlaskClient, auth: Auth, record_id: str) -> None:
    back = f"/records/{record_id}"
    auth.signin("viewer")
    assert client.post("/holds/place", data={"target": record_id, "reason": "x"}).status_code == 403
    auth.signin("auditor")
    placed = client.post(
        "/holds/place", data={"target": record_id, "reason": "Thanh tra 2026", "next": back}
    )
    assert placed.location == back + "#holds"
    page = client.get(back).get_data(as_text=True)
    assert "ĐANG BỊ GIỮ" in page and "Thanh tra 2026" in page and "Gỡ lệnh giữ" not in page
    lift = {"target": record_id, "reason": "Đã xong thanh tra", "next": back}
    assert client.post("/holds/lift", data=lift).status_code == 403
    auth.signin("archivist")
    edit = {"version": "1", "place": "Hà Nội", "reason": "Sửa địa danh"}
    refused = client.post(f"/records/{record_id}/edit", data=edit)
    assert refused.status_code == 409 and "đang bị giữ" in refused.get_data(as_text=True)
    form = {"mode": "years", "years": "2", "reason": "Rút ngắn thời hạn"}
    client.post(f"/records/{record_id}/retention", data=form)
    assert "đang bị giữ" in client.get(back).get_data(as_text=True)
    auth.signin("admin")
    assert client.post("/holds/lift", data=lift).status_code == 302
    assert "Đã gỡ lệnh giữ" in client.get(back).get_data(as_text=True)
    again = client.post("/holds/lift", data=lift, follow_redirects=True).get_data(as_text=True)
    assert "không bị giữ" in again


def test_dossier_create_view_edit_add_remove(
    client: FlaskClient, auth: Auth, record_id: str
) -> None:
    auth.signin("viewer")
    assert client.post("/dossiers/", data={"code": "X", "title": "Y"}).status_code == 403
    auth.signin("archivist")
    bad = client.post("/dossiers/", data={"code": "a b", "title": "Hồ sơ"})
    assert bad.status_code == 400 and "Mã hồ sơ chỉ gồm" in bad.get_data(as_text=True)
    form = {"code": "TĐKT-2015/01", "title": "Khen thưởng năm 2015", "start_date": "01/01/2015",
            "retention_mode": "years", "retention_years": "10"}  # fmt: skip
    created = client.post("/dossiers/", data=form)
    assert created.status_code == 302
    url = created.location
    page = client.get(url).get_data(as_text=True)
    assert "Khen thưởng năm 2015" in page and "01/01/2015" in page and "10 năm" in page
    assert "/search?q=hoso:%22T%C4%90KT-2015/01%22" in page  # search within it
    add = client.post(f"{url}/add", data={"ids": f"{record_id}", "reason": "Gom hồ sơ"})
    assert add.status_code == 302
    assert "1268/QĐ-UBND" in client.get(url).get_data(as_text=True)
    unknown = client.post(f"{url}/add", data={"ids": "khong-co", "reason": "Gom hồ sơ"})
    assert unknown.status_code == 400 and "khong-co" in unknown.get_data(as_text=True)
    edit = {**form, "title": "Khen thưởng 2015", "end_date": "31/02/2015", "reason": "Sửa"}
    assert "Cần ghi lý do" in client.post(f"{url}/edit", data=edit).get_data(as_text=True)
    edit["reason"] = "Sửa theo bản giấy"
    assert "không phải ngày hợp lệ" in client.post(f"{url}/edit", data=edit).get_data(True)
    edit["end_date"] = "31/12/2015"
    assert client.post(f"{url}/edit", data=edit).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Phiên bản 2" in page and "31/12/2015" in page
    removed = client.post(f"{url}/remove", data={"record_id": record_id, "reason": "Nhầm hồ sơ"})
    assert removed.status_code == 302
    assert "Hồ sơ chưa có tài liệu nào" in client.get(url).get_data(as_text=True)
    listing = client.get("/dossiers/?q=2015").get_data(as_text=True)
    assert "TĐKT-2015/01" in listing
    auth.signin("viewer")
    assert client.get(url).status_code == 200 and "Sửa hồ sơ" not in client.get(url).get_data(True)
    assert client.post(f"{url}/edit", data=edit).status_code == 403


def test_held_dossier_refuses_changes(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("archivist")
    client.post("/dossiers/", data={"code": "HS-01", "title": "Hồ sơ thử"})
    client.post("/dossiers/HS-01/add", data={"ids": record_id, "reason": "Gom hồ sơ"})
    auth.signin("auditor")
    client.post("/holds/place", data={"target": "HS-01", "reason": "Có khiếu nại"})
    auth.signin("archivist")
    out = client.post("/dossiers/HS-01/remove", data={"record_id": record_id, "reason": "Rút ra"})
    assert out.status_code == 400 and "đang bị giữ" in out.get_data(as_text=True)
    page = client.get(f"/records/{record_id}").get_data(as_text=True)
    assert "Hồ sơ HS-01 chứa tài liệu này đang bị giữ" in page


def test_unknown_dossier_is_404(client: FlaskClient, auth: Auth) -> None:
    auth.signin("archivist")
    assert client.get("/dossiers/KHONG-CO").status_code == 404
    assert client.post("/dossiers/KHONG-CO/edit", data={"reason": "Lý do dài"}).status_code == 404


def test_disposition_four_eyes_and_report(
    client: FlaskClient, auth: Auth, archive: Archive, due_id: str
) -> None:
    auth.signin("auditor")
    assert client.get("/disposition/").status_code == 403
    auth.signin("archivist")
    page = client.get("/disposition/").get_data(as_text=True)
    assert due_id in page and "31/12/2016" in page
    none = client.get("/disposition/?before=01/01/2016").get_data(as_text=True)
    assert "Không có tài liệu nào đến hạn" in none
    assert client.get("/disposition/?before=hôm qua").status_code == 400
    form = {"record_id": due_id, "action": "destroy", "reason": "Hết hạn bảo quản"}
    assert client.post("/disposition/propose", data=form).status_code == 302
    early = client.post("/disposition/1/decide", data={"decision": "approve", "reason": "Đồng ý"})
    assert early.status_code == 403
    auth.signin("admin")
    client.post("/disposition/1/decide", data={"decision": "reject", "reason": "Chưa đủ"})
    assert "Đã từ chối danh sách số 1" in client.get("/disposition/").get_data(as_text=True)
    client.post("/disposition/propose", data=form)
    own = client.post("/disposition/2/decide", data={"decision": "approve", "reason": "Tự duyệt"})
    assert "bốn mắt" in client.get(own.location).get_data(as_text=True)
    sha = archive.get(due_id).sha256
    assert archive.store.exists(blob_key(sha))


def test_disposal_report_and_tombstone(
    app: Flask, client: FlaskClient, auth: Auth, archive: Archive, due_id: str
) -> None:
    sha = archive.get(due_id).sha256
    auth.signin("archivist")
    form = {"record_id": due_id, "action": "destroy", "reason": "Hết hạn bảo quản"}
    client.post("/disposition/propose", data=form)
    auth.signin("admin")
    decide = {"decision": "approve", "reason": "Đồng ý hủy theo quy định"}
    assert client.post("/disposition/1/decide", data=decide).status_code == 302
    assert not archive.store.exists(blob_key(sha))
    auth.signin("auditor")
    report = client.get("/disposition/1/report")
    assert report.mimetype == "text/html" and due_id in report.get_data(as_text=True)
    assert "style-src 'unsafe-inline'" in report.headers["Content-Security-Policy"]
    assert client.get("/disposition/9/report").status_code == 404
    page = client.get(f"/records/{due_id}").get_data(as_text=True)
    assert "Tài liệu này đã bị hủy" in page and "Tải bản gốc" not in page and "admin" in page
    gone = client.get(f"/records/{due_id}/download")
    assert gone.status_code == 404 and "không còn trong kho" in gone.get_data(as_text=True)


def test_audit_page_filters_export_verify(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("viewer")
    assert client.get("/audit/").status_code == 403
    auth.signin("auditor")
    page = client.get("/audit/?action=upload").get_data(as_text=True)
    assert "Tiếp nhận" in page and record_id in page and "Đăng nhập</td>" not in page
    assert "archivist" in client.get("/audit/?username=archivist").get_data(as_text=True)
    assert "Không có sự kiện nào" in client.get("/audit/?since=01/01/2000&until=02/01/2000").text
    assert client.get("/audit/?since=32/01/2020").status_code == 400
    csv = client.get("/audit/export.csv?action=upload")
    assert csv.mimetype == "text/csv" and csv.data.startswith(b"\xef\xbb\xbf")
    assert record_id in csv.get_data(as_text=True) and "signin" not in csv.get_data(as_text=True)
    assert "Chuỗi nhật ký nguyên vẹn" in client.get("/audit/verify").get_data(as_text=True)


def test_home_alerts_for_auditors(client: FlaskClient, auth: Auth, archive: Archive) -> None:
    from datetime import UTC, datetime

    with archive.session() as session:
        session.add(
            AlertRow(at=datetime.now(UTC), kind="fixity_missing", record_id="abc", message="Mất")
        )
    auth.signin("viewer")
    assert "Mất bản gốc" not in client.get("/").get_data(as_text=True)
    assert client.post("/alerts/1/resolve", data={"note": "Đã khôi phục"}).status_code == 403
    auth.signin("auditor")
    assert "Mất bản gốc" in client.get("/").get_data(as_text=True)
    short = client.post("/alerts/1/resolve", data={"note": "ok"}, follow_redirects=True)
    assert "ít nhất 5 ký tự" in short.get_data(as_text=True)
    done = client.post("/alerts/1/resolve", data={"note": "Đã khôi phục từ bản sao"})
    assert done.status_code == 302 and "Mất bản gốc" not in client.get("/").get_data(True)
    gone = client.post("/alerts/1/resolve", data={"note": "Lần nữa"}, follow_redirects=True)
    assert "không còn mở" in gone.get_data(as_text=True)


def test_forms_need_the_csrf_token(tmp_path, record_id: str) -> None:  # type: ignore[no-untyped-def]
    from archive.settings import Settings

    app = make_app(Settings(data_dir=tmp_path / "csrf"), WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/signin").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/signin", data={"username": "admin", "password": "mat-khau-du-dai",
                                 "csrf_token": token})  # fmt: skip
    for path in ("/holds/place", "/dossiers/", "/disposition/propose", "/alerts/1/resolve",
                 "/jobs/1/retry", "/import/", "/records/x/retention"):  # fmt: skip
        response = client.post(path, data={"reason": "Lý do đủ dài"})
        assert response.status_code == 400, path
        assert "Phiên làm việc đã hết hạn" in response.get_data(as_text=True)
    app.extensions["hoso.archive"].close()
