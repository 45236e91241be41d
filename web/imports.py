"""The bulk-import page: a ZIP box and its manifest, progress, the summary and report."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from archive.permissions import require
from ingest.bulk import Importer
from ingest.plan import STATUS_LABELS
from web.deps import archive, user
from web.files import disposition
from web.i18n import lang, t
from web.import_runs import (
    REFUSALS,
    ImportRegistry,
    ImportState,
    explain,
    save_uploads,
    start,
)

bp = Blueprint("imports", __name__, url_prefix="/import")
MANIFEST_TYPES = (".csv", ".xlsx", ".xlsm")
ZIP_MAGIC = b"PK\x03\x04"


def registry() -> ImportRegistry:
    """The imports of this process."""
    return current_app.extensions["hoso.imports"]  # type: ignore[no-any-return]


@bp.before_request
def only_archivists() -> None:
    """Importing creates records."""
    require(user().role, "record.create")


def _form(error: str | None = None) -> str:
    return render_template(
        "import.html", error=error, recent=registry().recent(), form=request.form
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


def _prepare(box: FileStorage, manifest: FileStorage | None) -> tuple[Importer, ImportState]:
    """Save the uploads under ``<data dir>/imports/<id>/`` and set up their import."""
    import_id, folder = registry().new_folder(archive().settings.data_dir)
    box_path, manifest_path = save_uploads(folder, box, manifest)
    state = ImportState(
        import_id,
        user().username,
        box.filename or "hop.zip",
        manifest.filename if manifest and manifest.filename else None,
        dry_run=request.form.get("dry_run") == "1",
        folder=folder,
    )
    importer = Importer(
        archive(),
        box_path,
        manifest_path=manifest_path,
        dry_run=state.dry_run,
        # The import already runs outside the request: it reads its scans itself, so
        # its report can say which were read.
        background=False,
        user=state.user,
        progress=state.advance,
    )
    return importer, state


@bp.post("/")
def submit() -> Response | tuple[str, int]:
    """Check the box and manifest, and start importing them in the background."""
    box, manifest = request.files.get("box"), request.files.get("manifest")
    error = _refusal(box, manifest)
    if error:
        return _form(error), 400
    assert box is not None
    importer, state = _prepare(box, manifest)
    messages = {"failed": t("import.failed"), "bad_zip": t("import.bad_zip")}
    try:
        start(importer, state, messages)
    except REFUSALS as exc:
        shutil.rmtree(state.folder, ignore_errors=True)
        return _form(explain(exc, messages, lang())), 400
    registry().add(state)
    return redirect(url_for("imports.show", import_id=state.id))


def _state(import_id: str) -> ImportState:
    found = registry().get(import_id)
    if found is None:
        raise NotFound(t("import.unknown"))
    return found


@bp.get("/<import_id>")
def show(import_id: str) -> str:
    """Progress while the import runs; the summary and every file's outcome once it ends."""
    return render_template("import_run.html", run=_state(import_id), labels=STATUS_LABELS)


@bp.get("/<import_id>/status")
def status(import_id: str) -> Response:
    """Files done and total, for the page's progress bar."""
    return jsonify(_state(import_id).to_json())


@bp.get("/<import_id>/report.csv")
def report(import_id: str) -> Response:
    """The CSV report of a finished import."""
    state = _state(import_id)
    if state.state != "done":
        raise NotFound(t("import.no_report"))
    response = send_file(state.report, mimetype="text/csv", max_age=0)
    name = f"bao-cao-nhap-{Path(state.box_name).stem}.csv"
    response.headers["Content-Disposition"] = disposition("attachment", name)
    return response


def init_app(app: Flask) -> None:
    """Give the app its (per-process) registry of imports and register the routes."""
    app.extensions["hoso.imports"] = ImportRegistry()
    app.register_blueprint(bp)
