"""Background jobs (OCR of scans): their state, and retrying those that failed."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from archive import jobs
from archive.actions import work
from archive.errors import ArchiveError
from archive.permissions import require
from web.core.deps import archive, enqueue, user
from web.core.i18n import t
from web.core.safety import local_target

bp = Blueprint("jobs", __name__, url_prefix="/jobs")
LIMIT = 200


@bp.before_request
def only_archivists() -> None:
    """Jobs come from uploads; the people who upload watch and retry them."""
    require(user().role, "job.manage")


@bp.get("/")
def index() -> str:
    """The newest jobs, optionally of one state."""
    state = request.args.get("state", "")
    state = state if state in jobs.STATE_LABELS else ""
    found = work.list_jobs(archive(), user(), state=state or None, limit=LIMIT)
    return render_template("admin/jobs.html", jobs=found, state=state, states=jobs.STATE_LABELS)


@bp.post("/<int:job_id>/retry")
def retry(job_id: int) -> Response:
    """Queue a failed job again, and hand it to the workers when this process has them."""
    target = local_target(request.form.get("next"), url_for("admin.jobs.index"))
    try:
        work.retry_job(archive(), user(), job_id)
    except ArchiveError:
        flash(t("jobs.not_failed", id=job_id), "error")
        return redirect(target)
    send = enqueue()
    if send is not None:
        send(job_id)
    flash(t("jobs.requeued", id=job_id), "success")
    return redirect(target)
