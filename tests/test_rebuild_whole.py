"""The bucket is the whole archive: delete the catalog and the index, rebuild, see the same.

An archive goes through what an office does in a year (accounts and tokens, uploads,
edits, a dossier, holds placed and lifted, a destruction and a transfer approved by a
second admin, a rejected list, a thousand views); then its catalog database and its
search index are deleted and `hoso rebuild` / `hoso reindex` restore them from storage
alone. Everything a person can see must be as it was, and `hoso audit verify` passes.
"""

from __future__ import annotations

import getpass
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from archive import audit, audit_bucket, service
from archive.accounts import (
    add_user,
    authenticate,
    create_token,
    list_users,
    set_active,
    set_password,
    user_for_token,
)
from archive.catalog.models import TokenRow
from archive.disposal_run import decide
from archive.disposition import due_records, list_disposals, propose
from archive.dossiers import add_records, create_dossier, dossier_records, list_dossiers
from archive.facade import Archive
from archive.holds import holds_on, lift_hold, place_hold
from archive.retention.decide import set_retention
from archive.settings import Settings
from cli import main
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult
from tests.test_records_management import ADMIN_A, ADMIN_B, ARCHIVIST, AUDITOR

PASSWORD = "mat-khau-du-dai"
VIEWS = audit_bucket.SEGMENT  # enough to seal a segment and leave an open tail


def ingest(archive: Archive, paths: list[Path]) -> list[str]:
    results: list[IngestResult] = []
    ingest_paths(archive, paths, user="lan", report=results.append)
    return [r.record.id for r in results]  # type: ignore[union-attr]


def live_an_office_year(archive: Archive, sample_files: list[Path]) -> dict[str, Any]:
    """Everything the rebuild must bring back, done through the same calls the web makes."""
    for user in (ARCHIVIST, AUDITOR, ADMIN_A, ADMIN_B):
        add_user(archive, user.username, PASSWORD, user.role, user.full_name)
    add_user(archive, "khach", PASSWORD, "viewer")
    set_password(archive, "lan", PASSWORD + "-moi")
    set_active(archive, "khach", False)
    token = create_token(archive, "lan", "máy quét")

    ids = ingest(archive, sample_files[:6])
    destroyed, transferred, rejected, edited, held, in_dossier = ids
    service.change_metadata(
        archive, ARCHIVIST, edited, {"subject": "Khen thưởng năm 2015"}, reason="Sửa trích yếu"
    )
    for record_id in (destroyed, transferred, rejected):
        set_retention(archive, ARCHIVIST, record_id, years=1, reason="Theo quy chế cơ quan")
    create_dossier(archive, "HS-2015", "Hồ sơ khen thưởng 2015", user="lan", end_date="31/12/2015")
    add_records(archive, "HS-2015", [in_dossier], user="lan", reason="Xếp vào hồ sơ")

    # A hold placed and lifted on the record later destroyed: the case once shown as held.
    place_hold(archive, AUDITOR, destroyed, reason="Thanh tra năm 2026")
    lift_hold(archive, ADMIN_A, destroyed, reason="Thanh tra đã kết thúc")
    place_hold(archive, AUDITOR, held, reason="Có khiếu nại đang giải quyết")
    place_hold(archive, AUDITOR, "HS-2015", reason="Kiểm toán hồ sơ")

    for record_id, action in ((destroyed, "destroy"), (transferred, "transfer")):
        listed = propose(archive, ARCHIVIST, [record_id], action=action, reason="Hết hạn bảo quản")
        decide(archive, ADMIN_B, listed.id, approve=True, reason="Đồng ý theo quy định")
    listed = propose(archive, ARCHIVIST, [rejected], action="destroy", reason="Hết hạn bảo quản")
    decide(archive, ADMIN_A, listed.id, approve=False, reason="Còn giá trị tham khảo")
    propose(archive, ARCHIVIST, [rejected], action="transfer", reason="Nộp lưu lịch sử")

    for _ in range(VIEWS):
        service.view(archive, AUDITOR, edited, address="10.0.0.7")
    return {"ids": ids, "token": token, "targets": [*ids, "HS-2015"]}


