"""The home page: what the archive holds, what arrived last, and open alerts."""

from __future__ import annotations

from flask import Blueprint, render_template

from archive import service
from archive.actions import disposal
from archive.fixity import open_alerts
from web.core.deps import archive, can, user

bp = Blueprint("home", __name__)
LATEST = 10


@bp.get("/")
def index() -> str:
    """Show counts, the latest records the user may see, and alerts for auditors."""
    latest = service.latest(archive(), user(), LATEST)
    alerts = open_alerts(archive()) if can("audit.read") else []
    due = disposal.due_soon(archive(), user()) if can("disposal.propose") else None
    return render_template(
        "search/home.html",
        stats=service.stats(archive(), user()),
        latest=latest,
        alerts=alerts,
        due=due,
        today=archive().settings.today(),
        notice_days=archive().settings.due_notice_days,
    )
