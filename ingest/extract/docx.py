"""DOCX text with python-docx: paragraphs and tables in body order, split at page breaks."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.errors import Rejected
from ingest.extract.base import Extracted, nfc_pages
from ingest.extract.charset import unlegacy

_PAGE_BREAK = "\f"


def extract_docx(path: Path, filename: str) -> Extracted:
    """Return the text of each page (as separated by explicit page breaks)."""
    try:
        document = docx.Document(str(path))
        text = "\n".join(_block_text(block) for block in _blocks(document))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Rejected("corrupt_file", filename=filename, kind="DOCX", detail=str(exc)) from exc
    pages = unlegacy([page.strip("\n") for page in text.split(_PAGE_BREAK)])
    return Extracted(pages=nfc_pages(pages), page_count=len(pages), extractor="python-docx")


def _blocks(document: Document) -> list[Paragraph | Table]:
    return list(document.iter_inner_content())


def _block_text(block: Paragraph | Table) -> str:
    if isinstance(block, Table):
        rows = []
        for row in block.rows:
            cells = [cell.text.strip() for cell in row.cells]
            rows.append(" | ".join(c for c in cells if c))
        return "\n".join(rows)
    breaks = block._p.xpath(".//w:br[@w:type='page']")
    text = block.text
    return _PAGE_BREAK + text if breaks and not text.startswith(_PAGE_BREAK) else text
