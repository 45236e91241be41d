"""Bytes to a committed record, as one ordered list of small steps.

    spool     stream to a private temp file while hashing; size limit; empty files
    dedupe    same SHA-256 already archived (or in this batch)? a result, not an error
    sniff     the real type from the bytes; refuse what the archive does not keep
    extract   text per page; refuse encrypted and damaged files
    describe  text hygiene, then metadata read off the text; a person's entries win
    stage     original, text and first manifest to storage (archive.commit)
    flush     index and catalog, batched: the record becomes visible

Extraction runs on the temp copy before anything is stored, so a refused file
leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from archive import jobs
from archive.award_flags import AwardFlag, flags_raised_by
from archive.commit import CommitBatch, NewRecord
from archive.describe import clean_pages, describe, parser_id
from archive.facade import Archive
from archive.metadata import merge
from archive.records import Record
from archive.same_number import same_number
from ingest.errors import Rejected
from ingest.extract import extract
from ingest.sniff import sniff
from ingest.spool import Spooled, spool, spool_path

# Marks a result whose OCR job is created once the record is visible.
PENDING_JOB = -1
# Whether the person ingesting may see an archived record (a warning must not reveal one).
Visible = Callable[[Record], bool]


@dataclass(frozen=True)
class IngestResult:
    """What became of one file: created, duplicate (of an existing record) or rejected."""

    filename: str
    status: str
    record: Record | None = None
    error: Rejected | None = None
    job_id: int | None = None
    job_state: str | None = None
    # Awards this new record gives that another archived decision already gave.
    award_flags: tuple[AwardFlag, ...] = ()
    # Archived documents with the same number, symbol and issuer (different bytes).
    same_number: tuple[Record, ...] = ()

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        """The record JSON plus ``status`` (and ``error`` when rejected)."""
        data: dict[str, Any] = self.record.to_json() if self.record else {"filename": self.filename}
        data["status"] = self.status
        if self.error is not None:
            data["error"] = self.error.to_json(lang)
        if self.job_id is not None:
            data["ocr"] = {"job": self.job_id, "state": self.job_state or "queued"}
        warnings = []
        if self.same_number:
            data["same_number"] = [_brief(record) for record in self.same_number]
            warnings.append({"code": "same_number", "message": self.same_number_warning(lang)})
        if self.award_flags:
            data["award_flags"] = [flag.to_json() for flag in self.award_flags]
            warnings.extend(
                {"code": "award_duplicate", "message": flag.message()} for flag in self.award_flags
            )
        if warnings:
            data["warnings"] = warnings
        return data

    def same_number_warning(self, lang: str = "vi") -> str:
        """The duplicate-number warning in words, naming the archived records."""
        others = ", ".join(
            f"{r.id} ({r.metadata.get('number')}, {r.metadata.get('issuer')})"
            for r in self.same_number
        )
        if lang == "en":
            return f"Same number, symbol and issuer as archived record(s) {others}"
        return f"Trùng số, ký hiệu và cơ quan ban hành với tài liệu đã lưu {others}"


def _brief(record: Record) -> dict[str, Any]:
    meta = record.metadata
    return {
        "id": record.id,
        "number": meta.get("number"),
        "issuer": meta.get("issuer"),
        "issued_date": meta.get("issued_date"),
        "title": meta.get("title"),
    }


class Ingester:
    """Ingest files into one archive; records become visible at each flush."""

    def __init__(
        self, archive: Archive, *, user: str, batch_size: int = 1, visible: Visible | None = None
    ) -> None:
        self.archive = archive
        self.user = user
        # Without a rule for what the person may see, no record is named in a warning.
        self.visible = visible
        self.batch_size = max(1, batch_size)
        self.batch = CommitBatch(archive)
        self._waiting: list[IngestResult] = []

    def ingest_path(self, path: Path, entered: Mapping[str, Any] | None = None) -> None:
        """Ingest a local file."""
        limit = self.archive.settings.max_upload_bytes
        tmp = self.archive.settings.tmp_dir
        self._run(path.name, lambda: spool_path(path, tmp_dir=tmp, limit=limit), entered)

    def ingest_stream(
        self, stream: IO[bytes], filename: str, entered: Mapping[str, Any] | None = None
    ) -> None:
        """Ingest an upload arriving as a stream."""
        settings = self.archive.settings
        self._run(
            filename,
            lambda: spool(
                stream, filename=filename, tmp_dir=settings.tmp_dir, limit=settings.max_upload_bytes
            ),
            entered,
        )

    def flush(self) -> list[IngestResult]:
        """Make staged records visible; return every result not yet returned, in order."""
        visible = set(self.batch.flush())
        results = []
        # Of two files of one batch with one number, the second warns (as if one by one).
        later = {r.record.id for r in self._waiting if r.status == "created" and r.record}
        for result in self._waiting:
            if result.status == "created" and result.record and result.record.id not in visible:
                # Another process archived the same bytes first.
                existing = self.archive.find_by_sha256(result.record.sha256)
                result = IngestResult(result.filename, "duplicate", existing)
            elif result.job_id == PENDING_JOB and result.record:
                result = replace(result, job_id=jobs.create(self.archive, "ocr", result.record.id))
            if result.status == "created" and result.record:
                later.discard(result.record.id)
                result = self._with_same_number(result, later)
            results.append(result)
        self._waiting = []
        return self._with_award_flags(self._with_stranded_ocr(results))

    def _with_award_flags(self, results: list[IngestResult]) -> list[IngestResult]:
        """Warn of each award a new record gives that another decision already gave."""
        created = [r.record.id for r in results if r.status == "created" and r.record]
        raised = flags_raised_by(self.archive, created)
        if not raised:
            return results
        return [
            replace(r, award_flags=tuple(raised[r.record.id]))
            if r.status == "created" and r.record and r.record.id in raised
            else r
            for r in results
        ]

    def _with_same_number(self, result: IngestResult, later: set[str]) -> IngestResult:
        if self.visible is None or result.record is None:
            return result
        found = same_number(self.archive, result.record)
        shown = tuple(r for r in found if r.id not in later and self.visible(r))
        return replace(result, same_number=shown)

    def _with_stranded_ocr(self, results: list[IngestResult]) -> list[IngestResult]:
        """Give a duplicate the OCR job an interrupted earlier run left unfinished.

        Ingesting the same file again is how a person finishes what was cut short,
        so the record's text must not stay unread just because its bytes are in.
        """
        duplicates = [r.record.id for r in results if r.status == "duplicate" and r.record]
        stranded = jobs.unfinished(self.archive, duplicates)
        if not stranded:
            return results
        return [
            replace(r, job_id=stranded[r.record.id])
            if r.status == "duplicate" and r.record and r.record.id in stranded
            else r
            for r in results
        ]

    def add_prepared(self, filename: str, new: NewRecord) -> None:
        """Stage a record prepared elsewhere (a bulk import's worker process)."""
        existing = self.archive.find_by_sha256(new.sha256) or self.batch.pending_record(new.sha256)
        if existing is not None:
            self._waiting.append(IngestResult(filename, "duplicate", existing))
            return
        job = PENDING_JOB if "pending" in new.sources else None
        self._waiting.append(IngestResult(filename, "created", self.batch.stage(new), job_id=job))

    def add_worker_result(self, filename: str, prepared: Any) -> None:
        """Take what a worker process made of a file: a record to stage, or its outcome."""
        if isinstance(prepared, NewRecord):
            try:
                self.add_prepared(filename, prepared)
            finally:
                prepared.source.unlink(missing_ok=True)
            return
        status, record_id, error = prepared
        record = self.archive.get(record_id) if record_id else None
        rejected = Rejected(error[0], **error[1]) if error else None
        self._waiting.append(IngestResult(filename, status, record, rejected))

    def _run(self, filename: str, make_spool: Any, entered: Mapping[str, Any] | None) -> None:
        try:
            spooled: Spooled = make_spool()
        except Rejected as error:
            self._waiting.append(IngestResult(filename, "rejected", error=error))
            return
        try:
            existing = self.archive.find_by_sha256(spooled.sha256) or self.batch.pending_record(
                spooled.sha256
            )
            if existing is not None:
                self._waiting.append(IngestResult(filename, "duplicate", existing))
            else:
                new = prepare(spooled, filename, dict(entered or {}), user=self.user)
                self.add_prepared(filename, new)
        except Rejected as error:
            self._waiting.append(IngestResult(filename, "rejected", error=error))
        finally:
            spooled.discard()

    @property
    def due(self) -> bool:
        """Whether enough records wait that the caller should flush."""
        return len(self.batch.pending) >= self.batch_size


def prepare(spooled: Spooled, filename: str, entered: Mapping[str, Any], *, user: str) -> NewRecord:
    """Sniff, extract and describe a spooled file: everything short of storing it."""
    mime = sniff(spooled.path, filename)
    extracted = extract(spooled.path, mime, filename)
    pages = clean_pages(extracted.pages)
    now = datetime.now(UTC).isoformat()
    metadata, provenance = merge(
        describe(pages, cleaned=True), entered, parser=parser_id(), user=user, at=now
    )
    return NewRecord(
        source=spooled.path,
        sha256=spooled.sha256,
        size=spooled.size,
        mime_type=mime,
        filename=filename,
        pages=extracted.page_count,
        text_pages=pages,
        sources=extracted.sources,
        extractor=extracted.extractor,
        metadata=metadata,
        provenance=provenance,
        user=user,
    )


def ingest_one(
    archive: Archive,
    stream: IO[bytes],
    filename: str,
    *,
    user: str,
    entered: Mapping[str, Any] | None = None,
    visible: Visible | None = None,
) -> IngestResult:
    """Ingest one upload and make it visible at once (the web's and the API's path)."""
    ingester = Ingester(archive, user=user, visible=visible)
    ingester.ingest_stream(stream, filename, entered)
    return ingester.flush()[0]
