"""The signature block: capacity line (KT./TM./Q./TL./TUQ.), title, "(Đã ký)", name."""

from __future__ import annotations

import re

from .casing import name_case, title_case_words
from .data import names
from .folding import fold_same, key, phrase_pattern
from .recipients import is_appendix_start, is_item

_SIGNED = re.compile(r"[(\[]\s*(?:da\s*)?ky\b[^)\]]*[)\]]|[(\[]\s*signed\s*[)\]]")
_CAPACITY = re.compile(r"^(?:k\s*[/.]?\s*t|t\s*[/.]?\s*m|tuq|t\s*l|q)\s*[.:]?\s+(?=\w)", re.I)
_ACTING = re.compile(r"quyen\s+(?=\w)")
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_.]*\.?")


def split_signed(line: str) -> list[str]:
    """Split a line around a "(Đã ký)" mark so the mark stands alone."""
    parts, last = [], 0
    for match in _SIGNED.finditer(fold_same(line)):
        parts += [line[last : match.start()], "(Đã ký)"]
        last = match.end()
    parts.append(line[last:])
    return [part.strip(" |") for part in parts if part.strip(" |")]


def is_signed_mark(text: str) -> bool:
    """Tell whether ``text`` is a signature mark such as "(Đã ký)"."""
    return _SIGNED.fullmatch(fold_same(text.strip())) is not None


def capacity_rest(text: str) -> str | None:
    """Return what follows a capacity marker ("KT. CHỦ TỊCH" → "CHỦ TỊCH"), or None."""
    match = _CAPACITY.match(fold_same(text.strip()))
    if not match or not text.strip()[: match.end()].strip(" .:/").isupper():
        return None
    return text.strip()[match.end() :]


def own_title(text: str) -> str | None:
    """Return the signer's own title from a title line, or from a one-line capacity line."""
    rest = capacity_rest(text)
    if rest is None:
        return canonical_title(text) if find_titles(text) else None
    found = find_titles(rest)
    later = [start for start, _ in found if start > 0]
    return canonical_title(rest[later[-1] :]) if later else None


def find_titles(text: str) -> list[tuple[int, int]]:
    """Return the spans of official titles ("PHÓ CHỦ TỊCH") in ``text``, left to right."""
    folded, spans, pos = fold_same(text), [], 0
    patterns = [re.compile(phrase_pattern(t) + r"(?!\w)") for t in _titles()]
    while pos < len(folded):
        if pos == 0 or not folded[pos - 1].isalnum():
            hits = [m for p in patterns if (m := p.match(folded, pos))]
            if hits:
                end = max(m.end() for m in hits)
                spans.append((pos, end))
                pos = end
                continue
        pos += 1
    return spans


def canonical_title(text: str) -> str:
    """Return a title in the official casing ("CHÁNH VĂN PHÒNG" → "Chánh Văn phòng")."""
    text = " ".join(text.split()).strip(" .,;:")
    acting = _ACTING.match(fold_same(text))
    if acting and find_titles(text[acting.end() :]):  # "QUYỀN CHỦ TỊCH NƯỚC"
        return "Quyền " + canonical_title(text[acting.end() :])
    for title in _titles():
        match = re.match(phrase_pattern(title) + r"(?!\w)", fold_same(text))
        if match:
            rest = text[match.end() :].strip()
            return f"{title} {name_case(rest)}".strip() if rest else title
    return name_case(text)


def _titles() -> list[str]:
    return sorted(names()["titles"], key=len, reverse=True)


def person_name(text: str) -> str | None:
    """Return ``text`` as a personal name if it looks like one, else None."""
    text = " ".join(text.split()).strip(" .,;")
    words = text.split()
    if not 2 <= len(words) <= 6 or any(not _NAME_WORD.fullmatch(w) for w in words):
        return None
    if not all(w[0].isupper() for w in words) or find_titles(text):
        return None
    if key(text) in {key(t) for t in names()["titles"]}:
        return None
    return title_case_words(text) if text.isupper() else text


def find_signature(lines: list[str], start: int, trusted: bool) -> tuple[str | None, str | None]:
    """Return (signer, signer's own title) from the signature block after ``start``.

    ``trusted`` says the region follows the body's end ("./." or "Nơi nhận"), where a
    bare title line followed by a name is a signature even without "(Đã ký)".
    """
    pieces = _pieces(lines[start:])
    marks = [i for i, p in enumerate(pieces) if is_signed_mark(p)]
    if marks:
        return _around_mark(pieces, marks[0])
    capacities = [i for i, p in enumerate(pieces) if capacity_rest(p) is not None]
    if capacities:
        return _after_title(pieces, capacities[0])
    if trusted:
        for i, piece in enumerate(pieces):
            if own_title(piece) and piece.isupper():
                signer, title = _after_title(pieces, i)
                if signer:
                    return signer, title
    return None, None


def _pieces(lines: list[str]) -> list[str]:
    pieces: list[str] = []
    for line in lines:
        if pieces and is_appendix_start(line):
            break
        for cell in (c.strip() for c in line.split("|")):
            if cell and not is_item(cell) and not fold_same(cell).startswith("noi nhan"):
                pieces.extend(p for part in split_signed(cell) for p in _title_and_name(part))
    return pieces


def _title_and_name(piece: str) -> list[str]:
    """Split "PHÓ THỦ TƯỚNG Nguyễn Văn A" (title and name on one line) in two."""
    words = piece.split()
    for cut in range(1, len(words) - 1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if head.isupper() and not tail.isupper() and find_titles(head) and person_name(tail):
            return [head, tail]
    return [piece]


def _around_mark(pieces: list[str], mark: int) -> tuple[str | None, str | None]:
    title, name = None, _first_name(pieces[mark + 1 : mark + 4])
    if name is None and mark and person_name(pieces[mark - 1]):
        # the name typed above the mark ("Tố Hữu / (Đã ký)")
        name, mark = person_name(pieces[mark - 1]), mark - 1
    for piece in reversed(pieces[max(0, mark - 2) : mark]):
        title = own_title(piece) or (_plain_title(piece) if capacity_rest(piece) is None else None)
        if title:
            break
    return name, title


def _after_title(pieces: list[str], index: int) -> tuple[str | None, str | None]:
    # chained capacities: "K.T. HỘI ĐỒNG CHÍNH PHỦ / K.T. THỦ TƯỚNG / PHÓ THỦ TƯỚNG"
    while index + 1 < len(pieces) and capacity_rest(pieces[index + 1]) is not None:
        index += 1
    title = own_title(pieces[index])
    follow = index + 1
    if title is None and follow < len(pieces):
        title = own_title(pieces[follow]) or _plain_title(pieces[follow])
        follow += 1
    return _first_name(pieces[follow : follow + 3]), title


def _plain_title(piece: str) -> str | None:
    text = piece.strip()
    if person_name(text) or not text.isupper() or len(text.split()) > 8:
        return None
    return canonical_title(text)


def _first_name(pieces: list[str]) -> str | None:
    for piece in pieces:
        name = person_name(piece)
        if name:
            return name
    return None
