"""The import job: run a bulk import started on the web, in whichever worker takes it.

The web process checks the box and manifest, then stages them in the archive's
store (``staging/imports/<id>/``), since the worker that takes the job may run on
another host.  The worker copies them into its own import folder (mode 0600), and
both copies are deleted when the import ends, whatever the ending; only the CSV
report stays, in the store, for any web process to serve.  A worker killed
mid-import leaves the job to be delivered again, and the journal makes the next
run skip what was done.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from archive import import_runs
from archive.accounts import get_user
from archive.errors import ArchiveError
from archive.facade import Archive
from ingest import service
from ingest.errors import Rejected
from ingest.import_report import write_report
from ingest.manifest import ManifestError
from ingest.plan import Outcome

BOX = "hop.zip"
MANIFEST = "bang-ke"
REPORT = "bao-cao-nhap.csv"
STAGED = "staging/imports"
log = logging.getLogger(__name__)
# What a box or its manifest can be refused for before anything is imported.
REFUSALS = (ManifestError, Rejected, zipfile.BadZipFile)
# The lease of the job is renewed this often while the import runs, OCR included.
HEARTBEAT_SECONDS = 60.0
PROGRESS_SECONDS = 1.0


class ImportCancelled(Exception):
    """A person asked the import to stop."""


def box_paths(folder: Path) -> tuple[Path, Path | None]:
    """The saved box and, when one was given, the saved manifest."""
    manifests = sorted(folder.glob(f"{MANIFEST}.*"))
    return folder / BOX, manifests[0] if manifests else None


def staged_key(import_id: str, name: str) -> str:
    """Where a staged upload (or the report) of an import is kept in the store."""
    return f"{STAGED}/{import_id}/{name}"


def stage(archive: Archive, import_id: str, folder: Path) -> None:
    """Put the checked uploads where every worker can read them; remove them from this host."""
    for path in sorted(folder.iterdir()):
        with path.open("rb") as stream:
            archive.store.put(staged_key(import_id, path.name), stream)
    shutil.rmtree(folder, ignore_errors=True)


def _fetch(archive: Archive, import_id: str) -> Path:
    """This host's import folder, holding the staged uploads (already there on one host)."""
    folder = archive.settings.data_dir / "imports" / import_id
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for key in archive.store.list(f"{STAGED}/{import_id}/"):
        name = key.rsplit("/", 1)[-1]
        target = folder / name
        if name == REPORT or target.exists():
            continue
        partial = folder / f".{name}.part"
        with archive.store.open(key) as source, partial.open("wb") as out:
            shutil.copyfileobj(source, out)
        os.chmod(partial, 0o600)
        partial.replace(target)
    return folder


def read_report(archive: Archive, import_id: str) -> bytes | None:
    """The CSV report of a finished import, from whichever host ran it."""
    key = staged_key(import_id, REPORT)
    return archive.store.get_bytes(key) if archive.store.exists(key) else None


def explain(exc: Exception, lang: str = "vi") -> str:
    """A refusal of the box or manifest in words for people."""
    if isinstance(exc, Rejected):
        return exc.message(lang)
    if isinstance(exc, ManifestError):
        return str(exc)
    if lang == "en":
        return "The file is not a valid ZIP (it may be damaged or cut short)."
    return "Tệp không phải ZIP hợp lệ (có thể bị hỏng hoặc tải lên chưa xong)."


def run_import(archive: Archive, import_id: str, heartbeat: Callable[[str], None]) -> None:
    """Run one import to its end: done, failed with the reason, or cancelled."""
    run = import_runs.get(archive, import_id)
    if run is None:
        raise ArchiveError(f"Không còn lần nhập {import_id}")
    if run.ended:
        return
    folder = _fetch(archive, import_id)
    box, manifest = box_paths(folder)
    if run.cancel_requested:  # asked before any worker took it
        import_runs.finish(archive, import_id, "cancelled")
        _discard(archive, import_id, box, manifest)
        return
    settled = 0
    last = time.monotonic()

    def advance(outcome: Outcome) -> None:
        nonlocal settled, last
        settled += 1
        if time.monotonic() - last >= PROGRESS_SECONDS or settled == total:
            last = time.monotonic()
            if import_runs.progressed(archive, import_id, settled):
                raise ImportCancelled

    account = get_user(archive, run.username)
    try:
        if account is None or not account.active:
            raise ArchiveError(f"Tài khoản {run.username} không còn hoạt động")
        importer = service.importer(  # the permission is checked again, whoever runs it
            archive,
            account,
            box,
            manifest_path=manifest,
            dry_run=run.dry_run,
            background=False,  # its report says which scans were read
            progress=advance,
        )
    except ArchiveError as exc:
        import_runs.finish(archive, import_id, "failed", error=str(exc))
        _discard(archive, import_id, box, manifest)
        return
    stop = threading.Event()
    beating = threading.Thread(target=_beat, args=(heartbeat, stop), daemon=True)
    beating.start()
    try:
        tasks, planned = importer.plan()
        total = len(tasks) + len(planned.outcomes)
        import_runs.started(archive, import_id, total)
        outcome = importer.run()
        write_report(folder / REPORT, outcome)
        with (folder / REPORT).open("rb") as report:
            archive.store.put(staged_key(import_id, REPORT), report)
        result = {
            "outcomes": [asdict(o) for o in outcome.outcomes],
            "problems": outcome.problems,
        }
        import_runs.progressed(archive, import_id, total)
        import_runs.finish(archive, import_id, "done", result=result)
        service.note_import(archive, account, Path(run.box_name), outcome, dry_run=run.dry_run)
    except ImportCancelled:
        import_runs.finish(archive, import_id, "cancelled")
    except REFUSALS as exc:
        import_runs.finish(archive, import_id, "failed", error=explain(exc))
    except Exception as exc:
        # People read the page; the job row and the server log keep the technical detail.
        log.exception("import %s failed", import_id)
        message = (
            f"Lần nhập dừng vì một lỗi không lường trước ({type(exc).__name__}); "
            "những tệp đã lưu vẫn còn. Người quản trị xem chi tiết trong nhật ký máy chủ."
        )
        import_runs.finish(archive, import_id, "failed", error=message)
        raise
    finally:
        stop.set()
        _discard(archive, import_id, box, manifest)


def _discard(archive: Archive, import_id: str, *paths: Path | None) -> None:
    """The saved uploads may hold confidential records: nothing keeps them past the end,
    on this host or in the store."""
    for path in paths:
        if path is not None:
            path.unlink(missing_ok=True)
            archive.store.delete(staged_key(import_id, path.name))


def _beat(heartbeat: Callable[[str], None], stop: threading.Event) -> None:
    while not stop.wait(HEARTBEAT_SECONDS):
        heartbeat("đang nhập")
