"""Nothing outlives disposition: once a record is destroyed, its text is nowhere the
archive wrote it — not in the data dir (catalog, index segments, import folders,
spool), not in the bucket — and nothing the archive writes there is readable by others."""

from __future__ import annotations

import csv
import io
import json
import random
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from archive.accounts import User
from archive.disposal_run import decide
from archive.disposition import propose
from archive.facade import Archive
from archive.retention.decide import set_retention
from archive.settings import Settings
from search import SearchIndex
from tests.web.conftest import Auth, job_workers, make_app
from tests.web.test_work import wait_done

ARCHIVIST = User("archivist", "Người dùng archivist", "archivist")
ADMIN = User("admin", "Người dùng admin", "admin")


@pytest.fixture
def web(settings: Settings) -> Iterator[Flask]:
    app = make_app(settings)
    yield app
    app.extensions["hoso.archive"].close()


def new_marker() -> str:
    """A word that tantivy's compressed store keeps whole, so a byte search can find it.

    The store holds the text more than once (as written, folded to lower case, and in the
    hit's JSON) and compresses it with LZ4, which writes four bytes seen earlier in the
    block as a back-reference: the digits of a random hex marker could point back to its
    folded copy, leaving no copy whole. Upper-case letters no Vietnamese word uses, no
    four of them twice, are never referenced back.
    """
    pick = random.SystemRandom()
    while True:
        tail = "".join(pick.choice("FJWZQ") for _ in range(14))
        runs = [tail[i : i + 4] for i in range(len(tail) - 3)]
        if len(set(runs)) == len(runs):
            return f"XMARKER{tail}"


def secret_decision(sample_dir: Path, marker: str) -> bytes:
    """A 2016 decision whose body (not its title, number or subject) holds ``marker``."""
    text = (sample_dir / "c02_qd_cstdcs_ltt_snv.txt").read_text(encoding="utf-8")
    body = f"Nội dung mật: phương án {marker} chỉ lưu hành nội bộ.\n\nĐiều 2."
    return text.replace("Điều 2.", body, 1).encode()


def import_box(client: FlaskClient, box: bytes, sheet: bytes) -> str:
    started = client.post(
        "/import/",
        data={"box": (io.BytesIO(box), "hop.zip"), "manifest": (io.BytesIO(sheet), "bang-ke.csv")},
    )
    assert started.status_code == 302, started.get_data(as_text=True)
    return str(started.location)


def files_holding(root: Path, needle: bytes) -> list[str]:
    """Every file under ``root`` whose bytes hold ``needle`` (binary files included)."""
    return [
        str(path.relative_to(root))
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink() and needle in path.read_bytes()
    ]


def objects_holding(archive: Archive, needle: bytes) -> list[str]:
    store = archive.store
    return [key for key in store.list("") if needle in store.get_bytes(key)]


def index_keeps_deleted(archive: Archive) -> list[str]:
    """Generations other than the live one, and segments still holding deleted documents.

    tantivy compresses stored text in blocks, so a byte search alone could miss it.
    """
    root = archive.settings.effective_index_dir
    live = (root / "CURRENT").read_text().strip()
    found = [path.name for path in root.glob("gen-*") if path.name != live]
    meta = json.loads((root / live / "meta.json").read_text())
    found += [s["segment_id"] for s in meta["segments"] if s.get("deletes")]
    return found


def readable_by_others(root: Path) -> list[str]:
    return [
        f"{path.relative_to(root)} {stat.filemode(path.stat().st_mode)}"
        for path in [root, *sorted(root.rglob("*"))]
        if not path.is_symlink() and path.stat().st_mode & 0o077
    ]


def test_a_destroyed_record_leaves_no_copy_of_its_text(
    web: Flask, sample_dir: Path, backend: str
) -> None:
    marker = new_marker()
    needle = marker.encode()
    archive: Archive = web.extensions["hoso.archive"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as box:
        box.writestr("hop/qd-mat.txt", secret_decision(sample_dir, marker))
        for i in range(3):  # live neighbours, so the index keeps a shared segment
            box.writestr(f"hop/qd-{i}.txt", f"Quyết định số {i}/QĐ-UBND về khen thưởng".encode())
    sheet = io.StringIO()
    csv.writer(sheet).writerows([["Tệp", "Độ mật"], ["hop/qd-mat.txt", "Tối mật"]])
    client = web.test_client()
    Auth(client).signin("archivist")
    with job_workers(web):
        location = import_box(client, out.getvalue(), sheet.getvalue().encode())
        assert wait_done(client, location, seconds=120)["state"] == "done"
    (found,) = archive.search(marker.lower()).hits
    record = found.record
    assert record.metadata["confidentiality"] == "Tối mật"
    assert files_holding(archive.settings.data_dir, needle)  # the probe does see copies

    set_retention(archive, ARCHIVIST, record.id, years=5, reason="Theo quy chế cơ quan")
    listed = propose(archive, ARCHIVIST, [record.id], action="destroy", reason="Hết hạn")
    decide(archive, ADMIN, listed.id, approve=True, reason="Đồng ý hủy theo quy định")

    assert archive.search(marker.lower()).total == 0
    assert archive.search("khen thưởng").total == 3
    assert files_holding(archive.settings.data_dir, needle) == []
    assert objects_holding(archive, needle) == []
    assert index_keeps_deleted(archive) == []
    tombstone = archive.get(record.id)
    assert tombstone.metadata["disposition"]["action"] == "destroy"  # the evidence stays
    assert tombstone.metadata["number"] == "85/QĐ-SNV"
    assert readable_by_others(archive.settings.data_dir) == []


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])  # postgres: tests/test_search_index.py
def test_a_purge_leaves_no_stored_text_in_any_engine(tmp_path: Path, engine: str) -> None:
    """Both engines keep a deleted document's stored text until a merge; a purge may not."""
    marker = new_marker()
    index = SearchIndex(tmp_path / "index", engine)
    neighbours = [
        {"id": f"qd{i}", "content": f"Quyết định số {i} về khen thưởng", "year": 2015}
        for i in range(3)
    ]
    index.rebuild([*neighbours, {"id": "mat", "content": f"Phương án {marker}", "year": 2016}])
    index.add([{"id": "qd9", "content": "Quyết định số 9 về khen thưởng", "year": 2015}])
    index.purge(["mat"])
    assert index.search(marker.lower()).total == 0
    assert index.search("khen thưởng").total == 4
    assert files_holding(tmp_path / "index", marker.encode()) == []
    assert len(list((tmp_path / "index").glob("gen-*"))) == 1
    index.close()
