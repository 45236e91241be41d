"""The parser still reads number and date from text damaged as OCR damages it."""

from __future__ import annotations

from test_corpus_accuracy import measure
from vn_scoring import REPORT, degrade, table

SEEDS = range(1, 9)


def test_degraded_ocr_keeps_number_and_date(corpus) -> None:
    damaged = [(n, degrade(text, seed), t) for seed in SEEDS for n, text, t in corpus]
    scores = measure(damaged)
    REPORT.append(table(f"degraded OCR ({len(SEEDS)} seeds)", scores))
    assert scores["number"][0] >= 0.90
    assert scores["issued_date"][0] >= 0.90


def test_degrader_is_deterministic(corpus) -> None:
    _name, text, _truth = corpus[0]
    assert degrade(text, 7) == degrade(text, 7)
    assert degrade(text, 7) != text
