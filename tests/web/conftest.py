"""Fixtures for the web tests: an app per test over a temp archive, accounts of every role."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from archive.accounts import add_user, create_token
from archive.facade import Archive
from archive.settings import Settings
from web import create_app

PASSWORD = "mat-khau-du-dai"
ROLES = ("viewer", "auditor", "archivist", "admin")
CORPUS_DOC = "c01_qd_bangkhen_ubnd_laichau.txt"


@cache
def seed() -> Path:
    """A data dir with the catalog migrated and every role's account, made once per run.

    Hashing four passwords and migrating a catalog take about a second; each test copies
    this folder instead, and still gets an archive of its own.
    """
    root = Path(tempfile.mkdtemp(prefix="hoso-seed-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    archive = Archive.open(Settings(data_dir=root / "data"))
    try:
        for role in ROLES:
            add_user(archive, role, PASSWORD, role, full_name=f"Người dùng {role}")
    finally:
        archive.close()
    return root / "data"


def make_app(settings: Settings, **config: object) -> Flask:
    """An app in test mode with every role's account (username = role name)."""
    if settings.data_dir.exists():
        raise ValueError(f"{settings.data_dir} exists; tests start from an empty data dir")
    shutil.copytree(seed(), settings.data_dir)
    return create_app(settings, {"TESTING": True, "WTF_CSRF_ENABLED": False, **config})


@pytest.fixture
def app(file_settings: Settings) -> Iterator[Flask]:
    app = make_app(file_settings)
    yield app
    app.extensions["hoso.archive"].close()


@contextmanager
def job_workers(app: Flask, count: int = 2) -> Iterator[None]:
    """Worker threads in the app's process, as ``hoso serve`` runs them."""
    from ingest.queue import JobQueue

    queue = JobQueue(app.extensions["hoso.archive"])
    app.extensions["hoso.queue"] = queue
    queue.start_in_background(count)
    try:
        yield
    finally:
        queue.stop()
        del app.extensions["hoso.queue"]


@pytest.fixture
def workers(app: Flask) -> Iterator[None]:
    """Run the jobs the app queues (imports, OCR) while the test runs."""
    with job_workers(app):
        yield


@pytest.fixture
def archive(app: Flask) -> Archive:
    return app.extensions["hoso.archive"]


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class Auth:
    """Sign in and out through the real form."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def signin(self, username: str = "archivist", password: str = PASSWORD):  # type: ignore[no-untyped-def]
        return self.client.post("/signin", data={"username": username, "password": password})

    def signout(self):  # type: ignore[no-untyped-def]
        return self.client.post("/signout")


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


@pytest.fixture
def corpus_doc(sample_dir: Path) -> Path:
    return sample_dir / CORPUS_DOC


@pytest.fixture
def record_id(client: FlaskClient, auth: Auth, corpus_doc: Path) -> str:
    """One archived corpus document, uploaded by the archivist."""
    auth.signin("archivist")
    with corpus_doc.open("rb") as handle:
        response = client.post(
            "/upload/file",
            data={"file": (handle, corpus_doc.name)},
            headers={"Accept": "application/json"},
        )
    assert response.status_code == 201, response.get_data(as_text=True)
    auth.signout()
    return str(response.get_json()["id"])


@pytest.fixture
def tokens(archive: Archive) -> dict[str, str]:
    """An API token for every role."""
    return {role: create_token(archive, role) for role in ROLES}


# The browser fixtures live beside the helpers they use; pytest finds them here.
from tests.web.browser import live, page  # noqa: E402, F401
