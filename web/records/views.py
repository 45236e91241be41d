"""One record: metadata, the document inline, its text, versions, audit; edits and downloads."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from archive import audit, service
from archive.edit import EditConflict, EditError
from archive.holds import HoldError
from archive.metadata import MetadataError
from archive.vn.doctypes import type_names
from web.core.deps import address, archive, can, user
from web.core.files import send_original
from web.core.i18n import t
from web.core.params import metadata_fields, number
from web.records.context import record_context

bp = Blueprint("records", __name__, url_prefix="/records", template_folder="templates")


def _page(record_id: str, **form: Any) -> str:
    """Render the record page; reading it is noted in the audit trail."""
    record = service.view(archive(), user(), record_id, address=address())
    events = audit.events(archive(), record_id=record.id) if can("audit.read") else None
    return render_template(
        "records/record.html",
        record=record,
        versions=service.history(archive(), user(), record_id),
        events=events,
        doc_types=sorted(type_names()),
        **record_context(archive(), record, user()),
        **form,
    )


@bp.get("/<record_id>")
def show(record_id: str) -> str:
    """Show a record."""
    return _page(record_id)


@bp.get("/<record_id>/file")
def inline(record_id: str) -> Response:
    """The original for the in-page viewer (PDF and images inline)."""
    record, stream = service.download(archive(), user(), record_id, address=address())
    return send_original(record, stream, inline=True)


@bp.get("/<record_id>/download")
def download(record_id: str) -> Response:
    """The original as a download with its own file name."""
    record, stream = service.download(archive(), user(), record_id, address=address())
    return send_original(record, stream, inline=False)


@bp.post("/<record_id>/edit")
def edit(record_id: str) -> Response | tuple[str, int]:
    """Save the edit form as a new metadata version."""
    reason = request.form.get("reason", "")
    try:
        changes = metadata_fields(request.form, keep_empty=True)
        record = service.change_metadata(
            archive(),
            user(),
            record_id,
            changes,
            reason=reason,
            expected_version=number(request.form, "version", 0, 1, 10**9) or None,
            address=address(),
        )
    except (EditError, MetadataError) as exc:
        return _page(record_id, edit_error=str(exc), edit_form=request.form), 400
    except (EditConflict, HoldError) as exc:
        return _page(record_id, edit_error=str(exc), edit_form=request.form), 409
    flash(t("record.saved", version=record.version), "success")
    return redirect(url_for("records.show", record_id=record.id))
