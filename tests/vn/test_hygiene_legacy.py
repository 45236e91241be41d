"""Text hygiene and legacy-encoding detection."""

from __future__ import annotations

import pytest

from archive.vn import clean_text
from archive.vn.legacy import convert, detect

UNICODE_VI = "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003 của Quốc hội."
ENGLISH = "The archive keeps award decisions, directives and plans for audits."
FRENCH = "Le décret règle l'attribution des décorations et des médailles à l'échelon régional."
GERMAN = "Die Behörde prüft über fünfzig Anträge für Auszeichnungen und Orden."


@pytest.mark.parametrize("text", [UNICODE_VI, ENGLISH, FRENCH, GERMAN, "Hoa binh, doc lap"])
def test_ordinary_text_is_never_taken_for_legacy(text: str) -> None:
    assert detect(text) is None
    assert convert(text) == text


def test_tcvn3_and_vni_mojibake_are_converted() -> None:
    assert detect("QuyÕt ®Þnh vÒ viÖc tÆng B»ng khen") == "tcvn3"
    assert convert("QuyÕt ®Þnh vÒ viÖc tÆng B»ng khen") == "Quyết định về việc tặng Bằng khen"
    assert detect("Quyeát ñònh veà vieäc taëng Baèng khen") == "vni"
    assert convert("Quyeát ñònh veà vieäc taëng Baèng khen") == "Quyết định về việc tặng Bằng khen"


def test_tcvn3_headings_get_their_capitals_back() -> None:
    assert convert("QUYÕT §ÞNH\nCéNG HßA X· HéI CHñ NGHÜA VIÖT NAM") == (
        "QUYẾT ĐỊNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )


def test_clean_text_unifies_tone_marks_and_nfc() -> None:
    assert clean_text("Uỷ ban nhân dân tỉnh, hoà bình") == "Ủy ban nhân dân tỉnh, hòa bình"
    assert clean_text("Ho\u0300a") == "Hòa"


def test_clean_text_joins_broken_sentences_but_keeps_header_lines() -> None:
    text = "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nChủ tịch UBND tỉnh, Trưởng ban Ban Thi đua-Khen\nthưởng Trung ương"
    assert clean_text(text).split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LAI CHÂU",
        "Chủ tịch UBND tỉnh, Trưởng ban Ban Thi đua-Khen thưởng Trung ương",
    ]


def test_clean_text_repairs_hyphenation_and_ocr_zeros() -> None:
    assert clean_text("the docu-\nment of 2O14") == "the document of 2014"
    assert clean_text("phát triển kinh tế -\nxã hội") == "phát triển kinh tế - xã hội"
    assert clean_text("QU0C HỘI, ngày O7") == "QUOC HỘI, ngày 07"


def test_a_code_holding_a_zero_among_letters_is_left_as_written() -> None:
    # Only a word whose one digit is a zero among letters was misread; a code is not.
    for code in ["6D0E3", "XMARKER6D0E3EE5A781", "A10B", "SN0V2"]:
        assert clean_text(f"mã {code} chỉ") == f"mã {code} chỉ"
    assert clean_text("c0ng văn QU0C") == "cong văn QUOC"


def test_clean_text_marks_column_gaps_as_cells() -> None:
    assert clean_text("Nơi nhận:\t\tKT. CHỦ TỊCH") == "Nơi nhận: | KT. CHỦ TỊCH"
