"""The query language, parsed into a small engine-neutral tree.

khen thuong                   every syllable, pairs in order rank first
"ủy ban nhân dân"             a phrase
bằng khen AND (2015 OR 2016)  boolean operators (AND is implied), NOT or a leading -
so:1268/QĐ-UBND  loai:"quyết định"  nam:2015  nam:2010..2015  ngay:2015-01-01..2015-06-30
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Field names an archivist may type, Vietnamese first, mapped to index fields.
FIELD_ALIASES: dict[str, str] = {
    "so": "number",
    "số": "number",
    "number": "number",
    "loai": "doc_type",
    "loại": "doc_type",
    "type": "doc_type",
    "nam": "year",
    "năm": "year",
    "year": "year",
    "ngay": "issued",
    "ngày": "issued",
    "date": "issued",
    "coquan": "issuer",
    "cq": "issuer",
    "issuer": "issuer",
    "trichyeu": "title",
    "tieude": "title",
    "title": "title",
    "tep": "filename",
    "tệp": "filename",
    "file": "filename",
    "noidung": "content",
    "hinhthuc": "award_form",
    "khenthuong": "award_form",
    "award": "award_form",
    "nguoinhan": "award_recipient",
    "nhan": "award_recipient",
    "recipient": "award_recipient",
    "namkhen": "award_year",
    "hoso": "dossier",
    "hồsơ": "dossier",
    "mahoso": "dossier",
    "dossier": "dossier",
    "text": "content",
}

_TOKEN = re.compile(
    r'\s*(?:(?P<lp>\()|(?P<rp>\))|"(?P<phrase>[^"]*)"?'
    r'|(?P<field>[^\s:()"]+):(?:"(?P<fphrase>[^"]*)"?|(?P<fvalue>[^\s()"]+))'
    r'|(?P<word>[^\s()"]+))'
)
_RANGE = re.compile(r"^(?P<lo>[^.]*)\.\.(?P<hi>[^.]*)$")
_SYLLABLE = re.compile(r"\w+")

# What one query may ask of the index. The longest real query, a pasted title
# ("trích yếu") with a number and a year, is about 60 syllables and 300 characters;
# within these limits the heaviest query runs in well under a second on a full index
# (tests/security/test_query_limits.py holds it to SEARCH_BUDGET_SECONDS).
MAX_QUERY_CHARS = 1_000
MAX_QUERY_TERMS = 64  # words (syllables) of bare words, phrases and field values
MAX_QUERY_DEPTH = 8  # parentheses and NOT (or a leading -) nested in one another
SEARCH_BUDGET_SECONDS = 2.0


class QuerySyntaxError(ValueError):
    """The query cannot be understood; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Words:
    """Bare words: all must match; adjacent ones rank higher."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    """Words that must stand together in this order."""

    text: str


@dataclass(frozen=True)
class FieldMatch:
    """A value (word or phrase) in one named field."""

    field: str
    value: str


@dataclass(frozen=True)
class Range:
    """An inclusive range on a field; either end may be open (empty)."""

    field: str
    low: str
    high: str


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class MatchAll:
    """The empty query: every record."""


Node = Words | Phrase | FieldMatch | Range | And | Or | Not | MatchAll


def parse(text: str) -> Node:
    """Parse the query language into a tree; an empty query matches everything.

    A query past the limits above is refused before any tree is built.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"Câu tìm kiếm dài {len(text)} ký tự, vượt giới hạn {MAX_QUERY_CHARS} ký tự: "
            "hãy rút gọn"
        )
    tokens = _tokenize(text)
    if not tokens:
        return MatchAll()
    terms = sum(len(_SYLLABLE.findall(value)) for kind, _, value in tokens if kind != "word"
                or value not in _OPERATORS)  # fmt: skip
    if terms > MAX_QUERY_TERMS:
        raise QuerySyntaxError(
            f"Câu tìm kiếm có {terms} từ, vượt giới hạn {MAX_QUERY_TERMS} từ: hãy bớt từ"
        )
    parser = _Parser(tokens)
    node = parser.parse_or()
    if parser.pos < len(tokens):
        raise QuerySyntaxError("Dấu ngoặc ')' thừa trong câu tìm kiếm")
    return node


