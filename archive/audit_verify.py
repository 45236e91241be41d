"""Check the audit trail: the catalog's chain, the bucket's copy, and the two against each other.

Each copy is checked on its own (every hash recomputed, every link followed) and then
compared event by event, one range of a thousand events at a time, so an event
altered or removed in either copy is named, as is a tail cut from the catalog.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from archive import audit_bucket
from archive.audit_bucket import GENESIS, SEGMENT, chain_of, computed_hash, event_json
from archive.catalog.models import AuditRow
from archive.facade import Archive
from storage import NotFound

LEGACY_CHECKPOINT = "audit/checkpoint.json"
CHECKPOINTS = "audit/checkpoints/"
IN_BUCKET = " (bản lưu trong kho)"


def verify_chain(archive: Archive) -> list[str]:
    """Every break in the chain: an altered event, a removed one, a truncated tail."""
    audit_bucket.flush(archive)
    with archive.sessions() as session:
        last = session.scalar(select(func.max(AuditRow.seq))) or 0
    problems: list[str] = []
    expected = {"catalog": GENESIS, "bucket": GENESIS}
    for number, stored in enumerate(audit_bucket.stored_ranges(archive.store, last // SEGMENT)):
        catalog, pending = _catalog_range(archive, number)
        chain, forks = chain_of(stored, expected["bucket"])
        problems += [f"Sự kiện #{seq}{IN_BUCKET}: có nhiều bản khác nhau cùng số" for seq in forks]
        problems += _links(catalog, expected, "catalog", "")
        problems += _links(chain, expected, "bucket", IN_BUCKET)
        problems += _compare({e["seq"]: e for e in catalog}, {e["seq"]: e for e in chain}, pending)
    return problems + _against_checkpoint(archive)


def _catalog_range(archive: Archive, number: int) -> tuple[list[dict[str, Any]], set[int]]:
    low, high = number * SEGMENT, (number + 1) * SEGMENT
    query = select(AuditRow).where(AuditRow.seq >= low, AuditRow.seq < high)
    with archive.sessions() as session:
        rows = list(session.scalars(query.order_by(AuditRow.seq)))
    return [event_json(row) for row in rows], {row.seq for row in rows if not row.stored}


def _links(
    events: list[dict[str, Any]], expected: dict[str, str], copy: str, where: str
) -> list[str]:
    problems = []
    for event in events:
        if event["prev_hash"] != expected[copy]:
            problems.append(
                f"Sự kiện #{event['seq']}{where}: không nối với sự kiện trước (có sự kiện bị xóa)"
            )
        if computed_hash(event) != event["hash"]:
            problems.append(
                f"Sự kiện #{event['seq']}{where}: nội dung đã bị sửa (mã băm không khớp)"
            )
        expected[copy] = event["hash"]
    return problems


def _compare(
    catalog: dict[int, dict[str, Any]], bucket: dict[int, dict[str, Any]], pending: set[int]
) -> list[str]:
    problems = []
    for seq in sorted(catalog.keys() | bucket.keys()):
        mine, theirs = catalog.get(seq), bucket.get(seq)
        if theirs is None and seq not in pending:
            problems.append(f"Sự kiện #{seq}: không còn trong bản lưu ở kho (đã bị xóa khỏi kho)")
        elif mine is None:
            problems.append(f"Sự kiện #{seq}: có trong bản lưu ở kho nhưng đã bị xóa khỏi CSDL")
        elif theirs is not None and mine != theirs:
            problems.append(f"Sự kiện #{seq}: bản trong CSDL khác bản lưu ở kho (đã bị sửa)")
    return problems


def _against_checkpoint(archive: Archive) -> list[str]:
    keys = sorted(archive.store.list(CHECKPOINTS))
    try:
        mark = json.loads(archive.store.get_bytes(keys[-1] if keys else LEGACY_CHECKPOINT))
    except NotFound:
        return []
    with archive.sessions() as session:
        found = session.scalar(select(AuditRow.hash).where(AuditRow.seq == mark["seq"]))
    if found != mark["hash"]:
        return [f"Sự kiện #{mark['seq']} (mốc kiểm tra ngày {mark['at'][:10]}) đã bị xóa hoặc sửa"]
    return []


def write_checkpoint(archive: Archive) -> None:
    """Record the chain's newest hash as a new object, and seal finished ranges."""
    audit_bucket.seal(archive)
    with archive.sessions() as session:
        row = session.scalar(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1))
    if row is None:
        return
    key = f"{CHECKPOINTS}{row.seq:010d}-{row.hash[:16]}.json"
    if not archive.store.exists(key):
        mark = {"seq": row.seq, "hash": row.hash, "at": datetime.now(UTC).isoformat()}
        archive.store.put_bytes(key, json.dumps(mark).encode())
