"""Match the files of a box to the rows of its manifest, before any file is read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from archive.imports import Done
from archive.metadata import MetadataError, validate
from ingest.boxes import BoxItem
from ingest.errors import Rejected
from ingest.manifest import Manifest

STATUS_LABELS = {
    "created": "Đã lưu",
    "duplicate": "Trùng, không lưu lại",
    "rejected": "Bị từ chối",
    "skipped": "Đã nhập ở lần chạy trước",
    "missing": "Bảng kê ghi nhưng không có tệp",
    "would_create": "Sẽ lưu (chạy thử)",
    "manifest": "Bảng kê, không lưu thành tài liệu",
}
# What became of a scanned file's text recognition, by job state.
OCR_LABELS = {
    "done": "Đã đọc chữ (OCR)",
    "failed": "OCR lỗi: xem «hoso jobs --state failed»",
    "queued": "Chờ worker đọc chữ («hoso worker»)",
    "skipped": "Một worker khác đang đọc chữ",
}
# Manifest columns that are not metadata fields of the record itself.
NOT_METADATA = ("file", "pages", "notes", "retention")


@dataclass(frozen=True)
class Outcome:
    """What became of one file (or one manifest row naming a missing file)."""

    relpath: str
    status: str
    record_id: str | None = None
    message: str = ""
    notes: tuple[str, ...] = ()
    ocr: str | None = None  # the state of its OCR job, for a scan; a key of OCR_LABELS


@dataclass(frozen=True)
class Task:
    """A file to import, with the metadata its manifest row gives."""

    item: BoxItem
    entered: dict[str, Any]
    expected_pages: int | None = None
    notes: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        """The file's own name, as the record keeps it."""
        return PurePosixPath(self.item.relpath).name

    def outcome(
        self,
        status: str,
        *,
        record_id: str | None = None,
        message: str = "",
        pages: int | None = None,
    ) -> Outcome:
        """This file's outcome, noting a page count that differs from the manifest's."""
        notes = list(self.notes)
        if pages is not None and self.expected_pages is not None and pages != self.expected_pages:
            notes.append(
                f"số trang lệch: bảng kê ghi {self.expected_pages}, tệp có {pages} "
                "(có thể sót trang khi quét)"
            )
        return Outcome(self.item.relpath, status, record_id, message, tuple(notes))


def plan_box(
    items: list[BoxItem], manifest: Manifest | None, done: dict[str, Done]
) -> tuple[list[Task], list[Outcome], list[str]]:
    """Tasks to run, outcomes already settled, and problems of the manifest as a whole."""
    problems = _sheet_problems(manifest)
    tasks: list[Task] = []
    outcomes: list[Outcome] = []
    present = set()
    for item in items:
        row = manifest.row_for(item.relpath) if manifest else None
        present.add(row[0] if row else None)
        settled = _settled(item, row, manifest, done)
        if isinstance(settled, Outcome):
            outcomes.append(settled)
        else:
            tasks.append(settled)
    if manifest:
        for number, values in sorted(manifest.rows.values(), key=lambda r: r[0]):
            if number not in present:
                error = Rejected("missing_file", filename=values["file"], row=number)
                outcomes.append(Outcome(values["file"], "missing", None, error.message()))
    return tasks, outcomes, problems


def _sheet_problems(manifest: Manifest | None) -> list[str]:
    if manifest is None:
        return []
    problems = [
        f"Cột «{name}» của bảng kê không phải trường nào của Hoso: bỏ qua"
        for name in manifest.unknown_columns
    ]
    problems += [
        f"Dòng {number} của bảng kê ghi lại tệp {name} đã có ở dòng trước: bỏ qua"
        for number, name in manifest.duplicate_rows
    ]
    return problems


def _settled(
    item: BoxItem,
    row: tuple[int, dict[str, str]] | None,
    manifest: Manifest | None,
    done: dict[str, Done],
) -> Task | Outcome:
    if item.problem is not None:
        return Outcome(item.relpath, "rejected", None, item.problem.message())
    previous = done.get(item.relpath)
    if previous is not None and previous.stamp == item.stamp:
        return Outcome(item.relpath, "skipped", previous.record_id, STATUS_LABELS["skipped"])
    if manifest is None:
        return Task(item, {})
    if row is None:
        message = Rejected("not_in_manifest", filename=item.relpath).message()
        return Task(item, {}, notes=(message,))
    number, values = row
    try:
        entered = validate({k: v for k, v in values.items() if k not in NOT_METADATA})
        pages = int(values["pages"]) if values.get("pages") else None
    except (MetadataError, ValueError) as exc:
        detail = str(exc) if isinstance(exc, MetadataError) else "số trang phải là số nguyên"
        error = Rejected("bad_manifest_value", filename=item.relpath, row=number, detail=detail)
        return Outcome(item.relpath, "rejected", None, error.message())
    notes = (f"ghi chú bảng kê: {values['notes']}",) if values.get("notes") else ()
    return Task(item, entered, pages, notes)
