"""A searchable PDF derivative: the original's look with a recognised text layer."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf


def images_to_pdf(page_pdfs: list[bytes]) -> bytes:
    """Join Tesseract's one-page PDFs (image plus invisible text) into one document."""
    writer = pypdf.PdfWriter()
    for page_pdf in page_pdfs:
        writer.append(pypdf.PdfReader(io.BytesIO(page_pdf)))
    return _bytes(writer)


def patch_pdf(original: Path, replacements: dict[int, bytes]) -> bytes:
    """The original PDF with each scanned page replaced by its recognised twin."""
    source = pypdf.PdfReader(original)
    writer = pypdf.PdfWriter()
    for index, page in enumerate(source.pages):
        if index in replacements:
            writer.add_page(pypdf.PdfReader(io.BytesIO(replacements[index])).pages[0])
        else:
            writer.add_page(page)
    return _bytes(writer)


def _bytes(writer: pypdf.PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
