"""Plain text in any charset; pages separated by form feeds."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import Rejected
from ingest.extract.base import Extracted, nfc_pages
from ingest.extract.charset import decode_text


def extract_plain(path: Path, filename: str) -> Extracted:
    """Decode (UTF-8, legacy TCVN3/VNI, else the detected charset); split pages at form feeds."""
    text = decode_text(path.read_bytes())
    if text is None:
        raise Rejected("unreadable", filename=filename, detail="không nhận ra bảng mã")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    return Extracted(pages=nfc_pages(pages), page_count=len(pages), extractor="text")
