"""PDF text per page with PDFium; encrypted and damaged files are refused by name.

PDFium (the engine of Chromium's PDF viewer) reads the text layer about four times
faster than pypdf, and the same text on the documents we have. Where PDFium cannot load
a page of a file it opened (a page tree whose count is wrong, a damaged page object),
pypdf reads the file instead, walking the pages that are really there.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from ingest.errors import Rejected
from ingest.extract.base import Extracted, needs_ocr, nfc_pages

_TAIL = 2048
# A dossier scanned whole runs to a few thousand pages; a file claiming more is refused
# before any page is read, so a page tree of a million copies of one page costs nothing.
MAX_PDF_PAGES = 10_000
# PDFium is not thread-safe: every call in a process (extraction here, page rendering
# for OCR) holds this lock. Web uploads are threads; bulk imports use worker processes.
# It is taken a page at a time, so a long file does not hold up every other thread.
PDFIUM = threading.Lock()
# PDFium ends a line with CRLF, and puts U+0002 (U+FFFE in some calls) in place of a
# hyphen and line end where a word was broken: written back as pypdf gives them, so
# text hygiene joins the word again.
_LINE_ENDS = str.maketrans({"\x02": "-\n", "\ufffe": "-\n"})
# Text placed outside the page's boxes is still the document's text: read it all.
_EVERYWHERE = {"left": -1e6, "bottom": -1e6, "right": 1e6, "top": 1e6}
# Recorded with each text: "pdfium 159.0.8149.0".
EXTRACTOR = f"pdfium {str(pdfium.PDFIUM_INFO).split('@')[0]}"


def extract_pdf(path: Path, filename: str) -> Extracted:
    """Return the text of each page."""
    _check_complete(path, filename)
    try:
        pages, extractor = _pdfium_pages(path, filename), EXTRACTOR
    except _PageUnreadable:
        pages, extractor = _pypdf_pages(path, filename), f"pypdf {pypdf.__version__}"
    pending = tuple(i for i, text in enumerate(pages) if needs_ocr(text))
    return Extracted(
        pages=nfc_pages(pages), page_count=len(pages), extractor=extractor, pending=pending
    )


class _PageUnreadable(Exception):
    """PDFium opened the file but could not load one of its pages."""


def _pdfium_pages(path: Path, filename: str) -> list[str]:
    with PDFIUM:
        try:
            # Given a path, PDFium reads the file as it needs it, not whole into memory.
            document = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise _refusal(exc, filename) from None
    try:
        with PDFIUM:
            count = len(document)
        _check_count(count, filename)
        pages = []
        for index in range(count):
            with PDFIUM:
                pages.append(_page_text(document, index))
        return pages
    finally:
        with PDFIUM:
            document.close()


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    try:
        page = document[index]
        try:
            text_page = page.get_textpage()
            try:
                text = text_page.get_text_bounded(**_EVERYWHERE)
            finally:
                text_page.close()
        finally:
            page.close()
    except pdfium.PdfiumError as exc:
        raise _PageUnreadable(str(exc)) from exc
    return text.replace("\r\n", "\n").translate(_LINE_ENDS)


def _pypdf_pages(path: Path, filename: str) -> list[str]:
    # pypdf logs every repaired oddity; a damaged file is reported by our own message.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        # An open file keeps the PDF on disk; given a path, pypdf reads it whole into memory.
        with path.open("rb") as stream:
            reader = pypdf.PdfReader(stream, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise Rejected("encrypted_pdf", filename=filename)
            _check_count(len(reader.pages), filename)
            return [page.extract_text() or "" for page in reader.pages]
    except Rejected:
        raise
    except (FileNotDecryptedError, NotImplementedError, DependencyError):
        raise Rejected("encrypted_pdf", filename=filename) from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise Rejected("corrupt_file", filename=filename, kind="PDF", detail=str(exc)) from exc


def _check_count(count: int, filename: str) -> None:
    if count > MAX_PDF_PAGES:
        raise Rejected("too_many_pages", filename=filename, pages=count, limit=MAX_PDF_PAGES)


def _refusal(exc: pdfium.PdfiumError, filename: str) -> Rejected:
    """Files that need a password to open are encrypted; anything else is damaged."""
    if exc.err_code in (pdfium_raw.FPDF_ERR_PASSWORD, pdfium_raw.FPDF_ERR_SECURITY):
        return Rejected("encrypted_pdf", filename=filename)
    return Rejected("corrupt_file", filename=filename, kind="PDF", detail=str(exc))


def _check_complete(path: Path, filename: str) -> None:
    """A PDF ends with %%EOF; a truncated upload or copy does not."""
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - _TAIL))
        tail = f.read()
    if b"%%EOF" not in tail:
        raise Rejected("truncated_pdf", filename=filename)
