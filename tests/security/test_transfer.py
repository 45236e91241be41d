"""A transfer cannot lose an original: whatever the file is called, the original, its
metadata and its derivatives go to fixed, distinct paths in the BagIt package, and
nothing is deleted until the package is read back and holds the original's bytes."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import bagit
import pytest

from archive.accounts import User
from archive.disposal_run import decide
from archive.disposition import DisposalError, get_disposal, propose
from archive.facade import Archive
from archive.records import blob_key
from archive.retention.decide import set_retention
from ingest.service import upload

ARCHIVIST = User("lan", "Nguyễn Thị Lan", "archivist")
ADMIN = User("admin-b", "Quản trị B", "admin")


def due_upload(archive: Archive, data: bytes, filename: str) -> str:
    """An upload of a 2016 decision kept five years: due since 31/12/2021."""
    result = upload(archive, ARCHIVIST, io.BytesIO(data), filename)
    assert result.record is not None, result.error
    set_retention(archive, ARCHIVIST, result.record.id, years=5, reason="Theo quy chế cơ quan")
    return result.record.id


def transfer(archive: Archive, record_id: str) -> Path:
    listed = propose(archive, ARCHIVIST, [record_id], action="transfer", reason="Nộp lưu")
    done = decide(archive, ADMIN, listed.id, approve=True, reason="Đồng ý nộp lưu")
    assert done.package_path is not None
    return Path(done.package_path)


def payload(bag_dir: Path) -> dict[str, bytes]:
    data = bag_dir / "data"
    return {str(p.relative_to(data)): p.read_bytes() for p in data.rglob("*") if p.is_file()}


@pytest.fixture
def decision(sample_dir: Path) -> bytes:
    return (sample_dir / "c02_qd_cstdcs_ltt_snv.txt").read_bytes()


def test_an_original_named_like_a_metadata_manifest_is_kept(
    archive: Archive, decision: bytes
) -> None:
    record_id = due_upload(archive, decision, "manifest-000001.json")
    bag_dir = transfer(archive, record_id)
    bagit.Bag(str(bag_dir)).validate()
    files = payload(bag_dir)
    assert files[f"{record_id}/original/manifest-000001.json"] == decision
    manifest = files[f"{record_id}/metadata/manifest-000001.json"]
    assert manifest != decision and b'"filename": "manifest-000001.json"' in manifest
    assert {hashlib.sha256(b).hexdigest() for b in files.values()} >= {
        hashlib.sha256(decision).hexdigest()
    }
    assert not archive.store.exists(blob_key(hashlib.sha256(decision).hexdigest()))


@pytest.mark.parametrize("name", ["..", ".", "/", "a/../..", "\x00", " ", "con\nten.txt"])
def test_a_hostile_file_name_transfers_whole(
    file_archive: Archive, decision: bytes, name: str
) -> None:
    record_id = due_upload(file_archive, decision, name)
    bag_dir = transfer(file_archive, record_id)
    bagit.Bag(str(bag_dir)).validate()
    files = payload(bag_dir)
    (original,) = [path for path in files if path.startswith(f"{record_id}/original/")]
    assert files[original] == decision
    assert all(part not in ("", ".", "..") for part in original.split("/"))
    assert "\n" not in original and "\x00" not in original
    assert {Path(p).parts[1] for p in files} <= {"original", "metadata", "derived"}
    assert file_archive.get(record_id).filename == name  # the name people gave is kept


def test_a_package_without_the_original_bytes_deletes_nothing(
    file_archive: Archive, decision: bytes
) -> None:
    """The stored original no longer matches the catalog's SHA-256 (damaged on disk): the
    bag would still validate against itself, so only the catalog's hash can tell."""
    record_id = due_upload(file_archive, decision, "qd-85.txt")
    sha256 = hashlib.sha256(decision).hexdigest()
    stored = file_archive.settings.data_dir / "objects" / blob_key(sha256)
    stored.chmod(0o600)
    stored.write_bytes(decision.replace(b"2016", b"2017"))
    listed = propose(file_archive, ARCHIVIST, [record_id], action="transfer", reason="Nộp lưu")
    with pytest.raises(DisposalError, match=rf"{record_id}.*SHA-256"):
        decide(file_archive, ADMIN, listed.id, approve=True, reason="Đồng ý nộp lưu")
    assert file_archive.store.exists(blob_key(sha256))
    assert get_disposal(file_archive, listed.id).state == "proposed"
    assert "disposition" not in file_archive.get(record_id).metadata
    assert not (file_archive.settings.data_dir / "transfers" / f"danh-sach-{listed.id}").exists()
