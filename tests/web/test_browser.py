"""The main flows in headless Chromium against a real waitress server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.documents import write_pdf
from tests.web.browser import CHROMIUM, PASSWORD, shot, signin

PDF_SOURCE = "c01_qd_bangkhen_ubnd_laichau.txt"
TXT_SOURCE = "c02_qd_cstdcs_ltt_snv.txt"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"không có Chromium ở {CHROMIUM} (apt-get install chromium)"
)


def test_archivist_flow(live, page, sample_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, _ = live
    pdf = write_pdf((sample_dir / PDF_SOURCE).read_text(), tmp_path / "quyet-dinh-1268.pdf")
    txt = tmp_path / "quyết định 02.txt"
    txt.write_bytes((sample_dir / TXT_SOURCE).read_bytes())

    page.goto(url + "/")
    assert "/signin" in page.url
    shot(page, "01-signin")
    page.fill("#username", "archivist")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(url + "/")
    shot(page, "02-home-empty")

    page.click("nav >> text=Tiếp nhận")
    page.set_input_files("#files", [str(pdf), str(txt)])
    page.fill("#issuer", "")
    shot(page, "03-upload-queued")
    page.click("#upload-submit")
    page.wait_for_selector("#summary:not([hidden])")
    assert page.locator(".qi-created").count() == 2
    shot(page, "04-upload-done")

    page.set_input_files("#files", [str(txt)])
    page.click("#upload-submit")
    page.wait_for_selector(".qi-duplicate")
    shot(page, "05-upload-duplicate")

    page.goto(url + "/")
    shot(page, "06-home")

    page.goto(url + "/search")
    shot(page, "07-search-empty")
    page.fill("#q", "khen thuong")
    page.press("#q", "Enter")
    page.wait_for_selector(".hit")
    assert page.locator(".hit").count() == 2
    assert page.locator(".snippet mark").count() > 0
    shot(page, "08-search-results")

    page.goto(url + "/search?q=(khen")
    shot(page, "09-search-error")

    page.goto(url + "/search?q=khen+thuong")
    with page.expect_response(re.compile(r"/records/\w+/file$")) as viewer:
        page.click(".hit h3 a >> text=/Bằng khen/")
    response = viewer.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    page.wait_for_selector("iframe.viewer")
    shot(page, "10-record")

    page.click("#edit summary")
    page.fill("#edit-number", "1268/QĐ-UBND-SỬA")
    page.fill("#edit-reason", "Sửa số ký hiệu theo bản giấy")
    page.click("#edit button[type=submit]")
    page.wait_for_selector(".alert-success")
    history = page.locator("#history")
    assert "Phiên bản 2" in history.inner_text()
    assert "Sửa số ký hiệu theo bản giấy" in history.inner_text()
    assert "nhập tay" in page.locator("#metadata").inner_text()
    shot(page, "11-record-edited")

    page.click(".langs >> text=EN")
    page.wait_for_selector("#history h2:has-text('Version history')")
    shot(page, "12-record-english")


def test_admin_and_error_pages(live, page) -> None:  # type: ignore[no-untyped-def]
    url, _ = live
    signin(page, url, "admin")
    page.goto(url + "/admin/users/")
    assert page.locator("table tbody tr").count() == 4
    page.fill("#username", "lan.nt")
    page.fill("#full_name", "Nguyễn Thị Lan")
    page.select_option("#role", "archivist")
    page.fill("#password", "mot-mat-khau-dai")
    page.click("form.stack button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert page.locator("table tbody tr").count() == 5
    shot(page, "13-users")
    page.goto(url + "/account/")
    page.click("text=Tạo mã mới")
    page.wait_for_selector("#new-token")
    shot(page, "14-account-token")
    page.goto(url + "/records/khong-co")
    shot(page, "15-not-found")
    page.click("text=Đăng xuất")
    page.wait_for_url(re.compile(r"/signin"))
    signin(page, url, "viewer")
    page.goto(url + "/upload/")
    assert "không được phép" in page.inner_text("main")
    shot(page, "16-forbidden")
