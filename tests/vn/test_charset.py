"""Legacy TCVN3/VNI bytes are recognised before any generic charset guess, in every format."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from vn_scoring import encode_tcvn3, encode_vni

from ingest.extract.charset import decode_text, single_byte_view, unlegacy
from ingest.extract.docx import extract_docx
from ingest.extract.office import extract_rtf
from ingest.extract.plain import extract_plain
from tests.documents import write_docx

SAMPLE = (
    "ỦY BAN NHÂN DÂN HUYỆN MỘC CHÂU\n"
    "QUYẾT ĐỊNH\n"
    "Về việc tặng Giấy khen cho các tập thể có thành tích xuất sắc\n"
    "Căn cứ Luật Thi đua, Khen thưởng; xét đề nghị của Trưởng phòng Nội vụ huyện,"
)
ENCODERS = {"tcvn3": encode_tcvn3, "vni": encode_vni}


def _bytes(text: str, encoding: str) -> bytes:
    return ENCODERS[encoding](text).encode("cp1252")


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_legacy_plain_text_bytes_decode_to_unicode(encoding: str, tmp_path: Path) -> None:
    raw = _bytes(SAMPLE, encoding)
    assert decode_text(raw) == SAMPLE
    path = tmp_path / "van-ban.txt"
    path.write_bytes(raw)
    assert extract_plain(path, path.name).pages == [SAMPLE]


def test_other_single_byte_text_is_left_to_the_charset_guess() -> None:
    french = "Le décret règle l'attribution des décorations à l'échelon régional."
    assert decode_text(french.encode("cp1252")) == french
    assert decode_text("Xin chào".encode()) == "Xin chào"


def test_single_byte_view_reads_windows_punctuation() -> None:
    assert single_byte_view(b"\x93Thi \x96 \x94\x81") == "“Thi – ”\x81"


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_legacy_font_docx_is_converted_at_extraction(encoding: str, tmp_path: Path) -> None:
    path = write_docx(ENCODERS[encoding](SAMPLE), tmp_path / "van-ban.docx")
    assert extract_docx(path, path.name).pages == [SAMPLE]


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_legacy_rtf_bytes_are_read_before_cp1258(encoding: str, tmp_path: Path) -> None:
    escaped = "".join(
        f"\\'{b:02x}" if b > 0x7F else ("\\par\n" if b == 0x0A else chr(b))
        for b in _bytes(SAMPLE, encoding)
    )
    path = tmp_path / "van-ban.rtf"
    path.write_text("{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 .VnTime;}}\\f0 " + escaped + "}")
    assert extract_rtf(path, path.name).text.strip() == SAMPLE


def test_unlegacy_judges_the_whole_document() -> None:
    pages = [encode_tcvn3(SAMPLE), "12"]
    assert unlegacy(pages) == [SAMPLE, "12"]
    assert unlegacy([SAMPLE]) == [SAMPLE]


def test_windows_1258_vietnamese_is_not_taken_for_legacy() -> None:
    tones = "\u0300\u0301\u0303\u0309\u0323"
    decomposed = "".join(
        unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
        + "".join(p for p in parts if p in tones)
        for parts in (unicodedata.normalize("NFD", ch) for ch in SAMPLE)
    )
    assert unicodedata.normalize("NFC", decode_text(decomposed.encode("cp1258")) or "") == SAMPLE


def test_headings_typed_small_in_a_capitals_font_are_read_as_capitals(tmp_path: Path) -> None:
    import docx

    legacy = docx.Document()
    heading = legacy.add_paragraph().add_run(encode_tcvn3("quyết định"))  # typed small
    heading.font.name = ".VnTimeH"
    legacy.add_paragraph().add_run(encode_tcvn3("Về việc tặng Giấy khen")).font.name = ".VnTime"
    legacy.save(str(tmp_path / "tcvn3.docx"))
    assert extract_docx(tmp_path / "tcvn3.docx", "tcvn3.docx").pages == [
        "QUYẾT ĐỊNH\nVề việc tặng Giấy khen"
    ]
    unicode = docx.Document()
    unicode.add_paragraph().add_run("chủ tịch ủy ban nhân dân").font.all_caps = True
    unicode.add_paragraph("Căn cứ Luật Thi đua, Khen thưởng;")
    unicode.save(str(tmp_path / "caps.docx"))
    assert extract_docx(tmp_path / "caps.docx", "caps.docx").pages == [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN\nCăn cứ Luật Thi đua, Khen thưởng;"
    ]
