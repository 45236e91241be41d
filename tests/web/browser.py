"""Shared pieces of the browser tests: headless Chromium on a live server, screenshots."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from archive.settings import Settings
from tests.web.conftest import PASSWORD, job_workers, make_app
from tests.web.server import serving

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
__all__ = ["CHROMIUM", "PASSWORD", "live", "page", "shot", "signin"]


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, Flask]]:
    app = make_app(Settings(data_dir=tmp_path / "data", max_upload_mb=50, workers=2))
    with job_workers(app), serving(app) as url:
        yield url, app
    app.extensions["hoso.archive"].close()


@pytest.fixture
def page(live: tuple[str, Flask]):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 860}, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def signin(page, url: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url + "/signin")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(url + "/")
