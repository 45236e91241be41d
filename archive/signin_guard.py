"""Throttling of sign-in: per account and per address, with a back-off that doubles.

After ``signin_free_failures`` failed attempts on one account (or
``signin_address_failures`` from one address, whatever the names), each further failure
makes that account (or address) wait ``signin_backoff_seconds``, doubled each time up
to ``signin_backoff_max_seconds``. While it waits, even the right password is refused.
An account's count ends with a successful sign-in or after a day without failures; an
address's after an hour without failures. The counts live in the catalog (``counters``).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from archive import counters
from archive.catalog.models import CounterRow
from archive.facade import Archive

ACCOUNT_MEMORY = timedelta(days=1)
ADDRESS_MEMORY = timedelta(hours=1)
KEY_CHARS = 150


def _keys(username: str, address: str | None) -> list[tuple[str, timedelta, str]]:
    keys = [("signin:user:" + username[:KEY_CHARS], ACCOUNT_MEMORY, "user")]
    if address:
        keys.append(("signin:addr:" + address[:KEY_CHARS], ADDRESS_MEMORY, "address"))
    return keys


def wait_seconds(archive: Archive, username: str, address: str | None) -> int:
    """How long this account or address must still wait before trying again (0: now)."""
    now = datetime.now(UTC)
    longest = 0.0
    with archive.sessions() as session:
        for key, _, _ in _keys(username, address):
            found = session.get(CounterRow, key)
            if found is not None and found.blocked_until is not None:
                longest = max(longest, (found.blocked_until - now).total_seconds())
    return math.ceil(longest) if longest > 0 else 0


def note_failure(archive: Archive, username: str, address: str | None) -> None:
    """Count one failed attempt, and start the wait where a limit is passed."""
    settings = archive.settings
    free = {"user": settings.signin_free_failures, "address": settings.signin_address_failures}

    def change(session: Session) -> None:
        now = datetime.now(UTC)
        for key, memory, kind in _keys(username, address):
            found = counters.row(session, key, now)
            if found.window_start <= now - memory:
                found.count = 0  # quiet long enough: start counting afresh
            found.count += 1
            found.window_start = now  # the last failure
            over = found.count - free[kind]
            if over >= 0:
                delay = min(
                    settings.signin_backoff_seconds * 2 ** min(over, 30),
                    settings.signin_backoff_max_seconds,
                )
                found.blocked_until = now + timedelta(seconds=delay)
        counters.maybe_prune(session)

    counters.update(archive, change)


def note_success(archive: Archive, username: str) -> None:
    """The account signed in: forget its failures (the address's count stays)."""

    def change(session: Session) -> None:
        found = session.get(CounterRow, _keys(username, None)[0][0])
        if found is not None:
            session.delete(found)

    counters.update(archive, change)
