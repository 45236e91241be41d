"""Saved searches (save, list, run again, delete) and the export of a whole result set."""

from __future__ import annotations

from datetime import date
from typing import Any, BinaryIO

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Response

from archive.actions import searches
from web.core.deps import address, archive, user
from web.core.files import send_spooled
from web.core.i18n import t
from web.core.params import SearchArgs, search_args

bp = Blueprint("saved", __name__)
MIME = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def search_address(saved: searches.SavedSearch) -> str:
    """The search page's address for a saved search."""
    params: dict[str, Any] = {"q": saved.query, **saved.filters}
    if saved.sort != "relevance":
        params["sort"] = saved.sort
    return url_for("search.index", **{k: v for k, v in params.items() if v not in (None, "")})


@bp.get("/saved")
def index() -> str:
    """This person's saved searches, each to run again or delete."""
    found = searches.listing(archive(), user())
    return render_template("search/saved.html", saved=found, address_of=search_address)


@bp.post("/saved")
def save() -> Response:
    """Save the search of the form (q, filters, sort) under the name given."""
    args = search_args(request.form)
    try:
        made = searches.save(
            archive(), user(), request.form.get("name", ""), args.q, args.filters, args.sort
        )
    except searches.SearchExportError as exc:
        flash(str(exc), "error")
        return redirect(_back(args))
    flash(t("saved.saved", name=made.name), "success")
    return redirect(search_address(made))


@bp.get("/saved/<int:saved_id>")
def run(saved_id: int) -> Response:
    """Run a saved search again (its address on the search page)."""
    return redirect(search_address(searches.get(archive(), user(), saved_id)))


@bp.post("/saved/<int:saved_id>/delete")
def delete(saved_id: int) -> Response:
    """Delete a saved search."""
    gone = searches.delete(archive(), user(), saved_id)
    flash(t("saved.deleted", name=gone.name), "success")
    return redirect(url_for("search.saved.index"))


def _back(args: SearchArgs) -> str:
    params: dict[str, Any] = {"q": args.q or None, **args.filters}
    return url_for("search.index", **params)


def export_response(args: SearchArgs, fmt: str) -> Response:
    """The whole result set of ``args`` as a CSV or XLSX download (the page and the API)."""
    if fmt not in MIME:
        raise BadRequest(t("export.bad_format"))

    def write(out: BinaryIO) -> str:
        searches.export(
            archive(),
            user(),
            out,
            args.q,
            filters=args.filters,
            sort=args.sort,
            fmt=fmt,
            address=address(),
        )
        return f"ket-qua-tim-kiem-{date.today():%Y%m%d}.{fmt}"

    return send_spooled(archive().settings.tmp_dir, write, MIME[fmt])


@bp.get("/search/export")
def export() -> Response:
    """Export every result of the search in the address (all pages) as CSV or XLSX."""
    args = search_args(request.args, current_app.config["PER_PAGE"])
    return export_response(args, request.args.get("format", "csv"))
