"""The records duties in headless Chromium: the duplicate-number warning on the upload page
and the record page's link, a saved search, the due notice on the home page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archive.facade import Archive
from tests.samples import decision
from tests.test_due_and_refusals import with_period
from tests.web.browser import CHROMIUM, shot, signin

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"không có Chromium ở {CHROMIUM} (apt-get install chromium)"
)


def test_duplicate_number_warning_and_link(live, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, _ = live
    first, second = tmp_path / "qd-ban-chinh.txt", tmp_path / "qd-ban-sao.txt"
    first.write_text(decision(0), encoding="utf-8")
    # Another file (other bytes) with the same number and issuer, typed in other case.
    second.write_text(
        decision(1).replace("Số: 1001/QĐ-UBND", "Số: 1000/QĐ-UBND") + "\nBản sao lưu\n",
        encoding="utf-8",
    )
    signin(page, url, "archivist")
    page.goto(url + "/upload/")
    page.set_input_files("#files", [str(first)])
    page.click("#upload-submit")
    page.wait_for_selector("#summary:not([hidden])")
    page.goto(url + "/upload/")
    page.set_input_files("#files", [str(second)])
    page.click("#upload-submit")
    page.wait_for_selector(".same-number-note")
    warning = page.locator(".same-number-note").inner_text()
    assert "trùng số, ký hiệu" in warning.lower() and "1000/QĐ-UBND" in warning
    shot(page, "duties-01-upload-same-number")

    page.click(".qi-created .qi-status > a")  # the new record
    page.wait_for_selector("#same-number")
    block = page.locator("#same-number").inner_text()
    assert "Trùng số, ký hiệu với" in block and "1000/QĐ-UBND" in block
    shot(page, "duties-02-record-same-number")
    page.click("#same-number a")
    page.wait_for_selector("#same-number")  # the first record links back
    assert "qd-ban-sao.txt" in page.locator("#same-number").inner_text()


def test_saved_search_and_due_notice(live, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, app = live
    archive: Archive = app.extensions["hoso.archive"]
    for i in range(3):
        path = tmp_path / f"qd-{i}.txt"
        path.write_text(decision(i), encoding="utf-8")
        with_period(archive, path, date.today().year - 3 + i, 1)
    signin(page, url, "archivist")
    assert page.locator("#due-notice li").count() >= 1
    shot(page, "duties-03-home-due-notice")
    page.goto(url + "/search?q=b%E1%BA%B1ng+khen")
    page.click(".save-search summary")
    page.fill("#saved-name", "Bằng khen của tỉnh")
    page.click(".save-search button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert "Bằng khen của tỉnh" in page.locator("#saved-searches").inner_text()
    shot(page, "duties-04-search-saved")
    with page.expect_download() as download:
        page.click("#result-tools a:has-text('Excel')")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.goto(url + "/saved")
    assert page.locator("#saved-searches tbody tr").count() == 1
    shot(page, "duties-05-saved-list")
