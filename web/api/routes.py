"""API routes: records (create, read, file, change), search, awards and award statistics."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request, url_for
from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Response

from archive import service
from archive.actions import reports
from archive.metadata import validate
from ingest.service import upload
from web.api.blueprint import bp
from web.core.deps import address, archive, enqueue, performs, user
from web.core.files import send_original
from web.core.i18n import lang
from web.core.params import award_args, search_args
from web.reports.period import period
from web.search.awards import look_up
from web.search.saved import export_response

STATUS_CODES = {"created": 201, "duplicate": 200, "rejected": 422}


@bp.post("/records")
@performs("record.create")
def create() -> tuple[Response, int]:
    """Archive one uploaded file (multipart ``file`` plus metadata fields)."""
    file = request.files.get("file")
    if file is None or not file.filename:
        raise BadRequest("Thiếu tệp: gửi tệp trong trường «file» (multipart/form-data)")
    # Unknown field names are refused (400), so that a misspelt field is not lost silently.
    entered = {k: v for k, v in validate(request.form.to_dict()).items() if v is not None}
    result = upload(
        archive(),
        user(),
        file.stream,
        file.filename,
        entered=entered,
        address=address(),
        enqueue=enqueue(),
    )
    response = jsonify(result.to_json(lang()))
    if result.status == "created" and result.record is not None:
        response.headers["Location"] = url_for("api.record", record_id=result.record.id)
    return response, STATUS_CODES[result.status]


@bp.get("/records/<record_id>")
def record(record_id: str) -> Response:
    """One record's JSON, with the archived documents it cites and those citing it."""
    found = service.view(archive(), user(), record_id, address=address())
    linked = service.links(archive(), user(), found)
    body = found.to_json()
    body["links"] = {kind: [link.to_json() for link in items] for kind, items in linked.items()}
    return jsonify(body)


@bp.get("/records/<record_id>/file")
def original(record_id: str) -> Response:
    """The original bytes, as a download."""
    found, stream = service.download(archive(), user(), record_id, address=address())
    return send_original(found, stream, inline=False)


def _change_body() -> tuple[dict[str, Any], str, int | None]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("metadata"), dict):
        raise BadRequest("Thân yêu cầu phải là JSON có «metadata» (đối tượng) và «reason»")
    reason, version = body.get("reason", ""), body.get("version")
    if not isinstance(reason, str):
        raise BadRequest("«reason» phải là chuỗi")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
        raise BadRequest("«version» phải là số nguyên")
    return body["metadata"], reason, version


@bp.patch("/records/<record_id>")
@performs("record.edit")
def change(record_id: str) -> Response:
    """Save a metadata change with a reason as a new version."""
    metadata, reason, version = _change_body()
    changed = service.change_metadata(
        archive(),
        user(),
        record_id,
        metadata,
        reason=reason,
        expected_version=version,
        address=address(),
    )
    return jsonify(changed.to_json())


@bp.get("/search")
def search() -> Response:
    """Search with the query language; hits, total and facet counts."""
    args = search_args(request.args)
    found = service.search(
        archive(),
        user(),
        args.q,
        filters=args.filters,
        page=args.page,
        per_page=args.per_page,
        sort=args.sort,
    )
    hits = [
        {"id": h.record.id, "score": h.score, "snippet": h.snippet, "metadata": h.record.metadata}
        for h in found.hits
    ]
    facets = {name: dict(pairs) for name, pairs in found.facets.items()}
    return jsonify(
        total=found.total,
        page=found.page,
        per_page=found.per_page,
        pages=found.pages,
        hits=hits,
        facets=facets,
    )


@bp.get("/search/export")
def search_export() -> Response:
    """Every result of a search (all pages, at most EXPORT_MAX) as CSV or XLSX."""
    return export_response(search_args(request.args), request.args.get("format", "csv"))


@bp.get("/awards")
def awards() -> Response:
    """Award entries by person, form, year and unit, each with its decision."""
    args = award_args(request.args)
    total, entries = look_up(args)
    return jsonify(
        total=total,
        page=args.page,
        per_page=args.per_page,
        awards=[entry.to_json() for entry in entries],
    )


@bp.get("/reports/awards")
def award_report() -> Response:
    """Counts of awards by form and level over a year or a range, each row with the award
    entries and decisions behind it."""
    asked = period(request.args)
    found = reports.award_report(archive(), user(), first=asked.first, last=asked.last, by=asked.by)
    return jsonify(found.to_json())
