"""The statistics page, a chart, an award history and the duplicate-award warning in
headless Chromium; the page printed on A4 names the office, the period and the date."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from pypdf import PdfReader

from archive.settings import Settings
from ingest.batch import ingest_paths
from tests.awards_texts import award_decision, write
from tests.web.browser import CHROMIUM, shot, signin
from tests.web.conftest import make_app
from tests.web.server import serving

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"không có Chromium ở {CHROMIUM} (apt-get install chromium)"
)
OFFICE = "Ban Thi đua – Khen thưởng tỉnh Hà Giang"
BK = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
PEOPLE = [
    "Ông Nguyễn Văn Hoà, Trưởng phòng, Sở Nội vụ",
    "Bà Lò Thị Mai, Chuyên viên, Sở Tư pháp",
    "Ông Vàng Seo Dìn, Sở Giáo dục và Đào tạo",
    "Bà Hoàng Thị Nhung, Sở Y tế",
    "Trường Trung học phổ thông Vị Xuyên",
    "Phòng Tổ chức cán bộ, Sở Nội vụ",
]


def awards_of(folder: Path) -> list[Path]:
    """Three years of decisions at the three levels."""
    made = []
    plan = [
        (2022, "state", "Huân chương Lao động hạng Ba", PEOPLE[:2]),
        (2022, "ministry_province", BK, PEOPLE[1:5]),
        (2023, "ministry_province", BK, PEOPLE[:6]),
        (2023, "ministry_province", "Chiến sĩ thi đua cấp tỉnh", PEOPLE[:3]),
        (2023, "agency", "Giấy khen", PEOPLE[2:6]),
        (2024, "state", "Bằng khen của Thủ tướng Chính phủ", PEOPLE[3:6]),
        (2024, "ministry_province", "Cờ thi đua của Ủy ban nhân dân tỉnh", PEOPLE[4:6]),
        (2024, "agency", "Lao động tiên tiến", PEOPLE[:4]),
        (2024, "agency", "Giấy khen", PEOPLE[:2]),
    ]
    for n, (year, level, form, who) in enumerate(plan, 1):
        text = award_decision(f"{100 + n}/QĐ-{year}", level=level, form=form, year=year, recipients=who, month=n)  # fmt: skip
        made.append(write(folder, f"qd-{n}.txt", text))
    return made


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[str, Flask]]:
    app = make_app(Settings(data_dir=tmp_path / "data", office_name=OFFICE))
    ingest_paths(app.extensions["hoso.archive"], awards_of(tmp_path / "in"), user="archivist")
    with serving(app) as url:
        yield url, app
    app.extensions["hoso.archive"].close()


@pytest.fixture
def browser_page(office):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    from tests.web.browser import ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 860}, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def test_statistics_chart_history_and_duplicate_award(office, browser_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, _ = office
    page = browser_page
    signin(page, url, "archivist")
    page.click("nav >> text=Thống kê")
    page.fill("#from", "2022")
    page.fill("#to", "2024")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector(".report-charts img")
    page.wait_for_load_state("networkidle")
    for chart in page.locator(".report-charts img").all():
        assert chart.bounding_box()["height"] > 200  # type: ignore[index]  # drawn, not broken
    assert page.locator(".report-totals .stat-value").first.inner_text() == "30"
    assert OFFICE.upper() in page.locator(".report-office").inner_text().upper()
    shot(page, "reports-01-statistics")
    page.locator(".report-charts figure").first.screenshot(
        path=str(_artifact("reports-02-chart-by-form"))
    )
    page.locator(".report-charts figure").nth(1).screenshot(
        path=str(_artifact("reports-03-chart-by-level"))
    )

    # Printed on A4: the office, the period and the date made, no navigation.
    page.emulate_media(media="print")
    shot(page, "reports-04-print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    first = pdf.pages[0]
    assert (
        abs(float(first.mediabox.width) - 595) < 2 and abs(float(first.mediabox.height) - 842) < 2
    )
    text = first.extract_text()
    assert "Từ năm 2022 đến năm 2024" in text and "Lập lúc" in text
    assert "Tiếp nhận" not in text  # the navigation is not printed
    page.emulate_media(media="screen")

    # A figure leads to the awards and decisions behind it.
    page.locator(".report-totals .stat").nth(1).click()
    page.wait_for_selector("table.table tbody tr")
    assert page.locator("table.table tbody tr").count() == 9  # the collectives
    shot(page, "reports-05-figure-entries")

    page.goto(url + "/reports/history/")
    page.fill("#person", "nguyen van hoa")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector(".timeline li")
    assert page.locator(".history").count() == 1
    assert page.locator(".timeline li").count() == 5
    shot(page, "reports-06-history")

    # Archiving the same award again warns on the upload page and on the review page.
    again = write(tmp_path / "dup", "qd-lai.txt", award_decision("555/QĐ-UBND", level="ministry_province", form=BK, year=2023, recipients=[PEOPLE[1]], month=12))  # fmt: skip
    page.goto(url + "/upload/")
    page.set_input_files("#files", [str(again)])
    page.click("#upload-submit")
    page.wait_for_selector(".award-flag")
    assert "Lò Thị Mai" in page.locator(".award-flag").inner_text()
    shot(page, "reports-07-upload-duplicate-award")
    page.click(".award-flag")
    page.wait_for_selector("tr[id^=flag-]")
    shot(page, "reports-08-duplicate-review")
    page.fill("tr[id^=flag-] input[name=reason]", "Khen theo chuyên đề, khác đợt tổng kết năm")
    page.click("tr[id^=flag-] button[type=submit]")
    page.wait_for_selector(".alert-success")
    assert page.locator("tr[id^=flag-]").count() == 0
    shot(page, "reports-09-duplicate-dismissed")


def _artifact(name: str) -> Path:
    from tests.web.browser import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"
