"""Word 97-2003 files typed in the legacy fonts (.VnTime, VNI-Times) read to the same
metadata as the Unicode text they were typed from, through antiword as ingest reads them.

The .doc files are made by ``tests/fixtures/legacy/make_doc.py`` from a constructed
award decision, kept beside it as ``decision.txt``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.describe import clean_pages, describe
from ingest.extract.office import extract_doc

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "legacy"
KEY_FIELDS = ("doc_type", "number", "issued_date", "place", "issuer", "subject", "signer")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_legacy_doc_reads_like_its_unicode_original(encoding: str) -> None:
    original = describe(clean_pages([(FIXTURES / "decision.txt").read_text(encoding="utf-8")]))
    path = FIXTURES / f"quyet-dinh-{encoding}.doc"
    pages = extract_doc(path, path.name).pages
    read = describe(clean_pages(pages))
    assert original["number"] == "1005/QĐ-UBND"
    for field in KEY_FIELDS:
        assert read.get(field) == original.get(field), field
    assert read.get("awards") == original.get("awards")
