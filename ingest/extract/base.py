"""What an extractor returns."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Extracted:
    """Text per page (may be empty for images until OCR), the page count, and by what."""

    pages: list[str]
    page_count: int
    extractor: str

    @property
    def text(self) -> str:
        """All pages, separated by form feeds."""
        return "\f".join(self.pages)


def nfc_pages(pages: list[str]) -> list[str]:
    """NFC each page: some producers emit decomposed Vietnamese."""
    return [unicodedata.normalize("NFC", page) for page in pages]
