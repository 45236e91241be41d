"""The bulk-import page: a ZIP box and its manifest, progress, the summary and report.

An import is a job (``ingest/import_job.py``): this page saves the uploads, checks
the box and manifest at once, and queues it; whichever worker takes it writes its
progress and outcome to the ``import_runs`` table, which every web process reads.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from archive import import_runs, jobs
from archive.import_runs import ImportStatus
from archive.permissions import require
from ingest import service
from ingest.errors import Rejected
from ingest.import_job import BOX, MANIFEST, REFUSALS, REPORT, explain, read_report, stage
from ingest.plan import STATUS_LABELS
from ingest.queue import JobQueue
from web.core.deps import archive, enqueue, user
from web.core.files import disposition
from web.core.i18n import lang, t

bp = Blueprint("imports", __name__, url_prefix="/import")
MANIFEST_TYPES = (".csv", ".xlsx", ".xlsm")
ZIP_MAGIC = b"PK\x03\x04"


@bp.before_request
def only_archivists() -> None:
    """Importing creates records."""
    require(user().role, "record.create")


def _form(error: str | None = None) -> str:
    return render_template(
        "intake/import.html", error=error, recent=import_runs.recent(archive()), form=request.form
    )


@bp.get("/")
def index() -> str:
    """The form, and the imports this process ran lately."""
    return _form()


def _refusal(box: FileStorage | None, manifest: FileStorage | None) -> str | None:
    if box is None or not box.filename:
        return t("import.no_box")
    if box.stream.read(4) != ZIP_MAGIC:
        return t("import.not_zip", name=box.filename)
    box.stream.seek(0)
    if (
        manifest
        and manifest.filename
        and Path(manifest.filename).suffix.lower() not in MANIFEST_TYPES
    ):
        return t("import.bad_manifest_type", name=manifest.filename)
    return None


def _save(folder: Path, box: FileStorage, manifest: FileStorage | None) -> None:
    """Keep the uploads under names of our own, readable by this account only: they may
    hold confidential records, and are deleted when the import ends."""
    folder.mkdir(parents=True, mode=0o700)
    box.save(folder / BOX)
    os.chmod(folder / BOX, 0o600)
    if manifest is not None and manifest.filename:
        target = folder / (MANIFEST + Path(manifest.filename).suffix.lower())
        manifest.save(target)
        os.chmod(target, 0o600)


@bp.post("/")
def submit() -> Response | tuple[str, int]:
    """Check the box and manifest at once, then queue the import for a worker."""
    box, manifest = request.files.get("box"), request.files.get("manifest")
    error = _refusal(box, manifest)
    if error:
        return _form(error), 400
    assert box is not None
    import_id = secrets.token_hex(8)
    folder = archive().settings.data_dir / "imports" / import_id
    _save(folder, box, manifest)
    box_path, manifest_path = folder / BOX, next(folder.glob(f"{MANIFEST}.*"), None)
    dry_run = request.form.get("dry_run") == "1"
    try:
        # Checked now, so a bad box or manifest is refused before anything is queued.
        tasks, planned = service.importer(
            archive(), user(), box_path, manifest_path=manifest_path, dry_run=True
        ).plan()
    except REFUSALS as exc:
        shutil.rmtree(folder, ignore_errors=True)
        # A box refused for what it holds (a ZIP bomb, an unsafe entry) is a 422, as uploads are.
        return _form(explain(exc, lang())), 422 if isinstance(exc, Rejected) else 400
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # no import will ever delete it
        raise
    import_runs.create(
        archive(),
        import_id,
        username=user().username,
        box_name=box.filename or BOX,
        manifest_name=manifest.filename if manifest and manifest.filename else None,
        folder=folder,
        dry_run=dry_run,
        total=len(tasks) + len(planned.outcomes),
    )
    # The worker that takes the job may run on another host: it reads them from the store.
    stage(archive(), import_id, folder)
    job_id = jobs.create(archive(), "import", import_id)
    (enqueue() or JobQueue(archive()).enqueue)(job_id)
    return redirect(url_for("intake.imports.show", import_id=import_id))


def _state(import_id: str) -> ImportStatus:
    found = import_runs.get(archive(), import_id)
    if found is None:
        raise NotFound(t("import.unknown"))
    return found


@bp.get("/<import_id>")
def show(import_id: str) -> str:
    """Progress while the import runs; the summary and every file's outcome once it ends."""
    run = _state(import_id)
    outcomes = (run.result or {}).get("outcomes", [])
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome["status"]] = counts.get(outcome["status"], 0) + 1
    return render_template(
        "intake/import_run.html", run=run, outcomes=outcomes, counts=counts, labels=STATUS_LABELS
    )


@bp.get("/<import_id>/status")
def status(import_id: str) -> Response:
    """Files done and total, for the page's progress bar."""
    return jsonify(_state(import_id).to_json())


@bp.get("/<import_id>/report.csv")
def report(import_id: str) -> Response:
    """The CSV report of a finished import."""
    state = _state(import_id)
    body = read_report(archive(), import_id) if state.state == "done" else None
    if body is None and state.state == "done" and (state.folder / REPORT).is_file():
        body = (state.folder / REPORT).read_bytes()  # an import finished before staging
    if body is None:
        raise NotFound(t("import.no_report"))
    response = Response(body, mimetype="text/csv")
    name = f"bao-cao-nhap-{Path(state.box_name).stem}.csv"
    response.headers["Content-Disposition"] = disposition("attachment", name)
    return response


@bp.post("/<import_id>/cancel")
def cancel(import_id: str) -> Response:
    """Ask the worker to stop after the file it is on; what is archived stays archived."""
    _state(import_id)
    import_runs.ask_cancel(archive(), import_id)
    return redirect(url_for("intake.imports.show", import_id=import_id))
