"""Counters kept in the catalog, so every web process sharing it sees the same counts."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import delete, or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from archive.catalog.models import CounterRow
from archive.facade import Archive

T = TypeVar("T")
_RETRIES = 5
# Counters for names and addresses tried once would pile up: now and then, drop those
# quiet for longer than any of them is remembered.
STALE = timedelta(days=2)
PRUNE_CHANCE = 0.01


def update(archive: Archive, change: Callable[[Session], T]) -> T:
    """Run ``change`` in one transaction; when another process created the same counter
    first (a lost insert race), run it again over that counter."""
    for _ in range(_RETRIES - 1):
        try:
            with archive.session() as session:
                return change(session)
        except IntegrityError:
            continue
    with archive.session() as session:
        return change(session)


def row(session: Session, key: str, now: object) -> CounterRow:
    """The counter ``key``, created at zero when it is new."""
    found = session.get(CounterRow, key)
    if found is None:
        found = CounterRow(key=key, count=0, suppressed=0, window_start=now, blocked_until=None)
        session.add(found)
    return found


def maybe_prune(session: Session) -> None:
    """Once in a while, delete counters nobody has touched for ``STALE``."""
    if random.random() >= PRUNE_CHANCE:
        return
    now = datetime.now(UTC)
    session.execute(
        delete(CounterRow).where(
            CounterRow.window_start < now - STALE,
            or_(CounterRow.blocked_until.is_(None), CounterRow.blocked_until < now),
        )
    )
