"""ODT text with odfpy: headings and paragraphs in document order, tables and lists included."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.parsers.expat import ExpatError

from odf import teletype
from odf.namespaces import TEXTNS
from odf.opendocument import load

from ingest.errors import Rejected
from ingest.extract.base import Extracted, nfc_pages
from ingest.extract.charset import unlegacy
from ingest.packages import check_package

_BLOCKS = {(TEXTNS, "p"), (TEXTNS, "h")}


def extract_odt(path: Path, filename: str) -> Extracted:
    """Return the document's text as one page (ODT has no fixed pages)."""
    check_package(path, kind="ODT", filename=filename)
    try:
        document = load(str(path))
        lines = list(_paragraphs(document.text))
    except (zipfile.BadZipFile, KeyError, ExpatError, ValueError) as exc:
        raise Rejected("corrupt_file", filename=filename, kind="ODT", detail=str(exc)) from exc
    pages = unlegacy(["\n".join(lines)])
    return Extracted(pages=nfc_pages(pages), page_count=1, extractor="odfpy")


def _paragraphs(node: Any) -> Iterator[str]:
    for child in node.childNodes:
        if getattr(child, "qname", None) in _BLOCKS:
            yield teletype.extractText(child)
        elif getattr(child, "childNodes", None):
            yield from _paragraphs(child)
