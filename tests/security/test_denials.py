"""Every refusal is an audit event: a 403, the hidden 404 of a confidential record, a
token that does not work, a throttled sign-in. A flood of them is written at a bounded
rate, the rest only counted, and the hash chain stays whole."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask

from archive import audit
from archive.accounts import create_token, list_tokens, revoke_token
from archive.audit import AuditEvent, AuditFilter
from archive.catalog.models import CounterRow
from archive.facade import Archive
from archive.settings import Settings
from tests.web.conftest import CORPUS_DOC, PASSWORD, Auth, make_app

BAD = {"Authorization": "Bearer hoso_khong-phai-ma-that"}


@pytest.fixture
def app(file_settings: Settings) -> Iterator[Flask]:
    made = make_app(file_settings)
    yield made
    made.extensions["hoso.archive"].close()


@pytest.fixture
def archive(app: Flask) -> Archive:
    return app.extensions["hoso.archive"]


def denials(archive: Archive, kind: str | None = None) -> list[AuditEvent]:
    found = audit.find_events(archive, AuditFilter(action="denied"), limit=None)
    return [e for e in found if kind is None or e.details["kind"] == kind]


def test_a_forbidden_page_is_an_audit_event(app: Flask, archive: Archive) -> None:
    client = app.test_client()
    Auth(client).signin("viewer")
    assert client.get("/admin/users/").status_code == 403
    assert client.post("/upload/file", data={}).status_code == 403
    found = denials(archive, "forbidden")
    assert [(e.username, e.details["action"], e.details["path"]) for e in found] == [
        ("viewer", "record.create", "/upload/file"),
        ("viewer", "user.manage", "/admin/users/"),
    ]
    assert found[0].address == "127.0.0.1"


def test_a_viewer_trying_a_confidential_record_is_noted(
    app: Flask, archive: Archive, sample_dir: Path
) -> None:
    writer = create_token(archive, "archivist")
    client = app.test_client()
    with (sample_dir / CORPUS_DOC).open("rb") as handle:
        made = client.post(
            "/api/v1/records",
            data={"file": (handle, "mat.txt"), "confidentiality": "Mật"},
            headers={"Authorization": f"Bearer {writer}"},
        )
    record_id = made.get_json()["id"]
    viewer = create_token(archive, "viewer")
    seen = client.get(f"/api/v1/records/{record_id}", headers={"Authorization": f"Bearer {viewer}"})
    assert seen.status_code == 404  # its existence stays hidden from the viewer...
    Auth(client).signin("viewer")
    assert client.get(f"/records/{record_id}/download").status_code == 404
    hidden = denials(archive, "hidden")  # ...but not from the audit trail
    assert [(e.username, e.record_id) for e in hidden] == [("viewer", record_id)] * 2


def test_tokens_that_do_not_work_are_noted_with_the_reason(app: Flask, archive: Archive) -> None:
    client = app.test_client()
    assert client.get("/api/v1/search?q=a", headers=BAD).status_code == 401
    revoked = create_token(archive, "viewer")
    revoke_token(archive, list_tokens(archive, "viewer")[0].id)
    answer = client.get("/api/v1/search?q=a", headers={"Authorization": f"Bearer {revoked}"})
    assert answer.status_code == 401
    assert [e.details["reason"] for e in denials(archive, "token")] == ["revoked", "unknown"]


def test_a_throttled_sign_in_is_noted(app: Flask, archive: Archive) -> None:
    client = app.test_client()
    for n in range(5):
        Auth(client).signin("admin", f"sai-{n}-mat-khau")
    assert Auth(client).signin("admin", PASSWORD).status_code == 429
    (event,) = denials(archive, "throttled")
    assert event.details["username"] == "admin" and event.address == "127.0.0.1"


def test_a_flood_of_denials_is_written_at_a_bounded_rate_and_counted(
    app: Flask, archive: Archive
) -> None:
    client = app.test_client()
    for _ in range(150):
        assert client.get("/api/v1/search?q=a", headers=BAD).status_code == 401
    limit = archive.settings.audit_denials_per_minute
    assert len(denials(archive, "token")) == limit
    # A minute later the next refusal is written, and so is how many were left out.
    with archive.session() as session:
        for row in session.query(CounterRow):
            row.window_start -= timedelta(minutes=2)
    client.get("/api/v1/search?q=a", headers=BAD)
    (left_out,) = audit.find_events(archive, AuditFilter(action="audit_suppressed"))
    assert left_out.details["count"] == 150 - limit
    assert left_out.details["action"] == "denied" and left_out.details["actor"] == "addr:127.0.0.1"
    assert len(denials(archive, "token")) == limit + 1
    assert audit.verify_chain(archive) == []


def test_many_actors_together_are_bounded_too(app: Flask, archive: Archive) -> None:
    client = app.test_client()
    limit = archive.settings.audit_denials_per_minute
    for n in range(30 * limit):
        client.get(
            "/api/v1/search?q=a",
            headers=BAD,
            environ_base={"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250}"},
        )
    assert len(denials(archive, "token")) == 20 * limit
    assert datetime.now(UTC) - denials(archive)[0].at < timedelta(minutes=5)


def test_a_refusal_on_the_command_line_is_an_audit_event(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from cli import main

    env = {"HOSO_DATA_DIR": str(tmp_path / "data")}
    runner = CliRunner()
    made = runner.invoke(
        main,
        ["--operator", "user", "add", "xem", "--role", "viewer", "--password-stdin"],
        input=PASSWORD + "\n",
        env=env,
    )
    assert made.exit_code == 0, made.output
    refused = runner.invoke(main, ["user", "list", "--user", "xem"], env=env)
    assert refused.exit_code == 1 and refused.output.startswith("Lỗi:")
    archive = Archive.open(Settings(data_dir=tmp_path / "data"))
    try:
        (event,) = denials(archive, "forbidden")
    finally:
        archive.close()
    assert event.username == "xem"
    assert event.details["action"] == "user.manage" and event.details["via"] == "cli"


def test_a_viewer_opening_a_confidential_dossier_is_noted(app: Flask, archive: Archive) -> None:
    from archive import dossiers

    dossiers.create_dossier(archive, "HS-MAT", "Hồ sơ mật", user="lan")
    dossiers.update_dossier(
        archive, "HS-MAT", {"confidentiality": "Mật"}, user="lan", reason="đóng dấu mật"
    )
    client = app.test_client()
    Auth(client).signin("viewer")
    assert client.get("/dossiers/HS-MAT").status_code == 404
    (event,) = denials(archive, "hidden")
    assert event.username == "viewer" and event.details["dossier"] == "HS-MAT"
