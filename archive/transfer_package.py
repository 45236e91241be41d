"""The BagIt package of a transfer, written so that no file name can cost an original.

Inside ``data/`` each record has three fixed folders whatever its file is called::

    <record id>/original/<the file's name made safe, or original.<ext>>
    <record id>/metadata/manifest-NNNNNN.json, original.json
    <record id>/derived/text.json, searchable.pdf   (when the archive made them)

``original.json`` keeps the name people gave the file. The package is read back
from where it ends up and must hold each original's bytes, by the SHA-256 the
catalog keeps, before the caller deletes anything.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import BinaryIO

import bagit

from archive.disposition import ACTIONS, Disposal, DisposalError
from archive.facade import Archive
from archive.records import Record, manifest_key, searchable_key, text_key
from storage import NotFound

CHUNK = 1024 * 1024
MAX_NAME = 120
# Characters Windows, macOS or the BagIt manifest lines cannot carry in a file name.
_UNSAFE = re.compile(r'[<>:"/\\|?*%]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_RECORD_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")


def bag_name(filename: str, mime_type: str = "") -> str:
    """The name an original takes in the package: its own made safe, else ``original.<ext>``."""
    name = unicodedata.normalize("NFC", re.split(r"[/\\]", filename)[-1])
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C"))
    name = _UNSAFE.sub("_", name).strip(" .")
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        keep = dot and len(ext) <= 10
        name = f"{stem[: MAX_NAME - len(ext) - 1]}.{ext}" if keep else name[:MAX_NAME]
    if not name or _RESERVED.match(name):
        return "original" + (mimetypes.guess_extension(mime_type or "") or "")
    return name


def write_package(archive: Archive, disposal: Disposal, records: list[Record]) -> Path:
    """Write, validate and read back the package; its path, or a refusal that deleted nothing."""
    target = archive.settings.data_dir / "transfers" / f"danh-sach-{disposal.id}"
    if target.exists():
        raise DisposalError(f"Gói giao nộp {target} đã có; hãy chuyển nó đi trước")
    archive.settings.tmp_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=archive.settings.tmp_dir) as tmp:
        bag_dir = Path(tmp) / "bag"
        for record in records:
            _add_record(archive, bag_dir / _folder(record), record)  # make_bag moves it to data/
        bag = bagit.make_bag(
            str(bag_dir),
            {
                "Source-Organization": archive.settings.office_name or "Hoso",
                "External-Description": f"{ACTIONS['transfer']} — danh sách số {disposal.id}",
                "External-Identifier": f"hoso-disposal-{disposal.id}",
                "Bag-Count": "1 of 1",
            },
            checksums=["sha256"],
        )
        bag.validate()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(bag_dir), target)
    try:
        check_package(target, records)
    except (DisposalError, bagit.BagError):
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def check_package(target: Path, records: list[Record]) -> None:
    """Read the package back: valid, and holding each original's bytes by the catalog's hash."""
    try:
        bag = bagit.Bag(str(target))
        bag.validate()
    except bagit.BagError as exc:
        raise DisposalError(f"Gói giao nộp không hợp lệ ({exc}); chưa xóa gì") from exc
    for record in records:
        path = f"data/{_folder(record)}/original/{bag_name(record.filename, record.mime_type)}"
        listed = bag.entries.get(path, {}).get("sha256")
        on_disk = _sha256_of(target / path) if (target / path).is_file() else None
        if listed != record.sha256 or on_disk != record.sha256:
            raise DisposalError(
                f"Gói giao nộp không chứa đúng bản gốc của tài liệu {record.id} "
                f"(SHA-256 trong danh mục {record.sha256}, trong gói {on_disk or 'không có'}); "
                "chưa xóa gì"
            )


def _folder(record: Record) -> str:
    if not _RECORD_ID.match(record.id):
        raise DisposalError(f"Mã tài liệu {record.id!r} không dùng làm tên thư mục được")
    return record.id


def _add_record(archive: Archive, folder: Path, record: Record) -> None:
    name = bag_name(record.filename, record.mime_type)
    for part in ("original", "metadata"):
        (folder / part).mkdir(parents=True)
    with archive.open_original(record) as src:
        copied = _copy_hashing(src, folder / "original" / name)
    if copied != record.sha256:
        raise DisposalError(
            f"Bản gốc của tài liệu {record.id} trong kho không còn đúng SHA-256 của danh mục "
            f"({copied} thay vì {record.sha256}): không đóng gói, chưa xóa gì; hãy chạy hoso fixity"
        )
    for version in range(1, record.version + 1):
        key = manifest_key(record.id, version)
        if archive.store.exists(key):
            (folder / "metadata" / Path(key).name).write_bytes(archive.store.get_bytes(key))
    about = {
        "id": record.id,
        "filename": record.filename,
        "path": f"original/{name}",
        "sha256": record.sha256,
        "size": record.size,
        "mime_type": record.mime_type,
    }
    (folder / "metadata" / "original.json").write_text(
        json.dumps(about, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    for key in (text_key(record.sha256), searchable_key(record.sha256)):
        try:
            with archive.store.open(key) as src:
                (folder / "derived").mkdir(exist_ok=True)
                _copy_hashing(src, folder / "derived" / Path(key).name)
        except NotFound:
            continue


def _copy_hashing(src: BinaryIO, path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("wb") as dst:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            dst.write(chunk)
    return digest.hexdigest()


def _sha256_of(path: Path) -> str:
    with path.open("rb") as src:
        digest = hashlib.sha256()
        while chunk := src.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
