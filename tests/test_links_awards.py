"""Cited documents become links both ways; award entries are searchable; corrections survive."""

from __future__ import annotations

from pathlib import Path

from archive import service
from archive.accounts import User
from archive.awards import find_awards
from archive.edit import update_metadata
from archive.facade import Archive
from archive.links import links
from archive.retext import replace_text
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult

DIRECTIVE = """BAN CHẤP HÀNH TRUNG ƯƠNG
-----
ĐẢNG CỘNG SẢN VIỆT NAM
Số: 34-CT/TW
Hà Nội, ngày 07 tháng 4 năm 2014

CHỈ THỊ
về tiếp tục đổi mới công tác thi đua, khen thưởng

Công tác thi đua, khen thưởng thời gian qua đã đạt được nhiều kết quả.

T/M BAN BÍ THƯ
Lê Hồng Anh
"""


def ingest(archive: Archive, paths: list[Path]) -> list[IngestResult]:
    results: list[IngestResult] = []
    ingest_paths(archive, paths, user="test", report=results.append)
    return results


def test_a_directive_links_to_the_plans_that_cite_it(
    file_archive: Archive, sample_dir: Path, tmp_path: Path
) -> None:
    directive = tmp_path / "ct34.txt"
    directive.write_text(DIRECTIVE, encoding="utf-8")
    plan, ct = ingest(file_archive, [sample_dir / "r00_kh_vanphong_laichau_ct34.txt", directive])
    assert ct.record.metadata["number"] == "34-CT/TW"  # type: ignore[union-attr]
    from_plan = links(file_archive, plan.record)  # type: ignore[arg-type]
    assert [link.record_id for link in from_plan["cites"]] == [ct.record.id]  # type: ignore[union-attr]
    to_directive = links(file_archive, ct.record)  # type: ignore[arg-type]
    assert [link.record_id for link in to_directive["cited_by"]] == [plan.record.id]  # type: ignore[union-attr]
    assert to_directive["cites"] == []


def test_awards_by_person_form_and_year(file_archive: Archive, sample_files: list[Path]) -> None:
    ingest(file_archive, sample_files)
    total, entries = find_awards(file_archive, person="lo thi huong", include_confidential=True)
    assert total == 1
    (entry,) = entries
    assert entry.recipient == "Lò Thị Hương"
    assert entry.award_form == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    assert entry.decision_number == "1268/QĐ-UBND"
    total, entries = find_awards(
        file_archive, form="Bằng khen", year=2015, include_confidential=True
    )
    assert total == 5 and {e.year for e in entries} == {2015}
    assert find_awards(file_archive, form="huan chuong lao dong", include_confidential=True)[0] >= 3
    # The same questions as one search query each, with facet counts.
    found = file_archive.search('hinhthuc:"bang khen" namkhen:2015')
    assert [h.record.metadata["number"] for h in found.hits] == ["1268/QĐ-UBND"]
    assert file_archive.search('nguoinhan:"lo van mung"').total == 1
    forms = dict(file_archive.search("").facets["award_form"])
    assert forms["Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"] == 1


def test_confidential_awards_are_hidden_from_viewers(
    file_archive: Archive, sample_dir: Path
) -> None:
    (result,) = ingest(file_archive, [sample_dir / "c01_qd_bangkhen_ubnd_laichau.txt"])
    record_id = result.record.id  # type: ignore[union-attr]
    update_metadata(
        file_archive, record_id, {"confidentiality": "Mật"}, reason="Phân loại mật", user="a"
    )
    assert find_awards(file_archive, person="lo thi huong", include_confidential=False)[0] == 0
    viewer = User("xem", "Người xem", "viewer")
    assert service.search(file_archive, viewer, "bang khen").total == 0
    auditor = User("kt", "Kiểm tra", "auditor")
    assert service.search(file_archive, auditor, "bang khen").total == 1


def test_a_persons_correction_survives_a_reparse(file_archive: Archive, sample_dir: Path) -> None:
    (result,) = ingest(file_archive, [sample_dir / "c01_qd_bangkhen_ubnd_laichau.txt"])
    record_id = result.record.id  # type: ignore[union-attr]
    corrected = update_metadata(
        file_archive,
        record_id,
        {"signer": "Đỗ Ngọc An (sửa)"},
        reason="Sửa theo bản gốc",
        user="lan",
    )
    again = replace_text(
        file_archive,
        corrected,
        file_archive.text_document(corrected),
        user="hoso-reparse",
        reason="Đọc lại",
    )
    assert again.metadata["signer"] == "Đỗ Ngọc An (sửa)"
    assert again.provenance["signer"] == {
        "source": "entered",
        "by": "lan",
        "at": corrected.provenance["signer"]["at"],
    }
    assert again.provenance["number"]["source"] == "extracted"
    assert again.provenance["number"]["by"].startswith("hoso-vn ")
    assert file_archive.get(record_id).metadata["signer"] == "Đỗ Ngọc An (sửa)"
