"""Fixity alerts: closing one once someone has looked into it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from werkzeug.wrappers import Response

from archive.fixity import resolve_alert
from archive.permissions import require
from web.core.deps import archive, user
from web.core.i18n import t

bp = Blueprint("alerts", __name__)
MIN_NOTE = 5


@bp.post("/alerts/<int:alert_id>/resolve")
def resolve(alert_id: int) -> Response:
    """Close an alert once someone has looked into it; the note goes to the audit trail."""
    require(user().role, "audit.read")
    note = request.form.get("note", "").strip()
    if len(note) < MIN_NOTE:
        flash(t("alert.need_note"), "error")
        return redirect(url_for("search.home.index") + "#alerts")
    try:
        resolve_alert(archive(), alert_id, user=user().username, note=note)
    except KeyError:
        flash(t("alert.gone", id=alert_id), "error")
        return redirect(url_for("search.home.index") + "#alerts")
    flash(t("alert.resolved", id=alert_id), "success")
    return redirect(url_for("search.home.index") + "#alerts")
