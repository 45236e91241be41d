"""The engine every host can reach: PostgreSQL full-text search, in the catalog's database or another.

Each generation is one table (``hoso_search_g<stamp>``) with GIN indexes on our
own tsvectors (see ``search.postgres_rows``); the row of ``hoso_search_state``
names the live one.  A rebuild fills a new table while searches read the old one,
then swaps the name in one transaction, as the folder engines swap ``CURRENT``.
Writers hold one advisory lock for their batch, so several hosts queue instead of
racing; readers are never blocked.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql

from search import query as q
from search.postgres_query import compile_rank, compile_where
from search.postgres_rows import COLUMNS, to_row
from search.results import FACETS, Hit, SearchRequest, SearchResults, ordered_counts
from search.snippets import snippet_for
from search.terms import highlight_terms

NAME = "postgres"
STATE = "hoso_search_state"
PREFIX = "hoso_search_g"
# The advisory lock every writer of the search tables holds ("hososrch" in ASCII).
WRITE_LOCK = 0x686F736F73726368
# Idle connections kept per process; more are opened when threads need them.
POOL_SIZE = 8
# A search that takes longer is cut short: one query must not hold a web thread.
STATEMENT_TIMEOUT_MS = 30_000
BUILD_MEMORY = "256MB"
FILTER_COLUMNS = {"doc_type": "doc_type", "issuer": "issuer", "dossier": "dossier"}
HIDDEN_COLUMNS = {"confidentiality", "doc_type", "issuer", "dossier"}

_CREATE = """
CREATE TABLE {table} (
    id text PRIMARY KEY,
    tsv tsvector NOT NULL,
    tsa tsvector NOT NULL,
    tsf tsvector NOT NULL,
    long boolean NOT NULL,
    text text NOT NULL,
    text_f text NOT NULL,
    doc_type text NOT NULL,
    doc_type_f text NOT NULL,
    issuer text NOT NULL,
    number text NOT NULL,
    issued text NOT NULL,
    issued_year text NOT NULL,
    issued_n integer,
    year integer,
    confidentiality text NOT NULL,
    dossier text NOT NULL,
    award_forms text[] NOT NULL,
    award_years text[] NOT NULL,
    source jsonb NOT NULL
)
"""
# The planner's statistics would keep sample values of these columns (words of the
# text) in pg_statistic, beyond the reach of a purge: none are gathered for them.
_NO_STATISTICS = ("tsv", "tsa", "tsf", "text", "text_f", "source")
_INDEXES = (
    "CREATE INDEX ON {table} USING gin (tsv)",
    "CREATE INDEX ON {table} USING gin (tsf)",
    "CREATE INDEX ON {table} (issued, id)",
    "CREATE INDEX ON {table} (year)",
    "CREATE INDEX ON {table} (number)",
    "CREATE INDEX ON {table} (doc_type_f)",
    "CREATE INDEX ON {table} (dossier)",
)


def conninfo(url: str) -> str:
    """A libpq address from a SQLAlchemy-style URL (``postgresql+psycopg://…``)."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.split("+")[0] not in ("postgresql", "postgres"):
        raise ValueError(
            "Bộ máy tìm kiếm postgres cần địa chỉ PostgreSQL (HOSO_SEARCH_URL hoặc "
            f"HOSO_DATABASE_URL dạng postgresql://…), không phải {url!r}"
        )
    return f"postgresql://{rest}"


class _Pool:
    """A few open connections per process, handed to one thread at a time."""

    def __init__(self, url: str) -> None:
        self.conninfo = conninfo(url)
        self._idle: list[psycopg.Connection[Any]] = []
        self._lock = threading.Lock()
        self._pid = os.getpid()

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        conn = self._take()
        try:
            yield conn
        except BaseException:
            conn.close()
            raise
        if conn.closed or conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.close()
            return
        with self._lock:
            if len(self._idle) < POOL_SIZE and self._pid == os.getpid():
                self._idle.append(conn)
                return
        conn.close()

    def _take(self) -> psycopg.Connection[Any]:
        with self._lock:
            if self._pid != os.getpid():
                # A forked child must not speak on its parent's sockets.
                self._idle, self._pid = [], os.getpid()
            while self._idle:
                conn = self._idle.pop()
                if not conn.closed:
                    return conn
        return psycopg.connect(
            self.conninfo,
            autocommit=True,
            options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
        )

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


_POOLS: dict[str, _Pool] = {}
_POOLS_LOCK = threading.Lock()


def _pool(url: str) -> _Pool:
    with _POOLS_LOCK:
        pool = _POOLS.get(url)
        if pool is None:
            pool = _POOLS[url] = _Pool(url)
        return pool


class PostgresTables:
    """Search and write the generations kept in one PostgreSQL database."""

    engine = NAME

    def __init__(self, url: str) -> None:
        self.pool = _pool(url)
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {STATE} ("
                "id integer PRIMARY KEY CHECK (id = 1), generation text NOT NULL)"
            )
            if conn.execute(f"SELECT 1 FROM {STATE}").fetchone() is None:
                name = self._create(conn)
                self._index(conn, name)
                conn.execute(f"INSERT INTO {STATE} VALUES (1, %s)", [name])

    # -- generations -----------------------------------------------------------

    @staticmethod
    def _create(conn: psycopg.Connection[Any]) -> str:
        name = f"{PREFIX}{time.time_ns()}"
        table = sql.Identifier(name)
        conn.execute(sql.SQL(_CREATE).format(table=table))
        for column in _NO_STATISTICS:
            conn.execute(
                sql.SQL("ALTER TABLE {t} ALTER COLUMN {c} SET STATISTICS 0").format(
                    t=table, c=sql.Identifier(column)
                )
            )
        return name

    @staticmethod
    def _index(conn: psycopg.Connection[Any], name: str) -> None:
        for statement in _INDEXES:
            conn.execute(sql.SQL(statement).format(table=sql.Identifier(name)))

    @staticmethod
    def _current(conn: psycopg.Connection[Any]) -> str:
        row = conn.execute(f"SELECT generation FROM {STATE}").fetchone()
        assert row is not None
        return str(row[0])

    def generations(self) -> list[str]:
        """The generation tables there are: the live one and the one it replaced."""
        with self.pool.connection() as conn:
            rows = conn.execute(
                "SELECT tablename FROM pg_tables WHERE tablename LIKE %s ORDER BY tablename",
                [PREFIX + "%"],
            ).fetchall()
        return [str(r[0]) for r in rows]

    # -- writing -----------------------------------------------------------------

    def add(self, documents: Iterable[Mapping[str, Any]]) -> int:
        """Add or replace documents (by ``id``) in one transaction; return how many."""
        columns = sql.SQL(", ").join(map(sql.Identifier, COLUMNS))
        updates = sql.SQL(", ").join(
            sql.SQL("{c} = EXCLUDED.{c}").format(c=sql.Identifier(c)) for c in COLUMNS[1:]
        )
        marks = sql.SQL(", ").join(sql.Placeholder() * len(COLUMNS))
        count = 0
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            statement = sql.SQL(
                "INSERT INTO {t} ({cols}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {up}"
            ).format(t=sql.Identifier(self._current(conn)), cols=columns, marks=marks, up=updates)
            with conn.cursor() as cursor:
                for document in documents:
                    cursor.execute(statement, to_row(document))
                    count += 1
        return count

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents by id in one transaction."""
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            conn.execute(
                sql.SQL("DELETE FROM {t} WHERE id = ANY(%s)").format(
                    t=sql.Identifier(self._current(conn))
                ),
                [list(ids)],
            )

    def rebuild(self, documents: Iterable[Mapping[str, Any]]) -> int:
        """Fill a new table from ``documents``, index it, and make it the live one."""
        with self.pool.connection() as conn:
            # Filling and indexing a large archive takes minutes: no time limit here, and
            # room for building the GIN indexes in memory.
            conn.execute("SET statement_timeout = 0")
            conn.execute(f"SET maintenance_work_mem = '{BUILD_MEMORY}'")
            conn.execute("SELECT pg_advisory_lock(%s)", [WRITE_LOCK])
            try:
                return self._rebuild_locked(conn, documents)
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", [WRITE_LOCK])
                conn.execute("RESET statement_timeout")
                conn.execute("RESET maintenance_work_mem")

    def _rebuild_locked(
        self, conn: psycopg.Connection[Any], documents: Iterable[Mapping[str, Any]]
    ) -> int:
        name = self._create(conn)
        count = 0
        try:
            with conn.transaction(), conn.cursor() as cursor:
                copy_sql = sql.SQL("COPY {t} ({cols}) FROM STDIN").format(
                    t=sql.Identifier(name), cols=sql.SQL(", ").join(map(sql.Identifier, COLUMNS))
                )
                with cursor.copy(copy_sql) as copy:
                    for document in documents:
                        copy.write_row(to_row(document))
                        count += 1
            self._index(conn, name)
            conn.execute(sql.SQL("ANALYZE {t}").format(t=sql.Identifier(name)))
        except BaseException:
            conn.execute(sql.SQL("DROP TABLE IF EXISTS {t}").format(t=sql.Identifier(name)))
            raise
        with conn.transaction():
            old = self._current(conn)
            conn.execute(f"UPDATE {STATE} SET generation = %s", [name])
        # The replaced table stays until the next rebuild, for searches still reading it.
        for table in self.generations():
            if table not in (name, old):
                conn.execute(sql.SQL("DROP TABLE IF EXISTS {t}").format(t=sql.Identifier(table)))
        return count

    def purge(self, ids: Iterable[str]) -> None:
        """Remove documents so that no copy of their text stays in the search tables.

        A plain delete leaves the row's bytes in the table's files until the space is
        reused, and the generation kept from the last rebuild holds them too: so every
        other generation is dropped and the live table rewritten (``VACUUM FULL``,
        which holds searches back while it runs). PostgreSQL's write-ahead log and its
        backups keep them until they are recycled (docs/deployment.md).
        """
        with self.pool.connection() as conn:
            conn.execute("SET statement_timeout = 0")
            conn.execute("SELECT pg_advisory_lock(%s)", [WRITE_LOCK])
            try:
                live = self._current(conn)
                table = sql.Identifier(live)
                conn.execute(
                    sql.SQL("DELETE FROM {t} WHERE id = ANY(%s)").format(t=table), [list(ids)]
                )
                for other in self.generations():
                    if other != live:
                        conn.execute(
                            sql.SQL("DROP TABLE IF EXISTS {t}").format(t=sql.Identifier(other))
                        )
                conn.execute(sql.SQL("VACUUM FULL {t}").format(t=table))
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", [WRITE_LOCK])
                conn.execute("RESET statement_timeout")

    def optimize(self) -> None:
        """Reclaim the room of replaced rows and refresh the planner's statistics."""
        with self.pool.connection() as conn:
            conn.execute("SET statement_timeout = 0")
            table = sql.Identifier(self._current(conn))
            conn.execute(sql.SQL("VACUUM ANALYZE {t}").format(t=table))
            conn.execute("RESET statement_timeout")

    # -- reading -----------------------------------------------------------------

    def count(self) -> int:
        """Number of documents in the live generation."""
        with self.pool.connection() as conn:
            table = sql.Identifier(self._current(conn))
            row = conn.execute(sql.SQL("SELECT count(*) FROM {t}").format(t=table)).fetchone()
        return int(row[0]) if row else 0

    def search(self, request: SearchRequest) -> SearchResults:
        """Run a parsed query; return one page of hits and facet counts."""
        for attempt in (1, 2):
            try:
                return self._search(request)
            except psycopg.errors.UndefinedTable:
                # Two rebuilds passed the generation just read by: read the name again.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _search(self, request: SearchRequest) -> SearchResults:
        where = compile_where(request.tree)
        conditions, params = [where.text], list(where.params)
        for name, value in (request.filters or {}).items():
            if value in (None, ""):
                continue
            if name == "year":
                conditions.append("year = %s")
                params.append(int(value))
            elif name == "award_form":
                conditions.append("%s = ANY(award_forms)")
                params.append(str(value))
            elif name in FILTER_COLUMNS:
                conditions.append(f"{FILTER_COLUMNS[name]} = %s")
                params.append(str(value).strip().lower() if name == "dossier" else str(value))
            else:
                raise q.QuerySyntaxError(f"Không lọc được theo '{name}'")
        for name, values in (request.hidden or {}).items():
            if name not in HIDDEN_COLUMNS:
                raise ValueError(f"cannot hide by {name!r}")
            conditions.append(f"NOT ({name} = ANY(%s))")
            params.append(list(values))
        condition = " AND ".join(f"({c})" for c in conditions)
        with self.pool.connection() as conn, conn.transaction():
            # One snapshot for the hits and the counts, whatever writers do meanwhile.
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            table = self._current(conn)
            hits = self._hits(conn, table, request, condition, params)
            total, facets = self._counts(conn, table, condition, params, request.facets)
        return SearchResults(
            total=total, hits=hits, facets=facets, page=request.page, per_page=request.per_page
        )

    def _hits(
        self,
        conn: psycopg.Connection[Any],
        table: str,
        request: SearchRequest,
        condition: str,
        params: list[Any],
    ) -> list[Hit]:
        if request.sort == "relevance":
            rank = compile_rank(request.tree)
            score, score_params = rank.text, rank.params
            order = "score DESC, id"
        else:
            score, score_params = "0", []
            order = "issued DESC, id DESC" if request.sort == "date" else "issued, id"
        statement = sql.SQL(
            "SELECT id, source, text, text_f, "
            + score
            + " AS score FROM {t} WHERE "
            + condition
            + " ORDER BY "
            + order
            + " LIMIT %s OFFSET %s"
        ).format(t=sql.Identifier(table))
        offset = (request.page - 1) * request.per_page
        rows = conn.execute(
            statement, [*score_params, *params, request.per_page, offset]
        ).fetchall()
        terms = highlight_terms(request.tree)
        return [
            Hit(
                id=str(row[0]),
                score=round(float(row[4]), 4),
                snippet=snippet_for(row[2], terms, row[3]),
                fields=dict(row[1]),
            )
            for row in rows
        ]

    def _counts(
        self,
        conn: psycopg.Connection[Any],
        table: str,
        condition: str,
        params: list[Any],
        facets: bool,
    ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        if not facets:
            counting = sql.SQL("SELECT count(*) FROM {t} WHERE " + condition)
            row = conn.execute(counting.format(t=sql.Identifier(table)), params).fetchone()
            return (int(row[0]) if row else 0), {}
        statement = sql.SQL(
            "WITH m AS MATERIALIZED (SELECT doc_type, issued_year, issuer, award_forms "
            "FROM {t} WHERE " + condition + ") "
            "SELECT 'total', '', count(*) FROM m "
            "UNION ALL SELECT 'doc_type', doc_type, count(*) FROM m GROUP BY 2 "
            "UNION ALL SELECT 'year', issued_year, count(*) FROM m GROUP BY 2 "
            "UNION ALL SELECT 'issuer', issuer, count(*) FROM m GROUP BY 2 "
            "UNION ALL SELECT 'award_form', f, count(*) FROM m, unnest(award_forms) f GROUP BY 2"
        ).format(t=sql.Identifier(table))
        found: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        total = 0
        for facet, value, count in conn.execute(statement, params).fetchall():
            if facet == "total":
                total = int(count)
            else:
                found[facet][value] = int(count)
        return total, {name: ordered_counts(found[name]) for name in FACETS}

    def close(self) -> None:
        """Connections stay pooled for the process; nothing is held per thread."""
