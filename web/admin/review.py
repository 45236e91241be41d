"""Records whose OCR is weak: which pages to check by eye, or to scan again."""

from __future__ import annotations

from flask import Blueprint, render_template

from archive.actions import work
from archive.permissions import require
from web.core.deps import archive, user

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.before_request
def only_archivists() -> None:
    """Checking and rescanning is the archivists' work."""
    require(user().role, "record.edit")


@bp.get("/")
def index() -> str:
    """List records with a recognised page under the threshold, weakest first."""
    items = work.review(archive(), user())
    return render_template(
        "admin/review.html", items=items, threshold=archive().settings.ocr_review_confidence
    )
