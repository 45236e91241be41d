"""Hostile files made on the spot: small on disk, enormous once expanded."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from tests.documents import write_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ODT_MIME = b"application/vnd.oasis.opendocument.text"


def _write_repeated(
    archive: zipfile.ZipFile, name: str, head: bytes, unit: bytes, count: int, tail: bytes
) -> None:
    """One entry of ``head + unit * count + tail``, written in slices (never whole in memory)."""
    with archive.open(name, "w", force_zip64=True) as out:
        out.write(head)
        block = unit * max(1, 1_000_000 // max(1, len(unit)))
        left = count if unit else 0
        while left > 0:
            n = min(left, len(block) // len(unit))
            out.write(block[: n * len(unit)])
            left -= n
        out.write(tail)


def zip_with_huge_mimetype(path: Path, size: int = 400 * 1024 * 1024) -> Path:
    """A ZIP whose ``mimetype`` entry inflates to ``size`` bytes of spaces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        _write_repeated(archive, "mimetype", ODT_MIME, b" ", size, b"")
        archive.writestr("content.xml", "<a/>")
    return path


def _docx_with_body(path: Path, body_parts: tuple[bytes, bytes, int, bytes]) -> Path:
    """A real DOCX (from python-docx) whose word/document.xml is replaced."""
    source = write_docx("Quyết định", path.with_suffix(".seed.docx"))
    with zipfile.ZipFile(source) as seed, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in seed.infolist():
            if info.filename == "word/document.xml":
                head, unit, count, tail = body_parts
                _write_repeated(out, info.filename, head, unit, count, tail)
            else:
                out.writestr(info, seed.read(info))
    source.unlink()
    return path


def docx_empty_paragraphs(path: Path, count: int = 10_000_000) -> Path:
    """A DOCX of ``count`` empty paragraphs (60 MB of XML in a few dozen KiB)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'.encode()
    return _docx_with_body(path, (head, b"<w:p/>", count, b"</w:body></w:document>"))


def docx_billion_laughs(path: Path) -> Path:
    """A DOCX whose document declares entities that expand a billion times."""
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<!DOCTYPE w:document [{''.join(entities)}]>"
        f"<w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
    ).encode()
    return _docx_with_body(path, (head, b"", 0, b"</w:body></w:document>"))


def odt_bomb(path: Path, count: int = 10_000_000) -> Path:
    """An ODT of ``count`` empty paragraphs."""
    ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' \
         'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'  # fmt: skip
    head = f"<office:document-content {ns}><office:body><office:text>".encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODT_MIME)
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="'
            + ODT_MIME.decode()
            + '"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>',
        )
        _write_repeated(
            archive, "content.xml", head, b"<text:p/>", count, b"</office:text></office:body>"
            b"</office:document-content>",
        )  # fmt: skip
    return path


def png_of(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of ``width`` × ``height`` white pixels (compresses to almost nothing)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = io.BytesIO()
    for _ in range(height):
        idat.write(packer.compress(row))
    idat.write(packer.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", idat.getvalue())
        + chunk(b"IEND", b"")
    )


def xlsx_without_dimension(path: Path, rows: int = 20_000) -> Path:
    """An XLSX manifest with no <dimension>, each row's one cell in the last column (XFD)."""
    from openpyxl import Workbook

    seed = path.with_suffix(".seed.xlsx")
    book = Workbook()
    book.active.append(["tệp", "số"])
    book.save(seed)
    sheet_head = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>tệp</t></is></c></row>'
    ).encode()
    cells = b"".join(
        f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
        for r in range(2, rows + 2)
    )
    with zipfile.ZipFile(seed) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                out.writestr(info.filename, sheet_head + cells + b"</sheetData></worksheet>")
            else:
                out.writestr(info, source.read(info))
    seed.unlink()
    return path


def zip_of_small_bombs(path: Path, entries: int = 50, size: int = 4 * 1024 * 1024) -> Path:
    """An import box of ``entries`` text files of ``size`` bytes each (each under the old floor)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for i in range(entries):
            _write_repeated(archive, f"hop/tep-{i:03d}.txt", b"", b" ", size, b"")
    return path
