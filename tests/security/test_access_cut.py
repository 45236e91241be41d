"""Access can be cut: a password change or a lock ends every session and token of the
account; tokens expire, are named, show when they were last used, can be revoked on the
web and from the command line, and may be read-only; accounts are locked, unlocked and
given another role from the admin page and the command line, all in the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from archive import audit
from archive.accounts import create_token, list_tokens
from archive.audit import AuditFilter
from archive.catalog.models import TokenRow
from archive.facade import Archive
from archive.settings import Settings
from cli import main
from tests.web.conftest import CORPUS_DOC, PASSWORD, Auth, make_app

NEW_PASSWORD = "sông-Hồng-mùa-nước-lũ"


@pytest.fixture
def app(file_settings: Settings) -> Iterator[Flask]:
    made = make_app(file_settings)
    yield made
    made.extensions["hoso.archive"].close()


@pytest.fixture
def archive(app: Flask) -> Archive:
    return app.extensions["hoso.archive"]


def signed_in(app: Flask, username: str, password: str = PASSWORD) -> FlaskClient:
    client = app.test_client()
    assert Auth(client).signin(username, password).status_code == 302
    return client


def works(client: FlaskClient) -> bool:
    return client.get("/account/", headers={"Accept": "application/json"}).status_code == 200


def api_ok(app: Flask, token: str) -> bool:
    answer = app.test_client().get(
        "/api/v1/search?q=x", headers={"Authorization": f"Bearer {token}"}
    )
    return answer.status_code == 200


def hoso(settings: Settings, *args: str, user: str = "admin"):  # type: ignore[no-untyped-def]
    env = {"HOSO_DATA_DIR": str(settings.data_dir), "HOSO_USER": user}
    return CliRunner().invoke(main, list(args), env=env, input=NEW_PASSWORD + "\n")


def test_a_password_change_ends_other_sessions_and_tokens(app: Flask, archive: Archive) -> None:
    laptop, phone = signed_in(app, "archivist"), signed_in(app, "archivist")
    token = create_token(archive, "archivist", "máy quét")
    assert works(laptop) and api_ok(app, token)
    changed = phone.post(
        "/account/password",
        data={"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    assert not works(laptop) and not works(phone) and not api_ok(app, token)
    assert works(signed_in(app, "archivist", NEW_PASSWORD))


def test_an_administrator_reset_from_the_command_line_ends_them_too(
    app: Flask, archive: Archive, file_settings: Settings
) -> None:
    session = signed_in(app, "viewer")
    token = create_token(archive, "viewer")
    result = hoso(file_settings, "user", "password", "viewer", "--password-stdin")
    assert result.exit_code == 0, result.output
    assert not works(session) and not api_ok(app, token)
    assert [e.details for e in audit.find_events(archive, AuditFilter(action="password_set"))] == [
        {"username": "viewer"}
    ]


def test_a_lock_on_the_admin_page_ends_sessions_and_tokens_for_good(
    app: Flask, archive: Archive
) -> None:
    session, token = signed_in(app, "auditor"), create_token(archive, "auditor")
    admin = signed_in(app, "admin")
    assert admin.post("/admin/users/auditor/lock").status_code == 302
    assert not works(session) and not api_ok(app, token)
    assert Auth(app.test_client()).signin("auditor").status_code == 401
    assert admin.post("/admin/users/auditor/unlock").status_code == 302
    assert works(signed_in(app, "auditor"))
    assert not api_ok(app, token)  # an unlock does not bring old tokens back
    done = [e.action for e in audit.find_events(archive, AuditFilter(username="admin"))]
    assert {"user_lock", "user_unlock"} <= set(done)


def test_roles_change_on_the_admin_page_and_from_the_command_line(
    app: Flask, archive: Archive, file_settings: Settings
) -> None:
    viewer = signed_in(app, "viewer")
    assert viewer.get("/upload/").status_code == 403
    admin = signed_in(app, "admin")
    assert admin.post("/admin/users/viewer/role", data={"role": "archivist"}).status_code == 302
    assert viewer.get("/upload/").status_code == 200
    assert admin.post("/admin/users/viewer/role", data={"role": "chu-tich"}).status_code == 400
    result = hoso(file_settings, "user", "role", "viewer", "auditor")
    assert result.exit_code == 0 and "Kiểm tra" in result.output, result.output
    assert viewer.get("/upload/").status_code == 403
    assert admin.post("/admin/users/admin/lock").status_code == 400  # never oneself
    roles = [e.details["role"] for e in audit.find_events(archive, AuditFilter(action="user_role"))]
    assert sorted(roles) == ["archivist", "auditor"]


def test_lock_and_unlock_from_the_command_line(
    app: Flask, archive: Archive, file_settings: Settings
) -> None:
    token = create_token(archive, "archivist")
    assert hoso(file_settings, "user", "lock", "archivist").exit_code == 0
    assert not api_ok(app, token)
    listed = hoso(file_settings, "user", "list").output
    assert "archivist" in listed and "đã khóa" in listed
    assert hoso(file_settings, "user", "unlock", "archivist").exit_code == 0
    assert hoso(file_settings, "user", "lock", "archivist", user="viewer").exit_code == 1


def test_tokens_expire(app: Flask, archive: Archive) -> None:
    token = create_token(archive, "viewer", "báo cáo", days=1)
    assert api_ok(app, token)
    with archive.session() as session:
        row = session.query(TokenRow).one()
        row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    assert not api_ok(app, token)
    assert [t.state for t in list_tokens(archive, "viewer")] == ["expired"]


def test_the_default_expiry_is_the_setting(archive: Archive) -> None:
    create_token(archive, "viewer")
    (info,) = list_tokens(archive, "viewer")
    assert info.expires_at is not None
    days = (info.expires_at - info.created_at).days
    assert days == archive.settings.token_days == 90


def test_the_account_page_lists_tokens_and_revokes_them(app: Flask, archive: Archive) -> None:
    client = signed_in(app, "archivist")
    made = client.post("/account/token", data={"label": "máy quét tầng 2", "days": "30"})
    token = made.get_data(as_text=True).split('id="new-token">')[1].split("<")[0]
    assert api_ok(app, token)
    html = client.get("/account/").get_data(as_text=True)
    (info,) = list_tokens(archive, "archivist")
    assert "máy quét tầng 2" in html and info.id in html and info.last_used_at is not None
    assert client.post(f"/account/tokens/{info.id}/revoke").status_code == 302
    assert not api_ok(app, token)
    # Someone else's token is not one's own to revoke.
    other = create_token(archive, "auditor")
    other_id = next(t.id for t in list_tokens(archive, "auditor"))
    assert client.post(f"/account/tokens/{other_id}/revoke").status_code == 403
    assert api_ok(app, other)
    assert client.post("/account/token", data={"days": "99999"}).status_code == 400


def test_the_command_line_lists_and_revokes_tokens(
    app: Flask, archive: Archive, file_settings: Settings
) -> None:
    made = hoso(file_settings, "token", "create", "viewer", "--label", "kịch bản", "--days", "7")
    token = made.stdout.strip().splitlines()[0]
    assert api_ok(app, token)
    listed = hoso(file_settings, "token", "list", "viewer").output
    (info,) = list_tokens(archive, "viewer")
    assert info.id in listed and "kịch bản" in listed and "còn hiệu lực" in listed
    assert hoso(file_settings, "token", "list", "viewer", "--json").output.count("\n") == 1
    assert hoso(file_settings, "token", "list", user="viewer").exit_code == 1  # all: admins only
    assert hoso(file_settings, "token", "revoke", info.id).exit_code == 0
    assert not api_ok(app, token)
    assert "đã thu hồi" in hoso(file_settings, "token", "list", "viewer").output
    assert hoso(file_settings, "token", "revoke", "zz").exit_code == 1
    revoked = audit.find_events(archive, AuditFilter(action="token_revoke"))
    assert revoked[0].details["token"] == info.id


def test_a_read_only_token_only_reads(app: Flask, archive: Archive, sample_dir: Path) -> None:
    corpus_doc = sample_dir / CORPUS_DOC
    token = create_token(archive, "archivist", "chỉ xem", read_only=True)
    headers = {"Authorization": f"Bearer {token}"}
    client = app.test_client()
    with corpus_doc.open("rb") as handle:
        refused = client.post("/api/v1/records", data={"file": (handle, "a.txt")}, headers=headers)
    assert refused.status_code == 403
    assert "chỉ đọc" in refused.get_json()["error"]["message"]
    writer = create_token(archive, "archivist")
    with corpus_doc.open("rb") as handle:
        made = client.post(
            "/api/v1/records",
            data={"file": (handle, "a.txt")},
            headers={"Authorization": f"Bearer {writer}"},
        )
    record_id = made.get_json()["id"]
    assert client.get(f"/api/v1/records/{record_id}", headers=headers).status_code == 200
    assert client.get("/api/v1/search?q=khen", headers=headers).status_code == 200
    change = client.patch(
        f"/api/v1/records/{record_id}",
        json={"metadata": {"subject": "sửa"}, "reason": "thử"},
        headers=headers,
    )
    assert change.status_code == 403
    (info,) = [t for t in list_tokens(archive, "archivist") if t.read_only]
    assert info.label == "chỉ xem"


def test_in_a_browser_tokens_are_revoked_and_accounts_locked(live, page) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    url, app = live
    archive = app.extensions["hoso.archive"]
    signin(page, url, "admin")
    page.goto(url + "/account/")
    page.fill("#label", "máy quét tầng 2")
    page.check("input[name=read_only]")
    page.click("text=" + "Tạo mã")
    token = page.inner_text("#new-token")
    assert api_ok(app, token)
    shot(page, "account-tokens")
    page.click("#tokens button[type=submit]")
    assert "Đã thu hồi" in page.inner_text("body") and not api_ok(app, token)
    page.goto(url + "/admin/users/")
    session = signed_in(app, "viewer")
    page.click("form[action='/admin/users/viewer/lock'] button")
    assert "Đã khóa tài khoản viewer" in page.inner_text("body")
    shot(page, "users-lock")
    assert not works(session)
    assert [t.state for t in list_tokens(archive, "admin")] == ["revoked"]


def test_a_rebuild_from_storage_keeps_access_cut(app: Flask, archive: Archive) -> None:
    """Revocations, expiries, scopes and ended sessions are in the bucket, not only the
    catalog: a rebuilt catalog does not bring a cut token back."""
    from archive.accounts import set_password
    from archive.rebuild import rebuild_catalog

    revoked = create_token(archive, "viewer", "thu hồi")
    from archive.accounts import revoke_token

    revoke_token(archive, list_tokens(archive, "viewer")[0].id)
    ended = create_token(archive, "auditor")
    set_password(archive, "auditor", NEW_PASSWORD)
    reader = create_token(archive, "archivist", days=5, read_only=True)
    session = signed_in(app, "admin")
    before = {t.id: t for t in list_tokens(archive)}
    rebuild_catalog(archive)
    after = {t.id: t for t in list_tokens(archive)}
    assert {i: (t.state, t.read_only, t.expires_at) for i, t in after.items()} == {
        i: (t.state, t.read_only, t.expires_at) for i, t in before.items()
    }
    assert not api_ok(app, revoked) and not api_ok(app, ended) and api_ok(app, reader)
    assert works(session) and works(signed_in(app, "auditor", NEW_PASSWORD))


# The browser fixtures, imported after tests.web.conftest (which they import).
from tests.web.browser import live, page, shot, signin  # noqa: E402, F401
