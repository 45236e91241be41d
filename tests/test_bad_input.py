"""Bad input: each refusal has its own clear message, and nothing is stored."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import pypdf
import pytest

from archive.facade import Archive
from archive.settings import Settings
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult
from tests.documents import write_pdf

TEXT = "QUYẾT ĐỊNH\nVề việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh\n"


def refuse(archive: Archive, path: Path) -> IngestResult:
    results: list[IngestResult] = []
    ingest_paths(archive, [path], user="test", report=results.append)
    (result,) = results
    assert result.status == "rejected", result
    assert result.error is not None
    assert list(archive.store.list("")) == [], "a refused file left objects in storage"
    assert archive.stats()["records"] == 0
    assert archive.search("").total == 0
    return result


def test_an_executable_named_pdf(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "quyet-dinh.pdf"
    path.write_bytes(Path("/bin/ls").read_bytes())
    result = refuse(archive, path)
    assert result.error.code == "unsupported_type"  # type: ignore[union-attr]
    message = result.error.message()  # type: ignore[union-attr]
    assert "quyet-dinh.pdf" in message and "ELF" in message and "không phải loại" in message


def test_an_empty_file(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "rong.pdf"
    path.touch()
    result = refuse(archive, path)
    assert result.error.code == "empty_file"  # type: ignore[union-attr]
    assert "rỗng" in result.error.message()  # type: ignore[union-attr]


def test_a_truncated_pdf(archive: Archive, tmp_path: Path) -> None:
    whole = write_pdf(TEXT * 40, tmp_path / "whole.pdf")
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    result = refuse(archive, path)
    assert result.error.code == "truncated_pdf"  # type: ignore[union-attr]
    assert "cắt cụt" in result.error.message()  # type: ignore[union-attr]


def test_a_corrupt_pdf(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "hong.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x8f garbage " * 500 + b"\n%%EOF\n")
    result = refuse(archive, path)
    assert result.error.code == "corrupt_file"  # type: ignore[union-attr]
    assert "bị hỏng" in result.error.message()  # type: ignore[union-attr]


def test_an_encrypted_pdf(archive: Archive, tmp_path: Path) -> None:
    plain = write_pdf(TEXT, tmp_path / "plain.pdf")
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="mat-khau", algorithm="RC4-128")
    path = tmp_path / "mat.pdf"
    with path.open("wb") as out:
        writer.write(out)
    result = refuse(archive, path)
    assert result.error.code == "encrypted_pdf"  # type: ignore[union-attr]
    assert "mật khẩu" in result.error.message()  # type: ignore[union-attr]
    assert "password" in result.error.message("en")  # type: ignore[union-attr]


def test_a_pdf_locked_only_against_editing_is_accepted(
    file_archive: Archive, tmp_path: Path
) -> None:
    plain = write_pdf(TEXT, tmp_path / "plain.pdf")
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="", owner_password="chu-so-huu", algorithm="RC4-128")
    path = tmp_path / "owner-locked.pdf"
    with path.open("wb") as out:
        writer.write(out)
    results: list[IngestResult] = []
    ingest_paths(file_archive, [path], user="test", report=results.append)
    assert results[0].status == "created"
    assert file_archive.search("bang khen").total == 1


def test_a_zip_named_docx(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "not a document")
    path.write_bytes(buffer.getvalue())
    result = refuse(archive, path)
    assert result.error.code == "unsupported_type"  # type: ignore[union-attr]
    assert "application/zip" in result.error.message()  # type: ignore[union-attr]


def test_an_html_page(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "trang.txt"
    path.write_text("<!DOCTYPE html><html><body><p>Quyết định</p></body></html>", encoding="utf-8")
    result = refuse(archive, path)
    assert "text/html" in result.error.message()  # type: ignore[union-attr]


def test_a_sparse_gigabyte_over_the_limit(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", max_upload_mb=200)
    archive = Archive.open(settings)
    path = tmp_path / "khong-lo.pdf"
    with path.open("wb") as f:
        f.truncate(1024 * 1024 * 1024)
    try:
        result = refuse(archive, path)
    finally:
        archive.close()
    assert result.error.code == "too_large"  # type: ignore[union-attr]
    assert "1024.0 MB" in result.error.message()  # type: ignore[union-attr]
    assert "200 MB" in result.error.message()  # type: ignore[union-attr]


def windows_1258_form(text: str) -> str:
    """Windows-1258 keeps the vowel letters whole but writes tone marks as combining ones."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
        out.append(base + "".join(p for p in parts if p in tones))
    return "".join(out)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1258"])
def test_text_in_other_charsets_is_read_as_vietnamese(
    file_archive: Archive, tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / f"van-ban-{encoding}.txt"
    text = windows_1258_form(TEXT * 20) if encoding == "cp1258" else TEXT * 20
    path.write_bytes(text.encode(encoding))
    results: list[IngestResult] = []
    ingest_paths(file_archive, [path], user="test", report=results.append)
    assert results[0].status == "created", results[0].error and results[0].error.message()
    text = "".join(file_archive.text_pages(results[0].record))  # type: ignore[arg-type]
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in text


def test_rtf_text_is_read(file_archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "to-trinh.rtf"
    # RTF writes Vietnamese as \uN escapes, as word processors save it.
    body = "".join(f"\\u{ord(c)}?" if ord(c) > 127 else c for c in "Tờ trình đề nghị khen thưởng")
    path.write_text(
        "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 " + body + "\\par}", "ascii"
    )
    results: list[IngestResult] = []
    ingest_paths(file_archive, [path], user="test", report=results.append)
    assert results[0].status == "created", results[0].error and results[0].error.message()
    assert results[0].record.mime_type == "application/rtf"  # type: ignore[union-attr]
    assert "Tờ trình đề nghị khen thưởng" in "".join(file_archive.text_pages(results[0].record))  # type: ignore[arg-type]
