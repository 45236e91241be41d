"""Reference engines over the same documents: tantivy and SQLite FTS5.

Both get the text Hoso's folded field holds (``normalize`` then ``fold``) and the
same query reduced to its required folded phrases, and both return what a Hoso
search returns at the least: the top 20 by BM25 and the total match count.  Hoso
does more per query (accent boosts, facets, snippets); the ratio says what that
costs over a bare engine.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

import tantivy

from search import query as q
from search.compile import folded_syllables
from search.vietnamese import fold, normalize

PAGE = 20


def folded_text(text: str) -> str:
    """The text as Hoso's folded field sees it."""
    return fold(normalize(text))


def required_phrases(text: str) -> list[list[str]]:
    """The folded phrases a query requires, all of which must match.

    Only words, phrases and AND are reduced; anything else raises ValueError.
    """

    def walk(node: q.Node) -> list[list[str]]:
        match node:
            case q.Words(words):
                return [folded_syllables(word) for word in words]
            case q.Phrase(phrase):
                return [folded_syllables(phrase)]
            case q.And(children):
                return [p for child in children for p in walk(child)]
        raise ValueError(f"the baselines do not reduce {node!r}")

    return [p for p in walk(q.parse(text)) if p]


def reducible(text: str, sort: str) -> list[list[str]] | None:
    """The query's required phrases, or None when a bare engine cannot run it as Hoso does."""
    if sort != "relevance":
        return None  # the baselines hold no dates
    try:
        return required_phrases(text)
    except ValueError:
        return None  # fields, ranges, OR, NOT


class TantivyBaseline:
    """A tantivy index of folded text with positions, on disk in ``folder``."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("body", tokenizer_name="default", index_option="position")
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema, path=str(folder))

    def build(self, documents: Iterable[tuple[str, str]]) -> int:
        """Index ``(id, text)`` pairs in one commit; return how many."""
        writer = self.index.writer(heap_size=256_000_000)
        count = 0
        for doc_id, text in documents:
            writer.add_document(tantivy.Document(id=doc_id, body=folded_text(text)))
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        return count

    def search(self, text: str, sort: str = "relevance") -> int | None:
        """Run a query; fetch the ids of the first page; return the total (None: cannot)."""
        parts = reducible(text, sort)
        if parts is None:
            return None
        result = self.searcher.search(self._query(parts), limit=PAGE, count=True)
        for _score, address in result.hits:
            self.searcher.doc(address)["id"]
        return int(result.count or 0)

    def _query(self, phrases: list[list[str]]) -> tantivy.Query:
        if not phrases:
            return tantivy.Query.all_query()
        parts = []
        for phrase in phrases:
            if len(phrase) == 1:
                part = tantivy.Query.term_query(self.schema, "body", phrase[0])
            else:
                part = tantivy.Query.phrase_query(self.schema, "body", phrase)
            parts.append((tantivy.Occur.Must, part))
        return tantivy.Query.boolean_query(parts)


class Fts5Baseline:
    """An SQLite FTS5 table of folded text, in a database file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, body)")

    def build(self, documents: Iterable[tuple[str, str]]) -> int:
        """Index ``(id, text)`` pairs in one transaction; return how many."""
        with self.db:
            cursor = self.db.executemany(
                "INSERT INTO docs (id, body) VALUES (?, ?)",
                ((doc_id, folded_text(text)) for doc_id, text in documents),
            )
            count = cursor.rowcount
        self.db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        self.db.commit()
        return count

    def search(self, text: str, sort: str = "relevance") -> int | None:
        """Run a query; fetch the ids of the first page; return the total (None: cannot)."""
        parts = reducible(text, sort)
        if not parts:
            return None
        match = " AND ".join('"' + " ".join(p) + '"' for p in parts)
        self.db.execute(
            "SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?", (match, PAGE)
        ).fetchall()
        (total,) = self.db.execute(
            "SELECT count(*) FROM docs WHERE docs MATCH ?", (match,)
        ).fetchone()
        return int(total)

    def close(self) -> None:
        """Close the database."""
        self.db.close()