def snapshot(archive: Archive, ids: list[str], targets: list[str]) -> dict[str, Any]:
    """What a person can see of the archive, read without writing an audit event."""
    with archive.sessions() as session:
        tokens = [
            (t.token_hash, t.username, t.label, t.created_at)
            for t in session.scalars(select(TokenRow).order_by(TokenRow.token_hash))
        ]
    return {
        "records": {i: archive.get(i).to_json() for i in ids},
        "versions": {i: service.history(archive, ADMIN_A, i) for i in ids},
        "holds": {t: [h.__dict__ for h in holds_on(archive, t)] for t in targets},
        "dossiers": [d.to_json() for d in list_dossiers(archive)],
        "dossier_records": [r.id for r in dossier_records(archive, "HS-2015")],
        "disposals": [d.to_json() for d in list_disposals(archive)],
        "due": [r.id for r in due_records(archive)],
        "users": list_users(archive),
        "tokens": tokens,
        "events": audit.events(archive, limit=10 * VIEWS),
        "stats": archive.stats(),
        "search": sorted(h.record.id for h in archive.search("khen thuong", per_page=50).hits),
    }


def hoso(settings: Settings, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    """Run the real `hoso` command on the archive ``settings`` describe."""
    monkeypatch.setenv("HOSO_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("HOSO_STORAGE_URL", settings.effective_storage_url)
    result = CliRunner().invoke(main, ["--operator", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def delete_catalog_and_index(settings: Settings) -> None:
    data = settings.data_dir
    for path in data.glob("catalog.sqlite3*"):
        path.unlink()
    shutil.rmtree(settings.effective_index_dir)


def test_the_bucket_alone_rebuilds_everything_a_person_sees(
    settings: Settings, sample_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = Archive.open(settings)
    try:
        lived = live_an_office_year(archive, sample_files)
        before = snapshot(archive, lived["ids"], lived["targets"])
    finally:
        archive.close()
    assert hoso(settings, monkeypatch, "audit", "verify").strip().endswith("nguyên vẹn.")
    assert before["records"][lived["ids"][0]]["metadata"]["retention"]["hold"] is False
    assert len(before["events"]) > VIEWS

    delete_catalog_and_index(settings)
    assert f"{len(lived['ids'])} tài liệu" in hoso(settings, monkeypatch, "rebuild")
    assert f"{len(lived['ids']) - 2} tài liệu" in hoso(settings, monkeypatch, "reindex")
    assert "nguyên vẹn" in hoso(settings, monkeypatch, "audit", "verify")

    archive = Archive.open(settings)
    try:
        after = snapshot(archive, lived["ids"], lived["targets"])
        # Rebuilding and reindexing are acts of their own, audited after the restored trail.
        newest = before["events"][0].seq
        added = [e for e in after["events"] if e.seq > newest]
        assert [(e.action, e.username) for e in reversed(added)] == [
            ("rebuild", "operator:" + getpass.getuser()),
            ("reindex", "operator:" + getpass.getuser()),
        ]
        after["events"] = [e for e in after["events"] if e.seq <= newest]
        for part in before:
            assert after[part] == before[part], part
        assert authenticate(archive, "lan", PASSWORD + "-moi") is not None
        assert authenticate(archive, "khach", PASSWORD) is None  # still locked
        assert user_for_token(archive, lived["token"]).username == "lan"  # type: ignore[union-attr]
        # The archive goes on: new events chain onto the restored trail, and still verify.
        service.view(archive, AUDITOR, lived["ids"][3])
        assert audit.verify_chain(archive) == []
    finally:
        archive.close()


def test_every_role_and_state_shown_after_rebuild_is_the_stored_one(
    file_settings: Settings, sample_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's case: a lifted hold and a destroyed record must not show as held."""
    archive = Archive.open(file_settings)
    try:
        destroyed, lifted = ingest(archive, sample_files[:2])
        for user in (ARCHIVIST, AUDITOR, ADMIN_A, ADMIN_B):
            add_user(archive, user.username, PASSWORD, user.role)
        set_retention(archive, ARCHIVIST, destroyed, years=1, reason="Theo quy chế cơ quan")
        for record_id in (destroyed, lifted):
            place_hold(archive, AUDITOR, record_id, reason="Thanh tra năm 2026")
            lift_hold(archive, ADMIN_A, record_id, reason="Thanh tra đã kết thúc")
        listed = propose(archive, ARCHIVIST, [destroyed], action="destroy", reason="Hết hạn")
        decide(archive, ADMIN_B, listed.id, approve=True, reason="Đồng ý hủy")
    finally:
        archive.close()
    delete_catalog_and_index(file_settings)
    hoso(file_settings, monkeypatch, "rebuild")
    for record_id in (destroyed, lifted):
        shown = hoso(file_settings, monkeypatch, "show", record_id)
        assert "ĐANG BỊ GIỮ" not in shown, shown
    shown = json.loads(hoso(file_settings, monkeypatch, "show", destroyed, "--json"))
    assert shown["metadata"]["disposition"]["action"] == "destroy"


def views(archive: Archive, count: int) -> None:
    for i in range(count):
        audit.record_event(archive, "lan", "view", record_id=f"r{i}")


def event_objects(archive: Archive, seq: int) -> list[str]:
    folder = audit_bucket.range_prefix(seq // audit_bucket.SEGMENT)
    return [k for k in archive.store.list(folder) if k.startswith(f"{folder}{seq:010d}-")]


def event_object(archive: Archive, seq: int) -> str:
    (key,) = event_objects(archive, seq)
    return key


def test_verify_names_an_event_altered_or_removed_in_the_bucket_copy(
    file_archive: Archive,
) -> None:
    views(file_archive, audit_bucket.SEGMENT + 5)
    assert audit.verify_chain(file_archive) == []
    assert audit_bucket.sealed_segments(file_archive.store).keys() == {0}
    root = Path(file_archive.store.root)  # type: ignore[attr-defined]
    # In the open tail: one event object edited, one deleted.
    altered = root / event_object(file_archive, 1002)
    altered.write_text(altered.read_text().replace('"lan"', '"ke-gian"'))
    (root / event_object(file_archive, 1004)).unlink()
    # In the sealed segment: one line edited.
    segment = root / audit_bucket.segment_key(0)
    segment.write_text(segment.read_text().replace('"r7"', '"r8"', 1))
    problems = audit.verify_chain(file_archive)
    assert any(p.startswith("Sự kiện #1002 (bản lưu trong kho)") and "sửa" in p for p in problems)
    assert any(p.startswith("Sự kiện #1004:") and "xóa khỏi kho" in p for p in problems)
    assert any(p.startswith("Sự kiện #8 (bản lưu trong kho)") and "sửa" in p for p in problems)
    assert not any(p.startswith("Sự kiện #1003") for p in problems)


def test_a_catalog_tail_cut_and_written_over_leaves_both_versions_in_the_bucket(
    file_archive: Archive, file_settings: Settings
) -> None:
    import sqlite3

    views(file_archive, 6)
    with sqlite3.connect(file_settings.data_dir / "catalog.sqlite3") as conn:
        conn.execute("delete from audit_events where seq >= 5")
    views(file_archive, 1)  # takes number 5 again; the original #5 must survive
    assert len(event_objects(file_archive, 5)) == 2
    problems = audit.verify_chain(file_archive)
    assert any(
        p.startswith("Sự kiện #5 (bản lưu trong kho)") and "nhiều bản" in p for p in problems
    )
    assert any(p.startswith("Sự kiện #6:") and "xóa khỏi CSDL" in p for p in problems)


def _die_after_the_catalog_commit(data_dir: str) -> None:
    import os
    import signal

    def killed(archive: Archive, row: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    audit_bucket.copy_event = killed  # type: ignore[assignment]
    archive = Archive.open(Settings(data_dir=Path(data_dir)))
    audit.record_event(archive, "lan", "download", record_id="r9")


def test_an_event_whose_copy_a_crash_interrupted_is_copied_before_a_rebuild(
    file_archive: Archive, file_settings: Settings
) -> None:
    import multiprocessing
    import signal

    from archive.rebuild import rebuild_catalog

    views(file_archive, 3)
    process = multiprocessing.get_context("spawn").Process(
        target=_die_after_the_catalog_commit, args=(str(file_settings.data_dir),)
    )
    process.start()
    process.join(timeout=120)
    assert process.exitcode == -signal.SIGKILL
    assert not event_objects(file_archive, 4)
    assert audit.verify_chain(file_archive) == []  # pending, not missing
    rebuild_catalog(file_archive)
    events = audit.events(file_archive)
    assert [e.action for e in events][:1] == ["download"] and len(events) == 4
    assert event_objects(file_archive, 4)
    assert audit.verify_chain(file_archive) == []


def test_an_archive_from_before_keeps_its_accounts_lists_and_trail_through_a_rebuild(
    file_archive: Archive, file_settings: Settings, sample_files: list[Path]
) -> None:
    """Accounts, lists and events that only the catalog held are copied out first."""
    import sqlite3

    from archive.rebuild import rebuild_catalog

    (record_id,) = ingest(file_archive, sample_files[:1])
    for user in (ARCHIVIST, ADMIN_B):
        add_user(file_archive, user.username, PASSWORD, user.role)
    set_retention(file_archive, ARCHIVIST, record_id, years=1, reason="Theo quy chế cơ quan")
    listed = propose(file_archive, ARCHIVIST, [record_id], action="destroy", reason="Hết hạn")
    decide(file_archive, ADMIN_B, listed.id, approve=True, reason="Đồng ý hủy")
    before = snapshot(file_archive, [record_id], [record_id])
    # What an older Hoso left: none of these in storage, events not marked as copied.
    for prefix in ("accounts/", "tokens/", "audit/"):
        for key in list(file_archive.store.list(prefix)):
            file_archive.store.delete(key)
    for key in ("proposal.json", "decision.json"):
        file_archive.store.delete(f"disposals/{listed.id}/{key}")
    with sqlite3.connect(file_settings.data_dir / "catalog.sqlite3") as conn:
        conn.execute("update audit_events set stored = 0")
    rebuild_catalog(file_archive)
    assert snapshot(file_archive, [record_id], [record_id]) == before
    assert audit.verify_chain(file_archive) == []


@pytest.mark.pg
def test_on_postgresql_numbering_goes_on_after_the_restored_events_and_lists(
    tmp_path: Path, sample_files: list[Path]
) -> None:
    import tempfile

    from archive.rebuild import rebuild_catalog
    from tests.postgres import PostgreSQL

    server = PostgreSQL(Path(tempfile.mkdtemp(prefix="hoso-pg-")))
    server.start()
    archive = Archive.open(Settings(data_dir=tmp_path / "data", database_url=server.url))
    try:
        (first, second) = ingest(archive, sample_files[:2])
        for user in (ARCHIVIST, ADMIN_B):
            add_user(archive, user.username, PASSWORD, user.role)
        for record_id in (first, second):
            set_retention(archive, ARCHIVIST, record_id, years=1, reason="Theo quy chế cơ quan")
        listed = propose(archive, ARCHIVIST, [first], action="destroy", reason="Hết hạn")
        views(archive, 3)
        before = snapshot(archive, [first, second], [first])
        rebuild_catalog(archive)
        assert snapshot(archive, [first, second], [first]) == before
        views(archive, 2)
        again = propose(archive, ARCHIVIST, [second], action="destroy", reason="Hết hạn")
        assert again.id == listed.id + 1
        decide(archive, ADMIN_B, again.id, approve=True, reason="Đồng ý hủy")
        assert audit.verify_chain(archive) == []
    finally:
        archive.close()
        server.stop()


def _write_events(data_dir: str, writer: int, count: int) -> None:
    archive = Archive.open(Settings(data_dir=Path(data_dir)))
    try:
        for i in range(count):
            audit.record_event(archive, f"nguoi-{writer}", "view", record_id=f"r{i}")
    finally:
        archive.close()


def test_writers_in_several_processes_keep_one_chain_in_both_copies(
    file_archive: Archive, file_settings: Settings
) -> None:
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    writers = [
        ctx.Process(target=_write_events, args=(str(file_settings.data_dir), n, 400))
        for n in range(3)
    ]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=300)
        assert process.exitcode == 0
    assert audit.verify_chain(file_archive) == []
    assert audit_bucket.sealed_segments(file_archive.store).keys() == {0}
    assert sum(len(chunk) for chunk in audit_bucket.stored_ranges(file_archive.store)) == 1200
