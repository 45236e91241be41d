"""The record: one archived original with its versioned metadata (frozen, no I/O)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from archive.classification import stored
from archive.errors import RecordDisposed

# Metadata fields in the order the record JSON and the UI list them.
METADATA_FIELDS: tuple[str, ...] = (
    "title",
    "doc_type",
    "number",
    "issued_date",
    "place",
    "issuer",
    "subject",
    "signer",
    "signer_title",
    "recipients",
    "references",
    "awards",
    "confidentiality",
    "urgency",
    "dossier_id",
    "retention",
)
LIST_FIELDS = frozenset({"recipients", "references", "awards"})


def record_id_for(sha256: str) -> str:
    """Derive the record id from the original's SHA-256.

    Deterministic, so that an ingest interrupted after its manifest was written
    finds and finishes the same record when run again instead of creating a twin.
    """
    return hashlib.sha256(b"hoso-record:" + sha256.encode()).hexdigest()[:16]


def blob_key(sha256: str) -> str:
    """Storage key of an original."""
    return f"blobs/sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def text_key(sha256: str) -> str:
    """Storage key of the extracted text of an original."""
    return f"derived/{sha256}/text.json"


def searchable_key(sha256: str) -> str:
    """Storage key of the searchable PDF derived from a scan by OCR."""
    return f"derived/{sha256}/searchable.pdf"


def manifest_key(record_id: str, version: int) -> str:
    """Storage key of one metadata version of a record."""
    return f"records/{record_id}/manifest-{version:06d}.json"


@dataclass(frozen=True)
class Provenance:
    """Where a metadata value came from: extracted by a parser or entered by a person."""

    source: str  # "extracted" | "entered"
    by: str  # parser name and version, or the user
    at: str  # ISO timestamp

    def to_json(self) -> dict[str, str]:
        """Return the JSON form."""
        return {"source": self.source, "by": self.by, "at": self.at}


@dataclass(frozen=True)
class Record:
    """One archived original and the current version of its metadata."""

    id: str
    sha256: str
    size: int
    mime_type: str
    filename: str
    pages: int
    created_at: datetime
    version: int
    metadata: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        """The year the document was issued, when known."""
        issued = self.metadata.get("issued_date")
        return int(issued[:4]) if isinstance(issued, str) and issued[:4].isdigit() else None

    def to_json(self) -> dict[str, Any]:
        """Return the canonical record JSON of the brief."""
        return {
            "id": self.id,
            "sha256": self.sha256,
            "size": self.size,
            "mime_type": self.mime_type,
            "filename": self.filename,
            "pages": self.pages,
            "created_at": self.created_at.isoformat(),
            "version": self.version,
            "metadata": dict(self.metadata),
            "provenance": {k: dict(v) for k, v in self.provenance.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        """Build a record from its canonical JSON."""
        return cls(
            id=data["id"],
            sha256=data["sha256"],
            size=int(data["size"]),
            mime_type=data["mime_type"],
            filename=data["filename"],
            pages=int(data["pages"]),
            created_at=datetime.fromisoformat(data["created_at"]),
            version=int(data["version"]),
            metadata=_read_metadata(data.get("metadata") or {}),
            provenance=dict(data.get("provenance") or {}),
        )


def _read_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    # Manifests written before levels were one vocabulary may spell a level
    # otherwise ("MẬT", "Tối Mật"): read it as the level, so a rebuild agrees with
    # the catalog migration 0009 made.
    clean = dict(metadata)
    if "confidentiality" in clean:
        level = stored(clean["confidentiality"])
        if level is None:
            del clean["confidentiality"]
        else:
            clean["confidentiality"] = level
    return clean


def ensure_kept(record: Record) -> None:
    """Raise RecordDisposed when the record was destroyed or transferred.

    Its metadata stays readable, but nothing may be read from its bytes or changed
    about it any more: the tombstone version is the last.
    """
    disposition = record.metadata.get("disposition")
    if disposition:
        raise RecordDisposed(record.id, disposition)
