"""Each search answers within its time budget or is refused: 503 with a reason, ``Lỗi: …``.

No engine can be stopped part-way, so searches run on a few search threads per process
and the caller waits at most the budget. The slow engine here is the real tantivy search
held back until the test lets it go: a pure stand-in for a query that takes long.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from archive.accounts import create_token
from archive.facade import Archive
from archive.settings import Settings, from_env
from cli import main
from ingest.pipeline import Ingester
from search import SearchIndex, SearchTooSlow, budget
from search.tantivy_engine import TantivyGeneration
from tests.web.conftest import PASSWORD, make_app

BUDGET = 0.4
MESSAGE = "Tìm kiếm mất quá nhiều thời gian; hãy thu hẹp câu tìm kiếm (thêm từ, trường, năm)."


class SlowEngine:
    """Holds every tantivy search until ``release``; notes which threads searched."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.gate = threading.Event()
        self.slow = True
        self.threads: list[str] = []
        original = TantivyGeneration.search
        engine = self

        def search(generation: TantivyGeneration, request: Any) -> Any:
            engine.threads.append(threading.current_thread().name)
            if engine.slow:
                engine.gate.wait(10)
            return original(generation, request)

        monkeypatch.setattr(TantivyGeneration, "search", search)

    def release(self) -> None:
        self.slow = False
        self.gate.set()


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> budget.SearchPool:
    """A pool of two search threads of its own, so the test can fill it."""
    fresh = budget.SearchPool(2)
    monkeypatch.setattr(budget, "_POOL", fresh)
    return fresh


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch, pool: budget.SearchPool) -> Iterator[SlowEngine]:
    engine = SlowEngine(monkeypatch)
    yield engine
    engine.release()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = make_app(Settings(data_dir=tmp_path / "data", search_budget_seconds=BUDGET))
    archive: Archive = app.extensions["hoso.archive"]
    ingester = Ingester(archive, user="archivist", batch_size=10)
    for i in range(3):
        text = f"QUYẾT ĐỊNH số {i}/QĐ-UBND về việc tặng bằng khen năm 2015\n"
        ingester.ingest_stream(io.BytesIO(text.encode()), f"qd-{i}.txt")
    ingester.flush()
    yield app
    archive.close()


@pytest.fixture
def viewer(app: Flask) -> FlaskClient:
    client = app.test_client()
    client.post("/signin", data={"username": "viewer", "password": PASSWORD})
    return client


def test_search_page_answers_503_with_the_reason(viewer: FlaskClient, slow: SlowEngine) -> None:
    started = time.monotonic()
    response = viewer.get("/search", query_string={"q": "bằng khen"})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert MESSAGE in response.get_data(as_text=True)
    assert BUDGET <= elapsed < BUDGET + 1.0


def test_api_answers_503_json(app: Flask, slow: SlowEngine) -> None:
    token = create_token(app.extensions["hoso.archive"], "viewer")
    response = app.test_client().get(
        "/api/v1/search",
        query_string={"q": "bằng khen"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 503
    assert response.get_json() == {"error": {"code": "search_too_slow", "message": MESSAGE}}


def test_cli_says_loi(app: Flask, slow: SlowEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    archive: Archive = app.extensions["hoso.archive"]
    monkeypatch.setenv("HOSO_DATA_DIR", str(archive.settings.data_dir))
    monkeypatch.setenv("HOSO_SEARCH_BUDGET_SECONDS", str(BUDGET))
    result = CliRunner().invoke(main, ["--operator", "search", "bằng khen"])
    assert result.exit_code == 1, result.output
    assert result.output.strip() == f"Lỗi: {MESSAGE}"


def test_normal_search_runs_on_a_search_thread(viewer: FlaskClient, slow: SlowEngine) -> None:
    slow.release()
    response = viewer.get("/search", query_string={"q": "bằng khen"})
    assert response.status_code == 200
    assert "qd-1.txt" in response.get_data(as_text=True)
    assert slow.threads and all(name.startswith("hoso-search-") for name in slow.threads)


def test_busy_threads_refuse_new_searches_until_they_end(
    viewer: FlaskClient, slow: SlowEngine
) -> None:
    """Slow searches keep their thread past the budget; no more than the pool run at once."""
    for _ in range(2):  # each is refused at the budget but keeps searching
        assert viewer.get("/search", query_string={"q": "khen"}).status_code == 503
    assert len(slow.threads) == 2
    started = time.monotonic()
    assert viewer.get("/search", query_string={"q": "khen"}).status_code == 503
    assert time.monotonic() - started < BUDGET + 1.0
    assert len(slow.threads) == 2  # the third never reached the engine
    slow.release()
    deadline = time.monotonic() + 5
    while viewer.get("/search", query_string={"q": "khen"}).status_code != 200:
        assert time.monotonic() < deadline, "the search threads were not freed"
    assert len(slow.threads) >= 3


def test_pool_frees_slots_and_passes_errors_back(pool: budget.SearchPool) -> None:
    gate = threading.Event()
    ran: list[str] = []

    def slow_work() -> str:
        gate.wait(10)
        return "slow"

    def late() -> str:
        ran.append("late")
        return "late"

    for _ in range(2):
        with pytest.raises(SearchTooSlow):
            pool.run(slow_work, 0.05)
    with pytest.raises(SearchTooSlow):
        pool.run(late, 0.1)
    assert ran == []  # refused without a free thread, never run
    gate.set()
    time.sleep(0.05)
    assert pool.run(lambda: "fast", 1.0) == "fast"

    def broken() -> str:
        raise ValueError("hỏng")

    with pytest.raises(ValueError, match="hỏng"):
        pool.run(broken, 1.0)


def test_budget_setting_is_bounded(tmp_path: Path) -> None:
    assert from_env({"HOSO_SEARCH_BUDGET_SECONDS": "1.5"}).search_budget_seconds == 1.5
    assert from_env({}).search_budget_seconds == 2.0
    for raw in ("0", "-1", "nan", "inf", "chậm"):
        with pytest.raises(ValueError, match="HOSO_SEARCH_BUDGET_SECONDS"):
            from_env({"HOSO_SEARCH_BUDGET_SECONDS": raw})
    with pytest.raises(ValueError):
        SearchIndex(tmp_path / "index", budget=0)
