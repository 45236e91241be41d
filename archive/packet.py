"""Audit packets: what an inspector takes away to verify records without Hoso.

One BagIt bag, zipped, validated before it is handed over. Every path inside it is fixed
by the record's id, never by a file name a person typed:

    data/index.html                          printable index: number, date, SHA-256, custody
    data/packet.json                         who made the packet, when, of what
    data/records/<id>/original.<ext>         the original, byte for byte
    data/records/<id>/metadata/manifest-NNNNNN.json   every metadata version, as stored
    data/records/<id>/text.json              the searchable text per page
    data/records/<id>/searchable.pdf         the searchable copy OCR made (scans only)
    data/records/<id>/audit-events.json      the audit events of the record
    data/records/<id>/fixity.json            fixity checks, and the hash taken for this packet
    data/dossiers/<n>/dossier.json           every version of each dossier asked for

The bag's ``manifest-sha256.txt`` lists every file's SHA-256, so ``sha256sum -c`` (or
any BagIt tool) checks it. Records the role may not see are left out; the packet is
bounded in records and bytes, built on disk (never whole in memory), and audited.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, BinaryIO

import bagit
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select

from archive import audit, edit
from archive.accounts import User
from archive.actions import dossiers as dossier_actions
from archive.catalog.models import FixityRow
from archive.dossiers import DossierNotFound, dossier_history
from archive.errors import ArchiveError, RecordNotFound
from archive.facade import Archive
from archive.format import dmy
from archive.permissions import may_see, require
from archive.records import Record, manifest_key

MAX_RECORDS = 500
MAX_BYTES = 10 * 1024**3
MAX_EVENTS = 5000  # audit events per record; a record viewed more often keeps the newest
_SAFE_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
EXTENSIONS = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
    "text/plain": "txt",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/tiff": "tif",
    "image/gif": "gif",
}
_ENV = Environment(
    loader=PackageLoader("archive", "templates"), autoescape=select_autoescape(["html"])
)
_ENV.filters["dmy"] = dmy


def _when(value: object, zone: tzinfo) -> str:
    """An ISO moment as dd/mm/yyyy HH:MM in the office's time zone."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return dmy(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).strftime("%d/%m/%Y %H:%M")


class PacketError(ArchiveError):
    """A packet cannot be made as asked."""

    code = "packet"


@dataclass(frozen=True)
class Packet:
    """What went into a packet."""

    id: str
    record_ids: list[str]
    dossiers: list[str]
    size: int


def build(
    archive: Archive,
    user: User,
    targets: list[str],
    out: BinaryIO,
    *,
    kind: str = "any",
    address: str | None = None,
) -> Packet:
    """Write the zipped, validated bag of ``targets`` to ``out``: record ids or dossier codes
    (``kind`` "any", a record id first), or only records ("record") or dossiers ("dossier")."""
    require(user.role, "audit.read")
    records, dossiers = _resolve(archive, user, targets, kind)
    packet_id = f"{datetime.now(UTC):%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
    archive.settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=archive.settings.tmp_dir) as tmp:
        bag_dir = Path(tmp) / f"goi-thanh-tra-{packet_id}"
        bag_dir.mkdir()
        items = [_write_record(archive, bag_dir / "records" / r.id, r) for r in records]
        for index, code in enumerate(dossiers, 1):
            folder = bag_dir / "dossiers" / f"{index:03d}"
            folder.mkdir(parents=True)
            _write_json(
                folder / "dossier.json", {"code": code, "versions": dossier_history(archive, code)}
            )
        made = {
            "packet": packet_id,
            "made_by": user.username,
            "made_at": datetime.now(UTC).isoformat(),
            "office": archive.settings.office_name,
            "asked_for": targets,
            "records": [r.id for r in records],
            "dossiers": dossiers,
        }
        _write_json(bag_dir / "packet.json", made)
        zone = archive.settings.zone
        html = _ENV.get_template("packet_index.html").render(
            made=made,
            items=items,
            dossiers=dossiers,
            office=archive.settings.office_name,
            when=lambda value: _when(value, zone),
        )
        (bag_dir / "index.html").write_text(html, encoding="utf-8")
        bag = bagit.make_bag(
            str(bag_dir),
            {
                "Source-Organization": archive.settings.office_name or "Hoso",
                "External-Description": "Gói tài liệu phục vụ thanh tra, kiểm tra",
                "External-Identifier": f"hoso-packet-{packet_id}",
                "Bag-Count": "1 of 1",
            },
            checksums=["sha256"],
        )
        bag.validate()
        _zip(bag_dir, out)
    size = out.tell()
    _audit(archive, user, packet_id, records, dossiers, address)
    return Packet(packet_id, [r.id for r in records], dossiers, size)


