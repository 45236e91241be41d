"""Domain exceptions and HTTP errors to one shape: status, stable code, message for people."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, g, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from archive.audit_limit import deny
from archive.classification import ClassificationError
from archive.dossiers import DossierNotFound
from archive.edit import EditConflict, EditError
from archive.errors import (
    AccountError,
    ArchiveError,
    RecordDisposed,
    RecordNotFound,
    SigninThrottled,
)

# The facade lets the store's NotFound through when an original is gone (web may not import storage).
from archive.facade import NotFound as BytesGone
from archive.holds import HoldError
from archive.metadata import MetadataError
from archive.permissions import Forbidden
from archive.urgency import UrgencyError
from ingest.errors import Rejected
from search import QuerySyntaxError, SearchTooSlow
from web.core.i18n import label, lang, t

# Most specific first; the first class an exception is an instance of decides.
STATUS: tuple[tuple[type[Exception], int, str], ...] = (
    (RecordNotFound, 404, "not_found"),
    (RecordDisposed, 404, "disposed"),  # its metadata stays, its bytes are gone
    (DossierNotFound, 404, "not_found"),
    (Forbidden, 403, "forbidden"),
    (EditConflict, 409, "conflict"),
    (HoldError, 409, "held"),
    (EditError, 400, "invalid_edit"),
    (SigninThrottled, 429, "throttled"),
    (AccountError, 400, "account_error"),
    (ClassificationError, 422, "invalid_classification"),
    (UrgencyError, 422, "invalid_urgency"),
    (MetadataError, 400, "invalid_metadata"),
    (QuerySyntaxError, 400, "bad_query"),
    (SearchTooSlow, 503, "search_too_slow"),
    (Rejected, 422, "rejected"),
    (ArchiveError, 400, "archive_error"),
)
# HTTP errors get a stable code and a message from the catalog.
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    500: "internal_error",
}
DOMAIN = (*(cls for cls, _, _ in STATUS), BytesGone)


@dataclass(frozen=True)
class Problem:
    """What went wrong, as the API and the pages both tell it."""

    status: int
    code: str
    message: str

    def to_json(self) -> dict[str, dict[str, str]]:
        """The API's one error shape."""
        return {"error": {"code": self.code, "message": self.message}}


def problem(exc: Exception) -> Problem:
    """Describe any error the app lets out, in the current language."""
    if isinstance(exc, CSRFError):
        return Problem(400, "csrf", t("error.csrf"))
    if isinstance(exc, HTTPException):
        status = exc.code or 500
        code = HTTP_CODES.get(status, "http_error")
        if exc.description and exc.description != type(exc).description:
            return Problem(status, code, exc.description)  # our own words, already for people
        # The message keys of HTTP_CODES are listed in web/core/labels.py (ERROR_MESSAGES).
        return Problem(status, code, label(f"error.{code}", str(exc)))
    if isinstance(exc, Rejected):
        return Problem(422, exc.code, exc.message(lang()))
    if isinstance(exc, SearchTooSlow):  # not the person's fault: the archive was too slow
        return Problem(503, "search_too_slow", t("error.search_too_slow"))
    if isinstance(exc, BytesGone):  # a disposed record keeps its metadata, not its bytes
        return Problem(404, "original_gone", t("error.original_gone"))
    for cls, status, fallback in STATUS:
        if isinstance(exc, cls):
            return Problem(status, getattr(exc, "code", fallback) or fallback, str(exc))
    return Problem(500, "internal_error", t("error.internal_error"))


def wants_json() -> bool:
    """Whether the caller is a program (the API, or the upload script) rather than a page."""
    if request.path.startswith("/api/"):
        return True
    return request.accept_mimetypes.best == "application/json"


def respond(exc: Exception) -> Response | tuple[str, int]:
    """Answer an error as JSON for programs, or as a page for people."""
    if isinstance(exc, Forbidden):
        _note_forbidden(exc)
    found = problem(exc)
    # What the HTTP error itself says in headers (a 405's Allow) goes out with our body.
    extra = [
        (k, v)
        for k, v in (exc.get_headers() if isinstance(exc, HTTPException) else [])
        if k.lower() != "content-type"
    ]
    if wants_json():
        response = jsonify(found.to_json())
        response.status_code = found.status
        response.headers.extend(extra)
        if found.status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="hoso"'
        return response
    page = render_template("error.html", problem=found)
    return Response(page, found.status, extra, mimetype="text/html")


def _note_forbidden(exc: Forbidden) -> None:
    """A refused action is an audit event (at a bounded rate: a flood cannot fill the disk)."""
    current = g.get("user")
    deny(
        current_app.extensions["hoso.archive"],
        current.username if current is not None else None,
        "forbidden",
        address=request.remote_addr,
        details={"action": exc.action, "path": request.path[:200]},
    )


def init_app(app: Flask) -> None:
    """Send every HTTP and domain error through ``respond``."""
    app.register_error_handler(HTTPException, respond)
    for cls in DOMAIN:
        app.register_error_handler(cls, respond)
