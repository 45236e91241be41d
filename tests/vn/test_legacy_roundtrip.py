"""TCVN3 and VNI text converts back to the same text and metadata as the Unicode original."""

from __future__ import annotations

import pytest
from test_corpus_accuracy import measure
from vn_scoring import REPORT, encode_tcvn3, encode_vni, table

from archive.vn import clean_text, parse
from archive.vn.legacy import detect

ENCODERS = {"tcvn3": encode_tcvn3, "vni": encode_vni}


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_round_trip_text_and_metadata(corpus, encoding: str) -> None:
    encode = ENCODERS[encoding]
    for name, text, _truth in corpus:
        legacy = encode(text)
        assert legacy != text, name
        assert detect(legacy) == encoding, name
        if not _has_legacy_line(text):
            # a line already in TCVN3 inside the Unicode original cannot be encoded again
            assert clean_text(legacy) == clean_text(text), name
        assert parse(legacy) == parse(text), name


def _has_legacy_line(text: str) -> bool:
    return any(detect(line) for line in text.split("\n"))


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_legacy_accuracy_table(corpus, encoding: str) -> None:
    encoded = [(n, ENCODERS[encoding](text), t) for n, text, t in corpus]
    REPORT.append(table(f"legacy {encoding.upper()}", measure(encoded)))
