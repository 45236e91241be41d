"""One award entry: a recipient line read into name, kind, unit and year."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .award_forms import kind_of
from .data import names
from .dates import find_dates
from .folding import fold_same, starts_with
from .signature import person_name

_ACHIEVEMENT = re.compile(
    r",?\s*(?:vi\s+da|da|vi|do)\s+(?:co|hoan|lap|dat|tich|xuat|thuc|gop|nhiet)"
)
_RANGE = re.compile(
    r"(?:tu\s+)?nam\s+\d{4}\s*(?:den|-|–)\s*(?:nam\s+)?\d{4}|giai doan\s+\d{4}\s*[-–]\s*\d{4}"
)
_YEAR = re.compile(r"nam\s+(\d{4})")
_UNIT_DASH = re.compile(r"\s+[-–]\s+")


@dataclass(frozen=True)
class ListState:
    """What a list's headings have said so far: the form, the kind, the year."""

    form: str | None
    kind: str | None
    year: int | None


def make_award(text: str, state: ListState, unit: str | None = None) -> dict | None:
    """Read one recipient entry into an award dict, or None if it names no one."""
    text = _strip_end(text)
    honoured, text = _strip_honorific(text)
    if not text or state.form is None:
        return None
    kind = "individual" if honoured else state.kind or _guess_kind(text, state.form)
    year = years_in(text) or state.year
    text = _strip_end(cut_achievement(text))
    if kind == "individual" and unit is None:
        text, unit = split_unit(text)
    return {
        "recipient": text,
        "recipient_kind": kind,
        "unit": unit if kind == "individual" else None,
        "award_form": state.form,
        "year": year,
    }


def split_unit(text: str) -> tuple[str, str | None]:
    """Split a person's entry into name and unit at the first comma or spaced dash.

    "Lò Thị Hoa - Giáo viên Trường Tiểu học Kim Đồng" and "Lò Thị Hoa, Giáo viên …"
    both name the person first; a dash inside the unit stays in the unit.
    """
    dash = _UNIT_DASH.search(text)
    comma = text.find(",")
    if dash and (comma < 0 or dash.start() < comma) and person_name(text[: dash.start()]):
        return text[: dash.start()].strip(), _strip_end(text[dash.end() :]) or None
    name, _, rest = text.partition(",")
    return name.strip(), _strip_end(rest) or None


def with_heading(state: ListState, heading: str, form: str | None) -> ListState:
    """Return the list state after a heading such as "II. CÁ NHÂN" or a form sub-title."""
    kind = kind_hint(heading) or state.kind
    return replace(state, form=form or state.form, kind=kind, year=years_in(heading) or state.year)


def kind_hint(text: str) -> str | None:
    """Return the recipient kind a heading or article names, if it names only one."""
    folded = fold_same(text)
    collective = "tap the" in folded or "don vi" in folded
    individual = "ca nhan" in folded or "ho va ten" in folded or "ho ten" in folded
    if collective != individual:
        return "collective" if collective else "individual"
    return None


def years_in(text: str) -> int | None:
    """Return the one year ``text`` says an award is for ("năm 2015"), if exactly one."""
    folded = fold_same(text)
    for start, end, _iso in find_dates(text):
        folded = folded[:start] + " " * (end - start) + folded[end:]
    folded = _RANGE.sub(" ", folded)
    years = {int(y) for y in _YEAR.findall(folded) if 1945 <= int(y) <= 2100}
    return years.pop() if len(years) == 1 else None


def cut_achievement(text: str) -> str:
    """Drop the achievement clause (", đã có thành tích …") after a recipient."""
    match = _ACHIEVEMENT.search(fold_same(text))
    return text[: match.start()] if match else text


def _strip_honorific(text: str) -> tuple[bool, str]:
    for word in sorted(names()["honorifics"], key=len, reverse=True):
        if starts_with(text, word) and len(text.split()) > len(word.split()):
            rest = text.strip()[len(word) :].lstrip(" .:")
            if rest[:1].isupper():
                return True, rest
    return False, text


def _guess_kind(text: str, form: str) -> str:
    if any(starts_with(text, word) for word in names()["collective_words"]):
        return "collective"
    form_kind = kind_of(form)
    if form_kind != "both":
        return form_kind
    first = text.split(",")[0]
    surnames = {fold_same(s) for s in names()["surnames"]}
    if person_name(first) and fold_same(first.split()[0]) in surnames:
        return "individual"
    return "collective"


def _strip_end(text: str) -> str:
    return " ".join(text.split()).strip(" ;,.:-")
