"""Dossiers on behalf of a person: what a role may see of them, and who may change them.

A dossier is as confidential as its most confidential member (or its own marking):
a role that may not read confidential records sees neither such a dossier nor its
confidential members, and counts only what it may see.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from archive import audit, dossiers
from archive.accounts import User
from archive.audit_limit import deny
from archive.classification import highest, is_confidential
from archive.dossiers import Dossier, DossierNotFound
from archive.facade import Archive
from archive.permissions import allowed, may_see, require
from archive.records import Record


def _sees_all(user: User) -> bool:
    return allowed(user.role, "record.read_confidential")


def _inherited(dossier: Dossier, members: dict[str, str]) -> Dossier:
    """The dossier as listed: at the highest of its own level and its members'."""
    level = highest([dossier.confidentiality, members.get(dossier.code)])
    return replace(dossier, confidentiality=level)


def list_dossiers(archive: Archive, user: User, text: str = "") -> list[Dossier]:
    """The dossiers the user may see, each listed at the level it inherits."""
    require(user.role, "record.read")
    members = dossiers.member_levels(archive)
    found = [_inherited(d, members) for d in dossiers.list_dossiers(archive, text)]
    if _sees_all(user):
        return found
    return [d for d in found if not is_confidential(d.confidentiality)]


def show(archive: Archive, user: User, code: str) -> tuple[Dossier, list[Record]]:
    """One dossier and its members, if the user may see it (else: not found)."""
    require(user.role, "record.read")
    dossier = dossiers.get_dossier(archive, code)
    listed = _inherited(dossier, dossiers.member_levels(archive, code))
    if not _sees_all(user) and is_confidential(listed.confidentiality):
        # "Not found", as for a confidential record, and the attempt kept in the trail.
        deny(archive, user.username, "hidden", details={"dossier": code[:100]})
        raise DossierNotFound(code)
    members = [r for r in dossiers.dossier_records(archive, code) if may_see(user.role, r.metadata)]
    return dossier, members


def create(archive: Archive, user: User, code: str, title: str, **fields: Any) -> Dossier:
    """Open a dossier."""
    require(user.role, "dossier.edit")
    made = dossiers.create_dossier(archive, code, title, user=user.username, **fields)
    audit.record_event(archive, user.username, "dossier_create", details={"code": made.code})
    return made


def edit(
    archive: Archive, user: User, code: str, changes: dict[str, Any], *, reason: str
) -> Dossier:
    """A new version of the dossier; its members' due dates follow."""
    require(user.role, "dossier.edit")
    updated = dossiers.update_dossier(archive, code, changes, user=user.username, reason=reason)
    audit.record_event(
        archive,
        user.username,
        "dossier_edit",
        details={"code": code, "fields": sorted(changes), "reason": reason},
    )
    return updated


def add(
    archive: Archive, user: User, code: str, record_ids: list[str], *, reason: str
) -> list[Record]:
    """Put records into a dossier."""
    require(user.role, "dossier.edit")
    moved = dossiers.add_records(archive, code, record_ids, user=user.username, reason=reason)
    for record in moved:
        audit.record_event(
            archive,
            user.username,
            "dossier_add",
            record_id=record.id,
            details={"code": code, "reason": reason},
        )
    return moved


def remove(archive: Archive, user: User, code: str, record_id: str, *, reason: str) -> Record:
    """Take a record out of a dossier."""
    require(user.role, "dossier.edit")
    record = dossiers.remove_record(archive, code, record_id, user=user.username, reason=reason)
    audit.record_event(
        archive,
        user.username,
        "dossier_remove",
        record_id=record_id,
        details={"code": code, "reason": reason},
    )
    return record
