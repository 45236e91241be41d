"""Query cost is bounded: length, terms and nesting are refused with 400 and a reason.

Each hostile query is sent the three ways a person can: the search page, the API and
``hoso search``. A query within every limit runs inside the search budget.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from archive.accounts import create_token
from archive.facade import Archive
from archive.settings import Settings
from cli import main
from ingest.pipeline import Ingester
from search import query as q
from tests.web.conftest import PASSWORD, make_app

# query -> a word of the refusal, so each case proves the limit it is about.
HOSTILE = {
    "long": ("khen " * 300, "ký tự"),
    "many_terms": (" ".join(f"tu{i}" for i in range(q.MAX_QUERY_TERMS + 1)), "từ"),
    "words_1000": (" ".join(["khen"] * 1000), "ký tự"),
    "a_long_phrase": ('"' + "bằng khen " * 40 + '"', "từ"),
    "one_word_of_syllables": ("-".join(["a"] * 300), "từ"),
    "parentheses_2000": ("(" * 2000 + "khen" + ")" * 2000, "ký tự"),
    "parentheses_deep": ("(" * (q.MAX_QUERY_DEPTH + 1) + "khen" + ")" * 20, "tầng"),
    "nots_3000": ("NOT " * 3000 + "khen", "ký tự"),
    "nots_deep": ("NOT " * (q.MAX_QUERY_DEPTH + 1) + "khen", "tầng"),
    "minus_deep": ("-" * (q.MAX_QUERY_DEPTH + 2) + "khen", "tầng"),
    "year_huge": ("nam:0..99999999999999999999", "năm"),
    "year_huge_exact": ("nam:99999999999999999999", "năm"),
    "award_year_huge": ("namkhen:99999999999999999999", "năm"),
    "year_negative": ("nam:-5..2015", "năm"),
    "date_far": ("ngay:2015-01-01..99999-01-01", "ngày"),
}


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = make_app(Settings(data_dir=tmp_path / "data", max_upload_mb=50))
    archive: Archive = app.extensions["hoso.archive"]
    ingester = Ingester(archive, user="archivist", batch_size=100)
    for i in range(40):
        text = f"QUYẾT ĐỊNH số {i}/QĐ-UBND về việc tặng bằng khen năm {2000 + i % 20}\n" * 5
        ingester.ingest_stream(io.BytesIO(text.encode()), f"qd-{i}.txt")
    ingester.flush()
    yield app
    archive.close()


@pytest.fixture
def viewer(app: Flask) -> FlaskClient:
    client = app.test_client()
    client.post("/signin", data={"username": "viewer", "password": PASSWORD})
    return client


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_search_page_refuses_with_400(viewer: FlaskClient, case: str) -> None:
    text, reason = HOSTILE[case]
    started = time.monotonic()
    response = viewer.get("/search", query_string={"q": text})
    assert time.monotonic() - started < q.SEARCH_BUDGET_SECONDS
    assert response.status_code == 400
    assert reason in response.get_data(as_text=True)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_api_refuses_with_400_json(app: Flask, case: str) -> None:
    text, reason = HOSTILE[case]
    token = create_token(app.extensions["hoso.archive"], "viewer")
    response = app.test_client().get(
        "/api/v1/search", query_string={"q": text}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "bad_query"
    assert reason in error["message"]


@pytest.mark.parametrize("case", ["many_terms", "parentheses_deep", "year_huge"])
def test_cli_search_says_loi(app: Flask, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text, reason = HOSTILE[case]
    archive: Archive = app.extensions["hoso.archive"]
    monkeypatch.setenv("HOSO_DATA_DIR", str(archive.settings.data_dir))
    result = CliRunner().invoke(main, ["--operator", "search", text])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("Lỗi: ")
    assert reason in result.output
    assert "không lường trước" not in result.output


def test_parser_refuses_before_recursing() -> None:
    """No RecursionError whatever the nesting: the depth is counted, not recursed into."""
    for text in ("(" * 900 + "a", "NOT " * 240 + "a", "-" * 990 + "a"):
        with pytest.raises(q.QuerySyntaxError):
            q.parse(text)


def test_within_limits_is_accepted_and_fast(viewer: FlaskClient) -> None:
    """The heaviest query the limits let through still answers within the budget."""
    words = " ".join(["bằng khen", "quyết định", "năm"] * 20)[: q.MAX_QUERY_CHARS]
    nested = "(" * (q.MAX_QUERY_DEPTH - 1) + "khen OR tặng" + ")" * (q.MAX_QUERY_DEPTH - 1)
    for text in (
        " ".join(f"khen{i % 3}" if i % 2 else "khen" for i in range(q.MAX_QUERY_TERMS)),
        '"' + " ".join(words.split()[: q.MAX_QUERY_TERMS]) + '"',
        nested,
        "nam:1..9999 NOT ngay:01/01/2001..31/12/2005",
    ):
        started = time.monotonic()
        response = viewer.get("/search", query_string={"q": text})
        elapsed = time.monotonic() - started
        assert response.status_code == 200, (text, response.get_data(as_text=True)[:300])
        assert elapsed < q.SEARCH_BUDGET_SECONDS, (text, elapsed)
