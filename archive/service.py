"""Record actions on behalf of a person: permission, confidentiality and audit in one place.

The web views and the API call these with the signed-in user; nothing here knows
about HTTP.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, BinaryIO

from archive import audit, dossiers, edit
from archive.accounts import User
from archive.audit_limit import deny
from archive.awards import AwardEntry, find_awards
from archive.classification import CONFIDENTIAL
from archive.errors import RecordNotFound
from archive.facade import Archive, ArchiveSearch
from archive.links import Link
from archive.links import links as find_links
from archive.permissions import allowed, may_see, require
from archive.records import Record, ensure_kept
from archive.retext import replace_text
from archive.same_number import same_number as find_same_number


def _visible(archive: Archive, user: User, record_id: str, *, address: str | None = None) -> Record:
    require(user.role, "record.read")
    record = archive.get(record_id)
    if not may_see(user.role, record.metadata):
        # Say "not found", so the existence of a confidential record is not revealed,
        # but keep the attempt in the trail.
        deny(archive, user.username, "hidden", address=address, record_id=record_id)
        raise RecordNotFound(record_id)
    return without_secret_dossier(archive, user, record)


def without_secret_dossier(
    archive: Archive, user: User, record: Record, secret: set[str] | None = None
) -> Record:
    """The record as ``user`` may read it: an open member of a dossier the role may not
    know of does not name that dossier (``secret``: those codes, when already known)."""
    code = record.metadata.get("dossier_id")
    if not code or allowed(user.role, "record.read_confidential"):
        return record
    if code not in (dossiers.secret_codes(archive, code) if secret is None else secret):
        return record
    kept = {k: v for k, v in record.metadata.items() if k != "dossier_id"}
    return replace(record, metadata=kept)


def view(archive: Archive, user: User, record_id: str, *, address: str | None = None) -> Record:
    """Return a record for reading, and note the view in the audit trail."""
    record = _visible(archive, user, record_id, address=address)
    audit.record_event(archive, user.username, "view", record_id=record.id, address=address)
    return record


def download(
    archive: Archive, user: User, record_id: str, *, address: str | None = None
) -> tuple[Record, BinaryIO]:
    """Open the original for download, and note it in the audit trail."""
    record = _visible(archive, user, record_id, address=address)
    stream = archive.open_original(record)
    audit.record_event(archive, user.username, "download", record_id=record.id, address=address)
    return record, stream


def read_text(archive: Archive, user: User, record_id: str) -> list[str]:
    """The extracted text of a record the user may see; RecordDisposed once it is gone."""
    record = _visible(archive, user, record_id)
    ensure_kept(record)
    return archive.text_pages(record)


def history(archive: Archive, user: User, record_id: str) -> list[dict[str, Any]]:
    """Every metadata version of a record the user may see, newest first."""
    return edit.history(archive, _visible(archive, user, record_id))


def change_metadata(
    archive: Archive,
    user: User,
    record_id: str,
    changes: Mapping[str, Any],
    *,
    reason: str,
    expected_version: int | None = None,
    address: str | None = None,
) -> Record:
    """Save a metadata change as a new version, and note it in the audit trail."""
    require(user.role, "record.edit")
    _visible(archive, user, record_id)
    record = edit.update_metadata(
        archive,
        record_id,
        changes,
        reason=reason,
        user=user.username,
        expected_version=expected_version,
    )
    audit.record_event(
        archive,
        user.username,
        "edit",
        record_id=record_id,
        address=address,
        details={"version": record.version, "reason": reason, "fields": sorted(changes)},
    )
    return record


def search(
    archive: Archive,
    user: User,
    query: str,
    *,
    filters: dict[str, str | int] | None = None,
    page: int = 1,
    per_page: int = 20,
    sort: str = "relevance",
) -> ArchiveSearch:
    """Search what the user may see."""
    require(user.role, "record.read")
    if allowed(user.role, "record.read_confidential"):
        return archive.search(query, filters=filters, page=page, per_page=per_page, sort=sort)
    found = archive.search(
        query,
        filters=filters,
        page=page,
        per_page=per_page,
        sort=sort,
        hidden={"confidentiality": sorted(CONFIDENTIAL)},
    )
    # The index masks the levels it holds; an index built before a level's spelling
    # was made one (migration 0009, until `hoso reindex`) is checked against the catalog.
    return replace(found, hits=[h for h in found.hits if may_see(user.role, h.record.metadata)])


def latest(archive: Archive, user: User, limit: int = 10) -> list[Record]:
    """The most recently archived records the user may see."""
    require(user.role, "record.read")
    return archive.latest(
        limit, include_confidential=allowed(user.role, "record.read_confidential")
    )


def stats(archive: Archive, user: User) -> dict[str, Any]:
    """Counts of what the user may see: a viewer's totals leave confidential records out."""
    require(user.role, "record.read")
    return archive.stats(include_confidential=allowed(user.role, "record.read_confidential"))


def awards(
    archive: Archive,
    user: User,
    *,
    person: str | None = None,
    form: str | None = None,
    year: int | None = None,
    unit: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[int, list[AwardEntry]]:
    """Award entries of the decisions the user may see."""
    require(user.role, "record.read")
    return find_awards(
        archive,
        person=person,
        form=form,
        year=year,
        unit=unit,
        include_confidential=allowed(user.role, "record.read_confidential"),
        limit=limit,
        offset=offset,
    )


def reparse(archive: Archive, user: User, record_ids: list[str]) -> int:
    """Read the metadata of these records again from their text (people's entries kept);
    return how many changed."""
    require(user.role, "record.edit")
    changed = 0
    for record_id in record_ids:
        record = _visible(archive, user, record_id)
        ensure_kept(record)
        updated = replace_text(
            archive,
            record,
            archive.text_document(record),
            user=user.username,
            reason="Đọc lại siêu dữ liệu",
        )
        if updated.version != record.version:
            changed += 1
            audit.record_event(
                archive,
                user.username,
                "edit",
                record_id=record_id,
                details={"version": updated.version, "reason": "Đọc lại siêu dữ liệu"},
            )
    return changed


def links(archive: Archive, user: User, record: Record) -> dict[str, list[Link]]:
    """The archived documents ``record`` cites and those citing it, leaving out those the
    user may not see (a title would reveal them)."""
    require(user.role, "record.read")

    def shown(link: Link) -> bool:
        try:
            return may_see(user.role, archive.get(link.record_id).metadata)
        except RecordNotFound:
            return False

    found = find_links(archive, record)
    return {kind: [link for link in items if shown(link)] for kind, items in found.items()}


def same_number(archive: Archive, user: User, record: Record) -> list[Record]:
    """Other archived documents with ``record``'s number, symbol and issuer (folded), leaving
    out those the user may not see."""
    require(user.role, "record.read")
    return [r for r in find_same_number(archive, record) if may_see(user.role, r.metadata)]
