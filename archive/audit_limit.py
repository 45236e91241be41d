"""Audit events a flood could repeat (failed sign-ins, denials), written at a bounded rate.

Each actor (a user name, or ``addr:`` and an address) may add at most
``audit_denials_per_minute`` events of one kind a minute, and all actors together twenty
times that; the rest are only counted. When the next minute's first event of that
actor and kind comes, the count of those left out is written as one
``audit_suppressed`` event, so the trail says how many there were without holding each.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from archive import audit, counters
from archive.facade import Archive

WINDOW = timedelta(minutes=1)
ALL_ACTORS = 20
KEY_CHARS = 150


def record_limited(
    archive: Archive,
    actor: str,
    username: str,
    action: str,
    *,
    record_id: str | None = None,
    address: str | None = None,
    details: dict[str, Any] | None = None,
) -> bool:
    """Write the event unless ``actor`` already wrote its share of ``action`` this minute;
    return whether it was written."""
    limit = archive.settings.audit_denials_per_minute
    keys = [
        (f"audit:{action}:{actor}"[:KEY_CHARS], limit, actor),
        (f"audit:{action}:*", limit * ALL_ACTORS, "*"),
    ]
    left_out: list[tuple[str, int, datetime]] = []

    def change(session: Session) -> bool:
        left_out.clear()
        now = datetime.now(UTC)
        admitted = True
        for key, most, who in keys:
            found = counters.row(session, key, now)
            if found.window_start <= now - WINDOW:
                if found.suppressed:
                    left_out.append((who, found.suppressed, found.window_start))
                found.window_start, found.count, found.suppressed = now, 0, 0
            if not admitted:
                continue  # counted once, by the actor's own counter
            if found.count >= most:
                found.suppressed += 1
                admitted = False
            else:
                found.count += 1
        counters.maybe_prune(session)
        return admitted

    written = counters.update(archive, change)
    for who, count, since in left_out:
        audit.record_event(
            archive,
            username if who != "*" else "?",
            "audit_suppressed",
            address=address,
            details={"action": action, "actor": who, "count": count, "since": since.isoformat()},
        )
    if written:
        audit.record_event(
            archive, username, action, record_id=record_id, address=address, details=details
        )
    return written


def deny(
    archive: Archive,
    username: str | None,
    kind: str,
    *,
    address: str | None = None,
    record_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Note a refusal (``forbidden``, ``hidden``, ``token``, ``throttled``) in the trail."""
    actor = username or f"addr:{address or '?'}"
    record_limited(
        archive,
        actor,
        username or "?",
        "denied",
        record_id=record_id,
        address=address,
        details={"kind": kind, **(details or {})},
    )
