"""Per-field accuracy of the parser over the annotated corpus, development and held-out.

The documents are split by a fixed hash of their file name (``vn_scoring.is_held_out``);
the floors hold on the held-out set, the one that predicts unseen documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from renderings import LEGACY, read_back, via_legacy_docx, via_legacy_txt, via_pdf
from vn_scoring import (
    REPORT,
    TEXT_FIELDS,
    award_key,
    f1,
    f1_counts,
    number_key,
    reference_key,
    same_text,
    side_by_side,
    split,
)

from archive.vn import parse

# the targets for documents never seen before
FLOORS = {
    "doc_type": 0.95,
    "number": 0.95,
    "issued_date": 0.95,
    "place": 0.90,
    "issuer": 0.90,
    "subject": 0.90,
    "signer": 0.90,
    "signer_title": 0.90,
    "references": 0.90,
    "awards": 0.90,
}
KEY_FIELDS = ("doc_type", "number", "issued_date", "issuer", "subject", "signer")
LEGACY_FLOOR = 0.90

Doc = tuple[str, str, dict]


def measure(docs: list[Doc], parsed: list[dict] | None = None) -> dict[str, tuple[float, int]]:
    """Return {field: (score, number of documents scored)} for parsed ``docs``."""
    hits: dict[str, list[bool]] = {name: [] for name in (*TEXT_FIELDS, "subject", "recipients")}
    counts = {"awards": [0, 0, 0], "references": [0, 0, 0]}
    for index, (_name, text, truth) in enumerate(docs):
        got = parsed[index] if parsed is not None else parse(text)
        for field in hits:
            if truth.get(field) is not None:
                hits[field].append(_field_ok(field, got.get(field), truth[field]))
        for field, key in (("awards", award_key), ("references", reference_key)):
            matched, predicted, expected = f1_counts(got.get(field) or [], truth[field], key)
            if field == "awards" and truth.get("awards_partial"):
                # the truth lists only some of the awards: extra ones cannot be judged
                predicted = matched
            for i, value in enumerate((matched, predicted, expected)):
                counts[field][i] += value
    scores = {f: (sum(v) / len(v), len(v)) for f, v in hits.items() if v}
    scores.update({f: (f1(*c), c[2]) for f, c in counts.items()})
    return scores


def key_field_share(docs: list[Doc], parsed: list[dict]) -> tuple[float, int]:
    """Share of the key fields (where the truth shows them) read right."""
    ok = [
        _field_ok(field, got.get(field), truth[field])
        for (_n, _t, truth), got in zip(docs, parsed, strict=True)
        for field in KEY_FIELDS
        if truth.get(field) is not None
    ]
    return (sum(ok) / len(ok), len(ok)) if ok else (1.0, 0)


def _field_ok(field: str, got: object, want: object) -> bool:
    if field == "recipients":
        return [str(x) for x in got or []] == [str(x) for x in want]  # type: ignore[union-attr]
    if field == "number":
        return number_key(str(got)) == number_key(str(want)) and got is not None
    return same_text(got, want, loose_case=field == "subject")


def _below(scores: dict[str, tuple[float, int]]) -> dict[str, float]:
    return {f: round(s, 3) for f, (s, _n) in scores.items() if f in FLOORS and s < FLOORS[f]}


@pytest.fixture(scope="module")
def pdf_parsed(corpus, tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("pdf")
    return {name: read_back(via_pdf(text, folder, name)) for name, text, _t in corpus}


def test_corpus_accuracy(corpus, pdf_parsed) -> None:
    sets = split(corpus)
    columns = {}
    for label, docs in sets.items():
        columns[f"{label} text"] = measure(docs)
        columns[f"{label} PDF"] = measure(docs, [pdf_parsed[n] for n, _t, _m in docs])
    REPORT.append(
        side_by_side(
            f"corpus: {len(sets['development'])} development, "
            f"{len(sets['held-out'])} held-out documents",
            columns,
        )
    )
    low = {label: _below(scores) for label, scores in columns.items() if "held-out" in label}
    assert not any(low.values()), f"held-out fields below their floor: {low}"


@pytest.mark.parametrize("encoding", sorted(LEGACY))
def test_legacy_renderings_accuracy(corpus, encoding: str, tmp_path: Path) -> None:
    columns, shares = {}, {}
    for label, docs in split(corpus).items():
        for kind, render in (("txt", via_legacy_txt), ("DOCX", via_legacy_docx)):
            parsed = [read_back(render(text, encoding, tmp_path, n)) for n, text, _t in docs]
            columns[f"{label} {kind}"] = measure(docs, parsed)
            shares[f"{label} {kind}"] = key_field_share(docs, parsed)
    body = side_by_side(f"legacy {encoding.upper()} renderings", columns)
    share_line = ", ".join(f"{label} {s:.1%} (n={n})" for label, (s, n) in shares.items())
    REPORT.append(f"{body}\n  key fields: {share_line}")
    low = {k: s for k, (s, _n) in shares.items() if "held-out" in k and s < LEGACY_FLOOR}
    assert not low, f"legacy {encoding} key fields below {LEGACY_FLOOR:.0%}: {low}"


def test_every_result_has_the_public_keys(corpus) -> None:
    keys = {
        "doc_type", "number", "issued_date", "place", "issuer", "subject", "signer",
        "signer_title", "recipients", "references", "awards", "confidentiality",
        "urgency",
    }  # fmt: skip
    for _name, text, _truth in corpus:
        got = parse(text)
        assert set(got) == keys
        assert isinstance(got["awards"], list) and isinstance(got["references"], list)
