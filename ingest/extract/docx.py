"""DOCX text with python-docx: paragraphs and tables in body order, split at page breaks."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from archive.vn.legacy import tcvn3_upper
from ingest.errors import Rejected
from ingest.extract.base import Extracted, nfc_pages
from ingest.extract.charset import unlegacy
from ingest.packages import check_package

_PAGE_BREAK = "\f"
# TCVN3 (ABC) fonts whose name ends in H draw every letter as a capital
_CAPITALS_FONT = re.compile(r"\.Vn\w*H$")
_LEGACY_LETTERS = re.compile("[\u00a1-\u00ff]")
_VIETNAMESE_ONLY = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]")


def extract_docx(path: Path, filename: str) -> Extracted:
    """Return the text of each page (as separated by explicit page breaks)."""
    check_package(path, kind="DOCX", filename=filename)
    try:
        document = docx.Document(str(path))
        text = "\n".join(_block_text(block) for block in _blocks(document))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError) as exc:
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
    text = _shown_text(block)
    return _PAGE_BREAK + text if breaks and not text.startswith(_PAGE_BREAK) else text


def _shown_text(paragraph: Paragraph) -> str:
    """The paragraph's text as printed: runs in a capitals-only font or set in capitals
    show upper case whatever was typed.

    TCVN3 headings were typed in small letters in .VnTimeH, .VnArialH…: the font
    draws them as capitals, and so must the text, or the title line is lost.
    """
    runs = paragraph.runs
    if not any(_in_capitals(run) for run in runs):
        return paragraph.text
    return "".join(_capitalise(run.text) if _in_capitals(run) else run.text for run in runs)


def _in_capitals(run: Run) -> bool:
    font = run.font
    return bool(font.all_caps) or bool(_CAPITALS_FONT.match(font.name or ""))


def _capitalise(text: str) -> str:
    if _LEGACY_LETTERS.search(text) and not _VIETNAMESE_ONLY.search(text):
        return tcvn3_upper(text)  # Latin-1 "letters" here are TCVN3 codes, not letters
    return text.upper()
