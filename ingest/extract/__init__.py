"""Text per page from each allowed type, chosen from a registry by MIME type."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from ingest import sniff
from ingest.errors import Rejected
from ingest.extract.base import Extracted
from ingest.extract.docx import extract_docx
from ingest.extract.images import extract_image
from ingest.extract.odt import extract_odt
from ingest.extract.office import extract_doc, extract_rtf
from ingest.extract.pdf import extract_pdf
from ingest.extract.plain import extract_plain

Extractor = Callable[[Path, str], Extracted]
log = logging.getLogger(__name__)


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
    """Extract the text of ``path`` (already sniffed as ``mime``).

    Each extractor refuses what it foresees by name; a file that still breaks one (a
    library's own error, memory, recursion) is refused as unreadable, never let through
    to stop an upload or an import.
    """
    try:
        return EXTRACTORS[mime](path, filename)
    except Rejected:
        raise
    except Exception as exc:  # MemoryError and RecursionError among them
        log.warning("extracting %s (%s) failed", filename, mime, exc_info=True)
        raise Rejected("unreadable", filename=filename, detail=type(exc).__name__) from exc


__all__ = ["EXTRACTORS", "Extracted", "extract"]
