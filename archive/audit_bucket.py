"""The audit trail's copy in storage: one object per event, sealed into segments.

An event is committed to the catalog first (its unique predecessor hash serialises
concurrent writers), then copied to ``audit/events/<k>/<seq>-<hash>.json`` and marked
``stored``. A crash between the two leaves the event marked not stored; the next
audit write (any process), ``hoso audit verify`` and ``hoso rebuild`` copy it. The
hash in the key means a sequence number reused after tampering with the catalog
never overwrites the evidence. Every thousand events (``SEGMENT``) the finished
range is sealed into ``audit/segment-<k>.jsonl`` so that reading the trail back
costs one object per thousand events; the per-event objects stay as a second copy.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import select, update

from archive.catalog.models import AuditRow
from archive.facade import Archive
from storage import BlobStore

GENESIS = "0" * 64
SEGMENT = 1000
EVENTS = "audit/events/"
SEGMENTS = "audit/segment-"
# A live writer copies its event within milliseconds; only older ones are left behind.
GRACE = timedelta(seconds=60)
_CATCH_UP = 50
# The first events of a range try again to seal the one before: the event that crossed
# the boundary may have found a writer in another process still copying its event.
_SEAL_RETRIES = 64


def entry_hash(
    prev_hash: str,
    at: str,
    username: str,
    action: str,
    record_id: str | None,
    address: str | None,
    details: dict[str, Any],
) -> str:
    """The SHA-256 that seals one event to the one before it."""
    body = json.dumps(
        [prev_hash, at, username, action, record_id, address, details],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def event_json(row: AuditRow) -> dict[str, Any]:
    """One event as stored: every field the hash covers, and the hash."""
    return {
        "seq": row.seq,
        "at": row.at.astimezone(UTC).isoformat(),
        "username": row.username,
        "action": row.action,
        "record_id": row.record_id,
        "address": row.address,
        "details": dict(row.details or {}),
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def computed_hash(event: dict[str, Any]) -> str:
    """The hash the event's own fields give."""
    return entry_hash(
        event["prev_hash"],
        event["at"],
        event["username"],
        event["action"],
        event["record_id"],
        event["address"],
        event["details"],
    )


def range_prefix(number: int) -> str:
    """The folder of the per-event objects of events #number*1000 … #number*1000+999."""
    return f"{EVENTS}{number:07d}/"


def event_key(seq: int, hash_: str) -> str:
    """Where one event's copy lives (a folder per range keeps listings short)."""
    return f"{range_prefix(seq // SEGMENT)}{seq:010d}-{hash_[:16]}.json"


def segment_key(number: int) -> str:
    """The sealed segment holding events #number*1000 … #number*1000+999."""
    return f"{SEGMENTS}{number:06d}.jsonl"


