"""The tantivy schema and the mapping from an engine-neutral document to its fields.

tantivy's stock ``default`` tokenizer splits on every character that is not a
letter or digit and lower-cases; it gets text Hoso has already normalised (NFC,
one tone placement) and, for the ``*_f`` fields, folded, so the index and the
query compiler agree on every syllable without a tokenizer written for tantivy.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
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
    # Stored, with its folded twin, for snippets: folding every hit's text at search
    # time cost more than the search.
    builder.add_text_field("content", stored=True, tokenizer_name=WORDS, index_option="freq")
    for name in FOLDED_TEXT:
        stored = name == "content_f"
        builder.add_text_field(name, stored=stored, tokenizer_name=WORDS, index_option="position")
    for name in RAW_FAST:
        builder.add_text_field(name, tokenizer_name=RAW, index_option="basic", fast=True)
    for name in RAW_ONLY:
        builder.add_text_field(name, tokenizer_name=RAW, index_option="basic")
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_integer_field("issued_n", indexed=True, fast=True)
    # The rest of the engine-neutral document, as JSON: what a hit shows, and all a
    # compaction needs to index the document again.
    builder.add_bytes_field("source", stored=True)
    return builder.build()


# A document ready for tantivy: (field, value) pairs of plain Python values, so that
# worker processes can prepare them for a rebuild.
Prepared = list[tuple[str, Any]]


def body_text(document: Mapping[str, Any]) -> str:
    """The searchable text: the title first when the body does not already open with it."""
    text = normalize(document.get("content") or "")
    title = normalize(document.get("title") or "")
    return f"{title}\n{text}" if title and title not in text[: len(title) + 200] else text


def prepare(document: Mapping[str, Any]) -> Prepared:
    """Normalise and fold an engine-neutral document into its tantivy field values."""
    unknown = set(document) - set(DOCUMENT_KEYS)
    if unknown:
        raise ValueError(f"unknown index fields: {sorted(unknown)}")
    body = body_text(document)
    values = {key: normalize(document.get(key) or "") for key in ("title", "doc_type", "issuer")}
    filename = normalize(document.get("filename") or "")
    issued = str(document.get("issued") or "")
    forms = sorted({normalize(f) for f in document.get("award_forms") or [] if f})
    recipients = [normalize(r) for r in document.get("award_recipients") or [] if r]
    award_years = sorted({str(y) for y in document.get("award_years") or []})
    fields: Prepared = [
        ("id", str(document["id"])),
        ("content", body),
        ("content_f", fold(body)),
        ("title_f", fold(values["title"])),
        ("issuer_f", fold(values["issuer"])),
        ("filename_f", fold(filename)),
        ("doc_type", values["doc_type"]),
        ("doc_type_f", fold(values["doc_type"]).strip()),
        ("issuer", values["issuer"]),
        # Every document has a sort key, so date order never meets a missing column.
        ("issued", issued),
        ("issued_year", issued[:4]),
        ("number", fold(normalize(document.get("number") or "")).strip()),
        ("confidentiality", str(document.get("confidentiality") or "")),
        ("dossier", str(document.get("dossier") or "").strip().lower()),
    ]
    fields += [("award_form", form) for form in forms]
    fields += [("award_form_f", fold(form)) for form in forms]
    fields += [("award_recipient", fold(r)) for r in recipients]
    fields += [("award_year", y) for y in award_years]
    if len(issued) == 10 and issued.replace("-", "").isdigit():
        fields.append(("issued_n", int(issued.replace("-", ""))))
    if document.get("year"):
        fields.append(("year", int(document["year"])))
    source = {
        "id": str(document["id"]),
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
    fields.append(("source", json.dumps(source, ensure_ascii=False).encode()))
    return fields


def prepare_many(documents: Sequence[Mapping[str, Any]]) -> list[Prepared]:
    """``prepare`` over a chunk of documents (one task of a rebuild's worker pool)."""
    return [prepare(document) for document in documents]


def to_document(fields: Prepared) -> tantivy.Document:
    """The tantivy document of prepared field values."""
    doc = tantivy.Document()
    for name, value in fields:
        if isinstance(value, bytes):
            doc.add_bytes(name, value)
        elif isinstance(value, int):
            doc.add_integer(name, value)
        elif value or name == "issued":
            # An empty value would be a term of its own, counted by facets and matched.
            doc.add_text(name, value)
    return doc


def make_document(document: Mapping[str, Any]) -> tantivy.Document:
    """Map an engine-neutral document to a tantivy document."""
    return to_document(prepare(document))


def source_document(source: Mapping[str, Any], text: str) -> dict[str, Any]:
    """The engine-neutral document a stored source and text were made from (to compact)."""
    return {
        "id": source["id"],
        "content": text,
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
