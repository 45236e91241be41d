"""Receiving documents: a page with drag and drop, a per-file JSON endpoint, a plain form."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request, url_for
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Response

from archive.metadata import MetadataError
from archive.permissions import require
from archive.vn.doctypes import type_names
from ingest.pipeline import IngestResult
from ingest.service import upload
from web.core.deps import address, archive, enqueue, user
from web.core.i18n import lang, t
from web.core.params import metadata_fields

bp = Blueprint("upload", __name__, url_prefix="/upload")
STATUS_CODES = {"created": 201, "duplicate": 200, "rejected": 422}


@bp.before_request
def only_archivists() -> None:
    """Receiving documents needs the right to create records."""
    require(user().role, "record.create")


def _page(results: list[IngestResult] | None = None, error: str | None = None) -> str:
    return render_template(
        "intake/upload.html",
        results=results or [],
        error=error,
        doc_types=sorted(type_names()),
        form=request.form,
        limit=archive().settings.max_upload_bytes,
    )


def _ingest(file: FileStorage) -> IngestResult:
    entered = metadata_fields(request.form, keep_empty=False)
    name = file.filename or "tai-lieu"
    return upload(
        archive(), user(), file.stream, name, entered=entered, address=address(), enqueue=enqueue()
    )


@bp.get("/")
def index() -> str:
    """Show the upload page."""
    return _page()


@bp.post("/")
def submit() -> str | tuple[str, int]:
    """Ingest every file of the plain form (the page without scripts)."""
    files = [f for f in request.files.getlist("files") if f.filename]
    if not files:
        return _page(error=t("upload.no_files")), 400
    try:
        results = [_ingest(f) for f in files]
    except MetadataError as exc:
        return _page(error=str(exc)), 400
    return _page(results)


@bp.post("/file")
def one_file() -> tuple[Response, int]:
    """Ingest one file sent by the upload script; answer what became of it."""
    file = request.files.get("file")
    if file is None or not file.filename:
        raise BadRequest(t("upload.no_files"))
    result = _ingest(file)
    body = result.to_json(lang())
    if result.record is not None:
        body["url"] = url_for("records.show", record_id=result.record.id)
    if result.error is not None:
        body["message"] = result.error.message(lang())
    if result.job_id is not None:
        body["ocr_note"] = t("upload.ocr_queued")
    if result.award_flags:
        body["award_notes"] = [
            {
                "message": t(
                    "upload.award_flag",
                    recipient=flag.recipient,
                    form=flag.award_form,
                    year=flag.year,
                ),
                "url": url_for("reports.duplicates.index", _anchor=f"flag-{flag.id}"),
            }
            for flag in result.award_flags
        ]
    for other in body.get("same_number", []):
        other["url"] = url_for("records.show", record_id=other["id"])
    return jsonify(body), STATUS_CODES[result.status]
