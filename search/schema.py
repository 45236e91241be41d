"""The Whoosh schema and the mapping from an engine-neutral document to its fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from search.analysis import (
    accented_analyzer,
    folded_analyzer,
    pair_analyzer,
    prefolded_analyzer,
)
from search.vietnamese import fold, normalize

# The keys an indexed document may carry (all optional but ``id``).
DOCUMENT_KEYS = (
    "id",
    "content",
    "title",
    "number",
    "doc_type",
    "issuer",
    "issued",
    "year",
    "filename",
    "confidentiality",
    "award_forms",
    "award_recipients",
    "award_years",
    "dossier",
)


def make_schema() -> Schema:
    """Return the index schema."""
    folded = folded_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        content=TEXT(analyzer=accented_analyzer(), phrase=False),
        # The body is folded once per document, then only split: see document_fields.
        content_f=TEXT(analyzer=prefolded_analyzer(), phrase=False),
        pairs=TEXT(analyzer=pair_analyzer(), phrase=False),
        # Snippets are cut from the text the reader knows, accents intact, and found in
        # its folded twin (same length, so positions carry over) with a plain pattern.
        text=STORED,
        text_f=STORED,
        title=TEXT(analyzer=folded, stored=True, phrase=True, field_boost=2.0),
        number=ID(stored=True),
        doc_type=ID(stored=True, sortable=True),
        doc_type_f=ID,
        issuer=ID(stored=True, sortable=True),
        issuer_f=TEXT(analyzer=folded, phrase=True),
        issued=ID(stored=True, sortable=True),
        year=NUMERIC(int, stored=True, sortable=True, signed=False),
        filename=TEXT(analyzer=folded, stored=True, phrase=True),
        confidentiality=ID(stored=True),
        # Multi-valued: one decision grants several forms, to many people, for some years.
        award_form=KEYWORD(stored=True, commas=True),
        award_form_f=TEXT(analyzer=folded, phrase=True),
        award_recipient=TEXT(analyzer=folded, phrase=True),
        award_year=KEYWORD(commas=True),
        dossier=ID(stored=True),
    )


def document_fields(document: Mapping[str, Any]) -> dict[str, Any]:
    """Map an engine-neutral document to Whoosh field values."""
    unknown = set(document) - set(DOCUMENT_KEYS)
    if unknown:
        raise ValueError(f"unknown index fields: {sorted(unknown)}")
    text = normalize(document.get("content") or "")
    title = normalize(document.get("title") or "")
    body = f"{title}\n{text}" if title and title not in text[: len(title) + 200] else text
    folded = fold(body)
    fields: dict[str, Any] = {
        "id": str(document["id"]),
        "content": body,
        "content_f": folded,
        "pairs": folded,
        "text": body,
        "text_f": folded,
        "title": title,
        "filename": normalize(document.get("filename") or ""),
        "issued": document.get("issued") or "",
        "confidentiality": document.get("confidentiality") or "",
    }
    for key in ("doc_type", "issuer"):
        value = normalize(document.get(key) or "")
        fields[key] = value
        fields[f"{key}_f"] = fold(value)
    fields["number"] = fold(normalize(document.get("number") or ""))
    fields["dossier"] = (document.get("dossier") or "").strip().lower()
    forms = [normalize(f) for f in document.get("award_forms") or [] if f]
    fields["award_form"] = ",".join(sorted(set(forms)))
    fields["award_form_f"] = "\n".join(forms)
    fields["award_recipient"] = "\n".join(
        normalize(r) for r in document.get("award_recipients") or []
    )
    fields["award_year"] = ",".join(str(y) for y in sorted(set(document.get("award_years") or [])))
    if document.get("year"):
        fields["year"] = int(document["year"])
    return fields
