"""Placing and lifting holds on a record or a dossier (the forms sit on their pages)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request
from werkzeug.wrappers import Response

from archive.holds import HoldError, lift_hold, place_hold
from web.core.deps import archive, user
from web.core.i18n import t
from web.core.safety import local_target

bp = Blueprint("holds", __name__, url_prefix="/holds")


def _back() -> Response:
    return redirect(local_target(request.form.get("next"), "/") + "#holds")


@bp.post("/place")
def place() -> Response:
    """Hold the target (auditors and above; the domain checks the role and the reason)."""
    target = request.form.get("target", "").strip()
    try:
        place_hold(archive(), user(), target, reason=request.form.get("reason", ""))
    except HoldError as exc:
        flash(str(exc), "error")
        return _back()
    flash(t("hold.placed", target=target), "success")
    return _back()


@bp.post("/lift")
def lift() -> Response:
    """Lift every active hold on the target (admins only)."""
    target = request.form.get("target", "").strip()
    try:
        lift_hold(archive(), user(), target, reason=request.form.get("reason", ""))
    except HoldError as exc:
        flash(str(exc), "error")
        return _back()
    flash(t("hold.lifted", target=target), "success")
    return _back()
