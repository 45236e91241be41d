"""Document types: names from the type table, and the type a number's symbol shows."""

from __future__ import annotations

import re
from functools import cache

from .data import load
from .folding import fold_same, key, phrase_pattern


@cache
def type_names() -> tuple[str, ...]:
    """Return the official type names, longest first."""
    names = {t["name"] for t in load("doc_types.json")["types"]}
    return tuple(sorted(names, key=len, reverse=True))


@cache
def _by_abbr() -> tuple[dict[str, str], dict[str, str]]:
    exact: dict[str, str] = {}
    folded: dict[str, set[str]] = {}
    for entry in load("doc_types.json")["types"]:
        for abbr in entry["abbr"]:
            exact.setdefault(abbr.upper(), entry["name"])
            folded.setdefault(key(abbr), set()).add(entry["name"])
    unique = {k: next(iter(v)) for k, v in folded.items() if len(v) == 1}
    return exact, unique


def printed_abbr(abbr: str) -> str | None:
    """The official spelling of a type abbreviation read without its marks ("QD" → "QĐ")."""
    exact, unique = _by_abbr()
    if abbr.upper() in exact or key(abbr) not in unique:
        return None
    name = unique[key(abbr)]
    spellings = next(
        entry["abbr"] for entry in load("doc_types.json")["types"] if entry["name"] == name
    )
    return next((s for s in spellings if key(s) == key(abbr)), None)


def type_from_abbr(abbr: str) -> str | None:
    """Return the type an abbreviation such as "QĐ" or "TTr" stands for."""
    exact, unique = _by_abbr()
    return exact.get(abbr.upper()) or unique.get(key(abbr))


@cache
def _name_pattern() -> re.Pattern[str]:
    alternatives = "|".join(phrase_pattern(n) for n in type_names())
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def canonical_type(text: str) -> str | None:
    """Return the type name ``text`` is (ignoring case and accents), or None."""
    match = _name_pattern().fullmatch(fold_same(text.strip()))
    return _name_of(match.group(0)) if match else None


def type_prefix(text: str) -> tuple[str, str, str] | None:
    """Split a line that begins with a type name into (type, printed name, rest)."""
    match = _name_pattern().match(fold_same(text))
    if not match:
        return None
    return _name_of(match.group(0)), text[: match.end()], text[match.end() :].strip(" :.-")


def type_before(text: str) -> str | None:
    """Return the type name that ends ``text`` ("… theo Chỉ thị số"), if any."""
    folded = fold_same(text)
    tail = re.search(r"(?:\s+so\s*:?)?\s*$", folded)
    folded = folded[: tail.start()] if tail else folded
    for match in _name_pattern().finditer(folded[-40:]):
        if match.end() == len(folded[-40:]):
            return _name_of(match.group(0))
    return None


def _name_of(folded_match: str) -> str:
    wanted = key(folded_match)
    return next(n for n in type_names() if key(n) == wanted)
