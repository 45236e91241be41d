"""The pages of the records duties: due notices on the home page, saved searches and
exports, the duplicate-number warning, audit packets."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from flask.testing import FlaskClient
from openpyxl import load_workbook

from archive.facade import Archive
from tests.samples import decision
from tests.test_due_and_refusals import with_period
from tests.web.conftest import Auth


def _upload(client: FlaskClient, text: str, name: str, **fields: str) -> dict:  # type: ignore[type-arg]
    response = client.post(
        "/upload/file",
        data={"file": (io.BytesIO(text.encode()), name), **fields},
        headers={"Accept": "application/json"},
    )
    assert response.status_code in (200, 201), response.get_data(as_text=True)
    return response.get_json()


def test_home_page_due_notice_for_archivists_only(
    client: FlaskClient, auth: Auth, archive: Archive, tmp_path: Path
) -> None:
    path = tmp_path / "qd.txt"
    path.write_text(decision(12), encoding="utf-8")
    overdue = with_period(archive, path, date.today().year - 3, 1)
    auth.signin("archivist")
    page = client.get("/").get_data(as_text=True)
    assert 'id="due-notice"' in page and f"/records/{overdue}" in page
    auth.signout()
    auth.signin("viewer")
    assert 'id="due-notice"' not in client.get("/").get_data(as_text=True)


def test_same_number_on_upload_and_record_page(client: FlaskClient, auth: Auth) -> None:
    auth.signin("archivist")
    first = _upload(client, decision(0), "a.txt", number="12/QĐ-UBND", issuer="UBND tỉnh Hà Giang")
    second = _upload(client, decision(1), "b.txt", number="12/qđ-ubnd", issuer="ubnd tỉnh hà giang")
    assert "same_number" not in first
    assert second["same_number"][0]["id"] == first["id"]
    assert second["same_number"][0]["url"] == f"/records/{first['id']}"
    page = client.get(f"/records/{second['id']}").get_data(as_text=True)
    assert 'id="same-number"' in page and f"/records/{first['id']}" in page
    back = client.get(f"/records/{first['id']}").get_data(as_text=True)
    assert f"/records/{second['id']}" in back
    plain = client.post(
        "/upload/",
        data={
            "files": (io.BytesIO(decision(2).encode()), "c.txt"),
            "number": "12/QĐ-UBND",
            "issuer": "UBND tỉnh Hà Giang",
        },
    )
    assert "same-number-note" in plain.get_data(as_text=True)


def test_saved_search_round_trip_and_export(client: FlaskClient, auth: Auth) -> None:
    auth.signin("archivist")
    for i in range(3):
        _upload(client, decision(i), f"{i}.txt")
    auth.signout()
    auth.signin("viewer")
    saved = client.post("/saved", data={"name": "Bằng khen", "q": "bằng khen", "year": "2019"})
    assert saved.status_code == 302 and "q=" in saved.headers["Location"]
    listing = client.get("/saved").get_data(as_text=True)
    assert "Bằng khen" in listing
    search_page = client.get("/search?q=b%E1%BA%B1ng+khen").get_data(as_text=True)
    assert 'id="saved-searches"' in search_page and "/saved/1" in search_page
    assert client.get("/saved/1").status_code == 302
    exported = client.get("/search/export?q=b%E1%BA%B1ng+khen&format=xlsx")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(exported.get_data())).active
    exported.close()
    assert sheet.max_row == 4 and sheet["A1"].value == "Số, ký hiệu"
    assert client.get("/search/export?format=pdf").status_code == 400
    auth.signout()
    auth.signin("auditor")
    assert client.get("/saved/1").status_code == 404  # another person's
    assert client.post("/saved/1/delete").status_code == 404
    auth.signout()
    auth.signin("viewer")
    assert client.post("/saved/1/delete").status_code == 302
    assert "/saved/1" not in client.get("/saved").get_data(as_text=True)


def test_packet_buttons_and_downloads(client: FlaskClient, auth: Auth, tmp_path: Path) -> None:
    import zipfile

    auth.signin("archivist")
    made = _upload(client, decision(0), "a.txt")
    client.post("/dossiers/", data={"code": "HS-01", "title": "Hồ sơ khen thưởng"})
    client.post("/dossiers/HS-01/add", data={"ids": made["id"], "reason": "Lập hồ sơ năm"})
    auth.signout()
    auth.signin("viewer")
    assert 'id="packet-button"' not in client.get(f"/records/{made['id']}").get_data(as_text=True)
    auth.signout()
    auth.signin("auditor")
    assert 'id="packet-button"' in client.get(f"/records/{made['id']}").get_data(as_text=True)
    assert 'id="packet-button"' in client.get("/dossiers/HS-01").get_data(as_text=True)
    for address in (f"/records/{made['id']}/packet", "/dossiers/HS-01/packet"):
        answer = client.post(address)
        assert answer.status_code == 200 and answer.mimetype == "application/zip"
        names = zipfile.ZipFile(io.BytesIO(answer.get_data())).namelist()
        answer.close()
        assert any(n.endswith(f"data/records/{made['id']}/original.txt") for n in names)
    assert client.post("/records/0000000000000000/packet").status_code == 404
    assert client.post("/dossiers/KHONG-CO/packet").status_code == 404
