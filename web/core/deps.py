"""What a view needs from the app: the archive, the signed-in user, their address."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import current_app, g, request

from archive.accounts import User
from archive.facade import Archive
from archive.permissions import allowed, require

P = ParamSpec("P")
R = TypeVar("R")


def archive() -> Archive:
    """The app's one Archive."""
    return current_app.extensions["hoso.archive"]


def user() -> User:
    """The signed-in user (the guard has already turned everyone else away)."""
    return g.user


def address() -> str | None:
    """Where the request came from, for the audit trail."""
    return request.remote_addr


def can(action: str) -> bool:
    """Whether the signed-in user may take ``action`` (for showing links and forms)."""
    current = g.get("user")
    return current is not None and allowed(current.role, action)


def enqueue() -> Callable[[int], None] | None:
    """Hand a job to the background workers, when ``hoso serve`` runs them in this process."""
    queue = current_app.extensions.get("hoso.queue")
    return queue.enqueue if queue is not None else None


def performs(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare the archive action a view performs, so a role that may not take it is
    refused (403) before the view reads its input. The rule is the archive's
    (``archive.permissions``); the action called by the view checks it again."""

    def wrap(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            require(user().role, action)
            return view(*args, **kwargs)

        return guarded

    return wrap
