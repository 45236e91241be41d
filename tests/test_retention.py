"""Retention: the schedule's rules, due dates (leap years, permanent), dossiers, overrides."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archive.accounts import User
from archive.dossiers import add_records, create_dossier, remove_record, update_dossier
from archive.facade import Archive
from archive.retention.classify import choose_rule, disposal_due
from archive.retention.decide import set_retention
from archive.retention.schedule import ScheduleError, load_schedule, parse_schedule
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult

ARCHIVIST = User("lan", "Nguyễn Thị Lan", "archivist")


@pytest.fixture(scope="module")
def schedule():  # type: ignore[no-untyped-def]
    return load_schedule(Path("/nonexistent"))


EXPECTED = {
    "khen-thuong-nguoi-nuoc-ngoai": None,
    "khen-thuong-chu-tich-nuoc-thu-tuong": None,
    "khen-thuong-bo-truong-chu-tich-tinh": date(2035, 12, 31),
    "khen-thuong-thu-truong-co-quan": date(2025, 12, 31),
    "quy-che-huong-dan-tdkt": None,
    "quy-che-huong-dan-tdkt-ban-hanh": None,
    "phong-trao-ky-niem": date(2025, 12, 31),
    "ke-hoach-bao-cao-quy-thang": date(2020, 12, 31),
    "ke-hoach-bao-cao-6-9-thang": date(2035, 12, 31),
    "ke-hoach-bao-cao-dai-han-hang-nam": None,
    "hoi-nghi-thi-dua": None,
    "cong-van-trao-doi-tdkt": date(2025, 12, 31),
    "van-ban-gui-chung": None,
}


def test_due_date_of_every_rule_for_a_matter_closed_in_2015(schedule) -> None:  # type: ignore[no-untyped-def]
    assert {rule.id for rule in schedule.rules} == set(EXPECTED)
    for rule in schedule.rules:
        assert disposal_due(rule, 2015) == EXPECTED[rule.id], rule.id


def test_leap_day_and_open_matters(schedule) -> None:  # type: ignore[no-untyped-def]
    five = schedule.rule("ke-hoach-bao-cao-quy-thang")
    # Counted in whole years from the year the matter closed, so 29 February is no edge.
    assert disposal_due(five, date(2016, 2, 29).year) == date(2021, 12, 31)
    assert disposal_due(five, None) is None
    assert disposal_due(schedule.rule("hoi-nghi-thi-dua"), 2016) is None


@pytest.mark.parametrize(
    ("metadata", "rule"),
    [
        (
            {"doc_type": "Quyết định", "awards": [{"award_form": "Huân chương Lao động hạng Ba"}]},
            "khen-thuong-chu-tich-nuoc-thu-tuong",
        ),
        (
            {
                "doc_type": "Quyết định",
                "awards": [{"award_form": "Bằng khen của Thủ tướng Chính phủ"}],
            },
            "khen-thuong-chu-tich-nuoc-thu-tuong",
        ),
        (
            {
                "doc_type": "Quyết định",
                "awards": [{"award_form": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"}],
            },
            "khen-thuong-bo-truong-chu-tich-tinh",
        ),
        (
            {"doc_type": "Quyết định", "awards": [{"award_form": "Giấy khen"}]},
            "khen-thuong-thu-truong-co-quan",
        ),
        (
            {
                "doc_type": "Quyết định",
                "subject": "Tặng Bằng khen cho người nước ngoài",
                "awards": [{"award_form": "Giấy khen"}],
            },
            "khen-thuong-nguoi-nuoc-ngoai",
        ),
        (
            {"doc_type": "Báo cáo", "subject": "Công tác thi đua quý III năm 2015"},
            "ke-hoach-bao-cao-quy-thang",
        ),
        (
            {"doc_type": "Báo cáo", "subject": "Sơ kết 6 tháng đầu năm 2016"},
            "ke-hoach-bao-cao-6-9-thang",
        ),
        (
            {
                "doc_type": "Kế hoạch",
                "subject": "Thực hiện Chỉ thị 19/CT-TTg ngày 16 tháng 7 năm 2021",
            },
            "ke-hoach-bao-cao-dai-han-hang-nam",
        ),
        (
            {"doc_type": "Kế hoạch", "subject": "Tổ chức phong trào thi đua kỷ niệm 70 năm"},
            "phong-trao-ky-niem",
        ),
        (
            {"doc_type": "Công văn", "subject": "Về việc đề nghị khen thưởng"},
            "cong-van-trao-doi-tdkt",
        ),
        ({"doc_type": "Hướng dẫn"}, "quy-che-huong-dan-tdkt"),
    ],
)
def test_rules_are_chosen_by_type_subject_and_awarding_authority(schedule, metadata, rule) -> None:  # type: ignore[no-untyped-def]
    assert choose_rule(metadata, schedule).id == rule


def test_an_office_replaces_the_schedule_with_one_file(tmp_path: Path) -> None:
    (tmp_path / "retention-schedule.json").write_text(
        '{"name": "Bảng riêng", "source": "Quyết định 1/QĐ-VP", "rules": ['
        '{"id": "moi-thu", "title": "Mọi tài liệu", "period_years": 7, "match": {}}]}',
        encoding="utf-8",
    )
    schedule = load_schedule(tmp_path)
    assert schedule.name == "Bảng riêng" and choose_rule({}, schedule).period_years == 7
    with pytest.raises(ScheduleError, match="đúng một"):
        parse_schedule('{"name":"x","source":"y","rules":[{"id":"a","title":"t"}]}', origin="t")


def ingest(archive: Archive, paths: list[Path]) -> list[IngestResult]:
    results: list[IngestResult] = []
    ingest_paths(archive, paths, user="test", report=results.append)
    return results


def test_records_get_their_rule_at_ingest(file_archive: Archive, sample_dir: Path) -> None:
    (result,) = ingest(file_archive, [sample_dir / "c01_qd_bangkhen_ubnd_laichau.txt"])
    retention = result.record.metadata["retention"]  # type: ignore[union-attr]
    assert retention["rule"] == "khen-thuong-bo-truong-chu-tich-tinh"
    assert retention["period_years"] == 20 and retention["disposal_due"] == "2035-12-31"
    assert result.record.provenance["retention"]["source"] == "computed"  # type: ignore[union-attr]


def test_a_dossier_sets_the_closing_year_and_its_own_period(
    file_archive: Archive, sample_dir: Path
) -> None:
    (result,) = ingest(file_archive, [sample_dir / "c02_qd_cstdcs_ltt_snv.txt"])
    record_id = result.record.id  # type: ignore[union-attr]
    create_dossier(
        file_archive,
        "HS-TĐKT-2015-01",
        "Hồ sơ thi đua năm 2015",
        user="lan",
        start_date="01/01/2016",
        end_date="31/03/2017",
    )
    (moved,) = add_records(
        file_archive, "HS-TĐKT-2015-01", [record_id], user="lan", reason="Lập hồ sơ năm"
    )
    assert moved.metadata["retention"]["closed_year"] == 2017
    assert moved.metadata["retention"]["disposal_due"] == "2027-12-31"  # its rule, 10 years
    assert [h.record.id for h in file_archive.search("hoso:HS-TĐKT-2015-01").hits] == [record_id]

    update_dossier(
        file_archive,
        "HS-TĐKT-2015-01",
        {"retention": "20"},
        user="lan",
        reason="Hồ sơ cả năm giữ 20 năm",
    )
    assert file_archive.get(record_id).metadata["retention"]["disposal_due"] == "2037-12-31"

    left = remove_record(
        file_archive, "HS-TĐKT-2015-01", record_id, user="lan", reason="Nhầm hồ sơ"
    )
    # Issued on 05/01/2016: its own year and rule again.
    assert left.metadata["retention"]["disposal_due"] == "2026-12-31"


def test_a_person_overrides_the_schedule_with_a_reason(
    file_archive: Archive, sample_dir: Path
) -> None:
    (result,) = ingest(file_archive, [sample_dir / "c02_qd_cstdcs_ltt_snv.txt"])
    updated = set_retention(
        file_archive,
        ARCHIVIST,
        result.record.id,
        permanent=True,  # type: ignore[union-attr]
        reason="Hồ sơ điển hình, giữ lâu dài",
    )
    assert updated.metadata["retention"]["permanent"] is True
    assert updated.metadata["retention"]["disposal_due"] is None
    assert updated.provenance["retention"]["source"] == "entered"
    viewer = User("xem", "Xem", "viewer")
    from archive.permissions import Forbidden

    with pytest.raises(Forbidden):
        set_retention(file_archive, viewer, result.record.id, years=5, reason="không được phép")  # type: ignore[union-attr]
