"""Disposition: what has fallen due, proposing a list, four-eyes decisions, the report."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from archive.actions import disposal as disposal_actions
from archive.disposal_run import decide
from archive.disposition import (
    ACTIONS,
    STATES,
    DisposalError,
    propose,
)
from archive.permissions import require
from web.core.deps import archive, user
from web.core.i18n import t
from web.core.params import day

bp = Blueprint("disposition", __name__, url_prefix="/disposition")
# The stored report carries its own print styles; nothing else may load or run.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"


@bp.before_request
def guard() -> None:
    """Archivists propose and admins decide; the signed-off report is also for auditors."""
    wanted = (
        "audit.read" if request.endpoint == "management.disposition.report" else "disposal.propose"
    )
    require(user().role, wanted)


@bp.get("/")
def index() -> str:
    """Records due on or before a date (today by default), and every disposal list."""
    before = day(request.args, "before")
    found = disposal_actions.due(archive(), user(), before)
    due = [record for record, _ in found]
    held = {record.id for record, is_held in found if is_held}
    lists = disposal_actions.lists(archive(), user())
    # Records already on a list awaiting a decision cannot be proposed again.
    listed = {rid: d.id for d in lists if d.state == "proposed" for rid in d.record_ids}
    return render_template(
        "management/disposition.html",
        due=due,
        held=held,
        listed=listed,
        before=before,
        lists=lists,
        actions=ACTIONS,
        states=STATES,
    )


@bp.post("/propose")
def propose_list() -> Response:
    """Put the chosen records on a list for another admin to approve."""
    ids = request.form.getlist("record_id")
    try:
        made = propose(
            archive(),
            user(),
            ids,
            action=request.form.get("action", ""),
            reason=request.form.get("reason", ""),
        )
    except DisposalError as exc:
        flash(str(exc), "error")
        return redirect(url_for("management.disposition.index"))
    flash(t("disposal.proposed", id=made.id), "success")
    return redirect(url_for("management.disposition.index") + f"#list-{made.id}")


@bp.post("/<int:disposal_id>/decide")
def decide_list(disposal_id: int) -> Response:
    """Approve (and carry out) or reject a list; never by the person who proposed it."""
    approve = request.form.get("decision") == "approve"
    try:
        decided = decide(
            archive(), user(), disposal_id, approve=approve, reason=request.form.get("reason", "")
        )
    except DisposalError as exc:
        flash(str(exc), "error")
        return redirect(url_for("management.disposition.index") + f"#list-{disposal_id}")
    if decided.state == "approved":
        flash(t("disposal.approved", id=decided.id), "success")
    else:
        flash(t("disposal.rejected", id=decided.id), "success")
    return redirect(url_for("management.disposition.index") + f"#list-{disposal_id}")


@bp.get("/<int:disposal_id>/report")
def report(disposal_id: int) -> Response:
    """The signed-off report kept in storage, as a page to print."""
    try:
        body = disposal_actions.report(archive(), user(), disposal_id)
    except DisposalError as exc:
        raise NotFound(str(exc)) from None
    response = Response(body, mimetype="text/html")
    response.headers["Content-Security-Policy"] = REPORT_CSP
    return response
