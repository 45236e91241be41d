"""Holds, four-eyes disposition, transfer packages, fixity, the audit chain, Object Lock."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import bagit
import boto3
import pytest
from botocore.exceptions import ClientError

from archive import audit, service
from archive.accounts import User
from archive.disposal_run import decide
from archive.disposition import DisposalError, propose
from archive.facade import Archive
from archive.fixity import open_alerts, run_checks
from archive.holds import HoldError, lift_hold, place_hold
from archive.permissions import Forbidden
from archive.records import blob_key, text_key
from archive.retention.decide import set_retention
from archive.settings import Settings
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult

ARCHIVIST = User("lan", "Nguyễn Thị Lan", "archivist")
AUDITOR = User("kiem", "Trần Văn Kiểm", "auditor")
ADMIN_A = User("admin-a", "Quản trị A", "admin")
ADMIN_B = User("admin-b", "Quản trị B", "admin")


def ingest(archive: Archive, paths: list[Path]) -> list[IngestResult]:
    results: list[IngestResult] = []
    ingest_paths(archive, paths, user="test", report=results.append)
    return results


@pytest.fixture
def overdue(file_archive: Archive, sample_dir: Path) -> str:
    """A decision of 2016 that a person decided to keep five years: due since 31/12/2021."""
    (result,) = ingest(file_archive, [sample_dir / "c02_qd_cstdcs_ltt_snv.txt"])
    set_retention(file_archive, ARCHIVIST, result.record.id, years=5, reason="Theo quy chế cơ quan")  # type: ignore[union-attr]
    return result.record.id  # type: ignore[union-attr]


def test_a_held_record_cannot_be_changed_or_disposed_of(
    file_archive: Archive, overdue: str
) -> None:
    place_hold(file_archive, AUDITOR, overdue, reason="Thanh tra năm 2026")
    assert file_archive.get(overdue).metadata["retention"]["hold"] is True
    with pytest.raises(HoldError, match="đang bị giữ"):
        service.change_metadata(
            file_archive, ARCHIVIST, overdue, {"subject": "x"}, reason="Sửa thử"
        )
    with pytest.raises(HoldError):
        set_retention(file_archive, ARCHIVIST, overdue, years=1, reason="Rút ngắn thời hạn")
    with pytest.raises(DisposalError, match="đang bị giữ"):
        propose(file_archive, ARCHIVIST, [overdue], action="destroy", reason="Hết hạn bảo quản")
    with pytest.raises(Forbidden):
        lift_hold(file_archive, ARCHIVIST, overdue, reason="Không có quyền")
    lift_hold(file_archive, ADMIN_A, overdue, reason="Thanh tra đã kết thúc")
    assert file_archive.get(overdue).metadata["retention"]["hold"] is False
    propose(file_archive, ARCHIVIST, [overdue], action="destroy", reason="Hết hạn bảo quản")
    events = [e.action for e in audit.events(file_archive, record_id=overdue)]
    assert "hold_place" in events and "hold_lift" in events


def test_a_hold_placed_after_the_proposal_stops_the_approval(
    file_archive: Archive, overdue: str
) -> None:
    listed = propose(
        file_archive, ARCHIVIST, [overdue], action="destroy", reason="Hết hạn bảo quản"
    )
    place_hold(file_archive, AUDITOR, overdue, reason="Có khiếu nại")
    with pytest.raises(DisposalError, match="đang bị giữ"):
        decide(file_archive, ADMIN_B, listed.id, approve=True, reason="Đồng ý hủy")
    assert file_archive.store.exists(blob_key(file_archive.get(overdue).sha256))


def test_destruction_needs_a_second_admin_and_leaves_a_tombstone(
    file_archive: Archive, overdue: str
) -> None:
    record = file_archive.get(overdue)
    listed = propose(file_archive, ADMIN_A, [overdue], action="destroy", reason="Hết hạn bảo quản")
    with pytest.raises(DisposalError, match="bốn mắt"):
        decide(file_archive, ADMIN_A, listed.id, approve=True, reason="Tự duyệt")
    with pytest.raises(Forbidden):
        decide(file_archive, ARCHIVIST, listed.id, approve=True, reason="Không đủ quyền")
    done = decide(file_archive, ADMIN_B, listed.id, approve=True, reason="Đồng ý hủy theo quy định")
    assert done.state == "approved"
    assert not file_archive.store.exists(blob_key(record.sha256))
    assert not file_archive.store.exists(text_key(record.sha256))
    gone = file_archive.get(overdue)
    assert gone.version == record.version + 1
    assert gone.metadata["disposition"]["approved_by"] == "admin-b"
    assert gone.metadata["number"] == record.metadata["number"]  # the metadata is kept
    assert file_archive.search("chien si thi dua").total == 0
    report = file_archive.store.get_bytes(done.report_key).decode()  # type: ignore[arg-type]
    assert overdue in report and "BIÊN BẢN HỦY" in report.upper() and "admin-b" in report
    actions = [e.action for e in audit.events(file_archive)]
    for step in ("disposal_propose", "disposal_approve", "disposal_destroy"):
        assert step in actions
    with pytest.raises(DisposalError, match="đã được quyết định"):
        decide(file_archive, ADMIN_B, listed.id, approve=False, reason="Đổi ý")


def test_transfer_writes_a_valid_bagit_package(file_archive: Archive, overdue: str) -> None:
    record = file_archive.get(overdue)
    with file_archive.open_original(record) as stream:
        original = stream.read()
    listed = propose(
        file_archive, ARCHIVIST, [overdue], action="transfer", reason="Nộp lưu lịch sử"
    )
    done = decide(file_archive, ADMIN_B, listed.id, approve=True, reason="Đồng ý nộp lưu")
    bag = bagit.Bag(done.package_path)
    bag.validate()
    payload = Path(done.package_path) / "data" / overdue  # type: ignore[arg-type]
    assert (payload / "original" / record.filename).read_bytes() == original
    assert (payload / "metadata" / "manifest-000001.json").exists()
    assert (payload / "derived" / "text.json").exists()
    assert "sha256" in bag.algorithms
    assert not file_archive.store.exists(blob_key(record.sha256))  # custody passed on
    assert file_archive.get(overdue).metadata["disposition"]["package"] == done.package_path


def test_fixity_finds_exactly_the_damaged_and_the_missing(
    file_archive: Archive, sample_files: list[Path]
) -> None:
    results = ingest(file_archive, sample_files[:4])
    damaged, lost = results[0].record, results[1].record
    root = Path(file_archive.store.root)  # type: ignore[attr-defined]
    path = root / blob_key(damaged.sha256)  # type: ignore[union-attr]
    data = bytearray(path.read_bytes())
    data[10] ^= 0x01
    path.write_bytes(bytes(data))
    (root / blob_key(lost.sha256)).unlink()  # type: ignore[union-attr]
    checks = run_checks(file_archive)
    failed = {r.record_id: r.status for r in checks if r.status != "ok"}
    assert failed == {damaged.id: "mismatch", lost.id: "missing"}  # type: ignore[union-attr]
    assert {a.record_id for a in open_alerts(file_archive)} == {damaged.id, lost.id}  # type: ignore[union-attr]
    assert path.read_bytes() == bytes(data)  # never silently repaired


def test_audit_verify_names_the_altered_and_the_removed_events(
    file_archive: Archive, file_settings: Settings
) -> None:
    for i in range(6):
        audit.record_event(file_archive, "lan", "view", record_id=f"r{i}")
    assert audit.verify_chain(file_archive) == []
    audit.write_checkpoint(file_archive)
    db = file_settings.data_dir / "catalog.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("update audit_events set username = 'ke-gian' where seq = 2")
        conn.execute("delete from audit_events where seq = 4")
        conn.execute("delete from audit_events where seq = 6")
    problems = audit.verify_chain(file_archive)
    assert any(p.startswith("Sự kiện #2:") and "bị sửa" in p for p in problems)
    assert any(p.startswith("Sự kiện #5:") and "bị xóa" in p for p in problems)
    assert any("#6" in p and "mốc" in p for p in problems)


@pytest.mark.s3
def test_object_lock_keeps_originals_from_a_direct_delete(
    seaweed,
    tmp_path: Path,
    sample_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    bucket = f"lock-{uuid.uuid4().hex[:10]}"
    client = boto3.client("s3")
    client.create_bucket(Bucket=bucket, ObjectLockEnabledForBucket=True)
    archive = Archive.open(Settings(data_dir=tmp_path / "data", storage_url=f"s3://{bucket}/hoso"))
    try:
        (result,) = ingest(archive, [sample_dir / "c01_qd_bangkhen_ubnd_laichau.txt"])
        key = "hoso/" + blob_key(result.record.sha256)  # type: ignore[union-attr]
        retention = client.get_object_retention(Bucket=bucket, Key=key)["Retention"]
        assert retention["Mode"] == "COMPLIANCE"
        assert retention["RetainUntilDate"].year == 2035
        version = client.list_object_versions(Bucket=bucket, Prefix=key)["Versions"][0]
        with pytest.raises(ClientError) as refused:
            client.delete_object(Bucket=bucket, Key=key, VersionId=version["VersionId"])
        assert refused.value.response["Error"]["Code"] == "AccessDenied"
        place_hold(archive, AUDITOR, result.record.id, reason="Điều tra")  # type: ignore[union-attr]
        assert client.get_object_legal_hold(Bucket=bucket, Key=key)["LegalHold"]["Status"] == "ON"
    finally:
        archive.close()


def test_the_catalog_rebuilt_from_storage_keeps_dossiers_holds_and_disposals(
    file_archive: Archive, overdue: str, sample_dir: Path, file_settings: Settings
) -> None:
    from archive.dossiers import add_records, create_dossier, get_dossier
    from archive.rebuild import rebuild_catalog

    (other,) = ingest(file_archive, [sample_dir / "c01_qd_bangkhen_ubnd_laichau.txt"])
    create_dossier(
        file_archive, "HS-01", "Hồ sơ khen thưởng 2015", user="lan", end_date="31/12/2015"
    )
    add_records(file_archive, "HS-01", [other.record.id], user="lan", reason="Xếp vào hồ sơ")  # type: ignore[union-attr]
    place_hold(file_archive, AUDITOR, "HS-01", reason="Kiểm toán hồ sơ")
    listed = propose(file_archive, ARCHIVIST, [overdue], action="destroy", reason="Hết hạn")
    decide(file_archive, ADMIN_B, listed.id, approve=True, reason="Đồng ý hủy")

    with sqlite3.connect(file_settings.data_dir / "catalog.sqlite3") as conn:
        for table in ("records", "dossiers", "dossier_items", "holds"):
            conn.execute(f"delete from {table}")
    assert rebuild_catalog(file_archive) == 2
    assert get_dossier(file_archive, "HS-01").record_count == 1
    assert file_archive.get(other.record.id).metadata["retention"]["hold"] is True  # type: ignore[union-attr]
    with pytest.raises(HoldError):
        service.change_metadata(
            file_archive,
            ARCHIVIST,
            other.record.id,
            {"subject": "x"},  # type: ignore[union-attr]
            reason="Sửa thử",
        )
    with pytest.raises(DisposalError, match="đã được xử lý"):
        propose(file_archive, ARCHIVIST, [overdue], action="destroy", reason="Lại lần nữa")
