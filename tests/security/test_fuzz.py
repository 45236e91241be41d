"""Standing fuzzing: whatever arrives, the query parser, the manifest reader and the
Vietnamese header parser answer with a result or their own clear error, in bounded time.

Small example counts by default (profile ``ci``); ``make fuzz`` runs many more.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import tests.security.profiles  # noqa: F401  (the Hypothesis profile in force)
from archive import vn
from ingest.manifest import Manifest, ManifestError, read_manifest
from search import query as q
from search.tantivy_query import Compiler
from search.tantivy_schema import make_schema

pytestmark = pytest.mark.fuzz

# Pieces of the query language, so examples reach deep into the grammar.
QUERY_PIECES = st.sampled_from(
    [
        "khen", "thưởng", "bằng khen", "AND", "OR", "NOT", "-", "-khen", "(", ")", '"',
        '"ủy ban', "nam:", "nam:2015", "nam:2010..2015", "nam:..2015", "nam:0..9999999999",
        "ngay:01/01/2015..31/12/2015", "ngay:2015-13-45", "so:1268/QĐ-UBND", "loai:\"quyết",
        "namkhen:x", "cq:", "tep:a.pdf", "hoso:HS-1", "Lưu:", "10:30", "_", "…", "\x00", " ",
    ]
)  # fmt: skip
QUERIES = st.one_of(
    st.text(max_size=300),
    st.lists(QUERY_PIECES, max_size=80).map(" ".join),
    st.lists(QUERY_PIECES, max_size=200).map("".join),
)
COMPILER = Compiler(make_schema())


@given(QUERIES)
def test_any_query_is_a_tree_or_a_query_error(text: str) -> None:
    try:
        tree = q.parse(text)
        COMPILER.compile(tree)
    except q.QuerySyntaxError as refusal:
        assert str(refusal)  # a reason for people, never an empty message
        return
    assert isinstance(tree, q.Node.__args__)  # type: ignore[attr-defined]


# -- manifests ----------------------------------------------------------------------------

CELLS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["tệp", "file", "số", "ngày", "độ mật", "=1+1", "", "a/../b.pdf"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
)
TABLES = st.lists(st.lists(CELLS, max_size=8), max_size=12)


def _read(data: bytes, suffix: str) -> Manifest | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bang-ke{suffix}"
        path.write_bytes(data)
        try:
            return read_manifest(path)
        except ManifestError as refusal:
            assert str(refusal)
            return None


@given(st.binary(max_size=4096), st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_are_a_manifest_or_a_manifest_error(data: bytes, suffix: str) -> None:
    _read(data, suffix)


@given(TABLES, st.sampled_from([",", ";", "\t", '"']))
def test_any_csv_table_is_read_or_refused(table: list[list[object]], delimiter: str) -> None:
    text = "\n".join(delimiter.join(str(c) for c in row) for row in table)
    _read(text.encode("utf-8"), ".csv")


@given(TABLES, st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=6))
def test_any_xlsx_sheet_or_damaged_copy_is_read_or_refused(
    table: list[list[object]], damage: list[tuple[int, int]]
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for row in table:
        book.active.append([c if not isinstance(c, str) else _printable(c) for c in row])
    out = io.BytesIO()
    book.save(out)
    data = bytearray(out.getvalue())
    for offset, value in damage:  # flipped bytes: a file cut or corrupted on its way
        data[offset % len(data)] = value
    _read(bytes(data), ".xlsx")


def _printable(text: str) -> str:
    """openpyxl refuses control characters in cells when writing, not when reading."""
    return "".join(c for c in text if c >= " " or c in "\t\n")


@given(st.binary(max_size=2048))
def test_a_zip_of_anything_as_xlsx_is_read_or_refused(content: bytes) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", content)
        archive.writestr("xl/workbook.xml", content)
    _read(out.getvalue(), ".xlsx")


# -- the Vietnamese header parser ---------------------------------------------------------

HEADER_PIECES = st.sampled_from(
    [
        "ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Số: 1268/QĐ-UBND", "Số:", "/QĐ-", "QUYẾT ĐỊNH",
        "Về việc tặng Bằng khen", "V/v", "ngày 05 tháng 13 năm 99999", "ngày 31 tháng 2 năm 2015",
        "Lai Châu, ngày", "Điều 1.", "Tặng Bằng khen cho:", "1. Ông Nguyễn Văn A", "TM. UBND",
        "CHỦ TỊCH", "Nơi nhận:", "- Lưu: VT", "MẬT", "KHẨN", "|", "\f", "\t", "  ", "\u0300",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=500),
    st.lists(st.one_of(HEADER_PIECES, st.text(max_size=20)), max_size=60).map("\n".join),
    st.lists(HEADER_PIECES, max_size=60).map(" ".join),
)


@given(TEXTS)
def test_any_text_is_parsed_never_raises(text: str) -> None:
    assume(True)
    metadata = vn.parse(vn.clean_text(text))
    assert isinstance(metadata, dict)
    assert isinstance(vn.parse(text), dict)
