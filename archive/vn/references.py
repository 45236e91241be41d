"""Documents the text cites by number ("Chỉ thị số 34-CT/TW ngày 07/4/2014")."""

from __future__ import annotations

import re

from .dates import find_dates
from .doctypes import type_before
from .folding import fold_same
from .numbers import find_numbers, number_key, tidy, type_of_number

# what may stand between a number and its date: ", ngày", " ban hành ngày", " "
_DATE_GAP = re.compile(r"\s*,?\s*(?:\(?\s*)?(?:ban hanh\s*|ky\s*)?(?=ngay|\d)")


def find_references(text: str, own_number: str | None) -> list[dict[str, str | None]]:
    """Return each cited document once, in order of first mention."""
    own = number_key(own_number) if own_number else None
    found: dict[str, dict[str, str | None]] = {}
    for match in find_numbers(text):
        number = tidy(match)
        ref_key = number_key(number)
        if ref_key == own:
            continue
        ref = {
            "doc_type": type_before(text[max(0, match.start() - 60) : match.start()])
            or type_of_number(number),
            "number": number,
            "issued_date": _date_after(text, match.end()),
        }
        _merge(found, ref_key, ref)
    return list(found.values())


def _date_after(text: str, end: int) -> str | None:
    window = text[end : end + 45]
    gap = _DATE_GAP.match(fold_same(window))
    if not gap:
        return None
    for start, _stop, iso in find_dates(window):
        return iso if start == gap.end() else None
    return None


def _merge(found: dict[str, dict[str, str | None]], ref_key: str, ref: dict) -> None:
    if ref_key not in found:
        found[ref_key] = ref
        return
    kept = found[ref_key]
    for field in ("doc_type", "issued_date"):
        kept[field] = kept[field] or ref[field]
    # a number first seen in a capitalised heading is printed properly in the body
    if str(kept["number"]).isupper() and not str(ref["number"]).isupper():
        kept["number"] = ref["number"]
