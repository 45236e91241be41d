"""Highlighted snippets cut from the stored text, matched on folded syllables."""

from __future__ import annotations

import re
from html import escape

from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight

from search.analysis import folded_analyzer

_ANALYZER = folded_analyzer()
_FRAGMENTER = ContextFragmenter(maxchars=240, surround=70)
_FORMATTER = HtmlFormatter(tagname="mark", between=" … ")
LEAD_CHARS = 240
_MARK = re.compile(r"<mark[^>]*>")


def snippet_for(text: str, terms: frozenset[str]) -> str:
    """Return an HTML snippet with the query's syllables in ``<mark>``; else the text's lead."""
    if terms and text:
        found = highlight(text, terms, _ANALYZER, _FRAGMENTER, _FORMATTER, top=2)
        if found:
            return _MARK.sub("<mark>", found)
    lead = " ".join(text[:LEAD_CHARS].split())
    return escape(lead + ("…" if len(text) > LEAD_CHARS else ""))
