"""Dossiers (hồ sơ): a code, a title, dates, a retention period and records in order.

Like records, every version of a dossier is an immutable manifest in storage
(``dossiers/<code>/manifest-NNNNNN.json``); the catalog row is derived.  A record
joins or leaves a dossier through its own ``dossier_id`` field, so its
membership is part of its versioned metadata too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select

from archive.catalog.models import DossierItemRow, DossierRow, RecordRow
from archive.catalog.rows import to_record
from archive.classification import confidentiality, highest, stored
from archive.edit import EditError, save_version, update_metadata
from archive.errors import ArchiveError
from archive.facade import Archive
from archive.indexdoc import index_document
from archive.metadata import parse_date
from archive.reasons import checked_reason
from archive.records import Record
from archive.retention.apply import refresh_retention
from archive.retention.assign import decided_retention
from storage import NotFound

_CODE = re.compile(r"^[\w][\w.\-/]{0,63}$")


class DossierNotFound(ArchiveError, KeyError):
    """No dossier has that code."""

    code = "not_found"

    def __str__(self) -> str:
        return f"Không có hồ sơ mã {self.args[0]}"


@dataclass(frozen=True)
class Dossier:
    """A dossier's current version."""

    code: str
    title: str
    start_date: str | None
    end_date: str | None
    confidentiality: str | None
    retention: dict[str, Any]
    version: int
    record_count: int = 0

    def to_json(self) -> dict[str, Any]:
        """The dossier as the API and manifests give it."""
        return dict(self.__dict__)


def manifest_key(code: str, version: int) -> str:
    """Storage key of one version of a dossier."""
    return f"dossiers/{code.replace('/', '%2F')}/manifest-{version:06d}.json"


def create_dossier(archive: Archive, code: str, title: str, *, user: str, **fields: Any) -> Dossier:
    """Open a new dossier."""
    code = code.strip()
    if not _CODE.match(code):
        raise EditError(
            "Mã hồ sơ chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch chéo (tối đa 64 ký tự)"
        )
    if not title.strip():
        raise EditError("Hồ sơ cần có tiêu đề")
    with archive.sessions() as session:
        if session.get(DossierRow, code) is not None:
            raise EditError(f"Mã hồ sơ {code} đã có")
    dossier = Dossier(
        code=code,
        title=title.strip(),
        start_date=None,
        end_date=None,
        confidentiality=None,
        retention={},
        version=0,
    )
    return _save(archive, dossier, fields, user=user, reason="Lập hồ sơ")


def update_dossier(
    archive: Archive, code: str, changes: dict[str, Any], *, user: str, reason: str
) -> Dossier:
    """Save a new version of the dossier; its records' due dates follow its end and period."""
    reason = checked_reason(reason, "lý do sửa hồ sơ", EditError)
    dossier = _save(archive, get_dossier(archive, code), changes, user=user, reason=reason)
    for record in dossier_records(archive, code):
        _touch(archive, record, user=user, reason=f"Cập nhật theo hồ sơ {code}: {reason}")
    return dossier


def _save(
    archive: Archive, current: Dossier, changes: dict[str, Any], *, user: str, reason: str
) -> Dossier:
    values = current.to_json()
    if "title" in changes:
        values["title"] = (changes["title"] or "").strip() or None
    if "confidentiality" in changes:
        values["confidentiality"] = confidentiality(changes["confidentiality"])
    for name in ("start_date", "end_date"):
        if name in changes:
            values[name] = parse_date(changes[name]) if changes[name] else None
    if "retention" in changes:
        values["retention"] = _retention(changes["retention"])
    if values["start_date"] and values["end_date"] and values["end_date"] < values["start_date"]:
        raise EditError("Ngày kết thúc hồ sơ trước ngày bắt đầu")
    values["version"] = current.version + 1
    values.pop("record_count", None)
    dossier = Dossier(**values)
    change = {"by": user, "at": datetime.now(UTC).isoformat(), "reason": reason}
    key = manifest_key(dossier.code, dossier.version)
    if archive.store.exists(key):
        raise EditError("Hồ sơ vừa được người khác sửa; hãy tải lại trang")
    body = {**dossier.to_json(), "change": change}
    archive.store.put_bytes(key, json.dumps(body, ensure_ascii=False, indent=1).encode())
    _catalog(archive, dossier)
    return dossier


def _retention(value: Any) -> dict[str, Any]:
    if not value:
        return {}
    if value == "permanent":
        return decided_retention(
            period_years=None, permanent=True, reason="thời hạn của hồ sơ", year=None
        )
    return decided_retention(
        period_years=int(value), permanent=False, reason="thời hạn của hồ sơ", year=None
    )


def _catalog(archive: Archive, dossier: Dossier) -> None:
    with archive.session() as session:
        row = session.get(DossierRow, dossier.code) or DossierRow(code=dossier.code)
        row.title = dossier.title
        row.start_date = date.fromisoformat(dossier.start_date) if dossier.start_date else None
        row.end_date = date.fromisoformat(dossier.end_date) if dossier.end_date else None
        row.confidentiality = dossier.confidentiality
        row.retention_json = dossier.retention
        row.version = dossier.version
        row.updated_at = datetime.now(UTC)
        session.add(row)