def _resolve(
    archive: Archive, user: User, targets: list[str], kind: str
) -> tuple[list[Record], list[str]]:
    """The records asked for, directly or through a dossier, that the user may see."""
    if not targets:
        raise PacketError("Cần chọn ít nhất một tài liệu hoặc hồ sơ")
    if len(targets) > MAX_RECORDS:
        raise PacketError(f"Một gói có tối đa {MAX_RECORDS} tài liệu")
    records: dict[str, Record] = {}
    dossiers: list[str] = []
    for target in dict.fromkeys(t.strip() for t in targets if t.strip()):
        record = None
        if kind != "dossier":
            try:
                record = archive.get(target)
            except RecordNotFound:
                if kind == "record":
                    raise
        if record is not None:
            if not may_see(user.role, record.metadata):
                raise RecordNotFound(target)  # as a view says: its existence is not revealed
            records[record.id] = record
            continue
        try:
            _, members = dossier_actions.show(archive, user, target)
        except DossierNotFound:
            if kind == "dossier":
                raise
            raise PacketError(f"Không có tài liệu hay hồ sơ nào mang mã «{target}»") from None
        dossiers.append(target)
        records.update((r.id, r) for r in members)
    chosen = list(records.values())
    if not chosen:
        raise PacketError("Không có tài liệu nào để đóng gói")
    if len(chosen) > MAX_RECORDS:
        raise PacketError(f"Một gói có tối đa {MAX_RECORDS} tài liệu; đã chọn {len(chosen)}")
    if sum(r.size for r in chosen) > MAX_BYTES:
        raise PacketError(f"Một gói có tối đa {MAX_BYTES // 1024**3} GiB bản gốc: hãy chia nhỏ")
    if any(not _SAFE_ID.match(r.id) for r in chosen):
        raise PacketError("Mã tài liệu không hợp lệ")
    return chosen, dossiers


def _write_record(archive: Archive, folder: Path, record: Record) -> dict[str, Any]:
    """Write one record's folder; return its line of the index."""
    (folder / "metadata").mkdir(parents=True)
    kept = not record.metadata.get("disposition")
    original = None
    checked: dict[str, Any] = {"sha256_expected": record.sha256}
    if kept:
        original = f"original.{EXTENSIONS.get(record.mime_type, 'bin')}"
        digest = hashlib.sha256()
        with archive.open_original(record) as src, (folder / original).open("wb") as dst:
            while chunk := src.read(1024 * 1024):
                digest.update(chunk)
                dst.write(chunk)
        checked.update(sha256_now=digest.hexdigest(), ok=digest.hexdigest() == record.sha256)
        _write_json(folder / "text.json", archive.text_document(record))
        searchable = archive.searchable_pdf(record)
        if searchable is not None:
            with searchable, (folder / "searchable.pdf").open("wb") as dst:
                shutil.copyfileobj(searchable, dst, 1024 * 1024)
    for version in range(1, record.version + 1):
        key = manifest_key(record.id, version)
        if archive.store.exists(key):
            (folder / "metadata" / Path(key).name).write_bytes(archive.store.get_bytes(key))
    events = audit.events(archive, record_id=record.id, limit=MAX_EVENTS)
    _write_json(folder / "audit-events.json", [_event_json(e) for e in events])
    checks = [_event_json(e) for e in events if e.action in ("fixity", "fixity_failed")]
    _write_json(
        folder / "fixity.json",
        {"last": _last_fixity(archive, record.id), "packet_check": checked, "checks": checks},
    )
    versions = edit.history(archive, record)
    meta = record.metadata
    return {
        "id": record.id,
        "number": meta.get("number"),
        "doc_type": meta.get("doc_type"),
        "issued_date": meta.get("issued_date"),
        "issuer": meta.get("issuer"),
        "title": meta.get("title") or meta.get("subject") or record.filename,
        "confidentiality": meta.get("confidentiality"),
        "dossier": meta.get("dossier_id"),
        "sha256": record.sha256,
        "size": record.size,
        "original": f"data/records/{record.id}/{original}" if original else None,
        "packet_check": checked,
        "created_at": record.created_at,
        "custody": [_custody(v) for v in reversed(versions)],
        "events": len(events),
        "disposition": meta.get("disposition"),
    }


def _custody(version: dict[str, Any]) -> dict[str, Any]:
    change = version.get("change") or {}
    return {
        "version": version.get("version"),
        "at": change.get("at") or version.get("created_at"),
        "by": change.get("by") or "",
        "reason": change.get("reason") or "Tiếp nhận vào kho",
    }


def _last_fixity(archive: Archive, record_id: str) -> dict[str, Any] | None:
    with archive.sessions() as session:
        row = session.scalar(select(FixityRow).where(FixityRow.record_id == record_id))
        if row is None:
            return None
        return {"checked_at": row.checked_at.isoformat(), "ok": row.ok, "detail": row.detail}


def _event_json(event: audit.AuditEvent) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "username": event.username,
        "action": event.action,
        "record_id": event.record_id,
        "address": event.address,
        "details": event.details,
        "hash": event.hash,
    }


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2, default=str), encoding="utf-8")


def _zip(bag_dir: Path, out: BinaryIO) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as bundle:
        for path in sorted(bag_dir.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{bag_dir.name}/{path.relative_to(bag_dir).as_posix()}")


def _audit(
    archive: Archive,
    user: User,
    packet_id: str,
    records: list[Record],
    dossiers: list[str],
    address: str | None,
) -> None:
    details = {"packet": packet_id, "records": len(records), "dossiers": dossiers}
    audit.record_event(archive, user.username, "packet", address=address, details=details)
    for record in records:
        audit.record_event(
            archive,
            user.username,
            "packet",
            record_id=record.id,
            address=address,
            details={"packet": packet_id},
        )
