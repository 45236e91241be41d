"""The seam between extracted text and metadata: hygiene, then the Vietnamese parser."""

from __future__ import annotations

from typing import Any

from archive import vn
from archive.metadata import UNSURE, title_from_text


def parser_id() -> str:
    """Name and version of the metadata parser, recorded as each field's provenance."""
    return f"hoso-vn {vn.PARSER_VERSION}"


def clean_pages(pages: list[str]) -> list[str]:
    """Text hygiene on each page: NFC, one tone placement, legacy encodings, line repair."""
    return [vn.clean_text(page) for page in pages]


def describe(pages: list[str], *, cleaned: bool = False) -> dict[str, Any]:
    """Read the metadata a person would read off the text, plus a display title.

    ``cleaned``: the pages come straight from ``clean_pages``, so the parser need not
    clean them again.

    Under ``UNSURE`` it lists the fields the parser read without the official form's
    marks; ``merge`` records them as low confidence for a person to check.
    """
    text = "\n".join(pages)
    parsed: dict[str, Any] = {}
    unsure: list[str] = []
    if text.strip():
        parsed, unsure = vn.read(text, cleaned=cleaned)
    parsed["title"] = title_from_text(pages, parsed)
    parsed[UNSURE] = unsure
    return parsed
