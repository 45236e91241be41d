"""The home page: what the archive holds, what arrived last, and open alerts."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from archive import service
from archive.fixity import open_alerts, resolve_alert
from archive.permissions import require
from web.deps import archive, can, user
from web.i18n import t

bp = Blueprint("home", __name__)
LATEST = 10
MIN_NOTE = 5


@bp.get("/")
def index() -> str:
    """Show counts, the latest records the user may see, and alerts for auditors."""
    latest = service.latest(archive(), user(), LATEST)
    alerts = open_alerts(archive()) if can("audit.read") else []
    return render_template("home.html", stats=archive().stats(), latest=latest, alerts=alerts)


@bp.post("/alerts/<int:alert_id>/resolve")
def resolve(alert_id: int) -> Response:
    """Close an alert once someone has looked into it; the note goes to the audit trail."""
    require(user().role, "audit.read")
    note = request.form.get("note", "").strip()
    if len(note) < MIN_NOTE:
        flash(t("alert.need_note"), "error")
        return redirect(url_for("home.index") + "#alerts")
    try:
        resolve_alert(archive(), alert_id, user=user().username, note=note)
    except KeyError:
        flash(t("alert.gone", id=alert_id), "error")
        return redirect(url_for("home.index") + "#alerts")
    flash(t("alert.resolved", id=alert_id), "success")
    return redirect(url_for("home.index") + "#alerts")
