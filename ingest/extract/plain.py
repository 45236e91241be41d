"""Plain text in any charset; pages separated by form feeds."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_path

from ingest.errors import Rejected
from ingest.extract.base import Extracted, nfc_pages


def extract_plain(path: Path, filename: str) -> Extracted:
    """Decode (UTF-8 first, else the detected charset) and split pages at form feeds."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_path(path).best()
        if best is None:
            raise Rejected(
                "unreadable", filename=filename, detail="không nhận ra bảng mã"
            ) from None
        text = str(best)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    return Extracted(pages=nfc_pages(pages), page_count=len(pages), extractor="text")
