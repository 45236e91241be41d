"""Recompute a record's retention against the schedule and its dossier."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from archive.catalog.models import DossierRow
from archive.facade import Archive
from archive.retention.assign import assign, closed_year, redated

Provenance = dict[str, dict[str, str]]


def refresh_retention(
    archive: Archive, metadata: dict[str, Any], provenance: Provenance
) -> tuple[dict[str, Any], Provenance]:
    """The record's retention as its dossier (if any) and the schedule now say."""
    held = bool((metadata.get("retention") or {}).get("hold"))
    metadata, provenance = _refreshed(archive, metadata, provenance)
    # Holds are kept beside the record; the flag shown in its JSON is carried over as it is.
    metadata["retention"] = {**metadata["retention"], "hold": held}
    return metadata, provenance


def _refreshed(
    archive: Archive, metadata: dict[str, Any], provenance: Provenance
) -> tuple[dict[str, Any], Provenance]:
    dossier = _dossier(archive, metadata.get("dossier_id"))
    in_dossier = dossier is not None
    year = closed_year(metadata, dossier.end_date if dossier else None, in_dossier)
    decided = (dossier.retention_json or {}) if dossier else {}
    entered = provenance.get("retention", {}).get("source") == "entered"
    if dossier is not None and decided.get("rule") and not entered:
        # The dossier's own period binds every record in it.
        metadata = {**metadata, "retention": redated({**decided}, year)}
        at = datetime.now(UTC).isoformat()
        provenance = {
            **provenance,
            "retention": {"source": "dossier", "by": dossier.code, "at": at},
        }
        return metadata, provenance
    return assign(metadata, provenance, archive.schedule, year=year)


def _dossier(archive: Archive, code: Any) -> DossierRow | None:
    if not code:
        return None
    with archive.sessions() as session:
        return session.get(DossierRow, str(code))
