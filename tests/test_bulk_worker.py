"""Where a box's files are prepared: here for a few, in worker processes for many."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.commit import NewRecord
from archive.facade import Archive
from archive.settings import Settings
from ingest import bulk_worker
from ingest.boxes import BoxItem
from ingest.plan import Task


@pytest.fixture
def box(tmp_path: Path, sample_files: list[Path]) -> Path:
    folder = tmp_path / "hop"
    folder.mkdir()
    for i in range(4):
        text = sample_files[i % len(sample_files)].read_text(encoding="utf-8")
        (folder / f"van-ban-{i}.txt").write_text(f"{text}\nBản số {i}", encoding="utf-8")
    (folder / "hong.pdf").write_bytes(b"%PDF-1.4 not really\n%%EOF\n")
    return folder


@pytest.fixture
def opened(file_settings: Settings) -> Iterator[Archive]:
    archive = Archive.open(file_settings)
    yield archive
    archive.close()


def _tasks(box: Path) -> list[Task]:
    return [
        Task(BoxItem(path.name, path.stat().st_size, "stamp"), {}) for path in sorted(box.iterdir())
    ]


def _outcomes(results: list[tuple[Task, object]]) -> dict[str, str]:
    """Each file's outcome; the spooled copies of prepared records are removed."""
    outcomes = {}
    for task, prepared in results:
        if isinstance(prepared, NewRecord):
            assert prepared.source.exists()
            prepared.source.unlink()
            outcomes[task.filename] = "prepared"
        else:
            status, _record_id, error = prepared  # type: ignore[misc]
            outcomes[task.filename] = f"{status}:{error[0] if error else ''}"
    return outcomes


EXPECTED = {
    "hong.pdf": "rejected:corrupt_file",
    **{f"van-ban-{i}.txt": "prepared" for i in range(4)},
}


def test_a_few_files_are_prepared_here_without_starting_workers(
    opened: Archive, box: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_workers(*args: object, **kwargs: object) -> Iterator[tuple[Task, object]]:
        raise AssertionError("workers started for a box of five files")

    monkeypatch.setattr(bulk_worker, "_in_workers", no_workers)
    results = list(
        bulk_worker.prepare_all(opened, box, _tasks(box), user="t", workers=2, commit_batch=2)
    )
    assert [task.filename for task, _ in results] == sorted(EXPECTED)
    assert _outcomes(results) == EXPECTED


def test_many_files_go_to_worker_processes(
    opened: Archive, box: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Preparing here is made to fail: outcomes can then only come from the workers,
    # fresh interpreters that do not see this patch.
    def not_here(*args: object) -> object:
        raise AssertionError("prepared in the importing process")

    monkeypatch.setattr(bulk_worker, "_prepare", not_here)
    monkeypatch.setattr(bulk_worker, "PARALLEL_FROM", 3)
    results = list(
        bulk_worker.prepare_all(opened, box, _tasks(box), user="t", workers=2, commit_batch=2)
    )
    assert _outcomes(results) == EXPECTED
