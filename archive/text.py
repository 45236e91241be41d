"""The stored text of an original (``derived/<sha256>/text.json``) and what it says of OCR."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

PENDING = "pending"  # a page waiting for recognition
OCR = "ocr"
TEXT = "text"


def text_document(
    sha256: str,
    pages: Sequence[str],
    sources: Sequence[str],
    *,
    extractor: str,
    confidences: Sequence[float | None] | None = None,
    ocr_engine: str | None = None,
) -> dict[str, Any]:
    """Build the JSON kept for an original's text, one entry per page."""
    document: dict[str, Any] = {
        "sha256": sha256,
        "extractor": extractor,
        "pages": list(pages),
        "sources": list(sources),
        "confidence": list(confidences) if confidences else [None] * len(pages),
    }
    if ocr_engine:
        document["ocr_engine"] = ocr_engine
    return document


def text_state(document: dict[str, Any]) -> str:
    """``ocr_pending`` while any page waits for recognition, else ``done``."""
    return "ocr_pending" if PENDING in document.get("sources", []) else "done"


def ocr_confidence(document: dict[str, Any]) -> float | None:
    """The lowest mean confidence of any recognised page, None when none was recognised."""
    values = [
        c
        for c, s in zip(document.get("confidence", []), document.get("sources", []), strict=False)
        if s == OCR and c is not None
    ]
    return min(values) if values else None


def weak_pages(document: dict[str, Any], threshold: float) -> list[tuple[int, float]]:
    """Recognised pages (1-based) whose confidence is under ``threshold``."""
    return [
        (i + 1, c)
        for i, (c, s) in enumerate(
            zip(document.get("confidence", []), document.get("sources", []), strict=False)
        )
        if s == OCR and c is not None and c < threshold
    ]
