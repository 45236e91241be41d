"""Pages by role and language: what each role sees, and every page in both languages."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from archive.accounts import get_user
from archive.facade import Archive
from tests.web.conftest import PASSWORD, Auth


def pages(record_id: str) -> list[str]:
    return ["/", "/search", "/search?q=khen+thuong", "/search?q=(", f"/records/{record_id}",
            "/upload/", "/account/", "/admin/users/", "/awards", "/dossiers/", "/import/",
            "/review/", "/jobs/", "/disposition/", "/audit/", "/audit/verify",
            "/reports/awards/?year=2019", "/reports/awards/entries?from=2019&to=2019&kind=individual",
            "/reports/history/?person=vang+seo+din", "/reports/duplicates/"]  # fmt: skip


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_renders_in_both_languages(
    client: FlaskClient, auth: Auth, record_id: str, lang: str
) -> None:
    auth.signin("admin")
    client.get(f"/lang/{lang}")
    for path in pages(record_id):
        response = client.get(path)
        assert response.status_code in (200, 400), path
        assert f'<html lang="{lang}">' in response.get_data(as_text=True)


def test_language_switch_to_english_and_back(client: FlaskClient, auth: Auth) -> None:
    assert "Đăng nhập" in client.get("/signin").get_data(as_text=True)
    assert client.get("/lang/en?next=/signin").location == "/signin"
    page = client.get("/signin").get_data(as_text=True)
    assert "Sign in" in page and "Đăng nhập" not in page
    auth.signin("viewer")  # the choice survives signing in
    home = client.get("/").get_data(as_text=True)
    assert "Archive overview" in home and "Search" in home
    client.get("/lang/vi")
    assert "Tổng quan kho lưu trữ" in client.get("/").get_data(as_text=True)


def test_language_switch_ignores_foreign_targets(client: FlaskClient) -> None:
    assert client.get("/lang/en?next=https://evil.example/").location == "/"
    client.get("/lang/xx")
    assert '<html lang="en">' in client.get("/signin").get_data(as_text=True)


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("viewer", "/upload/", 403),
        ("auditor", "/upload/", 403),
        ("archivist", "/upload/", 200),
        ("viewer", "/admin/users/", 403),
        ("archivist", "/admin/users/", 403),
        ("admin", "/admin/users/", 200),
        ("viewer", "/awards", 200),
        ("viewer", "/dossiers/", 200),
        ("auditor", "/import/", 403),
        ("archivist", "/import/", 200),
        ("auditor", "/jobs/", 403),
        ("viewer", "/review/", 403),
        ("auditor", "/disposition/", 403),
        ("archivist", "/disposition/", 200),
        ("viewer", "/audit/", 403),
        ("auditor", "/audit/", 200),
    ],
)
def test_pages_by_role(client: FlaskClient, auth: Auth, role: str, path: str, status: int) -> None:
    auth.signin(role)
    response = client.get(path)
    assert response.status_code == status
    if status == 403:
        assert "không được phép" in response.get_data(as_text=True)


def test_navigation_follows_the_role(client: FlaskClient, auth: Auth) -> None:
    auth.signin("viewer")
    nav = client.get("/").get_data(as_text=True)
    assert "Tiếp nhận" not in nav.split("</nav>")[0] and "Quản trị" not in nav.split("</nav>")[0]
    assert "Tra cứu khen thưởng" in nav and "Quản lý lưu trữ" not in nav
    auth.signin("auditor")
    nav = client.get("/").get_data(as_text=True).split("</nav>")[0]
    assert "Nhật ký" in nav and "Xử lý hết hạn" not in nav and "Nhập hàng loạt" not in nav
    auth.signin("admin")
    nav = client.get("/").get_data(as_text=True).split("</nav>")[0]
    assert "Tiếp nhận" in nav and "Quản trị" in nav
    for label in ("Hồ sơ", "Nhập hàng loạt", "Cần kiểm tra", "Việc nền", "Xử lý hết hạn"):
        assert label in nav, label


def test_no_session_goes_to_sign_in(client: FlaskClient) -> None:
    for path in ("/awards", "/dossiers/", "/import/", "/disposition/", "/audit/", "/jobs/"):
        response = client.get(path)
        assert response.status_code == 302 and "/signin" in response.location, path
    assert client.post("/holds/place", data={}).status_code == 302


def test_home_shows_counts_and_latest(client: FlaskClient, auth: Auth, record_id: str) -> None:
    auth.signin("viewer")
    page = client.get("/").get_data(as_text=True)
    assert "1268/QĐ-UBND" in page and f"/records/{record_id}" in page
    assert "18/12/2015" in page  # dd/mm/yyyy, never ISO
    assert "2015-12-18" not in page


def test_empty_home_invites_the_first_upload(client: FlaskClient, auth: Auth) -> None:
    auth.signin("archivist")
    page = client.get("/").get_data(as_text=True)
    assert "Kho chưa có tài liệu nào" in page and 'href="/upload/"' in page


def test_admin_adds_a_user(client: FlaskClient, auth: Auth, archive: Archive) -> None:
    auth.signin("admin")
    form = {"username": "lan.nt", "full_name": "Nguyễn Thị Lan", "role": "archivist"}
    response = client.post("/admin/users/", data={**form, "password": "mot-mat-khau-dai"})
    assert response.status_code == 302
    assert "Nguyễn Thị Lan" in client.get("/admin/users/").get_data(as_text=True)
    assert get_user(archive, "lan.nt") is not None
    again = client.post("/admin/users/", data={**form, "password": "mot-mat-khau-dai"})
    assert again.status_code == 400 and "đã có" in again.get_data(as_text=True)
    short = client.post("/admin/users/", data={**form, "username": "b", "password": "ngan"})
    assert short.status_code == 400


def test_archivist_cannot_add_users(client: FlaskClient, auth: Auth) -> None:
    auth.signin("archivist")
    form = {"username": "x1", "role": "admin", "password": "mot-mat-khau-dai"}
    assert client.post("/admin/users/", data=form).status_code == 403


def test_change_own_password(client: FlaskClient, auth: Auth) -> None:
    auth.signin("viewer")
    wrong = client.post("/account/password", data={"current": "sai", "new": "x", "confirm": "x"})
    assert wrong.status_code == 400 and "không đúng" in wrong.get_data(as_text=True)
    new = "mat-khau-moi-hon"
    mismatch = {"current": PASSWORD, "new": new, "confirm": new + "x"}
    assert client.post("/account/password", data=mismatch).status_code == 400
    ok = {"current": PASSWORD, "new": new, "confirm": new}
    assert client.post("/account/password", data=ok).status_code == 302
    auth.signout()
    assert auth.signin("viewer", new).status_code == 302


def test_create_api_token_shows_it_once(client: FlaskClient, auth: Auth) -> None:
    auth.signin("viewer")
    page = client.post("/account/token", data={"label": "thử"}).get_data(as_text=True)
    token = page.split('id="new-token">')[1].split("<")[0]
    assert token.startswith("hoso_")
    answer = client.get("/api/v1/search", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
