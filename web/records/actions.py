"""Record routes beyond reading and editing: the searchable PDF and the retention override."""

from __future__ import annotations

from flask import flash, redirect, request, send_file, url_for
from werkzeug.exceptions import BadRequest, NotFound
from werkzeug.wrappers import Response

from archive import service
from archive.edit import EditError
from archive.holds import HoldError
from archive.retention.decide import set_retention
from web.core.deps import address, archive, performs, user
from web.core.files import disposition
from web.core.i18n import t
from web.core.packets import send_packet
from web.core.params import number
from web.records.views import bp

MAX_YEARS = 200


@bp.get("/<record_id>/searchable")
def searchable(record_id: str) -> Response:
    """The searchable PDF that OCR made of a scan, shown inline (the original stays the download)."""
    record = service.view(archive(), user(), record_id, address=address())
    stream = archive().searchable_pdf(record)
    if stream is None:
        raise NotFound(t("ocr.no_searchable"))
    response = send_file(stream, mimetype="application/pdf", conditional=False, max_age=0)
    stem = record.filename.rsplit(".", 1)[0]
    response.headers["Content-Disposition"] = disposition("inline", f"{stem} (OCR).pdf")
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _period() -> tuple[int | None, bool]:
    """The chosen period: (years, permanent); 400 when neither is given properly."""
    if request.form.get("mode") == "permanent":
        return None, True
    years = number(request.form, "years", 0, 1, MAX_YEARS)
    if not years:
        raise BadRequest(t("retention.need_years"))
    return years, False


@bp.post("/<record_id>/retention")
@performs("retention.set")
def retention(record_id: str) -> Response:
    """Override the schedule's period for this record, with a reason (a new version)."""
    years, permanent = _period()
    try:
        record = set_retention(
            archive(),
            user(),
            record_id,
            years=years,
            permanent=permanent,
            reason=request.form.get("reason", ""),
        )
    except (EditError, HoldError) as exc:
        flash(str(exc), "error")
        return redirect(url_for("records.show", record_id=record_id) + "#retention")
    flash(t("retention.saved", version=record.version), "success")
    return redirect(url_for("records.show", record_id=record_id) + "#retention")


@bp.post("/<record_id>/packet")
@performs("audit.read")
def packet(record_id: str) -> Response:
    """Download the record's audit packet (BagIt, zipped) for an inspection."""
    return send_packet([record_id], kind="record")
