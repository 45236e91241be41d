"""A dossier is as confidential as its most confidential member, for listing and opening."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.accounts import User
from archive.actions import dossiers
from archive.dossiers import DossierNotFound
from archive.facade import Archive
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult
from tests.samples import decision

VIEWER = User("xem", "Xem", "viewer")
ARCHIVIST = User("lan", "Lan", "archivist")


def test_a_viewer_neither_lists_nor_opens_a_dossier_with_a_secret_member(
    file_archive: Archive, tmp_path: Path
) -> None:
    paths = []
    for i in range(3):
        paths.append(tmp_path / f"qd-{i}.txt")
        paths[-1].write_text(decision(i), encoding="utf-8")
    results: list[IngestResult] = []
    ingest_paths(file_archive, paths[:2], user="lan", report=results.append)
    ingest_paths(
        file_archive, paths[2:], user="lan", entered={"confidentiality": "Mật"},
        report=results.append,
    )  # fmt: skip
    plain, other, secret = (r.record.id for r in results if r.record)
    dossiers.create(file_archive, ARCHIVIST, "HS-MO", "Hồ sơ công khai")
    dossiers.create(file_archive, ARCHIVIST, "HS-MAT", "Hồ sơ có tài liệu mật")
    dossiers.add(file_archive, ARCHIVIST, "HS-MO", [plain], reason="Lập hồ sơ năm")
    dossiers.add(file_archive, ARCHIVIST, "HS-MAT", [other, secret], reason="Lập hồ sơ năm")

    assert [d.code for d in dossiers.list_dossiers(file_archive, VIEWER)] == ["HS-MO"]
    with pytest.raises(DossierNotFound):
        dossiers.show(file_archive, VIEWER, "HS-MAT")
    assert {d.code for d in dossiers.list_dossiers(file_archive, ARCHIVIST)} == {"HS-MO", "HS-MAT"}
    _, members = dossiers.show(file_archive, ARCHIVIST, "HS-MAT")
    assert {r.id for r in members} == {other, secret}
    # The open member names its dossier only to a role that may know of that dossier.
    from archive import service
    from archive.actions import searches

    assert "dossier_id" not in service.view(file_archive, VIEWER, other).metadata
    assert service.view(file_archive, ARCHIVIST, other).metadata["dossier_id"] == "HS-MAT"
    assert service.view(file_archive, VIEWER, plain).metadata["dossier_id"] == "HS-MO"
    import io

    out = io.BytesIO()
    searches.export(file_archive, VIEWER, out, "", fmt="csv")
    assert b"HS-MAT" not in out.getvalue() and b"HS-MO" in out.getvalue()
