"""Records management in headless Chromium: disposition end to end, bulk import, dossiers."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

from archive.accounts import add_user, get_user
from archive.facade import Archive
from archive.records import blob_key
from archive.retention.decide import set_retention
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult
from tests.web.browser import CHROMIUM, PASSWORD, shot, signin

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"không có Chromium ở {CHROMIUM} (apt-get install chromium)"
)
SOURCES = ("c01_qd_bangkhen_ubnd_laichau.txt", "c02_qd_cstdcs_ltt_snv.txt")


def due_records(archive: Archive, sample_dir: Path) -> list[str]:
    """Two decisions of 2015–2016 that an archivist chose to keep one year: long due."""
    results: list[IngestResult] = []
    ingest_paths(
        archive, [sample_dir / name for name in SOURCES], user="lan", report=results.append
    )
    archivist = get_user(archive, "archivist")
    assert archivist is not None
    ids = [r.record.id for r in results if r.record is not None]
    for record_id in ids:
        set_retention(archive, archivist, record_id, years=1, reason="Theo quy chế cơ quan")
    return ids


def propose(page, record_id: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    page.check(f"#pick-{record_id}")
    page.select_option("#action", "destroy")
    page.fill("#reason", reason)
    page.click("#propose")
    page.wait_for_selector(".alert-success")


def decide(page, list_id: int, reason: str) -> None:  # type: ignore[no-untyped-def]
    page.fill(f"#why-{list_id}", reason)
    page.click(f"#list-{list_id} button[value=approve]")
    page.wait_for_selector(".alert")


def test_disposition_end_to_end(live, page, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    url, app = live
    archive: Archive = app.extensions["hoso.archive"]
    add_user(archive, "admin2", PASSWORD, "admin", full_name="Quản trị thứ hai")
    first, second = due_records(archive, sample_dir)
    shas = {rid: archive.get(rid).sha256 for rid in (first, second)}

    signin(page, url, "archivist")
    page.click("summary:has-text('Quản lý lưu trữ')")
    shot(page, "20-nav-menu")
    page.click(".menu-list >> text=Xử lý hết hạn")
    page.wait_for_selector("#due")
    assert page.locator("#due tbody tr").count() == 2
    shot(page, "21-disposition-due")
    propose(page, first, "Hết thời hạn bảo quản theo quy chế")
    assert page.locator("#list-1 form.decide").count() == 0  # an archivist cannot decide
    shot(page, "22-disposition-proposed")

    page.click("text=Đăng xuất")
    signin(page, url, "admin")
    page.goto(url + "/disposition/")
    propose(page, second, "Hết thời hạn bảo quản theo quy chế")
    decide(page, 2, "Tự duyệt danh sách của mình")
    assert "bốn mắt" in page.inner_text(".alert-error")
    shot(page, "23-disposition-four-eyes")
    assert archive.store.exists(blob_key(shas[second]))

    page.click("text=Đăng xuất")
    signin(page, url, "admin2")
    page.goto(url + "/disposition/")
    decide(page, 1, "Đồng ý hủy theo quy định")
    decide(page, 2, "Đồng ý hủy theo quy định")
    assert page.locator(".disposal-approved").count() == 2
    shot(page, "24-disposition-approved")
    for sha in shas.values():
        assert not archive.store.exists(blob_key(sha))

    with page.expect_popup() as popup:
        page.click("#list-1 >> text=Biên bản")
    report = popup.value
    report.wait_for_load_state()
    assert first in report.content() and "BIÊN BẢN HỦY" in report.inner_text("h1").upper()
    shot(report, "25-disposal-report")
    report.close()

    page.goto(url + f"/records/{first}")
    assert "Tài liệu này đã bị hủy" in page.inner_text("#tombstone")
    shot(page, "26-record-tombstone")

    page.goto(url + "/audit/")
    trail = page.inner_text("main")
    for step in ("Đề xuất xử lý tài liệu hết hạn", "Duyệt danh sách xử lý", "Hủy tài liệu"):
        assert step in trail, step
    page.click("text=Kiểm tra tính toàn vẹn")
    page.wait_for_selector("#verify-result")
    assert "nguyên vẹn" in page.inner_text("#verify-result")
    shot(page, "27-audit")


def make_box(tmp_path: Path, sample_dir: Path) -> tuple[Path, Path]:
    box = tmp_path / "hop-2015.zip"
    with zipfile.ZipFile(box, "w") as handle:
        for name in SOURCES:
            handle.write(sample_dir / name, f"cap-01/{name}")
    manifest = tmp_path / "bang-ke.csv"
    with manifest.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Tệp", "Số, ký hiệu", "Mã hồ sơ", "Số trang"])
        # The ZIP's one top folder (cap-01) is not part of the paths a manifest names.
        writer.writerow([SOURCES[0], "1268/QĐ-UBND", "HS-2015-01", "1"])
        writer.writerow([SOURCES[1], "", "HS-2015-01", "3"])
        writer.writerow(["thieu-trang.pdf", "", "", ""])
    return box, manifest


def test_import_and_dossier_pages(live, page, sample_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, _ = live
    box, manifest = make_box(tmp_path, sample_dir)
    signin(page, url, "archivist")
    page.goto(url + "/import/")
    page.set_input_files("#box", str(box))
    page.set_input_files("#manifest", str(manifest))
    shot(page, "30-import-form")
    page.click("#import-form button[type=submit]")
    page.wait_for_url(re.compile(r"/import/\w+$"))
    page.wait_for_selector("#summary", timeout=60_000)
    assert "Đã xử lý 3/3 tệp" in page.inner_text("#progress")
    assert page.locator("#outcomes tbody tr").count() == 3
    assert "Bảng kê ghi nhưng không có tệp" in page.inner_text("#outcomes")
    shot(page, "31-import-summary")
    with page.expect_download() as download:
        page.click("#report-link")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    assert len(rows) == 5 and rows[1][0] == "(bảng kê)"  # the dossier it opened, then 3 files

    page.goto(url + "/dossiers/")
    assert "HS-2015-01" in page.inner_text("main")
    shot(page, "32-dossiers")
    page.click("text=HS-2015-01")
    page.click("#edit summary")
    page.fill("#d-title", "Hồ sơ khen thưởng năm 2015")
    page.fill("#d-start", "01/01/2015")
    page.fill("#d-end", "31/12/2016")
    page.select_option("#d-mode", "years")
    page.fill("#d-years", "10")
    page.fill("#d-reason", "Bổ sung tiêu đề và thời gian theo bản giấy")
    page.click("#edit button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert page.locator("#records tbody tr").count() == 2
    assert "31/12/2016" in page.inner_text("#details") and "10 năm" in page.inner_text("#details")
    shot(page, "33-dossier")
    page.click("text=Tìm trong hồ sơ")
    page.wait_for_selector(".hit")
    assert page.locator(".hit").count() == 2

    page.goto(url + "/awards?person=lo+thi+huong")
    assert "Lò Thị Hương" in page.inner_text("main")
    shot(page, "34-awards")
    page.click("td a >> text=/1268/")
    page.wait_for_selector("#retention")
    shot(page, "35-record-panels")


def test_alerts_holds_jobs_review_in_both_languages(live, page, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from archive import jobs
    from archive.catalog.models import AlertRow
    from tests.web.test_work import weak_ocr

    url, app = live
    archive: Archive = app.extensions["hoso.archive"]
    first, _ = due_records(archive, sample_dir)
    weak_ocr(archive, first)
    job_id = jobs.create(archive, "ocr", first)
    jobs.finish(archive, job_id, error="NotFound: bản gốc tạm thời không đọc được")
    with archive.session() as session:
        message = f"Bản gốc của tài liệu {first} đã bị thay đổi: SHA-256 không khớp"
        session.add(
            AlertRow(at=datetime.now(UTC), kind="fixity_mismatch", record_id=first, message=message)
        )

    signin(page, url, "auditor")
    assert "Bản gốc bị thay đổi" in page.inner_text("#alerts")
    shot(page, "40-home-alert")
    page.goto(url + f"/records/{first}")
    page.click("#holds summary:has-text('Đặt lệnh giữ')")
    page.fill("#hold-reason", "Phục vụ thanh tra năm 2026")
    page.click("#holds button[type=submit]")
    page.wait_for_selector(".hold-active")
    shot(page, "41-record-held")
    page.goto(url + "/")
    page.fill("#alerts input[name=note]", "Đã khôi phục bản gốc từ bản sao lưu")
    page.click("#alerts button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert page.locator("#alerts").count() == 0

    page.click("text=Đăng xuất")
    signin(page, url, "archivist")
    page.goto(url + "/review/")
    assert "42%" in page.inner_text("main")
    shot(page, "42-review")
    page.goto(url + "/jobs/")
    page.click("button:has-text('Chạy lại')")
    page.wait_for_selector(".alert-success")
    shot(page, "43-jobs")
    page.goto(url + f"/records/{first}")
    page.click(".langs >> text=EN")
    page.wait_for_selector("#retention h2:has-text('Retention')")
    assert "ON HOLD" in page.inner_text("#holds")
    shot(page, "44-record-english")
