"""Award statistics, exports, histories and duplicate-award flags, read off archived decisions."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from archive.accounts import User
from archive.actions import reports
from archive.audit import AuditFilter, find_events
from archive.award_identity import identity, name_key, unit_label
from archive.edit import update_metadata
from archive.errors import ArchiveError
from archive.facade import Archive
from archive.reasons import ReasonMissing
from archive.reports.layout import LayoutError, load_layout
from archive.reports.levels import load_levels
from archive.retext import replace_text
from archive.statistics import ReportError, Selection
from ingest.batch import ingest_paths
from ingest.import_report import write_report
from ingest.pipeline import IngestResult
from ingest.service import importer
from tests.awards_texts import award_decision, write

ADMIN = User("admin", "Quản trị", "admin")
ARCHIVIST = User("archivist", "Văn thư", "archivist")
VIEWER = User("viewer", "Người xem", "viewer")
HOA = "Ông Nguyễn Văn Hoà, Trưởng phòng, Sở Nội vụ"
MAI = "Bà Lò Thị Mai, Chuyên viên, Sở Tư pháp"
PHONG = "Phòng Tổ chức cán bộ, Sở Nội vụ"
HC = "Huân chương Lao động hạng Ba"
BK = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


def ingest(archive: Archive, paths: list[Path]) -> list[IngestResult]:
    results: list[IngestResult] = []
    ingest_paths(archive, paths, user="test", report=results.append)
    return results


def decisions(folder: Path) -> list[Path]:
    """2024: the State (1 collective, 2 people), the province (1 + 1), the agency (2 people);
    2023: the province (1 person)."""
    return [
        write(folder, "ctn.txt", award_decision("120/QĐ-CTN", level="state", form=HC, year=2024, recipients=[PHONG, HOA, MAI])),
        write(folder, "ubnd.txt", award_decision("45/QĐ-UBND", level="ministry_province", form=BK, year=2024, recipients=[PHONG, MAI], month=6)),
        write(folder, "so.txt", award_decision("7/QĐ-SNV", level="agency", form="Giấy khen", year=2024, recipients=[HOA, MAI], month=9)),
        write(folder, "ubnd23.txt", award_decision("300/QĐ-UBND", level="ministry_province", form=BK, year=2023, recipients=[MAI], month=11)),
    ]  # fmt: skip


@pytest.fixture
def awarded(file_archive: Archive, tmp_path: Path) -> dict[str, str]:
    results = ingest(file_archive, decisions(tmp_path / "in"))
    assert [r.status for r in results] == ["created"] * 4
    return {r.filename: r.record.id for r in results if r.record}


def test_counts_by_form_and_level_split_individuals_and_collectives(
    file_archive: Archive, awarded: dict[str, str]
) -> None:
    report = reports.award_report(file_archive, VIEWER, year=2024)
    data = report.to_json()
    assert (data["from"], data["to"], data["total"]) == (2024, 2024, 7)
    rows = {(r["award_form"], r["level"]): r for r in data["rows"]}
    assert rows[(HC, "state")] | {"years": None, "awards": None} == {
        "award_form": HC,
        "level": "state",
        "collectives": 1,
        "individuals": 2,
        "unknown_kind": 0,
        "total": 3,
        "years": None,
        "awards": None,
        "decisions": [awarded["ctn.txt"]],
    }
    behind = rows[(HC, "state")]["awards"]
    assert [(a["recipient"], a["recipient_kind"]) for a in behind] == [
        ("Phòng Tổ chức cán bộ, Sở Nội vụ", "collective"),
        ("Nguyễn Văn Hòa", "individual"),
        ("Lò Thị Mai", "individual"),
    ]
    assert {a["decision"]["number"] for a in behind} == {"120/QĐ-CTN"}
    assert (
        rows[(BK, "ministry_province")]["collectives"],
        rows[(BK, "ministry_province")]["individuals"],
    ) == (1, 1)
    assert rows[("Giấy khen", "agency")]["individuals"] == 2
    # The highest level comes first.
    assert [r["level"] for r in data["rows"]] == ["state", "ministry_province", "agency"]
    # Over a range: the 2023 decision joins the province's row, with its year apart.
    ranged = reports.award_report(file_archive, VIEWER, first=2023, last=2024).to_json()
    (province,) = [r for r in ranged["rows"] if r["level"] == "ministry_province"]
    assert province["total"] == 3 and province["years"] == {"2023": 1, "2024": 2}
    assert set(province["decisions"]) == {awarded["ubnd.txt"], awarded["ubnd23.txt"]}
    assert ranged["total"] == 8
    by_level = reports.award_report(file_archive, VIEWER, year=2024, by="level").to_json()
    assert [(r["level"], r["total"]) for r in by_level["rows"]] == [
        ("state", 3),
        ("ministry_province", 2),
        ("agency", 2),
    ]
    by_unit = reports.award_report(file_archive, VIEWER, year=2024, by="unit").to_json()
    # A person's post is not part of the unit; a collective counts for itself.
    assert {r["unit"]: r["total"] for r in by_unit["rows"]} == {
        "Sở Tư pháp": 3,
        "Sở Nội vụ": 2,
        "Phòng Tổ chức cán bộ, Sở Nội vụ": 2,
    }
    by_kind = reports.award_report(file_archive, VIEWER, year=2024, by="kind").to_json()
    assert {r["kind"]: r["total"] for r in by_kind["rows"]} == {"individual": 5, "collective": 2}


def test_the_yearly_forms_are_filled_from_the_layout(
    file_archive: Archive, awarded: dict[str, str]
) -> None:
    report = reports.award_report(file_archive, VIEWER, year=2024)
    tables = {t["id"]: t for t in report.to_json()["tables"]}
    labour = next(r for r in tables["0602"]["rows"] if r["label"] == "Huân chương Lao động")
    assert (labour["total"], labour["collectives"], labour["individuals"]) == (3, 1, 2)
    assert labour["decisions"] == [awarded["ctn.txt"]]
    assert tables["0602"]["totals"]["total"] == 3
    merit = next(r for r in tables["0603"]["rows"] if r["label"] == "Bằng khen")
    assert merit["total"] == 2
    assert tables["co-so"]["totals"] == {"total": 2, "collectives": 0, "individuals": 2}
    # Every figure lists the entries and decisions behind it.
    behind = reports.figure_entries(
        report, Selection(table="0602", line=labour["code"], kind="collective")
    )
    assert [(e.recipient, e.record_id) for e in behind] == [(PHONG, awarded["ctn.txt"])]


def test_an_office_replaces_the_layout_and_the_level_rules(
    file_archive: Archive, awarded: dict[str, str]
) -> None:
    data_dir = file_archive.settings.data_dir
    (data_dir / "award-report-layout.json").write_text(
        json.dumps(
            {
                "name": "Biểu của cơ quan",
                "source": "Quy chế cơ quan",
                "tables": [
                    {
                        "id": "all-province",
                        "title": "Khen cấp tỉnh",
                        "level": "ministry_province",
                        "columns": [{"id": "total", "label": "Tổng"}],
                        "rows": [{"code": "1", "label": "Tất cả", "other": True}],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    # This office counts its Department's own awards at the province's level.
    shipped = json.loads(
        (Path(__file__).parents[1] / "archive/reports/award_levels.json").read_text("utf-8")
    )
    shipped["rules"].insert(0, {"level": "ministry_province", "starts": ["Sở Nội vụ"]})
    (data_dir / "award-levels.json").write_text(json.dumps(shipped), encoding="utf-8")
    report = reports.award_report(file_archive, VIEWER, year=2024).to_json()
    (table,) = report["tables"]
    assert table["rows"] == [
        {
            "code": "1",
            "label": "Tất cả",
            "total": 4,
            "decisions": [awarded["ubnd.txt"], awarded["so.txt"]],
        }
    ]
    assert {r["level"] for r in report["rows"]} == {"state", "ministry_province"}
    (data_dir / "award-report-layout.json").write_text('{"tables": 1}', encoding="utf-8")
    with pytest.raises(LayoutError, match=r"award-report-layout\.json"):
        load_layout(data_dir)


def test_the_awarding_level_comes_from_the_authority_that_signed() -> None:
    levels = load_levels(Path("/nonexistent"))
    assert levels.level_of("CHỦ TỊCH NƯỚC") == "state"
    assert levels.level_of("Thủ tướng Chính phủ") == "state"
    assert levels.level_of("Bộ Nội vụ") == "ministry_province"
    assert levels.level_of("UBND tỉnh Lai Châu") == "ministry_province"
    assert levels.level_of("Ủy ban nhân dân thành phố Hà Nội") == "ministry_province"
    assert levels.level_of("Ủy ban nhân dân huyện Vị Xuyên") == "agency"
    assert levels.level_of("Bồi dưỡng") == "agency"  # "Bộ " with its space
    assert levels.level_of(None, "Thủ tướng Chính phủ") == "state"
    assert levels.level_of(None) == "agency"


def test_a_viewer_does_not_count_confidential_decisions(
    file_archive: Archive, awarded: dict[str, str]
) -> None:
    update_metadata(
        file_archive,
        awarded["ctn.txt"],
        {"confidentiality": "Mật"},
        reason="Phân loại mật",
        user="a",
    )
    assert reports.award_report(file_archive, VIEWER, year=2024).total == 4
    assert reports.award_report(file_archive, ADMIN, year=2024).total == 7
    assert all(
        h.entries[0].record_id != awarded["ctn.txt"]
        for h in reports.history(file_archive, VIEWER, person="nguyen van hoa")
    )


def test_years_and_groupings_are_bounded(file_archive: Archive) -> None:
    for kwargs in (
        {},
        {"year": 1800},
        {"first": 2024, "last": 2020},
        {"first": 1950, "last": 2024},
    ):
        with pytest.raises(ReportError):
            reports.award_report(file_archive, VIEWER, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ReportError, match="form, level, unit, kind"):
        reports.award_report(file_archive, VIEWER, year=2024, by="color")


def test_xlsx_export_holds_the_numbers_with_vietnamese_headers(
    file_archive: Archive, awarded: dict[str, str], tmp_path: Path
) -> None:
    # A unit typed as a formula (the text of a hostile file).
    path = write(tmp_path / "x", "x.txt", award_decision("8/QĐ-SNV", level="agency", form="Giấy khen", year=2022, recipients=['Ông Lê Văn Cường, =HYPERLINK("http://x","bấm")']))  # fmt: skip
    ingest(file_archive, [path])
    report = reports.award_report(file_archive, VIEWER, first=2022, last=2024)
    data = reports.export_report(file_archive, VIEWER, report, "xlsx")
    book = load_workbook(io.BytesIO(data))
    summary = book["Tổng hợp"]
    values = [[c.value for c in row] for row in summary.iter_rows()]
    header = values.index(
        [
            "Hình thức / nhóm",
            "Cấp khen thưởng",
            "Tập thể",
            "Cá nhân",
            "Không rõ",
            "Tổng số",
            "Số quyết định",
        ]
    )
    assert values[header + 1] == [HC, "Cấp Nhà nước", 1, 2, 0, 3, 1]
    assert values[-1][0] == "Tổng cộng" and values[-1][5] == 9
    assert [row[0] for row in values[:2]] == ["Thống kê khen thưởng", "Từ năm 2022 đến năm 2024"]
    assert values[2][0].startswith("Lập lúc ")
    assert summary.column_dimensions["A"].width == 44
    form = book["0602"]
    labour = next(
        row for row in form.iter_rows(values_only=True) if row[1] == "Huân chương Lao động"
    )
    assert labour[2:] == (3, 1, 2)
    listing = [list(r) for r in book["Danh sách"].iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(listing) if row[0] == "STT") + 1
    assert listing[start - 1][:2] == ["STT", "Người/tập thể được khen"]
    assert len(listing) - start == 9
    dates = {row[8] for row in listing[start:]}
    assert {"15/03/2024", "15/06/2024", "15/09/2024", "15/11/2023", "15/03/2022"} == dates
    # A unit typed as a formula stays text.
    assert '\'=HYPERLINK("http://x","bấm")' in {row[3] for row in listing[start:]}
    assert not any(str(row[3]).startswith("=") for row in listing[start:])
    (event,) = find_events(file_archive, AuditFilter(action="award_export"))
    assert event.details["entries"] == 9


def test_csv_export_of_the_awards_behind_one_figure(
    file_archive: Archive, awarded: dict[str, str]
) -> None:
    report = reports.award_report(file_archive, VIEWER, year=2024)
    data = reports.export_report(
        file_archive, VIEWER, report, "csv", selection=Selection(level="agency")
    )
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header = rows.index([label for label, _ in reports.export.ENTRY_COLUMNS])
    body = rows[header + 1 :]
    assert [(r[1], r[4], r[7], r[8]) for r in body] == [
        ("Nguyễn Văn Hòa", "Giấy khen", "7/QĐ-SNV", "15/09/2024"),
        ("Lò Thị Mai", "Giấy khen", "7/QĐ-SNV", "15/09/2024"),
    ]
    with pytest.raises(ArchiveError):
        reports.export_report(file_archive, VIEWER, report, "pdf")


def test_charts_are_svg_drawn_the_same_every_time(
    file_archive: Archive, awarded: dict[str, str]
) -> None:
    for kind in reports.CHARTS:
        svg = reports.award_chart(file_archive, VIEWER, first=2023, last=2024, kind=kind)
        root = ElementTree.fromstring(svg)
        assert root.tag.endswith("svg")
        assert svg == reports.award_chart(file_archive, VIEWER, first=2023, last=2024, kind=kind)
    with pytest.raises(ArchiveError):
        reports.award_chart(file_archive, VIEWER, first=2023, last=2024, kind="pie")


def test_one_person_under_many_spellings_namesakes_apart() -> None:
    assert name_key("Nguyễn Văn Hoà") == name_key("NGUYỄN  VĂN HÒA ") == "nguyễn văn hòa"
    assert name_key("Nguyễn Văn Hoà") == name_key("Nguye\u0302\u0303n Va\u0306n Hoa\u0300")
    assert name_key("Nguyễn Văn An") != name_key("Nguyễn Văn Ân")
    assert identity("Lò Thị Mai", "Chuyên viên, Sở Tư pháp") == identity(
        "lò thị  mai", "Phó Trưởng phòng, Sở  Tư pháp."
    )
    assert identity("Lò Thị Mai", "Sở Tư pháp") != identity("Lò Thị Mai", "Sở Y tế")
    assert unit_label("Phó Trưởng phòng, Sở Nội vụ tỉnh Hà Giang.") == "Sở Nội vụ tỉnh Hà Giang"
    assert unit_label("Phòng Tổ chức cán bộ, Sở Nội vụ") == "Phòng Tổ chức cán bộ, Sở Nội vụ"


def test_award_history_of_a_person_and_of_a_unit(
    file_archive: Archive, awarded: dict[str, str], tmp_path: Path
) -> None:
    # A namesake in another unit, and the same person written otherwise.
    ingest(
        file_archive,
        [
            write(tmp_path / "more", "yte.txt", award_decision("9/QĐ-SYT", level="agency", form="Giấy khen", year=2022, recipients=["Bà Lò Thị Mai, Điều dưỡng, Sở Y tế"])),
            write(tmp_path / "more", "hoa.txt", award_decision("88/QĐ-UBND", level="ministry_province", form="Bằng khen", year=2021, recipients=["Ông NGUYỄN VĂN  HOÀ, Phó Trưởng phòng, Sở Nội vụ"])),
        ],
    )  # fmt: skip
    mai = reports.history(file_archive, VIEWER, person="lo thi mai")
    assert [(h.unit, [e.decision_number for e in h.entries]) for h in mai] == [
        ("Điều dưỡng, Sở Y tế", ["9/QĐ-SYT"]),
        ("Chuyên viên, Sở Tư pháp", ["300/QĐ-UBND", "120/QĐ-CTN", "45/QĐ-UBND", "7/QĐ-SNV"]),
    ]
    (hoa,) = reports.history(file_archive, VIEWER, person="Nguyễn Văn Hòa")
    assert [e.decision_date for e in hoa.entries] == ["2021-03-15", "2024-03-15", "2024-09-15"]
    unit = reports.history(file_archive, VIEWER, unit="So Noi vu")
    names = {(h.recipient, len(h.entries)) for h in unit}
    assert (PHONG, 2) in names and ("Nguyễn Văn Hòa", 3) in names
    with pytest.raises(ArchiveError):
        reports.history(file_archive, VIEWER)


def test_the_same_award_twice_is_flagged_and_dismissed_with_a_reason(
    file_archive: Archive, awarded: dict[str, str], tmp_path: Path
) -> None:
    (again,) = ingest(
        file_archive,
        [write(tmp_path / "dup", "lai.txt", award_decision("46/QĐ-UBND", level="ministry_province", form=BK, year=2024, recipients=["Bà LÒ THỊ MAI, Chuyên viên, Sở Tư pháp", "Ông Trần Văn Bình, Sở Tư pháp"], month=7))],
    )  # fmt: skip
    (flag,) = again.award_flags
    assert (flag.recipient, flag.award_form, flag.year) == ("LÒ THỊ MAI", BK, 2024)
    assert (flag.first_record_id, flag.second_record_id) == (awarded["ubnd.txt"], again.record.id)  # type: ignore[union-attr]
    assert "LÒ THỊ MAI" in again.to_json()["award_flags"][0]["message"]
    assert [f.id for f in reports.award_flags(file_archive, ARCHIVIST)] == [flag.id]
    with pytest.raises(ReasonMissing):
        reports.dismiss_flag(file_archive, ARCHIVIST, flag.id, reason="ok")
    done = reports.dismiss_flag(
        file_archive, ARCHIVIST, flag.id, reason="Hai đợt khen khác nhau: chuyên đề và năm"
    )
    assert done.dismissed_by == "archivist"
    assert reports.award_flags(file_archive, ARCHIVIST) == []
    assert [f.id for f in reports.award_flags(file_archive, ARCHIVIST, dismissed=True)] == [flag.id]
    (event,) = find_events(file_archive, AuditFilter(action="award_flag_dismiss"))
    assert event.details["reason"] == "Hai đợt khen khác nhau: chuyên đề và năm"
    with pytest.raises(reports.FlagNotFound):
        reports.dismiss_flag(file_archive, ARCHIVIST, flag.id, reason="Lần nữa cho chắc")
    # Editing the first decision again does not raise the pair twice.
    update_metadata(
        file_archive,
        awarded["ubnd.txt"],
        {"subject": "Khen thưởng"},
        reason="Sửa trích yếu",
        user="a",
    )
    assert reports.award_flags(file_archive, ARCHIVIST) == []
    # A different year or a different unit is not a duplicate.
    (other,) = ingest(
        file_archive,
        [write(tmp_path / "dup", "khac.txt", award_decision("47/QĐ-UBND", level="ministry_province", form=BK, year=2023, recipients=["Bà Lò Thị Mai, Sở Y tế"], month=8))],
    )  # fmt: skip
    assert other.award_flags == ()


def test_a_third_decision_is_flagged_against_each_earlier_one_once(
    file_archive: Archive, awarded: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "ba"
    (second,) = ingest(
        file_archive,
        [write(folder, "hai.txt", award_decision("46/QĐ-UBND", level="ministry_province", form=BK, year=2024, recipients=[MAI], month=7))],
    )  # fmt: skip
    assert len(second.award_flags) == 1
    # The third names her twice (an annex repeating the list): one flag a pair, not two.
    (third,) = ingest(
        file_archive,
        [write(folder, "ba.txt", award_decision("48/QĐ-UBND", level="ministry_province", form=BK, year=2024, recipients=[MAI, "Bà Lò Thị Mai, Sở Tư pháp"], month=8))],
    )  # fmt: skip
    assert third.record is not None and second.record is not None
    assert sorted(flag.first_record_id for flag in third.award_flags) == sorted(
        [awarded["ubnd.txt"], second.record.id]
    )
    assert {flag.second_record_id for flag in third.award_flags} == {third.record.id}
    assert len(reports.award_flags(file_archive, ARCHIVIST)) == 3


def test_the_import_report_notes_a_duplicate_award(
    file_archive: Archive, awarded: dict[str, str], tmp_path: Path
) -> None:
    box = tmp_path / "hop"
    write(box, "lai.txt", award_decision("46/QĐ-UBND", level="ministry_province", form=BK, year=2024, recipients=["Bà Lò Thị Mai, Sở Tư pháp"], month=7))  # fmt: skip
    write(box, "khac.txt", award_decision("47/QĐ-UBND", level="ministry_province", form=BK, year=2024, recipients=["Ông Trần Văn Bình, Sở Tư pháp"], month=7))  # fmt: skip
    run = importer(file_archive, ADMIN, box, workers=1).run()
    report = write_report(tmp_path / "r.csv", run)
    with report.open(encoding="utf-8-sig") as handle:
        rows = {r["tệp"]: r for r in csv.DictReader(handle)}
    assert rows["lai.txt"]["kết quả"] == "created"
    assert "Có thể khen trùng: Lò Thị Mai" in rows["lai.txt"]["ghi chú"]
    assert "45/QĐ-UBND" in rows["lai.txt"]["ghi chú"]
    assert rows["khac.txt"]["ghi chú"] == ""


def test_a_flag_closes_when_its_decision_no_longer_gives_the_award(
    file_archive: Archive, awarded: dict[str, str], tmp_path: Path
) -> None:
    (again,) = ingest(
        file_archive,
        [write(tmp_path / "dup", "lai.txt", award_decision("46/QĐ-UBND", level="ministry_province", form=BK, year=2024, recipients=["Bà Lò Thị Mai, Sở Tư pháp"], month=7))],
    )  # fmt: skip
    (flag,) = again.award_flags
    record = again.record
    assert record is not None
    # The text read again (an OCR correction, say) names someone else.
    document = file_archive.text_document(record)
    document["pages"] = [document["pages"][0].replace("Lò Thị Mai", "Lò Văn Mừng")]
    replace_text(file_archive, record, document, user="lan", reason="Sửa chữ nhận sai")
    assert reports.award_flags(file_archive, ARCHIVIST) == []
    (closed,) = reports.award_flags(file_archive, ARCHIVIST, dismissed=True)
    assert closed.id == flag.id and closed.dismissed_by == "hoso"
    assert "không còn ghi khen thưởng này" in (closed.dismiss_reason or "")
