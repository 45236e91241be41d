"""The bulk-import journal: which files of a box are done, so a re-run resumes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from archive.catalog.models import ImportItemRow
from archive.facade import Archive

# Outcomes a re-run need not repeat; refusals are tried again (the box may be fixed).
FINAL = frozenset({"created", "duplicate"})


@dataclass(frozen=True)
class Done:
    """A file an earlier run archived."""

    status: str
    record_id: str | None
    stamp: str


def box_key(box: Path, manifest: Path | None, *, inner_manifest: str = "") -> str:
    """Identify one import: the box and its manifest, by absolute path (or, for a
    manifest found inside the box, by its path there)."""
    named = str(manifest.resolve()) if manifest else inner_manifest and f"box:{inner_manifest}"
    text = f"{box.resolve()}\n{named}"
    return hashlib.sha256(text.encode()).hexdigest()


def done_items(archive: Archive, key: str) -> dict[str, Done]:
    """Files of this import already archived, by relative path."""
    with archive.sessions() as session:
        rows = session.scalars(select(ImportItemRow).where(ImportItemRow.box_key == key))
        return {
            row.relpath: Done(row.status, row.record_id, row.stamp)
            for row in rows
            if row.status in FINAL
        }


def note_outcomes(
    archive: Archive, key: str, outcomes: Iterable[tuple[str, str, str, str | None, str | None]]
) -> None:
    """Record (relpath, stamp, status, record id, message) of each finished file."""
    now = datetime.now(UTC)
    with archive.session() as session:
        for relpath, stamp, status, record_id, message in outcomes:
            session.merge(
                ImportItemRow(
                    box_key=key,
                    relpath=relpath,
                    stamp=stamp,
                    status=status,
                    record_id=record_id,
                    message=message,
                    updated_at=now,
                )
            )
