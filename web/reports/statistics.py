"""The statistics page ("Thống kê"): the period's counts, the yearly forms, charts, files."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template, request, url_for
from werkzeug.exceptions import NotFound

from archive.actions import reports
from web.core.deps import address, archive, user
from web.core.files import disposition
from web.reports.period import Period, period, selection, selection_args

bp = Blueprint("statistics", __name__, url_prefix="/awards")
MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _report(asked: Period) -> reports.AwardReport:
    return reports.award_report(archive(), user(), first=asked.first, last=asked.last, by=asked.by)


@bp.get("/")
def index() -> str:
    """Counts of the period by form and level, the yearly forms, and two charts."""
    asked = period(request.args)
    report = _report(asked)
    return render_template("reports/statistics.html", report=report, asked=asked)


@bp.get("/chart-<kind>.svg")
def chart(kind: str) -> Response:
    """One chart of the period as SVG (awards per year, by form or by level)."""
    asked = period(request.args)
    svg = reports.award_chart(archive(), user(), first=asked.first, last=asked.last, kind=kind)
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/entries")
def entries() -> str:
    """The award entries and decisions behind one figure of the page."""
    asked = period(request.args)
    chosen = selection(request.args)
    report = _report(asked)
    found = reports.figure_entries(report, chosen)
    return render_template(
        "reports/entries.html",
        report=report,
        asked=asked,
        chosen=chosen,
        entries=found[: reports.MAX_LISTED],
        total=len(found),
        export_args={**asked.args(), **selection_args(chosen)},
    )


@bp.get("/export.<fmt>")
def export(fmt: str) -> Response:
    """The page's table (or the entries behind one figure) as an XLSX or CSV file."""
    if fmt not in MEDIA:
        raise NotFound()
    asked = period(request.args)
    chosen = selection(request.args)
    report = _report(asked)
    figure = chosen if selection_args(chosen) else None
    data = reports.export_report(
        archive(), user(), report, fmt, selection=figure, address=address()
    )
    span = str(asked.first) if asked.first == asked.last else f"{asked.first}-{asked.last}"
    name = f"thong-ke-khen-thuong-{span}{'-danh-sach' if figure else ''}.{fmt}"
    response = Response(data, mimetype=MEDIA[fmt])
    response.headers["Content-Disposition"] = disposition("attachment", name)
    return response


@bp.app_template_global()
def figure_url(asked: Period, **chosen: object) -> str:
    """The address of the entries behind one figure."""
    values: dict[str, Any] = {**asked.args(), **chosen}
    return url_for(
        "reports.statistics.entries", **{k: v for k, v in values.items() if v not in (None, "")}
    )
