"""Award entries of award decisions and lists (Điều 1 "Tặng …", appendix "DANH SÁCH")."""

from __future__ import annotations

import re
from typing import Any

from .award_forms import normalise
from .award_items import ListState, kind_hint, make_award, with_heading, years_in
from .folding import fold_same, key
from .layout import cells, is_upper
from .recipients import find_block, is_appendix_start

_ARTICLE = re.compile(r"dieu\s+\d+\s*[.:]?\s*")
_VERB = re.compile(r"(?:tang thuong|truy tang|tang|cong nhan|khen thuong|phong tang)\b")
_ITEM = re.compile(r"^(?:\d+\s*[.)]|[a-zđ]\)|[-+•–*])\s*")
_SECTION = re.compile(r"^[IVX]+\s*[.)]\s*")
_COUNT = re.compile(r"(?:\d+|cac|nhung|mot so)\b|.*(?:co ten|danh sach|kem theo)")
# "* HUYỆN MÈO VẠC: 03 tập thể", "Danh sách ấn định 07 cá nhân": a group or a total, no one
_COUNTED = r"\d+\s*(?:ca nhan|tap the|don vi|nguoi|dong chi)\s*[.)]*$"
_GROUP_COUNT = re.compile(
    rf"(?:[*•+]\s*)?[^\d:]{{2,80}}:\s*{_COUNTED}"
    rf"|\(?\s*(?:danh sach|tong cong|tong so|cong)\b.*{_COUNTED}"
)
# the header row of a recipients table, as OCR reads it without cell borders
_TABLE_HEADER_WORDS = re.compile(
    r"(?:so\s*tt|stt|tt|ho\s*(?:va\s*)?ten|chuc\s*vu|don\s*vi(?:\s*cong\s*tac)?|"
    r"noi\s*cong\s*tac|ghi\s*chu|ten\s*(?:tap\s*the|don\s*vi)|nam\s*sinh|que\s*quan|"
    r"thanh\s*tich|hinh\s*thuc(?:\s*khen\s*thuong)?|[|.,;:\s])+"
)


def find_awards(lines: list[str], year: int | None) -> list[dict]:
    """Return every award the decision gives, once per (recipient, form)."""
    awards: list[dict] = []
    for index, sentence in _articles(lines):
        state = ListState(normalise(sentence), kind_hint(sentence), years_in(sentence) or year)
        awards += _inline(sentence, state)
        awards += _read_list(_article_body(lines, index), state, sentence.rstrip().endswith(":"))
        if "danh sach" in fold_same(sentence):
            awards += _appendix(lines, state)
    return _unique(awards)


def _articles(lines: list[str]) -> list[tuple[int, str]]:
    found = []
    for index, line in enumerate(lines):
        match = _ARTICLE.match(fold_same(line))
        if match and _awarding(line[match.end() :]):
            found.append((index, line[match.end() :]))
    return found


def _awarding(sentence: str) -> bool:
    """Tell whether an article gives awards: it opens with the verb, or names a form
    after the verb in its first clause ("Các cá nhân sau được công nhận danh hiệu …")."""
    folded = fold_same(sentence)
    if _VERB.match(folded):
        return True
    clause = re.split(r"[:;]", folded)[0]
    verb = re.search(r"(?<!\w)" + _VERB.pattern, clause)
    return verb is not None and normalise(clause[verb.end() :]) is not None


def _article_body(lines: list[str], index: int) -> list[str]:
    end = find_block(lines) or len(lines)
    body = []
    for line in lines[index + 1 : end if end > index else len(lines)]:
        if _ARTICLE.match(fold_same(line)) or is_appendix_start(line):
            break
        body.append(line)
    return body


def _inline(sentence: str, state: ListState) -> list[dict]:
    match = re.search(r"\bcho\s+", fold_same(sentence))
    if not match:
        return []
    rest = re.split(r"[(:;]", sentence[match.end() :])[0]
    if not rest.strip() or _COUNT.match(fold_same(rest.strip())):
        return []
    award = make_award(rest, state)
    return [award] if award else []


def _read_list(lines: list[str], state: ListState, open_list: bool) -> list[dict]:
    awards, columns = [], None
    for line in (line.strip() for line in lines):
        if not line or line.startswith("(") or is_table_header(line):
            continue
        if _GROUP_COUNT.match(fold_same(line)):
            state = with_heading(state, line, None)
            continue
        if "|" in line:
            columns, award = _table_row(cells(line), state, columns)
            awards += [award] if award else []
        elif _is_heading(line):
            state = with_heading(state, line, normalise(line))
        elif item := _ITEM.match(line):
            body = line[item.end() :]
            if normalise(body) and body.rstrip().endswith(":"):
                state = with_heading(state, body, normalise(body))
                continue
            awards += [a for a in [make_award(body, state)] if a]
        elif open_list and not awards and not fold_same(line).startswith(("da ", "co ")):
            awards += [a for a in [make_award(line, state)] if a]
    return awards


def is_table_header(line: str) -> bool:
    """Tell whether ``line`` is a recipients table's header row ("STT Họ và tên Chức vụ")."""
    folded = fold_same(line).strip()
    return len(folded.split()) >= 2 and _TABLE_HEADER_WORDS.fullmatch(folded) is not None


def _is_heading(line: str) -> bool:
    if _SECTION.match(line):
        return True
    return is_upper(line) and len(line.split()) <= 12 and bool(kind_hint(line) or normalise(line))


def _table_row(
    row: list[str], state: ListState, columns: list[str] | None
) -> tuple[list[str] | None, dict[str, Any] | None]:
    if row and not row[0].isdigit():
        return (row if kind_hint(" ".join(row)) else columns), None
    row = row[1:]
    if not row:
        return columns, None
    header_kind = kind_hint(" ".join(columns)) if columns else None
    row_state = ListState(state.form, header_kind or state.kind, state.year)
    unit = ", ".join(row[1:]) or None
    return columns, make_award(row[0], row_state, unit if row_state.kind != "collective" else None)


def _appendix(lines: list[str], state: ListState) -> list[dict]:
    starts = [i for i, line in enumerate(lines) if is_appendix_start(line)]
    awards: list[dict] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        awards += _read_list(lines[start + 1 : end], state, False)
    return awards


def _unique(awards: list[dict]) -> list[dict]:
    seen, out = set(), []
    for award in awards:
        mark = (key(award["recipient"]), award["award_form"])
        if mark not in seen:
            seen.add(mark)
            out.append(award)
    return out
