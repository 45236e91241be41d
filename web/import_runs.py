"""Bulk imports started from the web, each run by a background thread of this process.

The registry (``app.extensions["hoso.imports"]``) is per process and in memory: with
several web processes a person must come back to the one that started the import,
and a restart forgets the progress.  Nothing is lost by that: what was archived stays
archived, and importing the same box again stores only what is missing (the same
bytes never make two records).
"""

from __future__ import annotations

import logging
import secrets
import threading
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from werkzeug.datastructures import FileStorage

from ingest.bulk import Importer, ImportRun
from ingest.errors import Rejected
from ingest.import_report import write_report
from ingest.manifest import ManifestError
from ingest.plan import Outcome

log = logging.getLogger(__name__)
REPORT = "bao-cao-nhap.csv"
# What a box or its manifest can be refused for before anything is imported.
REFUSALS = (ManifestError, Rejected, zipfile.BadZipFile)


@dataclass
class ImportState:
    """One import as its page shows it: progress while it runs, the run when it ends."""

    id: str
    user: str
    box_name: str
    manifest_name: str | None
    dry_run: bool
    folder: Path
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    total: int = 0
    done: int = 0
    state: str = "running"  # running | done | failed
    error: str | None = None
    run: ImportRun | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def advance(self, outcome: Outcome) -> None:
        """Count one settled file (the importer calls this from its thread)."""
        with self.lock:
            self.done += 1

    @property
    def report(self) -> Path:
        """Where the CSV report is written when the import ends."""
        return self.folder / REPORT

    def counts(self) -> Counter[str]:
        """Files per status, once the import has ended."""
        return self.run.counts if self.run else Counter()

    def to_json(self) -> dict[str, Any]:
        """What the progress poll needs."""
        with self.lock:
            done, total = self.done, self.total
        return {"id": self.id, "state": self.state, "done": done, "total": total}


class ImportRegistry:
    """The imports this process started, newest first."""

    def __init__(self) -> None:
        self._runs: dict[str, ImportState] = {}
        self._lock = threading.Lock()

    def new_folder(self, root: Path) -> tuple[str, Path]:
        """A fresh id and ``<data dir>/imports/<id>/`` for its uploads and report."""
        import_id = secrets.token_hex(6)
        folder = root / "imports" / import_id
        folder.mkdir(parents=True)
        return import_id, folder

    def add(self, state: ImportState) -> None:
        """Remember an import."""
        with self._lock:
            self._runs[state.id] = state

    def get(self, import_id: str) -> ImportState | None:
        """One import, if this process started it."""
        with self._lock:
            return self._runs.get(import_id)

    def recent(self, limit: int = 10) -> list[ImportState]:
        """The newest imports."""
        with self._lock:
            states = list(self._runs.values())
        return sorted(states, key=lambda s: s.started_at, reverse=True)[:limit]


def save_uploads(
    folder: Path, box: FileStorage, manifest: FileStorage | None
) -> tuple[Path, Path | None]:
    """Keep the box and manifest in the import's folder, under names of our own."""
    box_path = folder / "hop.zip"
    box.save(box_path)
    if manifest is None or not manifest.filename:
        return box_path, None
    manifest_path = folder / ("bang-ke" + Path(manifest.filename).suffix.lower())
    manifest.save(manifest_path)
    return box_path, manifest_path


def explain(exc: Exception, messages: dict[str, str], lang: str = "vi") -> str:
    """A refusal of the box or manifest in words for people."""
    if isinstance(exc, Rejected):
        return exc.message(lang)
    if isinstance(exc, ManifestError):
        return str(exc)
    return messages["bad_zip"]


def start(importer: Importer, state: ImportState, messages: dict[str, str]) -> None:
    """Plan now (so a bad box or manifest is refused at once), then import in a thread."""
    tasks, planned = importer.plan()
    state.total = len(tasks) + len(planned.outcomes)
    thread = threading.Thread(
        target=_run, args=(importer, state, messages), name=f"import-{state.id}", daemon=True
    )
    thread.start()


def _run(importer: Importer, state: ImportState, messages: dict[str, str]) -> None:
    with state.lock:
        state.done = 0  # run() settles the planned outcomes again, through the callback
    try:
        run = importer.run()
        write_report(state.report, run)
        state.run, state.state = run, "done"
    except REFUSALS as exc:
        state.error, state.state = explain(exc, messages), "failed"
    except Exception:  # the page must say it stopped; the log keeps the details
        log.exception("import %s failed", state.id)
        state.error, state.state = messages["failed"], "failed"
