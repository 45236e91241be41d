"""Dossiers (hồ sơ): the list, opening one, and its page with records in order."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from archive.actions import dossiers as actions
from archive.dossiers import dossier_history
from archive.edit import EditError
from archive.holds import holds_on
from archive.metadata import MetadataError
from web.core.deps import archive, performs, user
from web.core.i18n import t

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers", template_folder="templates")
TEXT_FIELDS = ("title", "start_date", "end_date", "confidentiality")
MAX_YEARS = 200


def dossier_fields(form: Any) -> dict[str, Any]:
    """The dossier form as ``create_dossier``/``update_dossier`` take it."""
    fields = {name: form.get(name, "").strip() for name in TEXT_FIELDS}
    mode = form.get("retention_mode", "")
    if mode == "permanent":
        fields["retention"] = "permanent"
    elif mode == "years":
        years = form.get("retention_years", "").strip()
        if not years.isdigit() or not 0 < int(years) <= MAX_YEARS:
            raise EditError(t("dossier.bad_years", high=MAX_YEARS))
        fields["retention"] = int(years)
    else:
        fields["retention"] = ""
    return fields


def _list_page(form: Any = None, error: str | None = None) -> str:
    text = request.args.get("q", "").strip()[:100]
    found = actions.list_dossiers(archive(), user(), text)
    return render_template(
        "dossiers/dossiers.html", dossiers=found, q=text, form=form or {}, error=error
    )


@bp.get("/")
def index() -> str:
    """List dossiers (optionally those matching a code or title), with the form to open one."""
    return _list_page()


@bp.post("/")
@performs("dossier.edit")
def create() -> Response | tuple[str, int]:
    """Open a new dossier from the form."""
    code = request.form.get("code", "").strip()
    try:
        fields = dossier_fields(request.form)
        title = fields.pop("title")
        made = actions.create(archive(), user(), code, title, **fields)
    except (EditError, MetadataError) as exc:
        return _list_page(request.form, str(exc)), 400
    flash(t("dossier.created", code=made.code), "success")
    return redirect(url_for("dossiers.show", code=made.code))


def dossier_page(code: str, **extra: Any) -> str:
    """Render one dossier: its details, records the user may see, holds and versions."""
    dossier, records = actions.show(archive(), user(), code)
    return render_template(
        "dossiers/dossier.html",
        dossier=dossier,
        records=records,
        holds=holds_on(archive(), code),
        history=dossier_history(archive(), code),
        form=extra.pop("form", None) or {},
        **extra,
    )


@bp.get("/<path:code>")
def show(code: str) -> str:
    """Show a dossier."""
    return dossier_page(code)