def get_dossier(archive: Archive, code: str) -> Dossier:
    """The dossier's current version, with its record count."""
    with archive.sessions() as session:
        row = session.get(DossierRow, code)
        if row is None:
            raise DossierNotFound(code)
        count = session.scalar(select(func.count()).where(DossierItemRow.dossier_code == code)) or 0
        return _dossier(row, count)


def _dossier(row: DossierRow, count: int = 0) -> Dossier:
    return Dossier(
        code=row.code,
        title=row.title,
        start_date=row.start_date.isoformat() if row.start_date else None,
        end_date=row.end_date.isoformat() if row.end_date else None,
        confidentiality=stored(row.confidentiality),
        retention=dict(row.retention_json or {}),
        version=row.version,
        record_count=count,
    )


def list_dossiers(archive: Archive, text: str = "", limit: int = 200) -> list[Dossier]:
    """Dossiers by code, optionally those whose code or title contains ``text``."""
    counts = (
        select(DossierItemRow.dossier_code, func.count().label("n"))
        .group_by(DossierItemRow.dossier_code)
        .subquery()
    )
    query = select(DossierRow, counts.c.n).outerjoin(
        counts, counts.c.dossier_code == DossierRow.code
    )
    if text:
        like = f"%{text.lower()}%"
        query = query.where(
            func.lower(DossierRow.code).like(like) | func.lower(DossierRow.title).like(like)
        )
    with archive.sessions() as session:
        rows = session.execute(query.order_by(DossierRow.code).limit(limit)).all()
        return [_dossier(row, n or 0) for row, n in rows]


def member_levels(archive: Archive, code: str | None = None) -> dict[str, str]:
    """The highest level among each dossier's members (only ``code``'s, when given), for
    dossiers holding a secret member (any stored level counts, an unrecognised one as
    "Mật"), in one query."""
    query = (
        select(DossierItemRow.dossier_code, RecordRow.confidentiality)
        .join(RecordRow, RecordRow.id == DossierItemRow.record_id)
        .where(RecordRow.confidentiality.is_not(None))
        .distinct()
    )
    if code is not None:
        query = query.where(DossierItemRow.dossier_code == code)
    with archive.sessions() as session:
        rows = session.execute(query).all()
    found: dict[str, list[str]] = {}
    for code, level in rows:
        found.setdefault(code, []).append(level)
    return {code: highest(levels) or "" for code, levels in found.items()}


def dossier_records(archive: Archive, code: str) -> list[Record]:
    """The dossier's records, in their order."""
    with archive.sessions() as session:
        rows = session.scalars(
            select(RecordRow)
            .join(DossierItemRow, DossierItemRow.record_id == RecordRow.id)
            .where(DossierItemRow.dossier_code == code)
            .order_by(DossierItemRow.position)
        )
        return [to_record(row) for row in rows]


def add_records(
    archive: Archive, code: str, record_ids: list[str], *, user: str, reason: str
) -> list[Record]:
    """Put records into the dossier (each a new version of the record)."""
    get_dossier(archive, code)
    return [
        update_metadata(archive, rid, {"dossier_id": code}, reason=reason, user=user)
        for rid in record_ids
        if archive.get(rid).metadata.get("dossier_id") != code
    ]


def remove_record(archive: Archive, code: str, record_id: str, *, user: str, reason: str) -> Record:
    """Take a record out of the dossier; it keeps a retention of its own again."""
    record = archive.get(record_id)
    if record.metadata.get("dossier_id") != code:
        raise EditError(f"Tài liệu {record_id} không thuộc hồ sơ {code}")
    return update_metadata(archive, record_id, {"dossier_id": None}, reason=reason, user=user)


def _touch(archive: Archive, record: Record, *, user: str, reason: str) -> None:
    """Recompute a record's retention after its dossier changed (a version only if it did)."""
    metadata, provenance = refresh_retention(archive, record.metadata, record.provenance)
    if metadata == record.metadata:
        return
    updated = Record(
        **{
            **record.__dict__,
            "version": record.version + 1,
            "metadata": metadata,
            "provenance": provenance,
        }
    )
    change = {
        "by": user,
        "at": datetime.now(UTC).isoformat(),
        "reason": reason,
        "fields": ["retention"],
    }
    save_version(archive, record, updated, change)
    archive.index.add([index_document(updated, archive.text_pages(updated))])


def dossier_history(archive: Archive, code: str) -> list[dict[str, Any]]:
    """Every version of the dossier, newest first."""
    dossier = get_dossier(archive, code)
    out = []
    for version in range(dossier.version, 0, -1):
        try:
            out.append(json.loads(archive.store.get_bytes(manifest_key(code, version))))
        except NotFound:
            continue
    return out


def secret_codes(archive: Archive, code: str | None = None) -> set[str]:
    """Codes of the dossiers a role that may not read secrets may not know of: a level of
    their own, or a secret member (the level a dossier is listed at). With ``code``,
    only whether that one is such a dossier."""
    query = select(DossierRow.code).where(DossierRow.confidentiality.is_not(None))
    if code is not None:
        query = query.where(DossierRow.code == code)
    with archive.sessions() as session:
        own = set(session.scalars(query))
    return own | set(member_levels(archive, code))
