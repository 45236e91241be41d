"""Fixity alerts: closing one once someone has looked into it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from werkzeug.wrappers import Response

from archive.actions import maintenance
from archive.fixity import AlertGone
from archive.reasons import ReasonMissing
from web.core.deps import archive, user
from web.core.i18n import t

bp = Blueprint("alerts", __name__)


@bp.post("/alerts/<int:alert_id>/resolve")
def resolve(alert_id: int) -> Response:
    """Close an alert once someone has looked into it; the note goes to the audit trail."""
    try:
        maintenance.resolve_alert(archive(), user(), alert_id, request.form.get("note", ""))
    except ReasonMissing:
        flash(t("alert.need_note"), "error")
        return redirect(url_for("search.home.index") + "#alerts")
    except AlertGone:
        flash(t("alert.gone", id=alert_id), "error")
        return redirect(url_for("search.home.index") + "#alerts")
    flash(t("alert.resolved", id=alert_id), "success")
    return redirect(url_for("search.home.index") + "#alerts")
