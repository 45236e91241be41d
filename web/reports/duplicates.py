"""Possible duplicate awards to review, and dismissing one with a reason."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from archive.actions import reports
from archive.reasons import ReasonMissing
from web.core.deps import address, archive, performs, user
from web.core.i18n import t

bp = Blueprint("duplicates", __name__, url_prefix="/duplicates")


@bp.get("/")
@performs("record.edit")
def index() -> str:
    """Open flags (or, with ?dismissed=1, those people dismissed and why)."""
    dismissed = request.args.get("dismissed") == "1"
    flags = reports.award_flags(archive(), user(), dismissed=dismissed)
    return render_template("reports/duplicates.html", flags=flags, dismissed=dismissed)


@bp.post("/<int:flag_id>/dismiss")
@performs("record.edit")
def dismiss(flag_id: int) -> Response | tuple[str, int]:
    """Judge a flag not a duplicate; the reason is kept and audited."""
    try:
        reports.dismiss_flag(
            archive(), user(), flag_id, reason=request.form.get("reason"), address=address()
        )
    except ReasonMissing as exc:
        flags = reports.award_flags(archive(), user())
        return render_template(
            "reports/duplicates.html", flags=flags, dismissed=False, error=str(exc), failed=flag_id
        ), 400
    flash(t("duplicates.dismissed"), "success")
    return redirect(url_for("reports.duplicates.index"))
