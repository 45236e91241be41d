"""The Archive: one object over storage, catalog and index, used by the CLI and the web."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, BinaryIO

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from archive.catalog import db
from archive.catalog.models import RecordRow
from archive.catalog.rows import open_to_all, to_record
from archive.errors import RecordNotFound
from archive.records import Record, blob_key, ensure_kept, searchable_key, text_key
from archive.retention.schedule import Schedule, load_schedule
from archive.settings import Settings
from search import SearchIndex, SearchResults
from storage import BlobStore, NotFound, open_store

# Files the archive writes (index segments, catalog, spool, reports) are its account's only.
PRIVATE_UMASK = 0o077


@dataclass(frozen=True)
class FoundRecord:
    """A search hit with its catalog record."""

    record: Record
    score: float
    snippet: str


@dataclass(frozen=True)
class ArchiveSearch:
    """One page of search results, as records."""

    total: int
    hits: list[FoundRecord]
    facets: dict[str, list[tuple[str, int]]]
    page: int
    per_page: int
    pages: int


class Archive:
    """Commit, read and search records across storage, catalog and index."""

    def __init__(self, settings: Settings, store: BlobStore, index: SearchIndex) -> None:
        self.settings = settings
        self.store = store
        self.index = index
        self.engine = db.make_engine(settings.effective_database_url)
        db.migrate(self.engine)
        self.sessions = db.session_factory(self.engine)
        self._schedule: Schedule | None = None

    @property
    def schedule(self) -> Schedule:
        """The retention schedule in force (the office's file, else the shipped one)."""
        if self._schedule is None:
            self._schedule = load_schedule(self.settings.data_dir)
        return self._schedule

    @classmethod
    def open(cls, settings: Settings) -> Archive:
        """Open (and create when new) the archive that ``settings`` describe.

        The data dir holds confidential records (catalog, index, spooled uploads), so
        it and everything this process writes there are for the archive's account only.
        """
        os.umask(PRIVATE_UMASK)
        settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        with suppress(PermissionError):  # a folder another account owns keeps its mode
            settings.data_dir.chmod(0o700)
        store = open_store(settings.effective_storage_url)
        index = SearchIndex(
            settings.effective_index_dir,
            settings.search_engine,
            settings.effective_search_url,
            budget=settings.search_budget_seconds,
        )
        return cls(settings, store, index)

    def close(self) -> None:
        """Release the index searcher and database connections."""
        self.index.close()
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A catalog session committed on success, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    # -- reading -----------------------------------------------------------

    def get(self, record_id: str) -> Record:
        """Return the current version of a record, or raise RecordNotFound."""
        with self.sessions() as session:
            row = session.get(RecordRow, record_id)
            if row is None:
                raise RecordNotFound(record_id)
            return to_record(row)

    def find_by_sha256(self, sha256: str) -> Record | None:
        """Return the record holding these bytes, if any."""
        with self.sessions() as session:
            row = session.scalar(select(RecordRow).where(RecordRow.sha256 == sha256))
            return to_record(row) if row else None

    def open_original(self, record: Record) -> BinaryIO:
        """Stream the original bytes of ``record``; RecordDisposed once it was disposed of."""
        ensure_kept(record)
        return self.store.open(blob_key(record.sha256))

    def text_document(self, record: Record) -> dict[str, Any]:
        """The stored text of ``record``: pages, their sources and OCR confidences."""
        try:
            return dict(json.loads(self.store.get_bytes(text_key(record.sha256))))
        except NotFound:
            return {"pages": []}

    def text_pages(self, record: Record) -> list[str]:
        """The extracted text of ``record``, one string per page."""
        return list(self.text_document(record).get("pages", []))

    def searchable_pdf(self, record: Record) -> BinaryIO | None:
        """The searchable PDF made by OCR, when there is one."""
        try:
            return self.store.open(searchable_key(record.sha256))
        except NotFound:
            return None

    def latest(self, limit: int = 10, *, include_confidential: bool) -> list[Record]:
        """The most recently archived records still kept."""
        query = select(RecordRow).where(RecordRow.state == "active")
        if not include_confidential:
            query = query.where(open_to_all())
        with self.sessions() as session:
            rows = session.scalars(query.order_by(RecordRow.created_at.desc()).limit(limit))
            return [to_record(row) for row in rows]

    def stats(self, *, include_confidential: bool = True) -> dict[str, Any]:
        """Counts of the whole archive (the actions layer asks without confidential ones
        for roles that may not see them)."""
        with self.sessions() as session:
            seen = true() if include_confidential else open_to_all()
            active = (RecordRow.state == "active") & seen
            records, size = session.execute(
                select(func.count(RecordRow.id), func.coalesce(func.sum(RecordRow.size), 0)).where(
                    active
                )
            ).one()
            disposed = (
                session.scalar(select(func.count()).where((RecordRow.state != "active") & seen))
                or 0
            )
            by_type = session.execute(
                select(RecordRow.doc_type, func.count()).where(active).group_by(RecordRow.doc_type)
            ).all()
            by_year = session.execute(
                select(RecordRow.year, func.count()).where(active).group_by(RecordRow.year)
            ).all()
        return {
            "records": int(records),
            "bytes": int(size),
            "disposed": int(disposed),
            "by_type": {(k or "(chưa rõ)"): int(v) for k, v in sorted(by_type, key=_key)},
            "by_year": {
                (str(k) if k else "(chưa rõ)"): int(v) for k, v in sorted(by_year, key=_key)
            },
        }

    def search(
        self,
        query: str,
        *,
        filters: dict[str, str | int] | None = None,
        page: int = 1,
        per_page: int = 20,
        sort: str = "relevance",
        hidden: dict[str, list[str]] | None = None,
    ) -> ArchiveSearch:
        """Search the index; hits come back as catalog records (only visible ones)."""
        result: SearchResults = self.index.search(
            query, filters=filters, page=page, per_page=per_page, sort=sort, hidden=hidden
        )
        ids = [hit.id for hit in result.hits]
        with self.sessions() as session:
            rows = session.scalars(select(RecordRow).where(RecordRow.id.in_(ids))) if ids else []
            records = {row.id: to_record(row) for row in rows}
        hits = [
            FoundRecord(record=records[h.id], score=h.score, snippet=h.snippet)
            for h in result.hits
            if h.id in records
        ]
        return ArchiveSearch(
            total=result.total,
            hits=hits,
            facets=result.facets,
            page=result.page,
            per_page=result.per_page,
            pages=result.pages,
        )


def _key(pair: tuple[Any, int]) -> tuple[int, str]:
    return (0 if pair[0] else 1, str(pair[0]))
