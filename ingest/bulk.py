"""Bulk import of a box (folder or ZIP) with an optional manifest: parallel, resumable.

Worker processes do the slow part of each file (hash, sniff, extract, parse); the
parent stages and commits in batches, and notes each finished file in the import
journal.  Killed at any point, the same command run again skips what is done and
finishes the rest; the same bytes never make two records.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from archive import audit, imports, jobs
from archive.commit import NewRecord
from archive.dossiers import DossierNotFound, create_dossier, get_dossier
from archive.facade import Archive
from ingest import bulk_worker
from ingest.batch import FLUSH_SECONDS
from ingest.boxes import Box, BoxItem
from ingest.errors import Rejected
from ingest.manifest import MAX_MANIFEST_BYTES, Manifest, ManifestError, read_manifest
from ingest.pipeline import Ingester, IngestResult, Visible
from ingest.plan import STATUS_LABELS, Outcome, Task, plan_box
from ingest.queue import JobQueue, run_here

BATCH_SIZE = 64
MANIFEST_SUFFIXES = (".csv", ".xlsx", ".xlsm")


@dataclass
class ImportRun:
    """Every file's outcome, the counts, and what was wrong with the manifest itself."""

    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        """How many files ended in each status."""
        return Counter(o.status for o in self.outcomes)


