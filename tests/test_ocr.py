"""OCR on real scans of corpus documents: accuracy against the known text and raw Tesseract."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdf
import pytest
from rapidfuzz.distance import Levenshtein

from archive.facade import Archive
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult
from search.vietnamese import normalize
from tests.documents import write_pdf
from tests.scans import damage, render_pages, save_jpeg, save_scanned_pdf, save_tiff

pytestmark = pytest.mark.slow


def cer(got: str, truth: str) -> float:
    """Character error rate, comparing normalised text with runs of white space folded."""
    a, b = " ".join(normalize(got).split()), " ".join(normalize(truth).split())
    return Levenshtein.distance(a, b) / max(1, len(b))


def raw_tesseract(image: Path) -> str:
    done = subprocess.run(
        ["tesseract", str(image), "-", "-l", "vie"], capture_output=True, check=True, timeout=300
    )
    return done.stdout.decode()


@pytest.fixture(scope="module")
def decision(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    """A two-page award decision as a text PDF, its page texts, and its page images."""
    folder = tmp_path_factory.mktemp("scans")
    text = (sample_dir / "c01_qd_bangkhen_ubnd_laichau.txt").read_text(encoding="utf-8")
    pdf = write_pdf(text, folder / "qd.pdf")
    truths = [page.extract_text() for page in pypdf.PdfReader(pdf).pages]
    return {"folder": folder, "truths": truths, "images": render_pages(pdf)}


def ingest_one(archive: Archive, path: Path) -> IngestResult:
    results: list[IngestResult] = []
    ingest_paths(archive, [path], user="test", report=results.append)
    (result,) = results
    assert result.status == "created", result.error and result.error.message()
    assert result.job_state == "done"
    return result


def test_clean_300_dpi_page(file_archive: Archive, decision: dict) -> None:  # type: ignore[type-arg]
    path = decision["folder"] / "clean.png"
    decision["images"][0].save(path, dpi=(300, 300))
    result = ingest_one(file_archive, path)
    record = file_archive.get(result.record.id)  # type: ignore[union-attr]
    ours = cer(file_archive.text_pages(record)[0], decision["truths"][0])
    raw = cer(raw_tesseract(path), decision["truths"][0])
    print(f"clean page: CER {ours:.2%} (raw tesseract {raw:.2%})")
    assert ours < 0.03
    assert ours <= raw + 0.005
    assert record.metadata["number"] == "1268/QĐ-UBND"
    assert record.provenance["number"]["source"] == "extracted"
    assert file_archive.search("tang bang khen cua chu tich").total == 1
    searchable = file_archive.searchable_pdf(record)
    assert searchable is not None
    searchable.close()


def test_tilted_noisy_jpeg(file_archive: Archive, decision: dict) -> None:  # type: ignore[type-arg]
    path = save_jpeg(damage(decision["images"][0], angle=1.5), decision["folder"] / "tilted.jpg")
    result = ingest_one(file_archive, path)
    text = file_archive.text_pages(result.record)[0]  # type: ignore[arg-type]
    ours = cer(text, decision["truths"][0])
    raw = cer(raw_tesseract(path), decision["truths"][0])
    print(f"tilted noisy JPEG: CER {ours:.2%} (raw tesseract {raw:.2%})")
    assert ours < 0.08
    assert ours <= raw + 0.005
    assert file_archive.search('"uy ban nhan dan"').total == 1


def test_skewed_multipage_tiff(file_archive: Archive, decision: dict) -> None:  # type: ignore[type-arg]
    pages = [damage(image, angle=-2.0, seed=i) for i, image in enumerate(decision["images"])]
    path = save_tiff(pages, decision["folder"] / "skewed.tif")
    result = ingest_one(file_archive, path)
    record = file_archive.get(result.record.id)  # type: ignore[union-attr]
    assert record.pages == 2
    texts = file_archive.text_pages(record)
    for text, truth in zip(texts, decision["truths"], strict=True):
        assert cer(text, truth) < 0.08
    assert record.metadata.get("signer") == "Đỗ Ngọc An"


def test_scanned_pdf_without_text_layer(file_archive: Archive, decision: dict) -> None:  # type: ignore[type-arg]
    path = save_scanned_pdf(decision["images"], decision["folder"] / "scan.pdf")
    assert not "".join(p.extract_text() for p in pypdf.PdfReader(path).pages).strip()
    result = ingest_one(file_archive, path)
    record = file_archive.get(result.record.id)  # type: ignore[union-attr]
    document = file_archive.text_document(record)
    assert document["sources"] == ["ocr", "ocr"]
    assert all(c is not None and c > 80 for c in document["confidence"])
    assert cer(document["pages"][0], decision["truths"][0]) < 0.03
    searchable = file_archive.searchable_pdf(record)
    assert searchable is not None
    with searchable:
        layer = pypdf.PdfReader(searchable).pages[0].extract_text()
    assert "QUYẾT ĐỊNH" in normalize(layer)
    with file_archive.open_original(record) as original:
        assert original.read() == path.read_bytes()  # the original is never touched
    assert record.version == 2  # the OCR's metadata is a new version
