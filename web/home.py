"""The home page: what the archive holds and what arrived last."""

from __future__ import annotations

from flask import Blueprint, render_template

from archive import service
from web.deps import archive, user

bp = Blueprint("home", __name__)
LATEST = 10


@bp.get("/")
def index() -> str:
    """Show counts and the latest records the user may see."""
    latest = service.latest(archive(), user(), LATEST)
    return render_template("home.html", stats=archive().stats(), latest=latest)
