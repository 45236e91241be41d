"""Shared fixtures: the corpus, fresh archives on a folder and on a real S3 server."""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.facade import Archive
from archive.settings import Settings
from tests.postgres import PostgreSQL
from tests.seaweed import SeaweedFS

ROOT = Path(__file__).resolve().parent.parent


SAMPLES = ROOT / "tests" / "fixtures" / "documents"


def shared_corpus() -> Path:
    """The annotated corpus the parser's accuracy is measured on.

    Only the corpus-accuracy tests need it. Missing, they skip with the reason on a
    developer's machine, and fail under CI, where a skip would hide a lost measurement.
    """
    path = Path(os.environ.get("HOSO_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
    if not (path / "truth.json").is_file():
        reason = f"no annotated corpus at {path} (set HOSO_CORPUS_DIR)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI measures parser accuracy, so it must be there")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return shared_corpus()


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The documents the tests keep (tests/fixtures/documents): always there."""
    return SAMPLES


@pytest.fixture(scope="session")
def sample_files(sample_dir: Path) -> list[Path]:
    return sorted(sample_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedFS]:
    server = SeaweedFS(tmp_path_factory.mktemp("seaweedfs"))
    server.start()
    previous = {k: os.environ.get(k) for k in server.environment()}
    os.environ.update(server.environment())
    try:
        yield server
    finally:
        server.stop()
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgreSQL]:
    """One PostgreSQL server for the whole run, started when a test first asks for it.

    Missing, it skips with the reason on a developer's machine and fails under CI.
    """
    server = PostgreSQL(Path(tempfile.mkdtemp(prefix="hoso-pg-")))
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as error:
        reason = f"PostgreSQL does not start here: {error}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_database(pg_server: PostgreSQL) -> str:
    """The URL of a new, empty database on the shared PostgreSQL server."""
    return pg_server.create_database(f"t{uuid.uuid4().hex[:12]}")


def make_settings(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Settings:
    storage_url = ""
    if backend == "s3":
        request.getfixturevalue("seaweed")
        storage_url = f"s3://hoso-{tmp_path.name.lower().replace('_', '-')[-40:]}/archive"
    return Settings(data_dir=tmp_path / "data", storage_url=storage_url, max_upload_mb=50)


@pytest.fixture(params=["file", pytest.param("s3", marks=pytest.mark.s3)])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def settings(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Settings:
    return make_settings(tmp_path, backend, request)


@pytest.fixture
def file_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", max_upload_mb=50)


@pytest.fixture
def archive(settings: Settings) -> Iterator[Archive]:
    opened = Archive.open(settings)
    yield opened
    opened.close()


@pytest.fixture
def file_archive(file_settings: Settings) -> Iterator[Archive]:
    opened = Archive.open(file_settings)
    yield opened
    opened.close()
