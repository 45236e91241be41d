"""Document numbers (số và ký hiệu): "123/QĐ-UBND", "34-CT/TW", "22/2010/QĐ-UBND"."""

from __future__ import annotations

import re

from .data import load, names
from .doctypes import printed_abbr, type_from_abbr
from .folding import fold_same, key

# A symbol part: "QĐ", "TTg", "BGD&ĐT", a department "Vụ II", a legislature "HĐNN7".
# A capitalised word ("Nay", "Phạm") is the text after the number, not a part.
_LETTER = r"(?:[^\W_]|&)"
_SEGMENT = (
    rf"[A-ZĐ](?:{_LETTER}*[A-ZĐ0-9]{_LETTER}*|[^\W_]?)(?![^\W_])"
    r"(?:[ ][IVX]{1,4}(?![^\W_]))?"
)
_SYMBOL = rf"(?P<symbol>{_SEGMENT}(?:(?:\s?[\-–]\s?|/){_SEGMENT})*)"
NUMBER = re.compile(
    rf"(?:(?<![\w/-])|(?<=[Ss]ố)|(?<=[Ss]o))(?P<no>\d{{1,5}}[a-zA-Z]?)\.?"
    rf"(?:\s?/\s?(?P<year>(?:19|20)\d{{2}}))?"
    rf"\s?(?P<sep>[/\-–])\s?{_SYMBOL}"
)
# older forms with a space or nothing for the stroke: "572 NQ/HĐNN7", "21TC/TCT"
_SPACED = re.compile(rf"(?<![\w/-])(?P<no>\d{{1,5}})(?P<year>)(?P<sep>[ ]?){_SYMBOL}")


def find_numbers(text: str) -> list[re.Match[str]]:
    """Return every document number printed in ``text``."""
    found = [m for m in NUMBER.finditer(text) if _plausible(m)]
    taken = [range(m.start(), m.end()) for m in found]
    spaced = [
        m
        for m in _SPACED.finditer(text)
        if "/" in m.group("symbol") and _plausible(m) and not any(m.start() in r for r in taken)
    ]
    return sorted(found + spaced, key=lambda m: m.start())


def _plausible(match: re.Match[str]) -> bool:
    first = re.split(r"[-–/.]", match.group("symbol"))[0].strip()
    return len(first) <= 3 or (len(first) <= 12 and not first.istitle())


def tidy(match: re.Match[str]) -> str:
    """Return the number as printed, without OCR spaces and with plain hyphens.

    OCR often loses the stroke of "Đ"; the type letters of the symbol have one
    official spelling, so "85/QD-SNV" is given back as "85/QĐ-SNV".
    """
    joint = " " if match.group("sep") == " " else ""
    head = re.sub(r"\s", "", match.group(0)[: match.start("symbol") - match.start()])
    head = head.replace("–", "-").replace("./", "/").replace(".-", "-")
    symbol = re.sub(r"\s?[\-–]\s?", "-", match.group("symbol").strip())
    symbol = re.sub(r"\s?/\s?", "/", symbol)
    number = head + joint + symbol
    first = re.split(r"[-/.]", symbol)[0]
    official = printed_abbr(first)
    if official is None:
        return number
    return number[: len(number) - len(symbol)] + official + symbol[len(first) :]


def number_key(number: str) -> str:
    """Return a comparison key for a number (accents, case, spaces and O/0 ignored)."""
    folded = fold_same(re.sub(r"\s", "", number)).upper().replace("–", "-")
    return re.sub(r"(?<=\d)O|O(?=\d)", "0", folded)


REGISTER_KEY_LENGTH = 400


def register_key(number: object, issuer: object) -> str | None:
    """The folded "number|issuer" a document is registered under; None without both.

    Two files with one key carry the same number, symbol and issuer (Decree 30/2020,
    Appendix VI): accents, case and spacing do not tell them apart.
    """
    if not isinstance(number, str) or not isinstance(issuer, str):
        return None
    folded_number, folded_issuer = number_key(number), key(issuer)
    if not folded_number or not folded_issuer:
        return None
    return f"{folded_number}|{folded_issuer}"[:REGISTER_KEY_LENGTH]


def type_of_number(number: str) -> str | None:
    """Return the document type the symbol of ``number`` shows."""
    match = NUMBER.fullmatch(number) or _SPACED.fullmatch(number)
    if not match or not match.group("sep"):
        return None  # in "21TC/TCT" the letters after the digits name the issuer, not a type
    segments = re.split(r"[-–/.]", match.group("symbol"))
    if match.group("sep") == "-" and not match.group("year"):
        # party form "34-CT/TW": the type letters come right after the hyphen
        return type_from_abbr(segments[0])
    found = type_from_abbr(segments[0])
    if found:
        return found
    if match.group("year") or len(segments) < 2:
        return None
    return load("doc_types.json")["no_type_letters"]


def restore_symbol_case(number: str) -> str:
    """Give symbol parts their printed mixed case ("CT-TTG" becomes "CT-TTg")."""
    known = {part.upper(): part for part in names()["symbol_case"]}
    return re.sub(r"[A-Za-zĐđ]+", lambda m: known.get(m.group(0).upper(), m.group(0)), number)
