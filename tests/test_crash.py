"""Kill the ingest process mid-commit: nothing half-written is visible, and a re-run finishes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archive.facade import Archive
from archive.records import manifest_key, record_id_for
from archive.settings import Settings
from storage.filestore import FileStore

ROOT = Path(__file__).resolve().parent.parent

# Run the real CLI in a child process that SIGKILLs itself at the chosen step.
CHILD = """
import os, signal, sys
import archive.commit as commit

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

target = sys.argv.pop(1)
if target == "after-blob":
    commit._first_manifest = die
else:
    commit.CommitBatch.flush = die
from cli import main
sys.argv[0] = "hoso"
main()
"""


def hoso(
    args: list[str], data_dir: Path, crash_at: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOSO_DATA_DIR": str(data_dir)}
    if crash_at:
        command = [sys.executable, "-c", CHILD, crash_at, "--operator", *args]
    else:
        command = [sys.executable, "-m", "cli", "--operator", *args]
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("crash_at", ["after-blob", "before-commit"])
def test_killed_ingest_leaves_no_record_and_reruns_once(
    tmp_path: Path, sample_files: list[Path], crash_at: str
) -> None:
    data_dir = tmp_path / "data"
    source = sample_files[0]
    killed = hoso(["ingest", "--json", str(source)], data_dir, crash_at=crash_at)
    assert killed.returncode == -9, killed.stderr

    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        assert archive.stats()["records"] == 0
        assert archive.search("").total == 0
        assert any(k.startswith("blobs/") for k in archive.store.list(""))
    finally:
        archive.close()

    again = hoso(["ingest", "--json", str(source)], data_dir)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["status"] == "created"
    third = hoso(["ingest", "--json", str(source)], data_dir)
    assert json.loads(third.stdout)["status"] == "duplicate"

    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        assert archive.stats()["records"] == 1
        assert archive.search("").total == 1
        manifests = [k for k in archive.store.list("records/")]
        assert len(manifests) == 1
    finally:
        archive.close()


def test_a_manifest_cut_short_by_a_crash_neither_stops_a_rebuild_nor_an_ingest(
    tmp_path: Path, sample_files: list[Path]
) -> None:
    # A power loss before a batch's last sync can leave an empty or half-written first
    # manifest that no catalog row points to: recovery reads past it, ingest rewrites it.
    data_dir = tmp_path / "data"
    done = hoso(["ingest", "--json", str(sample_files[0])], data_dir)
    assert done.returncode == 0, done.stderr
    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        assert isinstance(archive.store, FileStore)
        sha = hashlib.sha256(sample_files[1].read_bytes()).hexdigest()
        broken = archive.store.root / manifest_key(record_id_for(sha), 1)
        broken.parent.mkdir(parents=True)
        broken.write_bytes(b'{"id": "')
    finally:
        archive.close()
    for command in (["rebuild"], ["reindex"]):
        result = hoso(command, data_dir)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
    again = hoso(["ingest", "--json", str(sample_files[1])], data_dir)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["status"] == "created"
    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        assert archive.stats()["records"] == 2
        assert json.loads(broken.read_bytes())["sha256"] == sha
    finally:
        archive.close()
