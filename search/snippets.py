"""Highlighted snippets cut from the stored text, matched on folded syllables."""

from __future__ import annotations

import re
from html import escape

from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight

from search.analysis import folded_analyzer

_ANALYZER = folded_analyzer()
_FRAGMENTER = ContextFragmenter(maxchars=200, surround=60)
_FORMATTER = HtmlFormatter(tagname="mark", between=" … ")
LEAD_CHARS = 240
_MARK = re.compile(r"<mark[^>]*>")
_SPACE = re.compile(r"\s+")
_PIECES = re.compile(r"(<mark>.*?</mark>)")
MAX_SNIPPET = 320


def snippet_for(text: str, terms: frozenset[str]) -> str:
    """Return an HTML snippet with the query's syllables in ``<mark>``; else the text's lead."""
    if terms and text:
        found = highlight(text, terms, _ANALYZER, _FRAGMENTER, _FORMATTER, top=2)
        if found:
            # Line breaks of the page layout mean nothing inside a one-line snippet.
            return _shorten(_SPACE.sub(" ", _MARK.sub("<mark>", found)).strip())
    lead = " ".join(text[:LEAD_CHARS].split())
    return escape(lead + ("…" if len(text) > LEAD_CHARS else ""))


def _shorten(html: str) -> str:
    """Cut a long snippet at a word boundary, never inside a highlight."""
    if len(html) <= MAX_SNIPPET:
        return html
    out: list[str] = []
    size = 0
    for piece in _PIECES.split(html):
        if size + len(piece) > MAX_SNIPPET:
            if not piece.startswith("<mark>"):
                out.append(piece[: MAX_SNIPPET - size].rsplit(" ", 1)[0])
            out.append(" …")
            break
        out.append(piece)
        size += len(piece)
    return "".join(out)
