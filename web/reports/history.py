"""The award history of a person or a unit: every award in date order, with its decision."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from archive.actions import reports
from web.core.deps import archive, performs, user

bp = Blueprint("history", __name__, url_prefix="/history")


@bp.get("/")
@performs("record.read")
def index() -> str:
    """Ask for a name or a unit; show one block per recipient found."""
    person = (request.args.get("person") or "").strip()
    unit = (request.args.get("unit") or "").strip()
    found = reports.history(archive(), user(), person=person, unit=unit) if person or unit else None
    return render_template("reports/history.html", person=person, unit=unit, found=found)