def _line(event: dict[str, Any]) -> bytes:
    return json.dumps(event, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def copy_event(archive: Archive, row: AuditRow) -> None:
    """Copy a committed event to storage, then mark it stored."""
    archive.store.put_bytes(event_key(row.seq, row.hash), _line(event_json(row)) + b"\n")
    _mark_stored(archive, row.seq)


def _mark_stored(archive: Archive, seq: int) -> None:
    with archive.session() as session:
        session.execute(update(AuditRow).where(AuditRow.seq == seq).values(stored=True))


def flush(archive: Archive, *, grace: timedelta = GRACE, limit: int | None = None) -> int:
    """Copy committed events still missing from storage (left by a crash); return the count."""
    cutoff = datetime.now(UTC) - grace
    query = select(AuditRow).where(AuditRow.stored.is_(False), AuditRow.at <= cutoff)
    with archive.sessions() as session:
        rows = list(session.scalars(query.order_by(AuditRow.seq).limit(limit)))
    for row in rows:
        if archive.store.exists(event_key(row.seq, row.hash)):
            _mark_stored(archive, row.seq)
        else:
            copy_event(archive, row)
    return len(rows)


def after_write(archive: Archive, row: AuditRow, previous_seq: int) -> None:
    """Copy the new event, catch up on any left behind, seal a range just finished."""
    copy_event(archive, row)
    flush(archive, limit=_CATCH_UP)
    if previous_seq // SEGMENT < row.seq // SEGMENT or 0 < row.seq % SEGMENT < _SEAL_RETRIES:
        seal(archive)


def sealed_segments(store: BlobStore) -> dict[int, str]:
    """Segment number → key, for every sealed segment."""
    found = {}
    for key in store.list(SEGMENTS):
        stem = key[len(SEGMENTS) :].removesuffix(".jsonl")
        if stem.isdigit():
            found[int(stem)] = key
    return found


def seal(archive: Archive) -> int:
    """Seal every finished range whose events are all stored and agree; return how many."""
    with archive.sessions() as session:
        last = session.scalar(select(AuditRow.seq).order_by(AuditRow.seq.desc()).limit(1))
    if last is None:
        return 0
    sealed = sealed_segments(archive.store)
    count = 0
    for number in range(last // SEGMENT):
        if number not in sealed and _seal_one(archive, number):
            count += 1
    return count


def _seal_one(archive: Archive, number: int) -> bool:
    low, high = number * SEGMENT, (number + 1) * SEGMENT
    with archive.sessions() as session:
        rows = list(
            session.scalars(
                select(AuditRow)
                .where(AuditRow.seq >= low, AuditRow.seq < high)
                .order_by(AuditRow.seq)
            )
        )
    events = [event_json(row) for row in rows]
    stored = set(archive.store.list(range_prefix(number)))
    # A range that disagrees with its per-event copies stays open, so verify keeps naming it.
    if not rows or not all(row.stored for row in rows):
        return False
    if stored != {event_key(e["seq"], e["hash"]) for e in events}:
        return False
    if any(computed_hash(e) != e["hash"] for e in events):
        return False
    if any(b["prev_hash"] != a["hash"] for a, b in pairwise(events)):
        return False
    archive.store.put_bytes(segment_key(number), b"\n".join(_line(e) for e in events) + b"\n")
    return True


def stored_ranges(store: BlobStore, at_least: int = -1) -> Iterator[list[dict[str, Any]]]:
    """The bucket's events range by range (a sealed segment, else the per-event objects).

    Ranges are read until the first empty one past every sealed segment and past
    ``at_least``, so memory holds one range at a time.
    """
    sealed = sealed_segments(store)
    last = max(max(sealed, default=-1), at_least)
    number = 0
    while True:
        if number in sealed:
            lines = store.get_bytes(sealed[number]).splitlines()
            yield [json.loads(line) for line in lines if line.strip()]
        else:
            keys = sorted(store.list(range_prefix(number)))
            if not keys and number > last:
                return
            yield [json.loads(store.get_bytes(key)) for key in keys]
        number += 1


def chain_of(events: list[dict[str, Any]], expected: str) -> tuple[list[dict[str, Any]], list[int]]:
    """One event per sequence number, following the hash links from ``expected``.

    Two different events under one number arise only when the catalog lost its tail
    and the number was given again: the one that chains on, then the one later events
    chain onto, then the later one wins; the numbers with more than one are returned.
    """
    by_seq: dict[int, dict[str, dict[str, Any]]] = {}
    for event in events:
        by_seq.setdefault(event["seq"], {})[event["hash"]] = event
    successors = {event["prev_hash"] for event in events}
    chain: list[dict[str, Any]] = []
    forks: list[int] = []
    for seq in sorted(by_seq):
        candidates = list(by_seq[seq].values())
        if len(candidates) > 1:
            forks.append(seq)
        candidates.sort(
            key=lambda e: (e["prev_hash"] == expected, e["hash"] in successors, e["at"])
        )
        chain.append(candidates[-1])
        expected = candidates[-1]["hash"]
    return chain, forks
