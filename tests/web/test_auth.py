"""Signing in and out, the guard in front of every page, CSRF, session and key."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from archive import audit
from archive.facade import Archive
from archive.settings import Settings
from tests.web.conftest import PASSWORD, Auth, make_app
from web import create_app

PAGES = ["/", "/search", "/search?q=khen", "/upload/", "/records/abc", "/account/", "/admin/users/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_signing_in(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.location.startswith("/signin?next=")


def test_unknown_address_redirects_too(client: FlaskClient) -> None:
    assert client.get("/no/such/page").status_code == 302


def test_static_and_signin_are_open(client: FlaskClient) -> None:
    with client.get("/static/hoso.css") as css:
        assert css.status_code == 200
    page = client.get("/signin")
    assert page.status_code == 200
    assert "Đăng nhập" in page.get_data(as_text=True)


def test_upload_script_gets_401_json_without_session(client: FlaskClient) -> None:
    response = client.post("/upload/file", headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_signin_signout_are_audited(client: FlaskClient, auth: Auth, archive: Archive) -> None:
    assert auth.signin("viewer").location == "/"
    assert client.get("/").status_code == 200
    assert auth.signout().location == "/signin"
    assert client.get("/").status_code == 302
    actions = [(e.username, e.action) for e in audit.events(archive)]
    assert ("viewer", "signin") in actions and ("viewer", "signout") in actions
    assert all(e.address == "127.0.0.1" for e in audit.events(archive))


def test_wrong_password_is_refused_and_audited(auth: Auth, archive: Archive) -> None:
    response = auth.signin("viewer", "sai-mat-khau-roi")
    assert response.status_code == 401
    assert "không đúng" in response.get_data(as_text=True)
    assert audit.events(archive)[0].action == "signin_failed"


def test_signin_returns_to_the_page_asked_for(client: FlaskClient) -> None:
    data = {"username": "viewer", "password": PASSWORD, "next": "/search?q=khen"}
    assert client.post("/signin", data=data).location == "/search?q=khen"


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil"])
def test_no_open_redirect(client: FlaskClient, target: str) -> None:
    data = {"username": "viewer", "password": PASSWORD, "next": target}
    assert client.post("/signin", data=data).location == "/"


def test_session_cookie_flags(client: FlaskClient, auth: Auth) -> None:
    cookie = auth.signin("viewer").headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_security_headers(client: FlaskClient, auth: Auth) -> None:
    auth.signin("viewer")
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"


@pytest.fixture
def apps() -> Iterator[list[Flask]]:
    """Apps a test builds itself, closed afterwards."""
    made: list[Flask] = []
    yield made
    for app in made:
        app.extensions["hoso.archive"].close()


def _csrf_client(tmp_path: Path, apps: list[Flask]) -> FlaskClient:
    apps.append(make_app(Settings(data_dir=tmp_path / "csrf"), WTF_CSRF_ENABLED=True))
    return apps[-1].test_client()


def _token(client: FlaskClient, path: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', client.get(path).get_data(True))
    assert match
    return match.group(1)


def test_csrf_is_required_on_forms(tmp_path: Path, apps: list[Flask]) -> None:
    client = _csrf_client(tmp_path, apps)
    bare = client.post("/signin", data={"username": "admin", "password": PASSWORD})
    assert bare.status_code == 400
    assert "Phiên làm việc đã hết hạn" in bare.get_data(as_text=True)
    token = _token(client, "/signin")
    data = {"username": "admin", "password": PASSWORD, "csrf_token": token}
    assert client.post("/signin", data=data).status_code == 302
    assert client.post("/signout").status_code == 400
    assert client.post("/admin/users/", data={"username": "x"}).status_code == 400


def test_csrf_header_for_the_upload_script(tmp_path: Path, apps: list[Flask]) -> None:
    client = _csrf_client(tmp_path, apps)
    token = _token(client, "/signin")
    client.post("/signin", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    json = {"Accept": "application/json"}
    refused = client.post("/upload/file", headers=json)
    assert refused.status_code == 400
    assert refused.get_json()["error"]["code"] == "csrf"
    token = _token(client, "/upload/")
    accepted = client.post("/upload/file", headers={**json, "X-CSRFToken": token})
    assert accepted.status_code == 400  # past CSRF: now it is the missing file
    assert accepted.get_json()["error"]["code"] == "bad_request"


def test_secret_key_is_generated_once_and_private(tmp_path: Path, apps: list[Flask]) -> None:
    settings = Settings(data_dir=tmp_path / "keyed")
    first = make_app(settings)
    apps.append(first)
    second = create_app(settings, {"TESTING": True})
    apps.append(second)
    key_file = settings.data_dir / "secret_key"
    assert first.config["SECRET_KEY"] == key_file.read_text()
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_secret_key_from_settings_wins(tmp_path: Path, apps: list[Flask]) -> None:
    app = make_app(Settings(data_dir=tmp_path / "set", secret_key="k" * 40))
    apps.append(app)
    assert app.config["SECRET_KEY"] == "k" * 40
    assert not (tmp_path / "set" / "secret_key").exists()