def _tokenize(text: str) -> list[tuple[str, str, str]]:
    tokens: list[tuple[str, str, str]] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in (None, "fphrase", "fvalue") and match.group("field"):
            value = match.group("fphrase")
            is_phrase = value is not None
            tokens.append(
                ("field", match.group("field"), value if is_phrase else match.group("fvalue"))
            )
        elif kind == "lp":
            tokens.append(("(", "", ""))
        elif kind == "rp":
            tokens.append((")", "", ""))
        elif kind == "phrase":
            tokens.append(("phrase", "", match.group("phrase")))
        elif kind == "word":
            tokens.append(("word", "", match.group("word")))
    return tokens


_OPERATORS = frozenset({"AND", "OR", "NOT", "-"})


class _Parser:
    def __init__(self, tokens: list[tuple[str, str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def enter(self) -> None:
        """One more level of parentheses or NOT; too many is refused, not recursed into."""
        self.depth += 1
        if self.depth > MAX_QUERY_DEPTH:
            raise QuerySyntaxError(
                f"Câu tìm kiếm lồng quá {MAX_QUERY_DEPTH} tầng ngoặc hoặc NOT: "
                "hãy viết đơn giản hơn"
            )

    def peek(self) -> tuple[str, str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def is_op(self, name: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "word" and token[2] == name

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while self.is_op("OR"):
            self.pos += 1
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_and(self) -> Node:
        children: list[Node] = []
        words: list[str] = []
        while (token := self.peek()) is not None and token[0] != ")" and not self.is_op("OR"):
            if self.is_op("AND"):
                self.pos += 1
                continue
            if token[0] == "word" and token[2] != "NOT" and not token[2].startswith("-"):
                words.append(token[2])
                self.pos += 1
                continue
            if words:
                children.append(Words(tuple(words)))
                words = []
            children.append(self.parse_unary())
        if words:
            children.append(Words(tuple(words)))
        if not children:
            raise QuerySyntaxError("Thiếu từ cần tìm sau toán tử hoặc trong ngoặc")
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_unary(self) -> Node:
        token = self.peek()
        if token is None or token[0] == ")":
            raise QuerySyntaxError("Thiếu từ cần tìm sau NOT hoặc dấu trừ")
        if token[0] == "word" and token[2] == "NOT":
            self.pos += 1
            return self.negated()
        if token[0] == "word" and token[2] == "-" and self.pos + 1 < len(self.tokens):
            # -"giấy khen" and -(a OR b): the minus stands alone before a phrase or group.
            self.pos += 1
            return self.negated()
        if token[0] == "word" and token[2].startswith("-") and len(token[2]) > 1:
            self.tokens[self.pos] = ("word", "", token[2][1:])
            return self.negated()
        return self.parse_primary()

    def negated(self) -> Node:
        self.enter()
        node = Not(self.parse_unary())
        self.depth -= 1
        return node

    def parse_primary(self) -> Node:
        token = self.tokens[self.pos]
        self.pos += 1
        kind, name, value = token
        if kind == "(":
            self.enter()
            node = self.parse_or()
            if self.peek() is None or self.peek()[0] != ")":  # type: ignore[index]
                raise QuerySyntaxError("Thiếu dấu ngoặc đóng ')' trong câu tìm kiếm")
            self.pos += 1
            self.depth -= 1
            return node
        if kind == "phrase":
            return Phrase(value)
        if kind == "field":
            return _field_node(name, value)
        return Words((value,))


def _field_node(name: str, value: str) -> Node:
    field = FIELD_ALIASES.get(name.lower())
    if field is None:
        # Not a field we know ("Lưu: VT", "10:30"): the user meant the text itself.
        return Words((f"{name}:{value}",))
    if field == "content":
        return Phrase(value)
    if (match := _RANGE.match(value)) and field in ("year", "issued"):
        return Range(field, match.group("lo"), match.group("hi"))
    return FieldMatch(field, value)
