"""Sign-in cannot be guessed at: throttled per account and per address with a back-off
whose counts live in the catalog, failures audited at a bounded rate, unknown names as
slow as known ones, common and repetitive passwords refused everywhere; the session
cookie is HttpOnly, SameSite=Lax, and Secure (with HSTS) when deployment says so."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from archive import audit
from archive.accounts import AccountError, add_user, authenticate
from archive.audit import AuditFilter
from archive.facade import Archive
from archive.settings import Settings
from cli import main
from tests.web.conftest import PASSWORD, Auth, make_app
from web import create_app

WEAK = (
    "aaaaaaaaaa",
    "1111111111111",
    "1234567890",
    "0987654321",
    "abcdefghijkl",
    "abcabcabcabc",
    "abababababab",
    "password123",
    "Password2024!",
    "matkhau2024",
    "qwertyuiop",
    "anhyeuem1234",
)


@pytest.fixture
def app(file_settings: Settings) -> Iterator[Flask]:
    made = make_app(file_settings)
    yield made
    made.extensions["hoso.archive"].close()


@pytest.fixture
def archive(app: Flask) -> Archive:
    return app.extensions["hoso.archive"]


def signin(client: FlaskClient, username: str, password: str, addr: str = "192.0.2.1"):  # type: ignore[no-untyped-def]
    return client.post(
        "/signin",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": addr},
    )


def test_thirty_wrong_passwords_then_the_right_one_is_refused(app: Flask) -> None:
    client = app.test_client()
    statuses = [signin(client, "archivist", f"sai-{n}-mat-khau").status_code for n in range(30)]
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}
    right = signin(client, "archivist", PASSWORD)
    assert right.status_code == 429
    assert int(right.headers["Retry-After"]) > 0
    assert "thử lại sau" in right.get_data(as_text=True)
    assert client.get("/", headers={"Accept": "application/json"}).status_code == 401


def test_the_wait_doubles_and_ends(app: Flask, archive: Archive) -> None:
    client = app.test_client()
    for n in range(5):
        signin(client, "viewer", f"sai-{n}-mat-khau")
    first = int(signin(client, "viewer", PASSWORD).headers["Retry-After"])
    assert 25 <= first <= 30
    _expire_waits(archive)
    signin(client, "viewer", "sai-nua-mat-khau")
    second = int(signin(client, "viewer", PASSWORD).headers["Retry-After"])
    assert 55 <= second <= 60  # doubled
    _expire_waits(archive)
    assert signin(client, "viewer", PASSWORD).status_code == 302  # over: the right one works


def _expire_waits(archive: Archive) -> None:
    from datetime import UTC, datetime

    from archive.catalog.models import CounterRow

    with archive.session() as session:
        for row in session.query(CounterRow):
            row.blocked_until = datetime.now(UTC)


def test_one_address_trying_many_names_is_throttled(app: Flask) -> None:
    client = app.test_client()
    for n in range(20):
        assert (
            signin(client, f"khong-co-{n}", "sai-mat-khau-nua", "198.51.100.7").status_code == 401
        )
    assert signin(client, "admin", PASSWORD, "198.51.100.7").status_code == 429
    assert signin(client, "admin", PASSWORD, "198.51.100.8").status_code == 302


def test_the_counts_are_shared_by_every_process_on_the_catalog(
    app: Flask, file_settings: Settings
) -> None:
    """A second web process over the same catalog sees the first one's counts."""
    for n in range(5):
        signin(app.test_client(), "auditor", f"sai-{n}-mat-khau")
    other = create_app(file_settings, {"TESTING": True, "WTF_CSRF_ENABLED": False})
    try:
        assert signin(other.test_client(), "auditor", PASSWORD).status_code == 429
    finally:
        other.extensions["hoso.archive"].close()


def test_failed_sign_ins_are_audited_at_a_bounded_rate(app: Flask, archive: Archive) -> None:
    client = app.test_client()
    for n in range(60):
        signin(client, f"ten-{n}", "sai-mat-khau-nua", f"203.0.113.{n % 2}")
    failed = audit.find_events(archive, AuditFilter(action="signin_failed"), limit=None)
    denied = audit.find_events(archive, AuditFilter(action="denied"), limit=None)
    limit = archive.settings.audit_denials_per_minute
    assert len(failed) <= 2 * limit  # two addresses
    assert len(denied) <= 2 * limit
    assert {e.details["kind"] for e in denied} == {"throttled"}
    assert audit.verify_chain(archive) == []


