"""PDF text as ingest reads it: every word, in its lines, from every page there is."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.vn.hygiene import clean_text
from ingest.errors import Rejected
from ingest.extract import pdf as pdf_extract
from ingest.extract.pdf import extract_pdf
from tests.documents import FONT, write_pdf


def _first_page(path: Path, lines: list[tuple[float, float, str]]) -> str:
    """Write ``lines`` (x and y in mm, text) on one A4 page with fpdf2, and read it back."""
    from fpdf import FPDF

    document = FPDF(format="A4")
    document.add_font("DejaVu", fname=str(FONT))
    document.set_font("DejaVu", size=11)
    document.add_page()
    for x, y, text in lines:
        document.text(x, y, text)
    document.output(str(path))
    return extract_pdf(path, path.name).pages[0]


def test_a_word_broken_at_a_line_end_is_whole_again(tmp_path: Path) -> None:
    page = _first_page(
        tmp_path / "gach-noi.pdf",
        [
            (20, 30, "Khen thưởng cho tập thể lao động xuất sắc, đơn vị dẫn exam-"),
            (20, 36, "ple tiêu biểu trong phong trào thi đua năm 2015."),
        ],
    )
    assert "\x02" not in page and "\r" not in page
    # The break is a line end again, which text hygiene joins as it always has.
    assert "exam-\nple" in page
    assert "example" in clean_text(page)


def test_text_running_off_the_page_is_kept(tmp_path: Path) -> None:
    page = _first_page(
        tmp_path / "tran-le.pdf",
        [
            (20, 30, "Quyết định số 12/QĐ-UBND"),
            (170, 50, "Nơi nhận: Sở Nội vụ tỉnh Hà Giang, lưu văn thư"),
        ],
    )
    assert "Nơi nhận: Sở Nội vụ tỉnh Hà Giang, lưu văn thư" in page


def test_a_page_tree_that_counts_wrong_is_read_by_its_pages(tmp_path: Path) -> None:
    path = write_pdf(
        "QUYẾT ĐỊNH\nVề việc tặng Bằng khen của Chủ tịch UBND tỉnh", tmp_path / "a.pdf"
    )
    data = path.read_bytes()
    assert data.count(b"/Count 1") == 1
    # Same length, so every offset of the cross-reference table still holds.
    path.write_bytes(data.replace(b"/Count 1", b"/Count 3"))
    extracted = extract_pdf(path, path.name)
    assert extracted.page_count == 1
    assert "Bằng khen" in extracted.pages[0]
    assert extracted.extractor.startswith("pypdf")


def test_a_pdf_over_the_page_limit_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_pdf("một\ftrang\fba", tmp_path / "ba-trang.pdf")
    monkeypatch.setattr(pdf_extract, "MAX_PDF_PAGES", 2)
    with pytest.raises(Rejected) as refused:
        extract_pdf(path, path.name)
    assert refused.value.code == "too_many_pages"
    assert "3" in refused.value.message()


def test_the_extractor_is_named_with_its_version(tmp_path: Path) -> None:
    path = write_pdf("Kế hoạch thi đua năm 2016", tmp_path / "k.pdf")
    extracted = extract_pdf(path, path.name)
    assert extracted.extractor.startswith("pdfium ")
    assert extracted.pages == ["Kế hoạch thi đua năm 2016"]