class Importer:
    """Import one box into one archive."""

    def __init__(
        self,
        archive: Archive,
        box_path: Path,
        *,
        manifest_path: Path | None = None,
        workers: int | None = None,
        dry_run: bool = False,
        background: bool = False,
        user: str = "cli",
        progress: Callable[[Outcome], None] = lambda outcome: None,
        visible: Visible | None = None,
    ) -> None:
        self.archive = archive
        self.box_path = box_path
        self.manifest_path = manifest_path
        self.workers = workers or archive.settings.worker_count
        self.dry_run = dry_run
        self.background = background
        self.user = user
        self.progress = progress
        self.visible = visible
        self.key = imports.box_key(box_path, manifest_path)
        self._checked_dossiers: set[str] = set()

    def plan(self) -> tuple[list[Task], ImportRun]:
        """Match files to manifest rows; settle what needs no work (unsafe, done, missing)."""
        box = Box(self.box_path)
        try:
            items, settled, problems, manifest = self._split_manifests(box)
        finally:
            box.close()
        items = _paths_as_the_manifest_writes_them(items, manifest)
        done = {} if self.dry_run else imports.done_items(self.archive, self.key)
        tasks, outcomes, more = plan_box(items, manifest, done)
        return tasks, ImportRun(outcomes=settled + outcomes, problems=problems + more)

    def _split_manifests(
        self, box: Box
    ) -> tuple[list[BoxItem], list[Outcome], list[str], Manifest | None]:
        """Set apart every manifest the box holds: a manifest is never a record.

        Without ``--manifest``, the one manifest the box holds is used; several are
        reported, and none of them is guessed at.
        """
        manifest = read_manifest(self.manifest_path) if self.manifest_path else None
        items, settled, found = [], [], []
        for item in box.items():
            if self._is_given_manifest(item.relpath):
                continue
            if item.problem is None and self._reads_as_manifest(box, item):
                found.append(item)
                settled.append(Outcome(item.relpath, "manifest", message=STATUS_LABELS["manifest"]))
            else:
                items.append(item)
        problems: list[str] = []
        if manifest is None and len(found) == 1:
            manifest = self._read_inner(box, found[0])
            self.key = imports.box_key(self.box_path, None, inner_manifest=found[0].relpath)
            problems.append(f"Dùng bảng kê có trong hộp: {found[0].relpath}")
        elif manifest is None and found:
            names = ", ".join(item.relpath for item in found)
            problems.append(
                f"Hộp có {len(found)} bảng kê ({names}): chọn một bằng --manifest; "
                "lần này nhập không theo bảng kê nào"
            )
        return items, settled, problems, manifest

    def _is_given_manifest(self, relpath: str) -> bool:
        if self.manifest_path is None or not self.box_path.is_dir():
            return False
        return (self.box_path / relpath).resolve() == self.manifest_path.resolve()

    def _reads_as_manifest(self, box: Box, item: BoxItem) -> bool:
        if PurePosixPath(item.relpath).suffix.lower() not in MANIFEST_SUFFIXES:
            return False
        if item.size > MAX_MANIFEST_BYTES:
            return False
        try:
            self._read_inner(box, item)
        except (ManifestError, Rejected, OSError, ValueError):
            return False
        return True

    def _read_inner(self, box: Box, item: BoxItem) -> Manifest:
        """Read a manifest that travels inside the box (from a ZIP: through a temp file)."""
        if not box.is_zip:
            return read_manifest(self.box_path / item.relpath)
        tmp = self.archive.settings.tmp_dir
        tmp.mkdir(parents=True, exist_ok=True)
        suffix = PurePosixPath(item.relpath).suffix.lower()
        with tempfile.NamedTemporaryFile(dir=tmp, suffix=suffix) as copy:
            with box.open(item) as stream:
                shutil.copyfileobj(stream, copy)
            copy.flush()
            return read_manifest(Path(copy.name))

    def run(self) -> ImportRun:
        """Import the box; return every file's outcome."""
        tasks, run = self.plan()
        for outcome in run.outcomes:
            self.progress(outcome)
        if self.dry_run:
            run.outcomes.extend(self._dry_run(tasks, run.problems))
        else:
            run.outcomes.extend(self._import(tasks, run.problems))
            run.outcomes = self._read_scans(run.outcomes)
        return run

    # -- the real import ----------------------------------------------------

    def _open_dossier(self, task: Task, prepared: object, problems: list[str]) -> None:
        """Open the dossier a manifest row names, the first time a new record needs it.

        Only a record that will be created joins it: a box of duplicates opens nothing.
        """
        code = task.entered.get("dossier_id")
        if not code or str(code) in self._checked_dossiers or not isinstance(prepared, NewRecord):
            return
        if self.archive.find_by_sha256(prepared.sha256) is not None:
            return
        self._checked_dossiers.add(str(code))
        try:
            get_dossier(self.archive, str(code))
        except DossierNotFound:
            create_dossier(self.archive, str(code), f"Hồ sơ {code}", user=self.user)
            audit.record_event(
                self.archive,
                self.user,
                "dossier_create",
                details={"code": str(code), "import": self.box_path.name},
            )
            problems.append(f"Đã lập hồ sơ mới {code} theo bảng kê (cần bổ sung tiêu đề, ngày)")

    def _import(self, tasks: list[Task], problems: list[str]) -> list[Outcome]:
        ingester = Ingester(
            self.archive, user=self.user, batch_size=BATCH_SIZE, visible=self.visible
        )
        by_path = {t.item.relpath: t for t in tasks}
        outcomes: list[Outcome] = []
        last_flush = time.monotonic()

        def flush() -> None:
            finished = [self._outcome(r, by_path[r.filename]) for r in ingester.flush()]
            imports.note_outcomes(
                self.archive,
                self.key,
                [
                    (o.relpath, by_path[o.relpath].item.stamp, o.status, o.record_id, o.message)
                    for o in finished
                ],
            )
            for outcome in finished:
                outcomes.append(outcome)
                self.progress(outcome)

        try:
            for task, prepared in self._prepared(tasks):
                self._open_dossier(task, prepared, problems)
                ingester.add_worker_result(task.item.relpath, prepared)
                if ingester.due or time.monotonic() - last_flush > FLUSH_SECONDS:
                    flush()
                    last_flush = time.monotonic()
        finally:
            # Staged records are whole in storage: make them visible even when interrupted.
            flush()
        return outcomes

    def _read_scans(self, outcomes: list[Outcome]) -> list[Outcome]:
        """Run (or queue) the OCR every file of the box still waits for.

        That is the scans this run stored, and those an interrupted earlier run
        stored but did not finish reading: a re-run leaves nothing stranded.
        """
        waiting = jobs.unfinished(self.archive, (o.record_id for o in outcomes if o.record_id))
        if not waiting:
            return outcomes
        if self.background:
            queue = JobQueue(self.archive)
            for job_id in waiting.values():
                queue.enqueue(job_id)
            states = dict.fromkeys(waiting.values(), "queued")
        else:
            states = run_here(self.archive, list(waiting.values()), self.workers)
        return [
            replace(o, ocr=states.get(waiting[o.record_id])) if o.record_id in waiting else o
            for o in outcomes
        ]

    def _outcome(self, result: IngestResult, task: Task) -> Outcome:
        record = result.record
        message = result.error.message() if result.error else ""
        if result.status == "duplicate" and record is not None:
            message = f"trùng với tài liệu đã có {record.id}"
        outcome = task.outcome(
            result.status,
            record_id=record.id if record else None,
            message=message,
            pages=record.pages if record else None,
        )
        if result.same_number:
            outcome = replace(outcome, notes=(*outcome.notes, result.same_number_warning()))
        if result.award_flags:
            flags = tuple(flag.message() for flag in result.award_flags)
            outcome = replace(outcome, notes=(*outcome.notes, *flags))
        return outcome

    # -- dry run ------------------------------------------------------------

    def _dry_run(self, tasks: list[Task], problems: list[str]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        seen: dict[str, str] = {}
        codes: set[str] = set()
        for task, prepared in self._prepared(tasks):
            if isinstance(prepared, NewRecord):
                if task.entered.get("dossier_id"):
                    codes.add(str(task.entered["dossier_id"]))
                prepared.source.unlink(missing_ok=True)
                first = seen.setdefault(prepared.sha256, task.item.relpath)
                if first != task.item.relpath:
                    outcome = task.outcome(
                        "duplicate", message=f"trùng với {first} trong hộp", pages=prepared.pages
                    )
                else:
                    outcome = task.outcome("would_create", pages=prepared.pages)
            else:
                status, record_id, error = prepared
                message = Rejected(error[0], **error[1]).message() if error else ""
                pages = None
                if status == "duplicate":
                    message = f"đã có trong kho: {record_id}"
                    pages = self.archive.get(record_id).pages
                outcome = task.outcome(status, record_id=record_id, message=message, pages=pages)
            outcomes.append(outcome)
            self.progress(outcome)
        for code in sorted(codes):
            try:
                get_dossier(self.archive, code)
            except DossierNotFound:
                problems.append(f"Sẽ lập hồ sơ mới {code} theo bảng kê")
        return outcomes

    # -- the workers --------------------------------------------------------

    def _prepared(self, tasks: list[Task]):  # type: ignore[no-untyped-def]
        """Yield (task, prepared) in order, prepared by worker processes (or here, for a few)."""
        return bulk_worker.prepare_all(
            self.archive,
            self.box_path,
            tasks,
            user=self.user,
            workers=self.workers,
            commit_batch=BATCH_SIZE,
        )


def _paths_as_the_manifest_writes_them(
    items: list[BoxItem], manifest: Manifest | None
) -> list[BoxItem]:
    """Paths without a ZIP's single top folder, unless the manifest writes them with it.

    Zipping a folder puts its name in front of every path, and a manifest may have been
    written either way; the way that names more of the box's files wins.
    """
    if manifest is None or not any(item.entry for item in items):
        return items
    without = sum(manifest.row_for(item.relpath) is not None for item in items)
    with_top = sum(manifest.row_for(item.entry or item.relpath) is not None for item in items)
    if with_top <= without:
        return items
    return [replace(item, relpath=item.entry, entry="") if item.entry else item for item in items]
