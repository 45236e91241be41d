"""Expansion bombs: every container entry, XML part, image and manifest is read within
size, count and pixel limits, refused by name, and never stops an import.

Each bomb is made in the test, small on disk. The heavy ones are opened in a child
process whose address space is capped (RLIMIT_AS), which reports how far its resident
memory grew and how long it took: on code that expands them, the child runs out of
memory instead of the machine.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from archive.accounts import create_token
from archive.facade import Archive
from archive.settings import Settings
from ingest.bulk import Importer
from ingest.errors import Rejected
from ingest.manifest import ManifestError, read_manifest
from tests.security import bombs
from tests.web.conftest import make_app

ROOT = Path(__file__).resolve().parents[2]
MEMORY_GROWTH_MB = 300  # what one refused bomb may cost at most
SECONDS = 60  # loose: a refusal is well under a second on a quiet machine
DECISION = "QUYẾT ĐỊNH số {n}/QĐ-UBND về việc tặng bằng khen cho tập thể xuất sắc năm 2015"

# The child: make the bomb, cap the address space, open it the way an upload does.
CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from tests.security import bombs
    kind, folder = sys.argv[1], Path(sys.argv[2])
    made = {
        "zip_mimetype": lambda: bombs.zip_with_huge_mimetype(folder / "hop.odt"),
        "docx_paragraphs": lambda: bombs.docx_empty_paragraphs(folder / "rong.docx"),
        "docx_laughs": lambda: bombs.docx_billion_laughs(folder / "cuoi.docx"),
        "odt_paragraphs": lambda: bombs.odt_bomb(folder / "rong.odt"),
        "png_400mp": lambda: folder.joinpath("anh.png").write_bytes(bombs.png_of(20000, 20000))
        and folder / "anh.png",
        "xlsx_no_dimension": lambda: bombs.xlsx_without_dimension(folder / "bang-ke.xlsx"),
    }
    path = made[kind]()
    from ingest.errors import Rejected
    from ingest.extract import extract
    from ingest.manifest import ManifestError, read_manifest
    from ingest.sniff import sniff
    size = int(Path("/proc/self/status").read_text().split("VmSize:")[1].split()[0]) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size + (1 << 30), size + (1 << 30)))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    try:
        if kind.startswith("xlsx"):
            manifest = read_manifest(path)
            outcome = {"code": "read", "rows": len(manifest.rows)}
        else:
            extracted = extract(path, sniff(path, path.name), path.name)
            outcome = {"code": "accepted", "pages": extracted.page_count}
    except Rejected as refusal:
        outcome = {"code": refusal.code, "message": refusal.message()}
    except ManifestError as refusal:
        outcome = {"code": "manifest_error", "message": str(refusal)}
    except BaseException as exc:
        outcome = {"code": type(exc).__name__}
    outcome["seconds"] = time.monotonic() - started
    outcome["grew_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    outcome["on_disk"] = path.stat().st_size
    print(json.dumps(outcome))
    """
)

# bomb -> (the refusal's code, a word of its reason)
REFUSED = {
    "zip_mimetype": ("unsafe_document", "giải nén ra"),
    "docx_paragraphs": ("unsafe_document", "phần tử XML"),
    "docx_laughs": ("unsafe_document", "billion laughs"),
    "odt_paragraphs": ("unsafe_document", "content.xml"),
    "png_400mp": ("image_too_large", "400 triệu"),
}


