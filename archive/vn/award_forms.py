"""Award forms: recognise a form in text and name it from the controlled vocabulary."""

from __future__ import annotations

import re
from functools import cache

from .data import load
from .folding import fold_same, phrase_pattern

# Both spellings of "sĩ" are in use; fold "sỹ" onto "sĩ" before matching.
_SPELLINGS = (("chien sy", "chien si"), ("nghe sy", "nghe si"))


@cache
def forms() -> tuple[dict[str, object], ...]:
    """Return the award forms of award_forms.json."""
    return tuple(load("award_forms.json")["forms"])


@cache
def canonical_names() -> tuple[str, ...]:
    """Return every canonical award-form name."""
    return tuple(str(form["name"]) for form in forms())


def kind_of(name: str) -> str:
    """Return "individual", "collective" or "both" for a canonical form name."""
    for form in forms():
        if form["name"] == name:
            return str(form["kind"])
    return "both"


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    variants: dict[str, str] = {}
    for form in forms():
        spellings: list[object] = [form["name"]]
        variants_of = form["variants"]
        if isinstance(variants_of, list):
            spellings += variants_of
        for spelling in spellings:
            variants[_prepare(phrase_pattern(str(spelling)))] = str(form["name"])
    ordered = sorted(variants, key=len, reverse=True)
    groups = "|".join(f"(?P<f{i}>{source})" for i, source in enumerate(ordered))
    lookup = {f"f{i}": variants[source] for i, source in enumerate(ordered)}
    return re.compile(rf"(?<!\w)(?:{groups})(?!\w)"), lookup


def _prepare(source: str) -> str:
    for variant, canon in _SPELLINGS:
        source = source.replace(phrase_pattern(variant), phrase_pattern(canon))
    return source


def _folded(text: str) -> str:
    folded = fold_same(text)
    for variant, canon in _SPELLINGS:
        folded = folded.replace(variant, canon)
    return folded


def find_forms(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, canonical name) for each award form named in ``text``."""
    pattern, lookup = _pattern()
    found = []
    for match in pattern.finditer(_folded(text)):
        name = next(lookup[g] for g, value in match.groupdict().items() if value is not None)
        found.append((match.start(), match.end(), name))
    return found


def normalise(text: str) -> str | None:
    """Return the canonical name of the first award form in ``text``, if any."""
    found = find_forms(text)
    return found[0][2] if found else None
