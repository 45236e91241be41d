"""The statistics page, its figures, files and charts; award histories; duplicate awards."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from archive.audit import AuditFilter, find_events
from archive.edit import update_metadata
from archive.facade import Archive
from ingest.batch import ingest_paths
from tests.awards_texts import award_decision, write
from tests.web.conftest import Auth

BK = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
HC = "Huân chương Lao động hạng Ba"


@pytest.fixture
def decisions(archive: Archive, tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "in"
    paths = [
        write(folder, "ctn.txt", award_decision("120/QĐ-CTN", level="state", form=HC, year=2024, recipients=["Phòng Tổ chức cán bộ, Sở Nội vụ", "Ông Nguyễn Văn Hoà, Trưởng phòng, Sở Nội vụ"])),
        write(folder, "ubnd.txt", award_decision("45/QĐ-UBND", level="ministry_province", form=BK, year=2024, recipients=["Bà Lò Thị Mai, Chuyên viên, Sở Tư pháp"], month=6)),
    ]  # fmt: skip
    ids: dict[str, str] = {}
    ingest_paths(
        archive, paths, user="test", report=lambda r: ids.update({r.filename: r.record.id})
    )
    return ids


def test_the_statistics_page_traces_every_figure(
    client: FlaskClient, auth: Auth, decisions: dict[str, str], archive: Archive
) -> None:
    auth.signin("viewer")
    page = client.get("/reports/awards/?year=2024").get_data(as_text=True)
    assert "Thống kê khen thưởng" in page and "Năm 2024" in page
    assert HC in page and "Cấp Nhà nước" in page and "0602.N/BNV-TĐKT" in page
    # The collective cell of the state's row leads to the one collective, with its decision.
    cell = "/reports/awards/entries?from=2024&amp;to=2024&amp;by=form&amp;award_form"
    assert "/reports/awards/entries?" in page and cell not in page
    listed = client.get(
        "/reports/awards/entries", query_string={"from": 2024, "to": 2024, "form": HC, "level": "state", "kind": "collective"}
    ).get_data(as_text=True)  # fmt: skip
    assert "Phòng Tổ chức cán bộ, Sở Nội vụ" in listed and "120/QĐ-CTN" in listed
    assert "Nguyễn Văn Hòa" not in listed
    chart = client.get("/reports/awards/chart-level.svg?from=2023&to=2024")
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    assert chart.data.lstrip().startswith(b"<?xml") and b"<svg" in chart.data
    assert client.get("/reports/awards/chart-pie.svg?year=2024").status_code == 400
    assert client.get("/reports/awards/?from=2024&to=1990").status_code == 400
    assert client.get("/reports/awards/?year=hai").status_code == 400
    assert client.get("/reports/awards/export.pdf?year=2024").status_code == 404


def test_the_table_downloads_as_xlsx_and_csv(
    client: FlaskClient, auth: Auth, decisions: dict[str, str], archive: Archive
) -> None:
    auth.signin("viewer")
    response = client.get("/reports/awards/export.xlsx?year=2024")
    assert response.status_code == 200
    assert "thong-ke-khen-thuong-2024.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    rows = [[c.value for c in r] for r in book["Tổng hợp"].iter_rows()]
    assert [HC, "Cấp Nhà nước", 1, 1, 0, 2, 1] in rows
    listed = client.get("/reports/awards/export.csv?from=2024&to=2024&level=ministry_province")
    text = listed.data.decode("utf-8-sig")
    assert "Lò Thị Mai" in text and "15/06/2024" in text and "Nguyễn Văn Hòa" not in text
    events = find_events(archive, AuditFilter(action="award_export"))
    assert [e.details["format"] for e in events] == ["csv", "xlsx"]


def test_a_viewer_counts_no_confidential_decision(
    client: FlaskClient,
    auth: Auth,
    decisions: dict[str, str],
    archive: Archive,
    tokens: dict[str, str],
) -> None:
    update_metadata(
        archive, decisions["ctn.txt"], {"confidentiality": "Mật"}, reason="Phân loại mật", user="a"
    )
    auth.signin("viewer")
    page = client.get("/reports/awards/?year=2024").get_data(as_text=True)
    assert HC not in page
    api = client.get(
        "/api/v1/reports/awards?year=2024", headers={"Authorization": f"Bearer {tokens['viewer']}"}
    )
    assert api.get_json()["total"] == 1
    audited = client.get(
        "/api/v1/reports/awards?year=2024", headers={"Authorization": f"Bearer {tokens['auditor']}"}
    )
    body = audited.get_json()
    assert body["total"] == 3
    (state,) = [r for r in body["rows"] if r["level"] == "state"]
    assert state["decisions"] == [decisions["ctn.txt"]] and len(state["awards"]) == 2  # fmt: skip


def test_award_history_page(client: FlaskClient, auth: Auth, decisions: dict[str, str]) -> None:
    auth.signin("viewer")
    page = client.get("/reports/history/?person=NGUYEN VAN HOA").get_data(as_text=True)
    assert "Nguyễn Văn Hòa" in page and "120/QĐ-CTN" in page and HC in page
    assert "Lò Thị Mai" not in page
    unit = client.get("/reports/history/?unit=Sở Nội vụ").get_data(as_text=True)
    assert "Phòng Tổ chức cán bộ, Sở Nội vụ" in unit and "Nguyễn Văn Hòa" in unit
    assert client.get("/reports/history/?person=" + "x" * 300).status_code == 400
    sheet = client.get("/reports/history/export.xlsx?person=nguyen van hoa")
    rows = list(load_workbook(io.BytesIO(sheet.data)).active.iter_rows(values_only=True))
    assert rows[-1][1:9] == ("Nguyễn Văn Hòa", "Cá nhân", "Trưởng phòng, Sở Nội vụ", HC, 2024, "Cấp Nhà nước", "120/QĐ-CTN", "15/03/2024")  # fmt: skip
    assert client.get("/reports/history/export.csv").status_code == 400


def test_a_duplicate_award_is_shown_on_upload_and_dismissed_with_a_reason(
    client: FlaskClient, auth: Auth, decisions: dict[str, str], archive: Archive, tmp_path: Path
) -> None:
    auth.signin("archivist")
    again = award_decision("46/QĐ-UBND", level="ministry_province", form=BK, year=2024, recipients=["Bà Lò Thị Mai, Sở Tư pháp"], month=8)  # fmt: skip
    response = client.post(
        "/upload/file",
        data={"file": (io.BytesIO(again.encode()), "lai.txt")},
        headers={"Accept": "application/json"},
    )
    body = response.get_json()
    (note,) = body["award_notes"]
    assert "Lò Thị Mai" in note["message"] and note["url"].startswith("/reports/duplicates/#flag-")
    (flag,) = body["award_flags"]
    review = client.get("/reports/duplicates/").get_data(as_text=True)
    assert f'id="flag-{flag["id"]}"' in review and BK in review
    refused = client.post(f"/reports/duplicates/{flag['id']}/dismiss", data={"reason": "ok"})
    assert refused.status_code == 400 and "ít nhất 5 ký tự" in refused.get_data(as_text=True)
    done = client.post(f"/reports/duplicates/{flag['id']}/dismiss", data={"reason": "Hai thành tích khác nhau"})  # fmt: skip
    assert done.status_code == 302
    assert f'id="flag-{flag["id"]}"' not in client.get("/reports/duplicates/").get_data(
        as_text=True
    )
    kept = client.get("/reports/duplicates/?dismissed=1").get_data(as_text=True)
    assert "Hai thành tích khác nhau" in kept
    assert (
        client.post(
            "/reports/duplicates/99/dismiss", data={"reason": "Không phải trùng"}
        ).status_code
        == 400
    )
    (event,) = find_events(archive, AuditFilter(action="award_flag_dismiss"))
    assert event.username == "archivist" and event.details["reason"] == "Hai thành tích khác nhau"
