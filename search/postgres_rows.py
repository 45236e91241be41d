"""One engine-neutral document as a row of the PostgreSQL engine: our own tokens as tsvectors.

PostgreSQL's parser and dictionaries never see the text: the lexemes are the
syllables our normalisation gives (NFC, one tone placement, folded), written as
a ``tsvector`` literal with their positions, so the query compiler and the index
agree on every syllable exactly as they do for the embedded engines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from search.schema import DOCUMENT_KEYS
from search.tantivy_schema import body_text
from search.vietnamese import fold, normalize

_SYLLABLE = re.compile(r"\w+")
# PostgreSQL keeps positions up to 16383 and at most 256 positions per lexeme; a
# document past either limit is "long", and its phrases are checked in its text.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256
# A tsvector holds at most 1 MB; past that the body keeps its lexemes without positions.
MAX_TSVECTOR = 1_000_000
# Field lexemes carry a prefix, so that one tsvector serves every field query.
FIELD_PREFIX = {
    "title": "t",
    "issuer": "i",
    "filename": "f",
    "award_form": "a",
    "award_recipient": "r",
}
# Values of a multi-valued field stand this far apart: a phrase never spans two.
VALUE_GAP = 2

COLUMNS = (
    "id",
    "tsv",
    "tsa",
    "tsf",
    "long",
    "text",
    "text_f",
    "doc_type",
    "doc_type_f",
    "issuer",
    "number",
    "issued",
    "issued_year",
    "issued_n",
    "year",
    "confidentiality",
    "dossier",
    "award_forms",
    "award_years",
    "source",
)


def quote(lexeme: str) -> str:
    """A lexeme as tsvector and tsquery literals write it."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _literal(positions: Mapping[str, list[int]], *, with_positions: bool = True) -> str:
    parts = []
    for lexeme, places in positions.items():
        if with_positions and places:
            kept = sorted(set(min(p, MAX_POSITION) for p in places))[:MAX_POSITIONS_PER_LEXEME]
            parts.append(quote(lexeme) + ":" + ",".join(map(str, kept)))
        else:
            parts.append(quote(lexeme))
    return " ".join(parts)


def body_vector(folded: str) -> tuple[str, bool]:
    """The folded body's tsvector literal, and whether it passes PostgreSQL's limits."""
    positions: dict[str, list[int]] = {}
    count = 0
    for count, syllable in enumerate(_SYLLABLE.findall(folded), start=1):
        positions.setdefault(syllable, []).append(count)
    long = count > MAX_POSITION or any(
        len(p) > MAX_POSITIONS_PER_LEXEME for p in positions.values()
    )
    literal = _literal(positions)
    if len(literal.encode()) > MAX_TSVECTOR:
        literal = _literal(positions, with_positions=False)
        long = True
    return literal, long


def accented_vector(body: str) -> str:
    """Lower-cased syllables with their diacritics, no positions: they only rank."""
    lexemes = dict.fromkeys(s for s in _SYLLABLE.findall(body.lower()) if fold(s) != s)
    return " ".join(quote(s) for s in lexemes)


def fields_vector(values: Mapping[str, Iterable[str]]) -> str:
    """Every field's folded syllables, prefixed by the field, with positions per field."""
    positions: dict[str, list[int]] = {}
    for field, texts in values.items():
        prefix = FIELD_PREFIX[field]
        place = 0
        for text in texts:
            for syllable in _SYLLABLE.findall(fold(text)):
                place += 1
                positions.setdefault(f"{prefix}:{syllable}", []).append(place)
            place += VALUE_GAP
    return _literal(positions)


def to_row(document: Mapping[str, Any]) -> tuple[Any, ...]:
    """The row of ``document``, in the order of ``COLUMNS``."""
    unknown = set(document) - set(DOCUMENT_KEYS)
    if unknown:
        raise ValueError(f"unknown index fields: {sorted(unknown)}")
    body = body_text(document)
    folded = fold(body)
    tsv, long = body_vector(folded)
    title, doc_type, issuer = (
        normalize(document.get(k) or "") for k in ("title", "doc_type", "issuer")
    )
    filename = normalize(document.get("filename") or "")
    issued = str(document.get("issued") or "")
    forms = sorted({normalize(f) for f in document.get("award_forms") or [] if f})
    recipients = [normalize(r) for r in document.get("award_recipients") or [] if r]
    award_years = sorted({str(y) for y in document.get("award_years") or []})
    year = int(document["year"]) if document.get("year") else None
    day = int(issued.replace("-", "")) if len(issued) == 10 and issued[:4].isdigit() else None
    tsf = fields_vector(
        {
            "title": [title],
            "issuer": [issuer],
            "filename": [filename],
            "award_form": forms,
            "award_recipient": recipients,
        }
    )
    source = {
        "id": str(document["id"]),
        "title": title,
        "number": document.get("number") or "",
        "doc_type": doc_type,
        "issuer": issuer,
        "issued": issued,
        "year": year,
        "filename": filename,
        "confidentiality": document.get("confidentiality") or "",
        "award_form": forms,
        "award_recipients": recipients,
        "award_years": award_years,
        "dossier": document.get("dossier") or "",
    }
    return (
        str(document["id"]),
        tsv,
        accented_vector(body),
        tsf,
        long,
        body,
        folded,
        doc_type,
        fold(doc_type).strip(),
        issuer,
        fold(normalize(document.get("number") or "")).strip(),
        issued,
        issued[:4],
        day,
        year,
        str(document.get("confidentiality") or ""),
        str(document.get("dossier") or "").strip().lower(),
        forms,
        award_years,
        json.dumps(source, ensure_ascii=False),
    )