def test_an_unknown_name_takes_as_long_as_a_known_one(archive: Archive) -> None:
    def median(name: str) -> float:
        times = []
        for _ in range(7):
            start = time.perf_counter()
            assert authenticate(archive, name, "khong-dung-dau") is None
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    authenticate(archive, "viewer", "lam-nong")  # the one-time dummy hash
    known, unknown = median("viewer"), median("khong-ai-ten-nay")
    assert 0.7 < unknown / known < 1.4, (known, unknown)


@pytest.mark.parametrize("password", WEAK)
def test_weak_passwords_are_refused_when_an_account_is_made(
    archive: Archive, password: str
) -> None:
    with pytest.raises(AccountError, match="Mật khẩu"):
        add_user(archive, "moi", password, "viewer")


def test_weak_passwords_are_refused_on_every_path(
    app: Flask, archive: Archive, file_settings: Settings
) -> None:
    admin = app.test_client()
    Auth(admin).signin("admin")
    made = admin.post(
        "/admin/users/",
        data={"username": "moi", "password": "aaaaaaaaaa", "role": "viewer", "full_name": ""},
    )
    assert made.status_code == 400 and "ký tự khác nhau" in made.get_data(as_text=True)
    own = admin.post(
        "/account/password",
        data={"current": PASSWORD, "new": "password2024", "confirm": "password2024"},
    )
    assert own.status_code == 400 and "phổ biến" in own.get_data(as_text=True)
    assert authenticate(archive, "admin", PASSWORD) is not None
    env = {"HOSO_DATA_DIR": str(file_settings.data_dir), "HOSO_USER": "admin"}
    for args in (["user", "add", "moi2", "--role", "viewer"], ["user", "password", "viewer"]):
        result = CliRunner().invoke(
            main, [*args, "--password-stdin"], env=env, input="1234567890\n"
        )
        assert result.exit_code == 1 and "liền nhau" in result.output, result.output
    assert authenticate(archive, "viewer", PASSWORD) is not None


def test_a_good_password_is_accepted(archive: Archive) -> None:
    add_user(archive, "moi", "trăng-soi-bến-nước-2026", "viewer")
    assert authenticate(archive, "moi", "trăng-soi-bến-nước-2026") is not None


def _cookie(response) -> str:  # type: ignore[no-untyped-def]
    return next(v for k, v in response.headers.items() if k == "Set-Cookie" and "hoso_session" in v)


def test_the_session_cookie_is_httponly_and_lax_and_not_secure_by_default(app: Flask) -> None:
    cookie = _cookie(signin(app.test_client(), "viewer", PASSWORD))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert "Strict-Transport-Security" not in app.test_client().get("/signin").headers


def test_behind_https_the_cookie_is_secure_and_hsts_is_sent(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", cookie_secure=True, hsts_seconds=31536000, proxy_hops=1
    )
    app = make_app(settings)
    try:
        client = app.test_client()
        answer = client.post(
            "/signin",
            data={"username": "viewer", "password": PASSWORD},
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.50"},
        )
        assert "Secure" in _cookie(answer)
        assert answer.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        archive = app.extensions["hoso.archive"]
        signins = audit.find_events(archive, AuditFilter(action="signin"))
        assert signins[0].address == "192.0.2.50"  # the client's, as the proxy says
    finally:
        app.extensions["hoso.archive"].close()


def test_the_settings_are_read_from_the_environment() -> None:
    from archive.settings import from_env

    got = from_env(
        {"HOSO_COOKIE_SECURE": "true", "HOSO_HSTS_SECONDS": "600", "HOSO_PROXY_HOPS": "1"}
    )
    assert got.cookie_secure is True and got.hsts_seconds == 600 and got.proxy_hops == 1
    with pytest.raises(ValueError, match="true hoặc false"):
        from_env({"HOSO_COOKIE_SECURE": "có lẽ"})


def test_counters_of_names_tried_long_ago_are_dropped(
    app: Flask, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A flood of made-up names leaves no lasting rows behind."""
    from datetime import UTC, datetime, timedelta

    from archive import counters
    from archive.catalog.models import CounterRow

    client = app.test_client()
    for n in range(10):
        signin(client, f"bia-{n}", "sai-mat-khau-nua", f"198.51.100.{n}")
    with archive.session() as session:
        for row in session.query(CounterRow):
            row.window_start -= timedelta(days=3)
            row.blocked_until = datetime.now(UTC) - timedelta(days=3)
    monkeypatch.setattr(counters, "PRUNE_CHANCE", 1.0)
    signin(client, "moi-nhat", "sai-mat-khau-nua", "198.51.100.99")
    with archive.sessions() as session:
        keys = {row.key for row in session.query(CounterRow)}
    assert keys == {"signin:user:moi-nhat", "signin:addr:198.51.100.99"} | {
        k for k in keys if k.startswith("audit:")
    }
    assert not any("bia-" in k for k in keys)