def open_in_child(kind: str, folder: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    outcome: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return outcome


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_a_bomb_is_refused_by_name_within_memory_and_time(kind: str, tmp_path: Path) -> None:
    outcome = open_in_child(kind, tmp_path)
    code, reason = REFUSED[kind]
    assert outcome["code"] == code, outcome
    assert reason in str(outcome["message"])
    assert int(str(outcome["on_disk"])) < 1024 * 1024  # small on disk, enormous inside
    assert float(str(outcome["grew_mb"])) < MEMORY_GROWTH_MB, outcome
    assert float(str(outcome["seconds"])) < SECONDS, outcome


def test_a_manifest_without_dimension_is_read_within_bounds(tmp_path: Path) -> None:
    """Each row's one cell in the last column (XFD) is not padded to 16,384 columns."""
    outcome = open_in_child("xlsx_no_dimension", tmp_path)
    assert outcome["code"] == "read", outcome
    assert float(str(outcome["grew_mb"])) < MEMORY_GROWTH_MB, outcome
    assert float(str(outcome["seconds"])) < 10, outcome


def test_manifest_limits_are_refusals(tmp_path: Path) -> None:
    from ingest import manifest as m

    wide = tmp_path / "rong.csv"
    wide.write_text(",".join(["tệp", *(f"cot{i}" for i in range(m.MAX_MANIFEST_COLUMNS))]))
    with pytest.raises(ManifestError, match="cột"):
        read_manifest(wide)
    huge = tmp_path / "lon.csv"
    with huge.open("wb") as out:
        out.truncate(m.MAX_MANIFEST_BYTES + 1)
    with pytest.raises(ManifestError, match="MB"):
        read_manifest(huge)
    laughs = bombs.docx_billion_laughs(tmp_path / "cuoi.docx").rename(tmp_path / "cuoi.xlsx")
    with pytest.raises(ManifestError):
        read_manifest(laughs)


# -- the web upload and the API: 422 with the reason, nothing left in <data>/tmp ----------


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = make_app(Settings(data_dir=tmp_path / "data", max_upload_mb=50))
    yield app
    app.extensions["hoso.archive"].close()


def leftovers(data_dir: Path) -> list[Path]:
    tmp = data_dir / "tmp"
    return sorted(tmp.rglob("*")) if tmp.exists() else []


UPLOADS = {
    "cuoi.docx": (bombs.docx_billion_laughs, "unsafe_document"),
    "rong.docx": (lambda p: bombs.docx_empty_paragraphs(p, 2_000_000), "unsafe_document"),
    "anh.png": (lambda p: p.write_bytes(bombs.png_of(20000, 20000)) and p, "image_too_large"),
}


@pytest.mark.parametrize("name", sorted(UPLOADS))
def test_api_and_form_answer_422_with_the_reason(app: Flask, name: str, tmp_path: Path) -> None:
    make, code = UPLOADS[name]
    path = make(tmp_path / name)
    archive: Archive = app.extensions["hoso.archive"]
    token = create_token(archive, "archivist")
    client = app.test_client()
    response = client.post(
        "/api/v1/records",
        data={"file": (io.BytesIO(path.read_bytes()), name)},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422, response.get_data(as_text=True)[:500]
    assert response.get_json()["error"]["code"] == code
    client.post("/signin", data={"username": "archivist", "password": "mat-khau-du-dai"})
    page = client.post("/upload/file", data={"file": (io.BytesIO(path.read_bytes()), name)})
    assert page.status_code == 422
    assert name in page.get_data(as_text=True)
    assert leftovers(archive.settings.data_dir) == []
    assert archive.search("").total == 0


# -- import boxes: a hostile file is a rejected row, the import carries on ------------------


def test_hostile_files_never_stop_an_import(tmp_path: Path) -> None:
    laughs = bombs.docx_billion_laughs(tmp_path / "cuoi.docx").read_bytes()
    paragraphs = bombs.docx_empty_paragraphs(tmp_path / "rong.docx", 2_000_000).read_bytes()
    box = tmp_path / "hop.zip"
    with zipfile.ZipFile(box, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("hop/a.txt", DECISION.format(n=1))
        out.writestr("hop/b-anh.png", bombs.png_of(20000, 20000))
        out.writestr("hop/c-cuoi.docx", laughs)
        out.writestr("hop/d-rong.docx", paragraphs)
        out.writestr("hop/e.txt", DECISION.format(n=2))
    settings = Settings(data_dir=tmp_path / "data", max_upload_mb=50)
    archive = Archive.open(settings)
    try:
        for attempt in range(2):  # a re-run passes the same files without stopping
            started = time.monotonic()
            run = Importer(archive, box, workers=1).run()
            assert time.monotonic() - started < 120
            status = {o.relpath: (o.status, o.message) for o in run.outcomes}
            assert status["b-anh.png"][0] == "rejected" and "400 triệu" in status["b-anh.png"][1]
            assert status["c-cuoi.docx"][0] == "rejected"
            assert "billion laughs" in status["c-cuoi.docx"][1]
            assert status["d-rong.docx"][0] == "rejected"
            done = "created" if attempt == 0 else "skipped"
            assert status["a.txt"][0] == done and status["e.txt"][0] == done
            assert leftovers(settings.data_dir) == []
        assert archive.search("").total == 2
    finally:
        archive.close()


def test_a_box_of_small_bombs_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    """200 MB in 4 MiB entries (each under the old 4 MiB floor) from a ZIP of a few hundred KiB."""
    box = bombs.zip_of_small_bombs(tmp_path / "hop.zip")
    assert box.stat().st_size < 1024 * 1024
    archive = Archive.open(Settings(data_dir=tmp_path / "data"))
    try:
        with pytest.raises(Rejected) as refused:
            Importer(archive, box, workers=1).run()
        assert refused.value.code == "unsafe_archive"
        assert "ZIP bomb" in refused.value.message()
        assert archive.search("").total == 0
    finally:
        archive.close()


def test_the_ratio_applies_to_every_entry(tmp_path: Path) -> None:
    """One 4 MiB entry of spaces (under the old floor) is a rejected row; the rest go in."""
    box = tmp_path / "hop.zip"
    with zipfile.ZipFile(box, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        out.writestr("hop/a.txt", DECISION.format(n=1))
        out.writestr("hop/b.txt", " " * (4 * 1024 * 1024 - 1))
    archive = Archive.open(Settings(data_dir=tmp_path / "data"))
    try:
        run = Importer(archive, box, workers=1).run()
        status = {o.relpath: (o.status, o.message) for o in run.outcomes}
        assert status["a.txt"][0] == "created"
        # an unsafe entry is named as the ZIP names it
        assert status["hop/b.txt"][0] == "rejected" and "ZIP bomb" in status["hop/b.txt"][1]
    finally:
        archive.close()


def test_web_import_refuses_a_bomb_box_at_once(app: Flask, tmp_path: Path) -> None:
    box = bombs.zip_of_small_bombs(tmp_path / "hop.zip")
    client = app.test_client()
    client.post("/signin", data={"username": "archivist", "password": "mat-khau-du-dai"})
    response = client.post("/import/", data={"box": (io.BytesIO(box.read_bytes()), "hop.zip")})
    assert response.status_code == 422, response.status_code
    assert "ZIP bomb" in response.get_data(as_text=True)


def _patched(data: bytes, signature: bytes, offset: int, value: bytes) -> bytes:
    """``data`` with ``value`` written at ``offset`` into every record starting ``signature``."""
    out = bytearray(data)
    start = out.find(signature)
    while start != -1:
        out[start + offset : start + offset + len(value)] = value
        start = out.find(signature, start + 1)
    return bytes(out)


def test_exotic_or_damaged_zips_are_refused_not_crashed(tmp_path: Path) -> None:
    """What the fuzzer found: a ZIP needing version 6.4, a compression method zipfile does
    not know, a damaged deflate stream: refusals all, in documents, manifests and boxes."""
    from ingest.boxes import Box
    from ingest.extract import extract
    from ingest.sniff import sniff

    seed = bombs.docx_billion_laughs(tmp_path / "seed.docx").read_bytes()
    variants = {
        "version": _patched(seed, b"PK\x01\x02", 6, b"\x40\x00"),
        "method": _patched(
            _patched(seed, b"PK\x03\x04", 8, b"\x63\x00"), b"PK\x01\x02", 10, b"\x63\x00"
        ),
        "deflate": _patched(seed, b"PK\x03\x04", 40, b"\xff\xff\xff\xff"),
    }
    for name, data in variants.items():
        document = tmp_path / f"{name}.docx"
        document.write_bytes(data)
        try:
            extract(document, sniff(document, document.name), document.name)
        except Rejected as refusal:
            assert refusal.code in ("corrupt_file", "unsafe_document", "unreadable",
                                    "unsupported_type"), (name, refusal.code)  # fmt: skip
        else:
            raise AssertionError(f"{name}: a damaged DOCX was accepted")
        sheet = document.rename(tmp_path / f"{name}.xlsx")
        with pytest.raises(ManifestError):
            read_manifest(sheet)
        with contextlib.suppress(zipfile.BadZipFile, Rejected):  # refused by name, or read
            Box(sheet).close()
