"""Fixtures for the Vietnamese document parser tests."""

from __future__ import annotations

import pytest
from vn_scoring import REPORT, corpus_dir, load_corpus


@pytest.fixture(scope="session")
def corpus() -> list[tuple[str, str, dict]]:
    """Return the annotated corpus, or skip when it is not on this machine."""
    if not (corpus_dir() / "truth.json").is_file():
        pytest.skip(f"corpus not found at {corpus_dir()} (set HOSO_CORPUS_DIR)")
    return load_corpus()


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the accuracy tables the corpus tests measured."""
    if REPORT:
        terminalreporter.section("Vietnamese parser accuracy")
        for block in REPORT:
            terminalreporter.write_line(block)
