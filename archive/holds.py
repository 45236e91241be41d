"""Holds: an auditor or admin freezes a record or dossier until an admin lifts it.

A held item cannot be edited, moved, disposed of or deleted by anyone.  Each
placing and lifting is also written to storage (``holds/<id>-placed.json``,
``holds/<id>-lifted.json``), so holds survive a rebuild of the catalog.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from archive import audit
from archive.accounts import User
from archive.catalog.models import DossierItemRow, HoldRow, RecordRow
from archive.catalog.rows import to_record
from archive.errors import ArchiveError
from archive.facade import Archive
from archive.lock import set_legal_hold
from archive.permissions import require
from archive.reasons import checked_reason
from storage import BlobStore


class HoldError(ArchiveError):
    """The item is held, or the hold cannot be placed or lifted as asked."""

    code = "held"


@dataclass(frozen=True)
class Hold:
    """One hold, active or lifted."""

    id: str
    target_kind: str
    target_id: str
    reason: str
    placed_by: str
    placed_at: datetime
    lifted_by: str | None = None
    lifted_at: datetime | None = None
    lift_reason: str | None = None

    @property
    def active(self) -> bool:
        """Whether the hold still binds."""
        return self.lifted_at is None


def hold_of(row: HoldRow) -> Hold:
    """The hold a catalog row describes."""
    return Hold(
        row.id,
        row.target_kind,
        row.target_id,
        row.reason,
        row.placed_by,
        row.placed_at,
        row.lifted_by,
        row.lifted_at,
        row.lift_reason,
    )


def place_hold(archive: Archive, user: User, target_id: str, *, reason: str) -> Hold:
    """Hold a record (by id) or a dossier (by code)."""
    require(user.role, "hold.place")
    reason = checked_reason(reason, "lý do giữ", HoldError)
    kind = _kind(archive, target_id)
    hold = Hold(
        secrets.token_hex(8), kind, target_id, reason.strip(), user.username, datetime.now(UTC)
    )
    archive.store.put_bytes(f"holds/{hold.id}-placed.json", hold_bytes(hold))
    with archive.session() as session:
        session.add(HoldRow(**{k: v for k, v in hold.__dict__.items()}))
    refresh_held_flags(archive)
    _storage_holds(archive, target_id)
    audit.record_event(
        archive,
        user.username,
        "hold_place",
        record_id=_record_of(kind, target_id),
        details={"target": target_id, "kind": kind, "reason": hold.reason},
    )
    return hold


def lift_hold(archive: Archive, user: User, target_id: str, *, reason: str) -> list[Hold]:
    """Lift every active hold on the target (admins only, with a reason)."""
    require(user.role, "hold.lift")
    reason = checked_reason(reason, "lý do gỡ giữ", HoldError)
    now = datetime.now(UTC)
    lifted = []
    with archive.session() as session:
        rows = session.scalars(
            select(HoldRow).where(HoldRow.target_id == target_id, HoldRow.lifted_at.is_(None))
        ).all()
        if not rows:
            raise HoldError(f"{target_id} không bị giữ")
        for row in rows:
            row.lifted_by, row.lifted_at, row.lift_reason = user.username, now, reason.strip()
            lifted.append(hold_of(row))
        # Written before the catalog commits: a lift the bucket lacks never shows as done.
        for hold in lifted:
            archive.store.put_bytes(f"holds/{hold.id}-lifted.json", hold_bytes(hold))
    refresh_held_flags(archive)
    _storage_holds(archive, target_id)
    audit.record_event(
        archive,
        user.username,
        "hold_lift",
        record_id=_record_of(lifted[0].target_kind, target_id),
        details={"target": target_id, "reason": reason.strip()},
    )
    return lifted


def active_holds(archive: Archive, record_id: str) -> list[Hold]:
    """Holds binding a record: its own, and its dossier's."""
    with archive.sessions() as session:
        dossier = session.scalar(
            select(DossierItemRow.dossier_code).where(DossierItemRow.record_id == record_id)
        )
        targets = [record_id] + ([dossier] if dossier else [])
        rows = session.scalars(
            select(HoldRow).where(HoldRow.target_id.in_(targets), HoldRow.lifted_at.is_(None))
        )
        return [hold_of(row) for row in rows]


def holds_on(archive: Archive, target_id: str) -> list[Hold]:
    """Every hold ever placed on the target, newest first."""
    with archive.sessions() as session:
        rows = session.scalars(
            select(HoldRow).where(HoldRow.target_id == target_id).order_by(HoldRow.placed_at.desc())
        )
        return [hold_of(row) for row in rows]


def refuse_if_held(archive: Archive, record_id: str, action: str) -> None:
    """Raise HoldError naming the hold when the record (or its dossier) is held."""
    holds = active_holds(archive, record_id)
    if holds:
        first = holds[0]
        what = "hồ sơ chứa tài liệu này" if first.target_kind == "dossier" else "tài liệu này"
        raise HoldError(
            f"Không thể {action}: {what} đang bị giữ từ {first.placed_at:%d/%m/%Y} "
            f"bởi {first.placed_by} (lý do: {first.reason}). Chỉ quản trị viên gỡ giữ được."
        )


def _record_of(kind: str, target_id: str) -> str | None:
    return target_id if kind == "record" else None


def _storage_holds(archive: Archive, target_id: str) -> None:
    """Mirror the hold as the storage's legal hold on each affected original."""
    with archive.sessions() as session:
        members = select(DossierItemRow.record_id).where(DossierItemRow.dossier_code == target_id)
        ids = [target_id, *session.scalars(members)]
        rows = session.scalars(select(RecordRow).where(RecordRow.id.in_(ids))).all()
        targets = [(to_record(row), bool(row.held)) for row in rows if row.state == "active"]
    for record, held in targets:
        set_legal_hold(archive, record, held)


def _kind(archive: Archive, target_id: str) -> str:
    from archive.catalog.models import DossierRow

    with archive.sessions() as session:
        if session.get(RecordRow, target_id) is not None:
            return "record"
        if session.get(DossierRow, target_id) is not None:
            return "dossier"
    raise HoldError(f"Không có tài liệu hay hồ sơ nào mã {target_id}")


def refresh_held_flags(archive: Archive) -> None:
    """Refresh the catalog's ``held`` flag of every record from the active holds."""
    with archive.session() as session:
        active = select(HoldRow.target_id).where(HoldRow.lifted_at.is_(None))
        in_held_dossier = select(DossierItemRow.record_id).where(
            DossierItemRow.dossier_code.in_(active)
        )
        session.execute(update(RecordRow).values(held=False))
        # A destroyed or transferred record has nothing left to hold.
        session.execute(
            update(RecordRow)
            .where(RecordRow.id.in_(active) | RecordRow.id.in_(in_held_dossier))
            .where(RecordRow.state == "active")
            .values(held=True)
        )


def stored_holds(store: BlobStore) -> list[dict[str, Any]]:
    """Every hold in storage, its lifting (if any) laid over its placing."""
    holds: dict[str, dict[str, Any]] = {}
    keys = sorted(store.list("holds/"), key=lambda key: (key.endswith("-lifted.json"), key))
    for key in keys:  # placings first, whatever the keys' order
        data = json.loads(store.get_bytes(key))
        holds.setdefault(data["id"], {}).update(data)
    return list(holds.values())


def hold_bytes(hold: Hold) -> bytes:
    """The stored form of a hold (placed or lifted)."""
    data = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in hold.__dict__.items()}
    return json.dumps(data, ensure_ascii=False, indent=1).encode()
