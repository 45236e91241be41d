"""Component schemas of the OpenAPI document: the record, results, errors."""

from __future__ import annotations

from typing import Any

from search import FACETS

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
OBJECT = {"type": "object"}
COUNTS = {"type": "object", "additionalProperties": INTEGER}
NULLABLE = {"type": ["string", "null"]}
LINKS = {"type": "array", "items": {"$ref": "#/components/schemas/Link"}}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {"code": STRING, "message": STRING},
            }
        },
    },
    "Record": {
        "type": "object",
        "required": [
            "id",
            "sha256",
            "size",
            "mime_type",
            "filename",
            "pages",
            "created_at",
            "version",
            "metadata",
            "provenance",
        ],
        "properties": {
            "id": STRING,
            "sha256": STRING,
            "size": INTEGER,
            "mime_type": STRING,
            "filename": STRING,
            "pages": INTEGER,
            "created_at": {"type": "string", "format": "date-time"},
            "version": INTEGER,
            "metadata": OBJECT,
            "provenance": OBJECT,
        },
    },
    "IngestResult": {
        "description": "The record (created or the existing duplicate) plus status; "
        "a rejected file has filename, status and error instead.",
        "type": "object",
        "required": ["status", "filename"],
        "properties": {
            "status": {"enum": ["created", "duplicate", "rejected"]},
            "filename": STRING,
            "id": STRING,
            "metadata": OBJECT,
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {"code": STRING, "message": STRING},
            },
            "same_number": {
                "description": "Archived records with the same number, symbol and issuer "
                "(folded; Decree 30/2020, Appendix VI), when this file was created",
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": STRING,
                        "number": STRING,
                        "issuer": STRING,
                        "issued_date": STRING,
                        "title": STRING,
                    },
                },
            },
            "warnings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"code": {"enum": ["same_number"]}, "message": STRING},
                },
            },
        },
    },
    "Change": {
        "type": "object",
        "required": ["metadata", "reason"],
        "properties": {
            "metadata": OBJECT,
            "reason": {"type": "string", "minLength": 5},
            "version": INTEGER,
        },
    },
    "Hit": {
        "type": "object",
        "required": ["id", "score", "snippet", "metadata"],
        "properties": {
            "id": STRING,
            "score": {"type": "number"},
            "snippet": {"type": "string", "description": "HTML, escaped, with <mark>"},
            "metadata": OBJECT,
        },
    },
    "SearchResults": {
        "type": "object",
        "required": ["total", "page", "per_page", "pages", "hits", "facets"],
        "properties": {
            "total": INTEGER,
            "page": INTEGER,
            "per_page": INTEGER,
            "pages": INTEGER,
            "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            "facets": {
                "type": "object",
                "required": list(FACETS),
                "properties": dict.fromkeys(FACETS, COUNTS),
            },
        },
    },
}

SCHEMAS["RecordView"] = {
    **SCHEMAS["Record"],
    "required": [*SCHEMAS["Record"]["required"], "links"],
    "properties": {
        **SCHEMAS["Record"]["properties"],
        "links": {
            "type": "object",
            "required": ["cites", "cited_by"],
            "properties": {"cites": LINKS, "cited_by": LINKS},
        },
    },
}
SCHEMAS["Link"] = {
    "type": "object",
    "required": ["record_id", "doc_type", "number", "issued_date", "title"],
    "properties": {
        "record_id": STRING,
        "doc_type": NULLABLE,
        "number": NULLABLE,
        "issued_date": {"type": ["string", "null"], "format": "date"},
        "title": NULLABLE,
    },
}
SCHEMAS["Award"] = {
    "type": "object",
    "required": ["recipient", "recipient_kind", "unit", "award_form", "year", "decision"],
    "properties": {
        "recipient": STRING,
        "recipient_kind": {"enum": ["individual", "collective", None]},
        "unit": NULLABLE,
        "award_form": NULLABLE,
        "year": {"type": ["integer", "null"]},
        "decision": {
            "type": "object",
            "required": ["id", "number", "issued_date", "issuer"],
            "properties": {
                "id": STRING,
                "number": NULLABLE,
                "issued_date": {"type": ["string", "null"], "format": "date"},
                "issuer": NULLABLE,
            },
        },
    },
}
SCHEMAS["AwardResults"] = {
    "type": "object",
    "required": ["total", "page", "per_page", "awards"],
    "properties": {
        "total": INTEGER,
        "page": INTEGER,
        "per_page": INTEGER,
        "awards": {"type": "array", "items": {"$ref": "#/components/schemas/Award"}},
    },
}

SCHEMAS["AwardReport"] = {
    "type": "object",
    "required": ["from", "to", "by", "rows", "total", "levels", "tables", "office", "made_at"],
    "properties": {
        "from": INTEGER,
        "to": INTEGER,
        "by": {"enum": ["form", "level", "unit", "kind"]},
        "total": INTEGER,
        "levels": {"type": "object", "additionalProperties": STRING},
        "office": STRING,
        "made_at": {"type": "string", "format": "date-time"},
        "rows": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "award_form",
                    "level",
                    "collectives",
                    "individuals",
                    "total",
                    "decisions",
                    "awards",
                ],
                "properties": {
                    "award_form": NULLABLE,
                    "level": NULLABLE,
                    "collectives": INTEGER,
                    "individuals": INTEGER,
                    "unknown_kind": INTEGER,
                    "total": INTEGER,
                    "years": COUNTS,
                    "decisions": {"type": "array", "items": STRING},
                    "awards": {"type": "array", "items": OBJECT},
                },
            },
        },
        "tables": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "code", "title", "level", "columns", "rows", "totals"],
                "properties": {"totals": COUNTS, "rows": {"type": "array", "items": OBJECT}},
            },
        },
    },
}
