"""A box of scanned records to import: a folder tree or a ZIP file.

ZIP files come from outside and are read defensively: an entry with an absolute
path or ``..``, a symbolic link, or a compression ratio no document has (a ZIP
bomb) is refused by name, and an entry is never read past its declared size.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO

from ingest.errors import Rejected
from ingest.packages import ZIP_ERRORS

# Scanned pages compress a few times at most; a thousandfold ratio is an attack. The
# ratio applies to every entry, beyond a small allowance that lets a short text file of
# repeated characters through.
MAX_RATIO = 200
RATIO_ALLOWANCE = 64 * 1024
# The whole box: everything its entries inflate to, against the ZIP's own size. Boxes
# of scans (JPEG, PDF) hardly compress; even uncompressed bilevel TIFFs stay near 20:1.
MAX_BOX_RATIO = 50
BOX_ALLOWANCE = 64 * 1024 * 1024
MAX_ENTRIES = 200_000


@dataclass(frozen=True)
class BoxItem:
    """One file of the box: its path relative to the box, its size, how to read it."""

    relpath: str
    size: int
    stamp: str  # changes when the file does: size and modification time
    problem: Rejected | None = None
    entry: str = ""  # the member's name inside a ZIP, when it differs from ``relpath``


class Box:
    """The files of a folder tree or ZIP, in a stable order."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.is_zip = path.is_file()
        try:
            self._zip = zipfile.ZipFile(path) if self.is_zip else None
        except ZIP_ERRORS as exc:  # every caller refuses a BadZipFile by name
            raise zipfile.BadZipFile(str(exc)) from exc
        if self._zip is not None:
            _check_budget(path, self._zip.infolist())

    def close(self) -> None:
        """Close the ZIP file, if any."""
        if self._zip is not None:
            self._zip.close()

    def items(self) -> Iterator[BoxItem]:
        """Every file of the box; unsafe ZIP entries come with their ``problem``."""
        if self._zip is None:
            yield from _folder_items(self.path)
            return
        members = _zip_files(self._zip)
        top = _single_top_folder([info.filename for info in members])
        for info in members:
            item = _zip_item(self.path.name, info)
            if top and item.problem is None:
                item = replace(item, relpath=info.filename[len(top) :], entry=info.filename)
            yield item

    def open(self, item: BoxItem) -> BinaryIO:
        """Read one file (never more than a ZIP entry declares)."""
        if self._zip is None:
            return (self.path / item.relpath).open("rb")
        entry = item.entry or item.relpath
        return io.BufferedReader(_Bounded(self._zip.open(entry), item.size, item.relpath))


def _check_budget(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse the whole box when its entries, together, inflate past what scans can."""
    if len(infos) > MAX_ENTRIES:
        raise Rejected("unsafe_archive", filename=path.name, entry="*", reason="quá nhiều tệp")
    total = sum(info.file_size for info in infos)
    budget = MAX_BOX_RATIO * path.stat().st_size + BOX_ALLOWANCE
    if total > budget:
        mb = 1024 * 1024
        reason = (
            f"giải nén ra {total // mb} MB từ {path.stat().st_size // 1024} KiB, vượt giới hạn "
            f"{budget // mb} MB ({MAX_BOX_RATIO} lần tệp nén), dấu hiệu của ZIP bomb"
        )
        raise Rejected("unsafe_archive", filename=path.name, entry="*", reason=reason)


def _folder_items(root: Path) -> Iterator[BoxItem]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            relpath = path.relative_to(root).as_posix()
            if path.is_symlink():
                yield BoxItem(relpath, 0, "", _unsafe(root.name, relpath, "liên kết tượng trưng"))
                continue
            info = path.stat()
            yield BoxItem(relpath, info.st_size, f"{info.st_size}:{info.st_mtime_ns}")


def _zip_files(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return sorted(
        (i for i in archive.infolist() if not i.is_dir() and not _packing_litter(i.filename)),
        key=lambda i: i.filename,
    )


def _packing_litter(name: str) -> bool:
    """What an operating system adds when it zips a folder: never a document."""
    return name.startswith("__MACOSX/") or PurePosixPath(name).name in (".DS_Store", "Thumbs.db")


def _single_top_folder(names: list[str]) -> str:
    """``"hop-2015/"`` when every file of the ZIP is inside that one folder, else ``""``.

    Zipping a folder puts its name in front of every path; without it, the paths match
    the same box given as a folder, so one manifest serves both.
    """
    tops = {name.split("/", 1)[0] if "/" in name else "" for name in names}
    if len(tops) != 1:
        return ""
    (top,) = tops
    return f"{top}/" if top and top not in ("..", ".") else ""


def _zip_item(box: str, info: zipfile.ZipInfo) -> BoxItem:
    stamp = f"{info.file_size}:{info.CRC}"
    name = info.filename
    parts = PurePosixPath(name).parts
    if name.startswith(("/", "\\")) or ".." in parts or ":" in (parts[0] if parts else ""):
        return BoxItem(name, 0, stamp, _unsafe(box, name, "đường dẫn tuyệt đối hoặc có '..'"))
    if stat.S_ISLNK(info.external_attr >> 16):
        return BoxItem(name, 0, stamp, _unsafe(box, name, "liên kết tượng trưng"))
    ratio = info.file_size / max(1, info.compress_size)
    if info.file_size > MAX_RATIO * info.compress_size + RATIO_ALLOWANCE:
        reason = f"nén {ratio:.0f} lần, dấu hiệu của ZIP bomb"
        return BoxItem(name, 0, stamp, _unsafe(box, name, reason))
    return BoxItem(name, info.file_size, stamp)


def _unsafe(box: str, entry: str, reason: str) -> Rejected:
    return Rejected("unsafe_archive", filename=box, entry=entry, reason=reason)


class _Bounded(io.RawIOBase):
    """A ZIP entry stream that stops with an error past the size the entry declared."""

    def __init__(self, stream: IO[bytes], declared: int, entry: str) -> None:
        super().__init__()
        self.stream = stream
        self.left = declared
        self.entry = entry

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.stream.read(min(len(buffer), self.left + 1))
        self.left -= len(data)
        if self.left < 0:
            raise Rejected(
                "unsafe_archive", filename="ZIP", entry=self.entry, reason="dài hơn khai báo"
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.stream.close()
        super().close()
