"""Changing a dossier: a new version of its details, records in, a record out."""

from __future__ import annotations

import re

from flask import flash, redirect, request, url_for
from werkzeug.wrappers import Response

from archive.actions import dossiers as actions
from archive.dossiers import get_dossier
from archive.edit import EditError
from archive.errors import RecordNotFound
from archive.holds import HoldError
from archive.metadata import MetadataError
from web.core.deps import archive, performs, user
from web.core.i18n import t
from web.core.packets import send_packet
from web.dossiers.views import bp, dossier_fields, dossier_page

IDS = re.compile(r"[\s,;]+")
REFUSALS = (EditError, MetadataError, HoldError)


def _back(code: str, anchor: str = "") -> Response:
    return redirect(url_for("dossiers.show", code=code) + anchor)


@bp.post("/<path:code>/edit")
@performs("dossier.edit")
def edit(code: str) -> Response | tuple[str, int]:
    """Save the edit form as a new version of the dossier."""
    get_dossier(archive(), code)  # an unknown code is 404 before the form is read
    reason = request.form.get("reason", "")
    try:
        changes = dossier_fields(request.form)
        saved = actions.edit(archive(), user(), code, changes, reason=reason)
    except REFUSALS as exc:
        return dossier_page(code, edit_error=str(exc), form=request.form), 400
    flash(t("dossier.saved", version=saved.version), "success")
    return _back(code)


@bp.post("/<path:code>/add")
@performs("dossier.edit")
def add(code: str) -> Response | tuple[str, int]:
    """Put the records whose ids are listed into the dossier."""
    ids = [i for i in IDS.split(request.form.get("ids", "")) if i]
    reason = request.form.get("reason", "")
    if not ids:
        return dossier_page(code, records_error=t("dossier.no_ids")), 400
    try:
        moved = actions.add(archive(), user(), code, ids, reason=reason)
    except RecordNotFound as exc:
        return dossier_page(code, records_error=str(exc), form=request.form), 400
    except REFUSALS as exc:
        return dossier_page(code, records_error=str(exc), form=request.form), 400
    flash(t("dossier.added", n=len(moved)), "success")
    return _back(code, "#records")


@bp.post("/<path:code>/remove")
@performs("dossier.edit")
def remove(code: str) -> Response | tuple[str, int]:
    """Take one record out of the dossier, with a reason."""
    record_id = request.form.get("record_id", "")
    reason = request.form.get("reason", "")
    try:
        actions.remove(archive(), user(), code, record_id, reason=reason)
    except REFUSALS as exc:
        return dossier_page(code, records_error=str(exc)), 400
    flash(t("dossier.removed", id=record_id), "success")
    return _back(code, "#records")


@bp.post("/<path:code>/packet")
@performs("audit.read")
def packet(code: str) -> Response:
    """Download the audit packet of the dossier's records (BagIt, zipped) for an inspection."""
    return send_packet([code], kind="dossier")
