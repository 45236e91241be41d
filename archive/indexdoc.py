"""What of a record the search index holds (a pure function)."""

from __future__ import annotations

from typing import Any

from archive.classification import index_level
from archive.records import Record


def index_document(record: Record, pages: list[str]) -> dict[str, Any]:
    """Build the engine-neutral search document of ``record`` and its text."""
    meta = record.metadata
    awards = [a for a in meta.get("awards") or [] if isinstance(a, dict)]
    return {
        "id": record.id,
        "content": "\n".join(pages),
        "title": meta.get("title") or "",
        "number": meta.get("number") or "",
        "doc_type": meta.get("doc_type") or "",
        "issuer": meta.get("issuer") or "",
        "issued": meta.get("issued_date") or "",
        "year": record.year,
        "filename": record.filename,
        # the mask a search applies for roles that may not read secrets matches levels
        "confidentiality": index_level(meta.get("confidentiality")),
        "dossier": meta.get("dossier_id") or "",
        "award_forms": [a.get("award_form") for a in awards if a.get("award_form")],
        "award_recipients": [a.get("recipient") for a in awards if a.get("recipient")],
        "award_years": [a.get("year") for a in awards if a.get("year")],
    }
