"""Ingest real documents as TXT, PDF, DOCX and ODT; find them; get them back byte-identical."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from archive.facade import Archive
from archive.records import blob_key
from ingest.batch import ingest_paths
from ingest.pipeline import Ingester, IngestResult
from tests.documents import write_docx, write_odt, write_pdf


def ingest_all(archive: Archive, paths: list[Path], **kwargs) -> list[IngestResult]:  # type: ignore[no-untyped-def]
    results: list[IngestResult] = []
    ingest_paths(archive, paths, user="test", report=results.append, **kwargs)
    return results


@pytest.fixture(scope="module")
def rendered(sample_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The corpus as real files of each born-digital type."""
    out = tmp_path_factory.mktemp("rendered")
    files = []
    for i, source in enumerate(sample_files):
        text = source.read_text(encoding="utf-8")
        kind = ("pdf", "docx", "odt", "txt")[i % 4]
        target = out / f"{source.stem}.{kind}"
        if kind == "pdf":
            write_pdf(text, target)
        elif kind == "docx":
            write_docx(text, target)
        elif kind == "odt":
            write_odt(text, target)
        else:
            target.write_bytes(source.read_bytes())
        files.append(target)
    return files


def test_corpus_in_every_format_is_archived_found_and_returned_intact(
    archive: Archive, rendered: list[Path], tmp_path: Path
) -> None:
    results = ingest_all(archive, rendered)
    assert [r.status for r in results] == ["created"] * len(rendered)
    mimes = {r.record.mime_type for r in results if r.record}
    assert {"application/pdf", "text/plain"} <= mimes
    assert any("wordprocessingml" in m for m in mimes) and any("opendocument" in m for m in mimes)

    for path, result in zip(rendered, results, strict=True):
        record = archive.get(result.record.id)  # type: ignore[union-attr]
        assert record.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        with archive.open_original(record) as stream:
            assert stream.read() == path.read_bytes()
        assert "".join(archive.text_pages(record)).strip(), f"no text from {path.name}"

    assert archive.search("khen thuong").total >= 5
    found = {h.record.filename for h in archive.search("uy ban", per_page=50).hits}
    # "Ủy ban" (new placement) and "Uỷ ban" (old placement) are both found.
    assert any(name.startswith("c01") for name in found)
    assert any(name.startswith("r04") for name in found)
    assert archive.search('"thi đua yêu nước"').total >= 2


def test_the_same_bytes_twice_make_one_record(
    file_archive: Archive, sample_files: list[Path]
) -> None:
    first = ingest_all(file_archive, sample_files[:2])
    second = ingest_all(file_archive, sample_files[:2])
    assert [r.status for r in first] == ["created", "created"]
    assert [r.status for r in second] == ["duplicate", "duplicate"]
    assert [r.record.id for r in second] == [r.record.id for r in first]  # type: ignore[union-attr]
    assert file_archive.stats()["records"] == 2


def test_a_duplicate_inside_one_batch_is_reported_once(
    file_archive: Archive, sample_files: list[Path], tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(sample_files[0].read_bytes())
    results = ingest_all(file_archive, [sample_files[0], copy])
    assert [r.status for r in results] == ["created", "duplicate"]


def test_entered_metadata_wins_and_is_marked(
    file_archive: Archive, sample_files: list[Path]
) -> None:
    ingester = Ingester(file_archive, user="van.thu")
    ingester.ingest_path(sample_files[0], {"number": "999/QĐ-TEST", "issued_date": "2015-12-18"})
    (result,) = ingester.flush()
    record = file_archive.get(result.record.id)  # type: ignore[union-attr]
    assert record.metadata["number"] == "999/QĐ-TEST"
    assert record.provenance["number"]["source"] == "entered"
    assert record.provenance["number"]["by"] == "van.thu"
    assert record.metadata["title"]
    assert [h.record.id for h in file_archive.search("so:999/qđ-test").hits] == [record.id]


def test_nothing_is_visible_before_flush(file_archive: Archive, sample_files: list[Path]) -> None:
    ingester = Ingester(file_archive, user="test", batch_size=10)
    ingester.ingest_path(sample_files[0])
    assert file_archive.stats()["records"] == 0
    assert file_archive.search("").total == 0
    (result,) = ingester.flush()
    assert result.status == "created"
    assert file_archive.store.exists(blob_key(result.record.sha256))  # type: ignore[union-attr]
    assert file_archive.stats()["records"] == 1


def test_many_files_are_prepared_by_worker_processes(
    file_settings,
    sample_files: list[Path],
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from dataclasses import replace

    folder = tmp_path / "nhieu"
    folder.mkdir()
    for i in range(40):
        text = sample_files[i % len(sample_files)].read_text(encoding="utf-8")
        (folder / f"van-ban-{i:02d}.txt").write_text(f"{text}\nBản số {i}", encoding="utf-8")
    (folder / "ban-sao.txt").write_bytes((folder / "van-ban-07.txt").read_bytes())
    (folder / "hong.pdf").write_bytes(b"%PDF-1.4 not really")
    archive = Archive.open(replace(file_settings, workers=2))
    try:
        results = ingest_all(archive, [folder])
        statuses = {r.filename: r.status for r in results}
        assert len(statuses) == 42
        assert list(statuses.values()).count("created") == 40
        # The copy sorts first, so the original is the one found to be a duplicate.
        assert {statuses["ban-sao.txt"], statuses["van-ban-07.txt"]} == {"created", "duplicate"}
        assert statuses["hong.pdf"] == "rejected"
        assert archive.search('"ban so 17"').total == 1
    finally:
        archive.close()
