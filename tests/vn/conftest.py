"""Fixtures for the Vietnamese document parser tests."""

from __future__ import annotations

import os

import pytest
from vn_scoring import REPORT, corpus_folders, load_corpus


@pytest.fixture(scope="session")
def corpus() -> list[tuple[str, str, dict]]:
    """Return the annotated corpus (both batches); skip when absent, fail when absent in CI."""
    missing = [str(f) for f in corpus_folders() if not (f / "truth.json").is_file()]
    if missing:
        message = f"corpus not found at {', '.join(missing)} (set HOSO_CORPUS_DIR)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return load_corpus()


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the accuracy tables the corpus tests measured."""
    if REPORT:
        terminalreporter.section("Vietnamese parser accuracy")
        for block in REPORT:
            terminalreporter.write_line(block)
