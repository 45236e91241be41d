"""Older word-processor formats: DOC through antiword, RTF through striprtf."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from striprtf.striprtf import rtf_to_text

from ingest.errors import Rejected
from ingest.extract.base import Extracted, nfc_pages
from ingest.extract.charset import as_cp1252, from_legacy, unlegacy

_TIMEOUT = 120


def extract_doc(path: Path, filename: str) -> Extracted:
    """Text of a Word 97–2003 document; pages split where antiword marks them."""
    antiword = shutil.which("antiword")
    if antiword is None:
        # Kept and catalogued; its text comes once antiword is installed and it is re-read.
        return Extracted(pages=[""], page_count=1, extractor="none")
    done = subprocess.run(
        [antiword, "-m", "UTF-8.txt", "-w", "0", str(path)],
        capture_output=True,
        timeout=_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip() or "antiword không đọc được"
        raise Rejected("corrupt_file", filename=filename, kind="DOC", detail=detail)
    pages = unlegacy(done.stdout.decode("utf-8", "replace").split("\f"))
    return Extracted(pages=nfc_pages(pages), page_count=len(pages), extractor="antiword")


def extract_rtf(path: Path, filename: str) -> Extracted:
    """Text of an RTF document (its \\u escapes and code-page bytes decoded)."""
    raw = path.read_bytes().decode("latin-1")
    try:
        # code-page bytes read one per character first: TCVN3/VNI text shows itself so
        view = as_cp1252(rtf_to_text(raw, encoding="latin-1", errors="replace"))
        text = from_legacy(view) or rtf_to_text(raw, encoding="cp1258", errors="replace")
    except (ValueError, IndexError) as exc:
        raise Rejected("corrupt_file", filename=filename, kind="RTF", detail=str(exc)) from exc
    return Extracted(pages=nfc_pages([text]), page_count=1, extractor="striprtf")
