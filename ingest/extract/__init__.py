"""Text per page from each allowed type, chosen from a registry by MIME type."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest import sniff
from ingest.extract.base import Extracted
from ingest.extract.docx import extract_docx
from ingest.extract.images import extract_image
from ingest.extract.odt import extract_odt
from ingest.extract.office import extract_doc, extract_rtf
from ingest.extract.pdf import extract_pdf
from ingest.extract.plain import extract_plain

Extractor = Callable[[Path, str], Extracted]


EXTRACTORS: dict[str, Extractor] = {
    sniff.PDF: extract_pdf,
    sniff.DOCX: extract_docx,
    sniff.ODT: extract_odt,
    sniff.TXT: extract_plain,
    sniff.JPEG: extract_image,
    sniff.PNG: extract_image,
    sniff.TIFF: extract_image,
    sniff.DOC: extract_doc,
    sniff.RTF: extract_rtf,
}


def extract(path: Path, mime: str, filename: str) -> Extracted:
    """Extract the text of ``path`` (already sniffed as ``mime``)."""
    return EXTRACTORS[mime](path, filename)


__all__ = ["EXTRACTORS", "Extracted", "extract"]
