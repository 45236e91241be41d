"""Per-field accuracy of the parser over the annotated corpus."""

from __future__ import annotations

from vn_scoring import (
    REPORT,
    TEXT_FIELDS,
    award_key,
    f1,
    f1_counts,
    number_key,
    reference_key,
    same_text,
    table,
)

from archive.vn import parse

FLOORS = {
    "doc_type": 0.98,
    "number": 0.98,
    "issued_date": 0.98,
    "issuer": 0.95,
    "signer": 0.95,
    "signer_title": 0.95,
    "subject": 0.90,
    "awards": 0.90,
    "references": 0.90,
}


def measure(docs: list[tuple[str, str, dict]]) -> dict[str, tuple[float, int]]:
    """Return {field: (score, number of documents scored)} for parsed ``docs``."""
    hits: dict[str, list[bool]] = {name: [] for name in (*TEXT_FIELDS, "subject", "recipients")}
    counts = {"awards": [0, 0, 0], "references": [0, 0, 0]}
    for _name, text, truth in docs:
        got = parse(text)
        for field in hits:
            if truth.get(field) is not None:
                hits[field].append(_field_ok(field, got[field], truth[field]))
        for field, key in (("awards", award_key), ("references", reference_key)):
            for i, value in enumerate(f1_counts(got[field], truth[field], key)):
                counts[field][i] += value
    scores = {f: (sum(v) / len(v), len(v)) for f, v in hits.items() if v}
    scores.update({f: (f1(*c), c[2]) for f, c in counts.items()})
    return scores


def _field_ok(field: str, got: object, want: object) -> bool:
    if field == "recipients":
        return [str(x) for x in got or []] == [str(x) for x in want]  # type: ignore[union-attr]
    if field == "number":
        return number_key(str(got)) == number_key(str(want)) and got is not None
    return same_text(got, want, loose_case=field == "subject")


def test_corpus_accuracy(corpus) -> None:
    scores = measure(corpus)
    REPORT.append(table("normal text (corpus)", scores))
    low = {f: s for f, (s, _n) in scores.items() if f in FLOORS and s < FLOORS[f]}
    assert not low, f"fields below their floor: {low}"


def test_every_result_has_the_public_keys(corpus) -> None:
    keys = {
        "doc_type", "number", "issued_date", "place", "issuer", "subject", "signer",
        "signer_title", "recipients", "references", "awards",
    }  # fmt: skip
    for _name, text, _truth in corpus:
        got = parse(text)
        assert set(got) == keys
        assert isinstance(got["awards"], list) and isinstance(got["references"], list)
