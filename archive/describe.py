"""The seam between extracted text and metadata: hygiene, then the Vietnamese parser."""

from __future__ import annotations

from typing import Any

from archive import vn
from archive.metadata import title_from_text


def parser_id() -> str:
    """Name and version of the metadata parser, recorded as each field's provenance."""
    return f"hoso-vn {vn.PARSER_VERSION}"


def clean_pages(pages: list[str]) -> list[str]:
    """Text hygiene on each page: NFC, one tone placement, legacy encodings, line repair."""
    return [vn.clean_text(page) for page in pages]


def describe(pages: list[str]) -> dict[str, Any]:
    """Read the metadata a person would read off the text, plus a display title."""
    text = "\n".join(pages)
    parsed: dict[str, Any] = vn.parse(text) if text.strip() else {}
    parsed["title"] = title_from_text(pages, parsed)
    return parsed
