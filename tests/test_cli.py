"""The hoso command, end to end on real corpus documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()

    def invoke(*args: str, code: int = 0):  # type: ignore[no-untyped-def]
        result = runner.invoke(main, ["--operator", *args], catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result

    return invoke


def test_ingest_search_show_get_text_stats(run, sample_files: list[Path], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = run("ingest", "--json", *map(str, sample_files)).output
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == len(sample_files)
    assert {line["status"] for line in lines} == {"created"}
    first = lines[0]
    assert set(first) >= {"id", "sha256", "size", "mime_type", "filename", "pages", "metadata"}

    found = json.loads(run("search", "khen thuong", "--json", "--limit", "3").output)
    assert found["total"] >= 5 and len(found["hits"]) == 3
    assert set(found["hits"][0]) >= {"id", "score", "snippet", "metadata"}
    assert "<mark>" in found["hits"][0]["snippet"]

    shown = json.loads(run("show", first["id"], "--json").output)
    assert shown["id"] == first["id"] and shown["version"] == 1
    assert first["filename"] in run("show", first["id"]).output

    target = tmp_path / "copy.bin"
    run("get", first["id"], "-o", str(target))
    assert target.read_bytes() == sample_files[0].read_bytes()
    assert "QUYẾT ĐỊNH" in run("text", first["id"]).output

    stats = json.loads(run("stats", "--json").output)
    assert stats["records"] == len(sample_files)
    assert sum(stats["by_type"].values()) == len(sample_files)
    assert "Tài liệu" in run("stats").output


def test_rejections_exit_one_with_a_reason(run, tmp_path: Path, sample_files: list[Path]) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "chuong-trinh.pdf"
    bad.write_bytes(Path("/bin/true").read_bytes())
    result = run("ingest", "--json", str(sample_files[0]), str(bad), code=1)
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["status"] for line in lines] == ["created", "rejected"]
    assert lines[1]["error"]["code"] == "unsupported_type"
    assert "ELF" in lines[1]["error"]["message"]


def test_meta_is_validated(run, sample_files: list[Path]) -> None:  # type: ignore[no-untyped-def]
    result = run("ingest", "--meta", "khong_co=1", str(sample_files[0]), code=1)
    assert "Lỗi: --meta: Không có trường" in result.output
    out = run("ingest", "--json", "--meta", "issued_date=18/12/2015", str(sample_files[0])).output
    assert json.loads(out)["metadata"]["issued_date"] == "2015-12-18"


def test_unknown_id_is_a_clear_error(run) -> None:  # type: ignore[no-untyped-def]
    assert "Không tìm thấy" in run("show", "khongco", code=1).output


def test_reindex_and_rebuild_from_storage_alone(
    run, sample_files: list[Path], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    run("ingest", *map(str, sample_files))
    data = tmp_path / "data"
    shutil.rmtree(data / "index")
    (data / "catalog.sqlite3").unlink()
    for extra in data.glob("catalog.sqlite3-*"):
        extra.unlink()
    assert f"{len(sample_files)} tài liệu" in run("reindex").output
    assert f"{len(sample_files)} tài liệu" in run("rebuild").output
    found = json.loads(run("search", '"uy ban nhan dan"', "--json").output)
    assert found["total"] >= 3
    assert json.loads(run("stats", "--json").output)["records"] == len(sample_files)
