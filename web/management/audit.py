"""The audit trail: filter, read, export as CSV, verify the hash chain."""

from __future__ import annotations

import io
from datetime import datetime

from flask import Blueprint, Response, render_template, request

from archive.actions import maintenance
from archive.audit import ACTION_LABELS, AuditFilter
from archive.permissions import require
from web.core.deps import archive, user
from web.core.files import disposition
from web.core.params import day
from web.core.present import office_zone

bp = Blueprint("audit", __name__, url_prefix="/audit")
LIMIT = 300


@bp.before_request
def only_auditors() -> None:
    """The trail is for auditors and above."""
    require(user().role, "audit.read")


def _filter() -> AuditFilter:
    args = request.args
    return AuditFilter(
        username=args.get("username", "").strip()[:64],
        action=args.get("action", "") if args.get("action") in ACTION_LABELS else "",
        record_id=args.get("record_id", "").strip()[:32],
        since=day(args, "since"),
        until=day(args, "until"),
    )


def _page(problems: list[str] | None = None) -> str:
    wanted = _filter()
    found = maintenance.find_audit(archive(), user(), wanted, zone=office_zone(), limit=LIMIT + 1)
    return render_template(
        "management/audit.html",
        events=found[:LIMIT],
        more=len(found) > LIMIT,
        wanted=wanted,
        actions=sorted(ACTION_LABELS),
        problems=problems,
    )


@bp.get("/")
def index() -> str:
    """The newest events matching the filter."""
    return _page()


@bp.get("/verify")
def verify() -> str:
    """Check every link of the hash chain and show what is broken (nothing, we hope)."""
    return _page(problems=maintenance.verify_audit(archive(), user()))


@bp.get("/export.csv")
def export() -> Response:
    """Every event the page's filter matches (oldest first) as CSV: the same read, the
    same filter, days included."""
    out = io.StringIO()
    maintenance.export_audit(archive(), user(), out, _filter(), zone=office_zone())
    # A byte-order mark, so that office spreadsheets read the Vietnamese right.
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv")
    name = f"nhat-ky-{datetime.now(office_zone()):%Y%m%d-%H%M}.csv"
    response.headers["Content-Disposition"] = disposition("attachment", name)
    return response
