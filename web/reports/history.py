"""The award history of a person or a unit: every award in date order, with its decision."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from werkzeug.exceptions import NotFound

from archive.actions import reports
from web.core.deps import address, archive, performs, user
from web.core.files import disposition
from web.reports.statistics import MEDIA

bp = Blueprint("history", __name__, url_prefix="/history")


@bp.get("/")
@performs("record.read")
def index() -> str:
    """Ask for a name or a unit; show one block per recipient found."""
    person = (request.args.get("person") or "").strip()
    unit = (request.args.get("unit") or "").strip()
    found = reports.history(archive(), user(), person=person, unit=unit) if person or unit else None
    return render_template("reports/history.html", person=person, unit=unit, found=found)


@bp.get("/export.<fmt>")
@performs("record.read")
def export(fmt: str) -> Response:
    """The history asked for as an XLSX or CSV file."""
    if fmt not in MEDIA:
        raise NotFound()
    person = (request.args.get("person") or "").strip()
    unit = (request.args.get("unit") or "").strip()
    data = reports.export_history(
        archive(), user(), fmt, person=person, unit=unit, address=address()
    )
    return Response(
        data,
        mimetype=MEDIA[fmt],
        headers={"Content-Disposition": disposition("attachment", f"qua-trinh-khen-thuong.{fmt}")},
    )
