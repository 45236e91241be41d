"""Corpus text rendered as real files and read back the way ingest reads them."""

from __future__ import annotations

from pathlib import Path

from vn_scoring import encode_tcvn3, encode_vni

from archive.describe import clean_pages, describe
from ingest.extract.docx import extract_docx
from ingest.extract.pdf import extract_pdf
from ingest.extract.plain import extract_plain
from tests.documents import write_docx, write_pdf

LEGACY = {"tcvn3": encode_tcvn3, "vni": encode_vni}


def read_back(pages: list[str]) -> dict:
    """Parse extracted pages as the ingest pipeline does (hygiene per page, then parse)."""
    return describe(clean_pages(pages))


def via_pdf(text: str, folder: Path, name: str) -> list[str]:
    """Pages of ``text`` printed to a PDF (long lines wrap) and extracted as ingest extracts it."""
    path = write_pdf(text, folder / f"{Path(name).stem}.pdf")
    return extract_pdf(path, path.name).pages


def legacy_bytes(text: str, encoding: str) -> bytes:
    """``text`` as a legacy-font editor saved it: one byte per character."""
    # quotes and dashes outside the legacy table are the cp1252 bytes a Windows editor writes
    return LEGACY[encoding](text).encode("cp1252", errors="replace")


def via_legacy_txt(text: str, encoding: str, folder: Path, name: str) -> list[str]:
    """Pages of ``text`` saved as a legacy-encoded .txt and read by the plain-text extractor."""
    path = folder / f"{Path(name).stem}.{encoding}.txt"
    path.write_bytes(legacy_bytes(text, encoding))
    return extract_plain(path, path.name).pages


def via_legacy_docx(text: str, encoding: str, folder: Path, name: str) -> list[str]:
    """Pages of ``text`` typed in a legacy font (.VnTime, VNI-Times) into a DOCX."""
    path = write_docx(LEGACY[encoding](text), folder / f"{Path(name).stem}.{encoding}.docx")
    return extract_docx(path, path.name).pages
