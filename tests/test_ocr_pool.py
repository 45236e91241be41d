"""The shared pool of Tesseract runs: pages of many jobs, bounded on disk, read in order."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from pytesseract import TesseractError

from ingest.ocr_job import _recognised
from ingest.rasterize import PageImage

SLOTS = 1
JOBS = 3
PAGES = 3


def _pages(job: int, folder: Path, seen: list[int]) -> Iterator[PageImage]:
    """Small pages written as a rasteriser would, noting how many wait on disk each time."""
    font = ImageFont.load_default(size=48)
    for index in range(PAGES):
        seen.append(len(list(folder.glob("*.tif"))))
        image = Image.new("L", (900, 160), 255)
        ImageDraw.Draw(image).text((40, 50), f"HOSO {job}{index}7", font=font, fill=0)
        path = folder / f"job{job}-page{index}.tif"
        image.save(path, "TIFF", dpi=(300, 300))
        yield PageImage(index=index, path=path, dpi=300)


def test_pages_of_many_jobs_share_the_pool_within_bounds(tmp_path: Path) -> None:
    seen: list[int] = []
    read: dict[int, list[tuple[int, str]]] = {}
    errors: list[BaseException] = []

    def job(number: int) -> None:
        try:
            read[number] = [
                (image.index, page.text)
                for image, page in _recognised(_pages(number, tmp_path, seen), SLOTS)
            ]
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=job, args=(n,)) for n in range(JOBS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors
    assert max(seen) <= 2 * SLOTS  # a page is rasterised only when the pool has room
    assert not list(tmp_path.glob("*.tif"))  # every page image removed once read
    for number in range(JOBS):
        assert [index for index, _text in read[number]] == list(range(PAGES))
        for index, text in read[number]:
            assert f"{number}{index}7" in text


def test_a_failed_page_stops_its_job_and_frees_the_room(tmp_path: Path) -> None:
    def broken() -> Iterator[PageImage]:
        path = tmp_path / "broken.tif"
        path.write_bytes(b"not an image")
        yield PageImage(index=0, path=path, dpi=300)

    with pytest.raises(TesseractError):
        list(_recognised(broken(), SLOTS))
    assert not (tmp_path / "broken.tif").exists()
    # The room the broken page held is free again: a good page still goes through.
    good = list(_recognised(_pages(9, tmp_path, []), SLOTS))
    assert [image.index for image, _page in good] == list(range(PAGES))
