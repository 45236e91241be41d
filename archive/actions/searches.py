"""Saved searches (per account) and the export of a whole result set.

A saved search is a bookmark of one person: the query, its facet filters and its order
under a name. An export runs the query again over every page (not only the one shown),
as the person may see it, up to ``EXPORT_MAX`` records, and is noted in the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, BinaryIO

from sqlalchemy import func, select

from archive import audit, dossiers, result_export, service
from archive.accounts import User
from archive.catalog.models import SavedSearchRow
from archive.errors import ArchiveError, RecordNotFound
from archive.facade import Archive
from archive.permissions import allowed, may_see, require
from archive.records import Record
from search import FACETS, QuerySyntaxError

# The most records one export holds; a larger result set is refused, to be narrowed.
EXPORT_MAX = 10_000
MAX_SAVED = 100
MAX_NAME = 120
MAX_QUERY = 1000
SORTS = ("relevance", "date", "-date")
_PAGE = 200


class SearchExportError(ArchiveError):
    """A saved search or an export cannot be made as asked."""

    code = "search_export"


@dataclass(frozen=True)
class SavedSearch:
    """One saved query of one person."""

    id: int
    username: str
    name: str
    query: str
    filters: dict[str, str | int]
    sort: str
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        """The JSON form (API, ``--json``)."""
        return {
            "id": self.id,
            "name": self.name,
            "q": self.query,
            "filters": self.filters,
            "sort": self.sort,
            "created_at": self.created_at.isoformat(),
        }


class SavedSearchNotFound(RecordNotFound):
    """No saved search of this person has that number."""

    def __str__(self) -> str:
        return f"Không có tìm kiếm đã lưu số {self.record_id}"


def _from_row(row: SavedSearchRow) -> SavedSearch:
    return SavedSearch(
        row.id, row.username, row.name, row.query, dict(row.filters_json), row.sort, row.created_at
    )


def checked_filters(filters: dict[str, Any] | None) -> dict[str, str | int]:
    """Facet filters by name, the year as a number; anything else is refused by name."""
    clean: dict[str, str | int] = {}
    for name, value in (filters or {}).items():
        if name not in FACETS:
            raise SearchExportError(f"Không có bộ lọc «{name}»: dùng {', '.join(FACETS)}")
        text = str(value).strip()[:200]
        if not text:
            continue
        if name == "year":
            if not text.isdigit() or not 1 <= int(text) <= 9999:
                raise SearchExportError("Năm lọc phải là số từ 1 đến 9999")
            clean[name] = int(text)
        else:
            clean[name] = text
    return clean


def save(
    archive: Archive,
    user: User,
    name: str,
    query: str,
    filters: dict[str, Any] | None = None,
    sort: str = "relevance",
) -> SavedSearch:
    """Save a query under a name for this person (the same name is replaced).

    A change, however personal: a read-only token may not make it. A query the search
    would refuse (syntax, limits) is refused now rather than at every rerun.
    """
    require(user.role, "account.self")
    name = " ".join(name.split())
    if not name:
        raise SearchExportError("Cần đặt tên cho tìm kiếm cần lưu")
    if len(name) > MAX_NAME:
        raise SearchExportError(f"Tên tìm kiếm dài quá {MAX_NAME} ký tự")
    if len(query) > MAX_QUERY:
        raise SearchExportError(f"Câu tìm kiếm dài quá {MAX_QUERY} ký tự")
    if sort not in SORTS:
        raise SearchExportError(f"Cách sắp xếp phải là một trong: {', '.join(SORTS)}")
    clean = checked_filters(filters)
    if query.strip():
        try:  # one small search checks all the search checks: syntax, limits, values
            service.search(archive, user, query, per_page=1, sort=sort)
        except QuerySyntaxError as exc:
            raise SearchExportError(str(exc)) from exc
    with archive.session() as session:
        row = session.scalar(
            select(SavedSearchRow).where(
                SavedSearchRow.username == user.username, SavedSearchRow.name == name
            )
        )
        if row is None:
            count = session.scalar(
                select(func.count()).where(SavedSearchRow.username == user.username)
            )
            if (count or 0) >= MAX_SAVED:
                raise SearchExportError(
                    f"Mỗi người lưu được tối đa {MAX_SAVED} tìm kiếm: hãy xóa bớt"
                )
            row = SavedSearchRow(username=user.username, name=name)
            session.add(row)
        row.query, row.filters_json, row.sort = query.strip(), clean, sort
        row.created_at = datetime.now(UTC)
        session.flush()
        return _from_row(row)


def listing(archive: Archive, user: User) -> list[SavedSearch]:
    """This person's saved searches, by name."""
    require(user.role, "record.read")
    with archive.sessions() as session:
        rows = session.scalars(
            select(SavedSearchRow)
            .where(SavedSearchRow.username == user.username)
            .order_by(SavedSearchRow.name)
        )
        return [_from_row(row) for row in rows]


def get(archive: Archive, user: User, saved_id: int) -> SavedSearch:
    """One of this person's saved searches (another person's is not found)."""
    require(user.role, "record.read")
    with archive.sessions() as session:
        row = session.get(SavedSearchRow, saved_id)
        if row is None or row.username != user.username:
            raise SavedSearchNotFound(str(saved_id))
        return _from_row(row)


def delete(archive: Archive, user: User, saved_id: int) -> SavedSearch:
    """Delete one of this person's saved searches."""
    require(user.role, "account.self")
    found = get(archive, user, saved_id)
    with archive.session() as session:
        row = session.get(SavedSearchRow, saved_id)
        if row is not None:
            session.delete(row)
    return found


def results(
    archive: Archive,
    user: User,
    query: str,
    *,
    filters: dict[str, Any] | None = None,
    sort: str = "relevance",
) -> Iterator[Record]:
    """Every record of a result set the person may see, page after page (at most EXPORT_MAX)."""
    clean = checked_filters(filters)
    first = service.search(archive, user, query, filters=clean, page=1, per_page=_PAGE, sort=sort)
    if first.total > EXPORT_MAX:
        raise SearchExportError(
            f"Kết quả có {first.total} tài liệu, quá giới hạn xuất {EXPORT_MAX}: "
            "hãy thu hẹp tìm kiếm (thêm từ khóa hoặc bộ lọc)"
        )

    sees_all = allowed(user.role, "record.read_confidential")
    secret = set() if sees_all else dossiers.secret_codes(archive)

    def pages() -> Iterator[Record]:
        found, page = first, 1
        while True:
            for hit in found.hits:
                # The search already leaves out what the role may not see; check each row again.
                if may_see(user.role, hit.record.metadata):
                    yield service.without_secret_dossier(archive, user, hit.record, secret)
            if page >= found.pages:
                return
            page += 1
            found = service.search(
                archive, user, query, filters=clean, page=page, per_page=_PAGE, sort=sort
            )

    return pages()


def export(
    archive: Archive,
    user: User,
    out: BinaryIO,
    query: str,
    *,
    filters: dict[str, Any] | None = None,
    sort: str = "relevance",
    fmt: str = "csv",
    address: str | None = None,
) -> int:
    """Write the whole result set as CSV or XLSX to ``out``; return the rows written."""
    if fmt not in result_export.FORMATS:
        raise SearchExportError(
            f"Định dạng xuất phải là một trong: {', '.join(result_export.FORMATS)}"
        )
    found = results(archive, user, query, filters=filters, sort=sort)
    count = result_export.write(found, out, fmt)
    audit.record_event(
        archive,
        user.username,
        "search_export",
        address=address,
        details={"q": query, "filters": checked_filters(filters), "format": fmt, "rows": count},
    )
    return count
