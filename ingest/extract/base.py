"""What an extractor returns."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# A page with fewer characters than this has no real text layer (a scan, maybe a stamp).
MIN_TEXT_CHARS = 20


def needs_ocr(text: str) -> bool:
    """Whether a page's extracted text is too thin to be its real content."""
    return len("".join(text.split())) < MIN_TEXT_CHARS


@dataclass(frozen=True)
class Extracted:
    """Text per page, the page count, by what, and which pages wait for OCR."""

    pages: list[str]
    page_count: int
    extractor: str
    pending: tuple[int, ...] = ()

    @property
    def sources(self) -> list[str]:
        """Per page: ``text`` when extracted, ``pending`` when it waits for OCR."""
        waiting = set(self.pending)
        return ["pending" if i in waiting else "text" for i in range(len(self.pages))]

    @property
    def text(self) -> str:
        """All pages, separated by form feeds."""
        return "\f".join(self.pages)


def nfc_pages(pages: list[str]) -> list[str]:
    """NFC each page: some producers emit decomposed Vietnamese."""
    return [unicodedata.normalize("NFC", page) for page in pages]
