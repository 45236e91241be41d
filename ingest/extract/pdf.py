"""PDF text per page with pypdf; encrypted and damaged files are refused by name."""

from __future__ import annotations

import logging
from pathlib import Path

import pypdf
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

from ingest.errors import Rejected
from ingest.extract.base import Extracted, needs_ocr, nfc_pages

_TAIL = 2048


def extract_pdf(path: Path, filename: str) -> Extracted:
    """Return the text of each page."""
    _check_complete(path, filename)
    # pypdf logs every repaired oddity; a damaged file is reported by our own message.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        # An open file keeps the PDF on disk; given a path, pypdf reads it whole into memory.
        with path.open("rb") as stream:
            reader = pypdf.PdfReader(stream, strict=False)
            _decrypt(reader, filename)
            pages = [page.extract_text() or "" for page in reader.pages]
    except Rejected:
        raise
    except FileNotDecryptedError:
        raise Rejected("encrypted_pdf", filename=filename) from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise Rejected("corrupt_file", filename=filename, kind="PDF", detail=str(exc)) from exc
    extractor = f"pypdf {pypdf.__version__}"
    pending = tuple(i for i, text in enumerate(pages) if needs_ocr(text))
    return Extracted(
        pages=nfc_pages(pages), page_count=len(pages), extractor=extractor, pending=pending
    )


def _check_complete(path: Path, filename: str) -> None:
    """A PDF ends with %%EOF; a truncated upload or copy does not."""
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - _TAIL))
        tail = f.read()
    if b"%%EOF" not in tail:
        raise Rejected("truncated_pdf", filename=filename)


def _decrypt(reader: pypdf.PdfReader, filename: str) -> None:
    """Open PDFs locked only against editing; refuse those that need a password to read."""
    if not reader.is_encrypted:
        return
    try:
        result = reader.decrypt("")
    except (NotImplementedError, PdfReadError, DependencyError) as exc:
        raise Rejected("encrypted_pdf", filename=filename) from exc
    if not result:
        raise Rejected("encrypted_pdf", filename=filename)
