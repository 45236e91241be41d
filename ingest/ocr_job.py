"""The OCR job: recognise every page of a record still waiting for its text."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from archive import describe
from archive.facade import Archive
from archive.records import Record
from archive.retext import replace_text
from archive.text import OCR, PENDING, text_document
from ingest.malloc import map_large_blocks
from ingest.ocr import OcrPage, ocr_image, tesseract_version
from ingest.rasterize import PageImage, image_frames, pdf_pages
from ingest.searchable import images_to_pdf, patch_pdf
from ingest.sniff import PDF

OCR_USER = "hoso-ocr"


def run_ocr(archive: Archive, record_id: str, progress: Callable[[str], None]) -> Record:
    """Recognise the record's pending pages; store text and a searchable PDF; re-parse."""
    record = archive.get(record_id)
    document = archive.text_document(record)
    sources = list(document.get("sources") or [])
    todo = [i for i, source in enumerate(sources) if source == PENDING]
    if not todo:
        return record
    pages = list(document["pages"])
    confidences = list(document.get("confidence") or [None] * len(pages))
    page_pdfs: dict[int, bytes] = {}
    archive.settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ocr-", dir=archive.settings.tmp_dir) as tmp:
        original = _fetch(archive, record, Path(tmp))
        slots = archive.settings.worker_count
        for done, (image, page) in enumerate(
            _recognised(_images(record, original, todo, Path(tmp)), slots), start=1
        ):
            pages[image.index] = describe.clean_pages([page.text])[0]
            confidences[image.index] = page.confidence
            sources[image.index] = OCR
            page_pdfs[image.index] = page.pdf
            progress(f"{done}/{len(todo)}")
        searchable = _searchable(record, original, page_pdfs, len(pages))
    updated = text_document(
        record.sha256,
        pages,
        sources,
        extractor=document.get("extractor", ""),
        confidences=confidences,
        ocr_engine=f"tesseract {tesseract_version()}",
    )
    return replace_text(
        archive,
        record,
        updated,
        user=OCR_USER,
        reason="Nhận dạng chữ (OCR)",
        searchable_pdf=searchable,
    )


def _recognised(images: Iterator[PageImage], slots: int) -> Iterator[tuple[PageImage, OcrPage]]:
    """Each page image with its recognised text, in page order.

    Pages, not records, are the unit of work: they go to one pool of ``slots`` Tesseract
    runs shared by every job of this process, so a single long dossier keeps every core
    busy, and the next page is rasterised while earlier ones are read.
    """
    pool = _page_pool(slots)
    waiting: deque[tuple[PageImage, Future[OcrPage]]] = deque()
    try:
        while True:
            # A page is rasterised only once the pool has room for it: whatever the
            # number of jobs, at most ``2 * slots`` page images wait on disk.
            pool.room.acquire()
            try:
                image = next(images, None)
            except BaseException:
                pool.room.release()
                raise
            if image is None:
                pool.room.release()
                break
            waiting.append((image, pool.submit(image)))
            if len(waiting) >= slots:
                image, future = waiting.popleft()
                yield image, future.result()
        while waiting:
            image, future = waiting.popleft()
            yield image, future.result()
    finally:
        for _image, future in waiting:  # an error stopped the job: drop what is queued
            future.cancel()


class _PagePool:
    """``slots`` Tesseract runs at a time, and room for as many pages again to wait."""

    def __init__(self, slots: int) -> None:
        # Tesseract runs as its own process, so threads are enough to keep the cores busy.
        self.executor = ThreadPoolExecutor(max_workers=slots, thread_name_prefix="ocr-page")
        self.room = threading.BoundedSemaphore(2 * slots)

    def submit(self, image: PageImage) -> Future[OcrPage]:
        future = self.executor.submit(_read, image)
        future.add_done_callback(lambda _future: self._done(image))
        return future

    def _done(self, image: PageImage) -> None:
        # Read or cancelled, the page image is not needed again; its room is freed even
        # when the file cannot be removed, or the pool would shrink for good.
        try:
            image.path.unlink(missing_ok=True)
        finally:
            self.room.release()


def _read(image: PageImage) -> OcrPage:
    # Removed before the result is handed over, so a job that has its pages leaves none.
    try:
        return ocr_image(image.path, dpi=image.dpi)
    finally:
        image.path.unlink(missing_ok=True)


_POOLS: dict[int, _PagePool] = {}
_POOLS_LOCK = threading.Lock()


def _page_pool(slots: int) -> _PagePool:
    slots = max(1, slots)
    map_large_blocks()
    with _POOLS_LOCK:
        pool = _POOLS.get(slots)
        if pool is None:
            pool = _POOLS[slots] = _PagePool(slots)
        return pool


def _fetch(archive: Archive, record: Record, folder: Path) -> Path:
    path = folder / "original"
    with archive.open_original(record) as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
    return path


def _images(record: Record, original: Path, todo: list[int], folder: Path) -> Iterator[PageImage]:
    # One page image on disk at a time, whatever the page count.
    if record.mime_type == PDF:
        return pdf_pages(original, todo, folder)
    wanted = set(todo)
    return (image for image in image_frames(original, folder) if image.index in wanted)


def _searchable(
    record: Record, original: Path, page_pdfs: dict[int, bytes], page_count: int
) -> bytes | None:
    if record.mime_type == PDF:
        return patch_pdf(original, page_pdfs)
    if len(page_pdfs) == page_count:
        return images_to_pdf([page_pdfs[i] for i in range(page_count)])
    return None
