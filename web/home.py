"""The home page: what the archive holds and what arrived last."""

from __future__ import annotations

from flask import Blueprint, render_template

from archive.permissions import may_see
from archive.records import Record
from web.deps import archive, user

bp = Blueprint("home", __name__)
LATEST = 10


def latest_visible(limit: int) -> list[Record]:
    """The newest records the signed-in user may see (confidential ones are held back)."""
    # Over-fetch so that held-back records do not leave the list short.
    records = archive().latest(limit * 3)
    return [r for r in records if may_see(user().role, r.metadata)][:limit]


@bp.get("/")
def index() -> str:
    """Show counts and the latest records."""
    return render_template("home.html", stats=archive().stats(), latest=latest_visible(LATEST))
