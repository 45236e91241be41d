"""ZIP-based documents (DOCX, ODT, XLSX) checked within limits before a library expands them.

python-docx, odfpy and openpyxl read a whole part into memory and build a tree of it;
a few dozen KiB of ZIP can hold gigabytes of XML, or a few lines of entity declarations
that expand a billion times. Each part is read here first, as a stream with a byte cap,
through expat with no tree: entries, bytes and elements are counted, and a DTD (which
no Office or OpenDocument part has) is refused before any entity is expanded.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from ingest.errors import Rejected

MAX_PACKAGE_ENTRIES = 5_000
MAX_PART_BYTES = 64 * 1024 * 1024  # one part, uncompressed
MAX_PACKAGE_BYTES = 256 * 1024 * 1024  # all parts, uncompressed (python-docx loads them all)
# XML elements of all parts, by kind. A 300-page report or a 2,000-name award table is
# about 150,000. python-docx keeps ~300 bytes and ~50 µs per element at worst (empty
# paragraphs), odfpy twice the memory and more time; openpyxl streams a sheet, so a
# manifest's 200,000 rows of a few cells may have more (its rows are bounded apart).
MAX_XML_ELEMENTS = {"DOCX": 500_000, "ODT": 250_000, "XLSX": 4_000_000}
# What zipfile raises for a damaged, cut, encrypted or exotic ZIP (a compression method
# or version it does not know): each means the file cannot be read, never a crash.
ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    OSError,
)
_XML_SUFFIXES = (".xml", ".rels")
_CHUNK = 256 * 1024


class _Refusal(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_package(path: Path, *, kind: str, filename: str) -> None:
    """Refuse (``unsafe_document``) a package whose parts would expand past the limits."""
    try:
        with zipfile.ZipFile(path) as package:
            _check(package, MAX_XML_ELEMENTS[kind])
    except _Refusal as refusal:
        raise Rejected(
            "unsafe_document", filename=filename, kind=kind, reason=refusal.reason
        ) from None
    except ZIP_ERRORS as exc:
        raise Rejected("corrupt_file", filename=filename, kind=kind, detail=str(exc)) from exc


def read_capped(package: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of one entry, whatever it declares or inflates to."""
    with package.open(name) as entry:
        return entry.read(limit)


def _check(package: zipfile.ZipFile, max_elements: int) -> None:
    infos = package.infolist()
    if len(infos) > MAX_PACKAGE_ENTRIES:
        raise _Refusal(f"có {len(infos)} phần, vượt giới hạn {MAX_PACKAGE_ENTRIES}")
    total = sum(info.file_size for info in infos)
    if total > MAX_PACKAGE_BYTES:
        raise _Refusal(f"giải nén ra {_mb(total)} MB, vượt giới hạn {_mb(MAX_PACKAGE_BYTES)} MB")
    elements = [0]
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise _Refusal(
                f"phần «{info.filename}» giải nén ra {_mb(info.file_size)} MB, "
                f"vượt giới hạn {_mb(MAX_PART_BYTES)} MB"
            )
        if info.filename.lower().endswith(_XML_SUFFIXES) or info.filename == "content.xml":
            _scan_xml(package, info, elements, max_elements)


def _scan_xml(
    package: zipfile.ZipFile, info: zipfile.ZipInfo, elements: list[int], max_elements: int
) -> None:
    """Stream one XML part through expat: count elements, refuse any DTD."""
    parser = expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise _Refusal(
            f"phần «{info.filename}» có khai báo DTD/thực thể XML, "
            "dấu hiệu của tấn công nở thực thể (billion laughs)"
        )

    def element(*_: object) -> None:
        elements[0] += 1
        if elements[0] > max_elements:
            raise _Refusal(f"có hơn {max_elements:,} phần tử XML".replace(",", "."))

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = element
    read = 0
    try:
        with package.open(info) as entry:
            while chunk := entry.read(_CHUNK):
                read += len(chunk)
                if read > MAX_PART_BYTES:  # a lying header: zipfile trusts it, we do not
                    raise _Refusal(f"phần «{info.filename}» dài hơn khai báo")
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise _Refusal(f"phần «{info.filename}» không phải XML hợp lệ ({exc})") from None


def _mb(size: int) -> int:
    return size // (1024 * 1024)
