"""Audit packets: one validated BagIt package an inspector can check without Hoso — the
originals byte for byte, every metadata version, the searchable text, the audit events and
fixity results of each record, a printable index; bounded, audited, confidential members
left out for a role that may not see them."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner

from archive import audit, packet
from archive.accounts import User
from archive.actions import dossiers
from archive.edit import update_metadata
from archive.facade import Archive
from archive.fixity import run_checks
from archive.permissions import Forbidden
from archive.settings import from_env
from cli import main
from ingest import service as ingest_service
from tests.samples import decision

ARCHIVIST = User("lan", "Lan", "archivist")
AUDITOR = User("kiem", "Kiểm", "auditor")
VIEWER = User("xem", "Xem", "viewer")


def _ingest(archive: Archive, text: str, name: str, **entered: str) -> str:
    result = ingest_service.upload(
        archive, ARCHIVIST, io.BytesIO(text.encode()), name, entered=entered or None
    )
    assert result.record is not None
    return result.record.id


def _dossier(archive: Archive) -> tuple[str, str]:
    plain = _ingest(archive, decision(0), "../../quyết định 1.txt")
    secret = _ingest(archive, decision(1), "mat.txt", confidentiality="Mật")
    dossiers.create(archive, ARCHIVIST, "HS-2019/01", "Khen thưởng năm 2019")
    dossiers.add(archive, ARCHIVIST, "HS-2019/01", [plain, secret], reason="Lập hồ sơ năm")
    update_metadata(
        archive,
        plain,
        {"signer_title": "Phó Chủ tịch tỉnh"},
        reason="Bổ sung chức vụ người ký",
        user="lan",
    )
    run_checks(archive)
    return plain, secret


def _open(zipped: bytes, into: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(zipped)) as bundle:
        names = bundle.namelist()
        assert all(not n.startswith("/") and ".." not in n for n in names)
        bundle.extractall(into)
    (root,) = list(into.iterdir())
    return root


def test_packet_of_a_dossier_verifies_without_hoso(file_archive: Archive, tmp_path: Path) -> None:
    plain, secret = _dossier(file_archive)
    out = io.BytesIO()
    made = packet.build(file_archive, AUDITOR, ["HS-2019/01"], out)
    assert sorted(made.record_ids) == sorted([plain, secret]) and made.dossiers == ["HS-2019/01"]
    root = _open(out.getvalue(), tmp_path / "mo")
    bagit.Bag(str(root)).validate()
    folder = root / "data" / "records" / plain
    # The original byte for byte, at a fixed path whatever its file name was.
    assert (folder / "original.txt").read_bytes() == decision(0).encode()
    assert sorted(p.name for p in (folder / "metadata").iterdir()) == [
        "manifest-000001.json",
        "manifest-000002.json",
        "manifest-000003.json",
    ]
    version3 = json.loads((folder / "metadata" / "manifest-000003.json").read_text())
    assert version3["change"]["reason"] == "Bổ sung chức vụ người ký"
    assert "Bằng khen" in json.loads((folder / "text.json").read_text())["pages"][0]
    actions = {e["action"] for e in json.loads((folder / "audit-events.json").read_text())}
    assert {"upload", "dossier_add", "fixity"} <= actions
    fixity = json.loads((folder / "fixity.json").read_text())
    assert fixity["last"]["ok"] is True and fixity["packet_check"]["ok"] is True
    assert fixity["checks"][0]["action"] == "fixity"
    index = (root / "data" / "index.html").read_text(encoding="utf-8")
    record = file_archive.get(plain)
    assert (
        record.sha256 in index and "1000/QĐ-UBND" in index and "Bổ sung chức vụ người ký" in index
    )
    assert "sha256sum -c manifest-sha256.txt" in index
    assert (
        json.loads((root / "data" / "dossiers" / "001" / "dossier.json").read_text())["code"]
        == "HS-2019/01"
    )
    # The packet itself is audited, as a whole and on each record.
    events = audit.events(file_archive, limit=50)
    assert any(e.action == "packet" and e.details.get("packet") == made.id for e in events)
    assert any(e.action == "packet" for e in audit.events(file_archive, record_id=secret))


def test_confidential_members_left_out(
    file_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain, secret = _dossier(file_archive)
    # Today every role that reads the audit trail is cleared for confidential records; an
    # office's stricter rule (one that clears nobody) must leave them out of a packet.
    from archive.actions import dossiers as dossier_actions

    def uncleared(role: str, metadata: dict) -> bool:  # type: ignore[type-arg]
        return metadata.get("confidentiality") is None

    monkeypatch.setattr(packet, "may_see", uncleared)
    monkeypatch.setattr(dossier_actions, "may_see", uncleared)
    out = io.BytesIO()
    made = packet.build(file_archive, AUDITOR, ["HS-2019/01"], out)
    assert made.record_ids == [plain]
    names = zipfile.ZipFile(io.BytesIO(out.getvalue())).namelist()
    assert not any(secret in name for name in names)
    with pytest.raises(Exception, match=secret):
        packet.build(file_archive, AUDITOR, [secret], io.BytesIO())


def test_refusals(file_archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    plain, _ = _dossier(file_archive)
    with pytest.raises(Forbidden):
        packet.build(file_archive, VIEWER, [plain], io.BytesIO())
    with pytest.raises(packet.PacketError, match="KHONG-CO"):
        packet.build(file_archive, AUDITOR, ["KHONG-CO"], io.BytesIO())
    with pytest.raises(packet.PacketError, match="ít nhất"):
        packet.build(file_archive, AUDITOR, [], io.BytesIO())
    monkeypatch.setattr(packet, "MAX_RECORDS", 1)
    with pytest.raises(packet.PacketError, match="tối đa 1 tài liệu"):
        packet.build(file_archive, AUDITOR, ["HS-2019/01"], io.BytesIO())


def test_cli_packet(tmp_path: Path) -> None:
    env = {"HOSO_DATA_DIR": str(tmp_path / "data")}
    archive = Archive.open(from_env(env))
    try:
        plain, _ = _dossier(archive)
    finally:
        archive.close()
    runner = CliRunner()
    target = tmp_path / "goi.zip"
    ran = runner.invoke(
        main, ["--operator", "packet", plain, "HS-2019/01", "-o", str(target)], env=env
    )
    assert ran.exit_code == 0, ran.output
    assert "2 tài liệu" in ran.output
    root = _open(target.read_bytes(), tmp_path / "mo")
    bagit.Bag(str(root)).validate()
    refused = runner.invoke(
        main, ["--operator", "packet", "KHONG-CO", "-o", str(tmp_path / "x.zip")], env=env
    )
    assert refused.exit_code == 1 and refused.output.startswith("Lỗi:")
    assert not (tmp_path / "x.zip").exists()
    assert not list(tmp_path.glob(".goi-*"))
