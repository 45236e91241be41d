"""``hoso report awards``, ``hoso awards --person/--unit`` and the duplicate-award commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cli import main
from tests.awards_texts import award_decision, write

HC = "Huân chương Lao động hạng Ba"
BK = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()

    def invoke(*args: str, code: int = 0):  # type: ignore[no-untyped-def]
        result = runner.invoke(main, ["--operator", *args], catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result

    return invoke


def test_report_awards_json_xlsx_history_and_duplicates(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    paths = [
        write(folder, "a.txt", award_decision("120/QĐ-CTN", level="state", form=HC, year=2024, recipients=["Phòng Tổ chức cán bộ, Sở Nội vụ", "Ông Nguyễn Văn Hoà, Trưởng phòng, Sở Nội vụ"])),
        write(folder, "b.txt", award_decision("45/QĐ-UBND", level="ministry_province", form=BK, year=2023, recipients=["Ông NGUYỄN VĂN  HOÀ, Sở Nội vụ"])),
    ]  # fmt: skip
    run("ingest", *map(str, paths))
    out = json.loads(run("report", "awards", "--from", "2023", "--to", "2024", "--json").output)
    assert (out["from"], out["to"], out["total"]) == (2023, 2024, 3)
    rows = {(r["award_form"], r["level"]): r for r in out["rows"]}
    assert (rows[(HC, "state")]["collectives"], rows[(HC, "state")]["individuals"]) == (1, 1)
    assert rows[(BK, "ministry_province")]["total"] == 1
    assert all(len(r["decisions"]) == 1 for r in out["rows"])
    target = tmp_path / "bao-cao.xlsx"
    text = run("report", "awards", "--year", "2024", "--xlsx", str(target)).output
    assert f"Đã ghi {target}" in text and "tập thể 1, cá nhân 1" in text
    summary = load_workbook(target)["Tổng hợp"]
    assert [HC, "Cấp Nhà nước", 1, 1, 0, 2, 1] in [
        [c.value for c in r] for r in summary.iter_rows()
    ]
    assert "Lỗi:" in run("report", "awards", "--from", "2024", "--to", "2020", code=1).output

    history = run("awards", "--person", "Nguyễn Văn Hòa").output
    assert history.count("lượt khen thưởng") == 1  # one person, however it is written
    assert history.index("45/QĐ-UBND") < history.index("120/QĐ-CTN")  # date order
    sheet = tmp_path / "hoa.csv"
    run("awards", "--person", "nguyen van hoa", "--csv", str(sheet))
    assert sheet.read_text("utf-8-sig").count("Nguyễn Văn Hòa") == 1
    assert "120/QĐ-CTN" in sheet.read_text("utf-8-sig")
    units = json.loads(run("awards", "--unit", "so noi vu", "--json").output)
    assert units["total"] == 3 and len(units["recipients"]) == 2

    again = write(folder, "c.txt", award_decision("46/QĐ-UBND", level="ministry_province", form=BK, year=2023, recipients=["Ông Nguyễn Văn Hòa, Sở Nội vụ"], month=8))  # fmt: skip
    assert "Có thể khen trùng" in run("ingest", str(again)).output
    flags = json.loads(run("report", "duplicates", "--json").output)["flags"]
    assert len(flags) == 1
    assert "Lỗi:" in run("report", "dismiss", str(flags[0]["id"]), "--reason", "x", code=1).output
    run("report", "dismiss", str(flags[0]["id"]), "--reason", "Hai thành tích khác nhau")
    assert "Không có cảnh báo" in run("report", "duplicates").output
    assert "Hai thành tích khác nhau" in run("report", "duplicates", "--dismissed").output
