"""The tantivy schema and the mapping from an engine-neutral document to its fields.

tantivy's stock ``default`` tokenizer splits on every character that is not a
letter or digit and lower-cases; it gets text Hoso has already normalised (NFC,
one tone placement) and, for the ``*_f`` fields, folded, so the index and the
query compiler agree on every syllable without a tokenizer written for tantivy.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import tantivy

from search.schema import DOCUMENT_KEYS
from search.vietnamese import fold, normalize

WORDS = "default"
RAW = "raw"

# Folded text, with positions for phrases.
FOLDED_TEXT = ("content_f", "title_f", "issuer_f", "filename_f", "award_form_f", "award_recipient")
# Exact values: filters, facets and field queries.  Fast ones are facet or sort columns.
RAW_FAST = ("doc_type", "issuer", "issued", "issued_year", "award_form")
RAW_ONLY = ("id", "doc_type_f", "number", "confidentiality", "award_year", "dossier")


def make_schema() -> tantivy.Schema:
    """Return the index schema."""
    builder = tantivy.SchemaBuilder()
    # Accented syllables only rank exact spellings first: frequencies, no positions.
    builder.add_text_field("content", tokenizer_name=WORDS, index_option="freq")
    for name in FOLDED_TEXT:
        builder.add_text_field(name, tokenizer_name=WORDS, index_option="position")
    for name in RAW_FAST:
        builder.add_text_field(name, tokenizer_name=RAW, index_option="basic", fast=True)
    for name in RAW_ONLY:
        builder.add_text_field(name, tokenizer_name=RAW, index_option="basic")
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("issued_n", indexed=True, fast=True)
    # What a hit shows, in one stored value: the text for snippets and the metadata.
    builder.add_bytes_field("source", stored=True)
    return builder.build()


def body_text(document: Mapping[str, Any]) -> str:
    """The searchable text: the title first when the body does not already open with it."""
    text = normalize(document.get("content") or "")
    title = normalize(document.get("title") or "")
    return f"{title}\n{text}" if title and title not in text[: len(title) + 200] else text


def make_document(document: Mapping[str, Any]) -> tantivy.Document:
    """Map an engine-neutral document to a tantivy document."""
    unknown = set(document) - set(DOCUMENT_KEYS)
    if unknown:
        raise ValueError(f"unknown index fields: {sorted(unknown)}")
    doc = tantivy.Document()
    body = body_text(document)
    doc.add_text("id", str(document["id"]))
    folded = fold(body)
    doc.add_text("content", body)
    doc.add_text("content_f", folded)
    values = {key: normalize(document.get(key) or "") for key in ("title", "doc_type", "issuer")}
    filename = normalize(document.get("filename") or "")
    issued = str(document.get("issued") or "")
    forms = sorted({normalize(f) for f in document.get("award_forms") or [] if f})
    recipients = [normalize(r) for r in document.get("award_recipients") or [] if r]
    _add(doc, "title_f", fold(values["title"]))
    _add(doc, "issuer_f", fold(values["issuer"]))
    _add(doc, "filename_f", fold(filename))
    _add(doc, "doc_type", values["doc_type"])
    _add(doc, "doc_type_f", fold(values["doc_type"]).strip())
    _add(doc, "issuer", values["issuer"])
    # Every document has a sort key, so date order never meets a missing column.
    doc.add_text("issued", issued)
    _add(doc, "issued_year", issued[:4])
    if len(issued) == 10 and issued.replace("-", "").isdigit():
        doc.add_integer("issued_n", int(issued.replace("-", "")))
    _add(doc, "number", fold(normalize(document.get("number") or "")).strip())
    _add(doc, "confidentiality", str(document.get("confidentiality") or ""))
    _add(doc, "dossier", str(document.get("dossier") or "").strip().lower())
    for form in forms:
        doc.add_text("award_form", form)
        doc.add_text("award_form_f", fold(form))
    for recipient in recipients:
        doc.add_text("award_recipient", fold(recipient))
    award_years = sorted({str(y) for y in document.get("award_years") or []})
    for award_year in award_years:
        doc.add_text("award_year", award_year)
    if document.get("year"):
        doc.add_integer("year", int(document["year"]))
    source = {
        "id": str(document["id"]),
        "text": body,
        # Folding costs a millisecond per page of text: snippets read it stored instead.
        "text_f": folded,
        "title": values["title"],
        "number": document.get("number") or "",
        "doc_type": values["doc_type"],
        "issuer": values["issuer"],
        "issued": issued,
        "year": document.get("year"),
        "filename": filename,
        "confidentiality": document.get("confidentiality") or "",
        "award_form": forms,
        "award_recipients": recipients,
        "award_years": award_years,
        "dossier": document.get("dossier") or "",
    }
    doc.add_bytes("source", json.dumps(source, ensure_ascii=False).encode())
    return doc


def source_document(source: Mapping[str, Any]) -> dict[str, Any]:
    """The engine-neutral document a stored source was made from (to compact the index)."""
    return {
        "id": source["id"],
        "content": source.get("text", ""),
        "title": source.get("title", ""),
        "number": source.get("number", ""),
        "doc_type": source.get("doc_type", ""),
        "issuer": source.get("issuer", ""),
        "issued": source.get("issued", ""),
        "year": source.get("year"),
        "filename": source.get("filename", ""),
        "confidentiality": source.get("confidentiality", ""),
        "award_forms": source.get("award_form", []),
        "award_recipients": source.get("award_recipients", []),
        "award_years": source.get("award_years", []),
        "dossier": source.get("dossier", ""),
    }


def _add(doc: tantivy.Document, name: str, value: str) -> None:
    # An empty value would be a term of its own, counted by facets and matched by filters.
    if value:
        doc.add_text(name, value)
