"""Saved searches belong to one account; an export holds every page of a result set, with
Vietnamese headers, dd/mm/yyyy dates and formulas neutralised, and never a record the role
may not see."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from archive import audit
from archive.accounts import User
from archive.actions import searches
from archive.facade import Archive
from ingest import service as ingest_service
from tests.samples import decision

ARCHIVIST = User("lan", "Lan", "archivist")
AUDITOR = User("kiem", "Kiểm", "auditor")
VIEWER = User("xem", "Xem", "viewer")
OTHER_VIEWER = User("xem2", "Xem hai", "viewer")


def _archive_many(archive: Archive, count: int) -> None:
    for i in range(count):
        entered = {"issued_date": f"{1 + i % 28:02d}/11/2019"}
        if i == 0:
            entered["subject"] = '=HYPERLINK("http://x","bấm")'
        if i == 1:
            entered["confidentiality"] = "Mật"
        text = decision(i) + f"\nBản số {i}\n"
        ingest_service.upload(
            archive, ARCHIVIST, io.BytesIO(text.encode()), f"qd-{i}.txt", entered=entered
        )


def test_saved_searches_are_per_account(file_archive: Archive) -> None:
    made = searches.save(file_archive, VIEWER, "  Bằng khen  2019 ", "bằng khen", {"year": "2019"})
    assert made.name == "Bằng khen 2019" and made.filters == {"year": 2019}
    again = searches.save(file_archive, VIEWER, "Bằng khen 2019", "bang khen", {}, "-date")
    assert again.id == made.id and again.query == "bang khen" and again.sort == "-date"
    assert [s.name for s in searches.listing(file_archive, VIEWER)] == ["Bằng khen 2019"]
    assert searches.listing(file_archive, OTHER_VIEWER) == []
    with pytest.raises(searches.SavedSearchNotFound):
        searches.get(file_archive, OTHER_VIEWER, made.id)
    with pytest.raises(searches.SavedSearchNotFound):
        searches.delete(file_archive, OTHER_VIEWER, made.id)
    with pytest.raises(searches.SearchExportError, match="tên"):
        searches.save(file_archive, VIEWER, "   ", "x")
    with pytest.raises(searches.SearchExportError, match="bộ lọc"):
        searches.save(file_archive, VIEWER, "x", "x", {"confidentiality": "Mật"})
    searches.delete(file_archive, VIEWER, made.id)
    assert searches.listing(file_archive, VIEWER) == []


def test_export_holds_every_page_and_hides_confidential(file_archive: Archive) -> None:
    _archive_many(file_archive, 23)
    out = io.BytesIO()
    rows = searches.export(file_archive, VIEWER, out, "quyết định", fmt="xlsx", sort="date")
    assert rows == 22  # more than one page of 20; the confidential one left out
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values[0]
    assert header[:5] == [
        "Số, ký hiệu",
        "Ngày ban hành",
        "Loại văn bản",
        "Cơ quan ban hành",
        "Trích yếu",
    ]
    assert "Độ mật" in header and "Mã tài liệu" in header
    body = values[1:]
    assert len(body) == 22
    assert all(row[header.index("Độ mật")] in (None, "") for row in body)
    first = next(row for row in body if row[0] == "1000/QĐ-UBND")
    assert first[1] == "01/11/2019"
    assert first[header.index("Trích yếu")].startswith("'=HYPERLINK")
    assert sheet.column_dimensions["E"].width == 60

    seen_by_auditor = io.BytesIO()
    assert searches.export(file_archive, AUDITOR, seen_by_auditor, "", fmt="csv") == 23
    lines = list(csv.reader(io.StringIO(seen_by_auditor.getvalue().decode("utf-8-sig"))))
    assert lines[0][0] == "Số, ký hiệu" and len(lines) == 24
    assert any(line[6] == "Mật" for line in lines[1:])
    exports = [e for e in audit.events(file_archive) if e.action == "search_export"]
    assert sorted(e.details["rows"] for e in exports) == [22, 23]


def test_export_is_bounded(file_archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    _archive_many(file_archive, 3)
    monkeypatch.setattr(searches, "EXPORT_MAX", 2)
    with pytest.raises(searches.SearchExportError, match="quá giới hạn xuất 2"):
        searches.export(file_archive, AUDITOR, io.BytesIO(), "", fmt="csv")
    with pytest.raises(searches.SearchExportError, match="Định dạng"):
        searches.export(file_archive, AUDITOR, io.BytesIO(), "", fmt="pdf")


def test_cli_search_exports(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import main

    env = {"HOSO_DATA_DIR": str(tmp_path / "data")}
    runner = CliRunner()
    made = runner.invoke(
        main,
        ["--operator", "user", "add", "lan", "--role", "archivist", "--password-stdin"],
        input="mat-khau-dai-1\n",
        env=env,
    )
    assert made.exit_code == 0, made.output
    for i in range(3):
        path = tmp_path / f"{i}.txt"
        path.write_text(decision(i), encoding="utf-8")
        assert runner.invoke(main, ["ingest", str(path), "--user", "lan"], env=env).exit_code == 0
    target = tmp_path / "kq.xlsx"
    ran = runner.invoke(
        main, ["search", "bằng", "khen", "--xlsx", str(target), "--user", "lan"], env=env
    )
    assert ran.exit_code == 0, ran.output
    assert "Đã xuất 3 tài liệu" in ran.output
    assert load_workbook(target).active.max_row == 4


def test_a_query_the_search_would_refuse_is_not_saved(file_archive: Archive) -> None:
    for bad in ["(" * 40 + "khen" + ")" * 40, "nam:0..99999999999999999999", "a ) b"]:
        with pytest.raises(searches.SearchExportError):
            searches.save(file_archive, VIEWER, "hỏng", bad)
    assert searches.listing(file_archive, VIEWER) == []


def test_a_read_only_token_saves_and_deletes_nothing(file_archive: Archive) -> None:
    from archive.permissions import Forbidden, ReadOnlyRole

    kept = searches.save(file_archive, VIEWER, "giữ", "khen")
    reader = User(VIEWER.username, VIEWER.full_name, ReadOnlyRole("viewer"))
    with pytest.raises(Forbidden):
        searches.save(file_archive, reader, "mới", "khen")
    with pytest.raises(Forbidden):
        searches.delete(file_archive, reader, kept.id)
    assert [s.name for s in searches.listing(file_archive, reader)] == ["giữ"]
