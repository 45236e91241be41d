"""Metadata values: validation of what people enter, and merging with what parsers read.

A person's entry always wins over extraction, and each field remembers its source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from archive.classification import confidentiality
from archive.errors import MetadataError as MetadataError  # where callers have found it
from archive.records import LIST_FIELDS, METADATA_FIELDS
from archive.urgency import urgency

# Fields a person may set directly (retention and links have their own workflows).
ENTERABLE = frozenset(METADATA_FIELDS) - {"references", "awards", "retention"}
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
TITLE_CHARS = 300


def parse_assignments(assignments: Iterable[str]) -> dict[str, Any]:
    """Turn ``KEY=VALUE`` strings (the CLI's ``--meta``) into validated metadata."""
    values: dict[str, Any] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        if not sep:
            raise MetadataError(f"'{item}' phải có dạng TRƯỜNG=GIÁ_TRỊ, ví dụ number=12/QĐ-UBND")
        values[key.strip()] = value.strip()
    return validate(values)


def validate(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check field names and normalise values (dates to ISO, lists from ``;``)."""
    clean: dict[str, Any] = {}
    for key, value in values.items():
        if key not in ENTERABLE:
            known = ", ".join(sorted(ENTERABLE))
            raise MetadataError(f"Không có trường '{key}'. Các trường nhập được: {known}")
        clean[key] = _normalise(key, value)
    return clean


def _normalise(key: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if key == "confidentiality":
        return confidentiality(value)
    if key == "urgency":
        return urgency(value)
    if key == "issued_date":
        return parse_date(str(value))
    if key in LIST_FIELDS:
        items = value if isinstance(value, list) else str(value).split(";")
        return [str(v).strip() for v in items if str(v).strip()]
    return str(value).strip()


def parse_date(value: str) -> str:
    """Accept dd/mm/yyyy (as archivists write dates) or ISO; return ISO."""
    text = value.strip()
    if m := _DMY.match(text):
        text = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise MetadataError(f"'{value}' không phải ngày hợp lệ (viết dd/mm/yyyy)") from None


# The parser's list of fields read with low confidence, beside the extracted fields.
UNSURE = "_unsure"


def merge(
    extracted: Mapping[str, Any],
    entered: Mapping[str, Any],
    *,
    parser: str,
    user: str,
    at: str,
) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """Combine parser output with a person's entries, which always win."""
    metadata: dict[str, Any] = {}
    provenance: dict[str, dict[str, str]] = {}
    unsure = set(extracted.get(UNSURE) or ())
    for key, value in extracted.items():
        if key != UNSURE and value not in (None, "", []):
            metadata[key] = value
            provenance[key] = {"source": "extracted", "by": parser, "at": at}
            if key in unsure:
                provenance[key]["confidence"] = "low"
    for key, value in entered.items():
        metadata[key] = value
        provenance[key] = {"source": "entered", "by": user, "at": at}
    metadata = {k: v for k, v in metadata.items() if v not in (None, "", [])}
    return metadata, provenance


def title_from_text(pages: list[str], extracted: Mapping[str, Any]) -> str | None:
    """A display title: the subject when read, else the first lines of text."""
    subject = extracted.get("subject")
    doc_type = extracted.get("doc_type")
    if subject:
        return f"{doc_type} {subject}".strip() if doc_type else str(subject)
    for page in pages:
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        if lines:
            return " ".join(lines[:3])[:TITLE_CHARS]
    return None
