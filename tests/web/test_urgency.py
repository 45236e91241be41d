"""Urgency through the API, the forms, a manifest and the CLI: one spelling stored, the rest refused."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from archive.accounts import User, create_token
from archive.facade import Archive
from archive.settings import Settings
from cli import main
from ingest.service import importer
from tests.samples import decision
from tests.web.conftest import PASSWORD, make_app

ARCHIVIST = User("archivist", "Văn thư", "archivist")


@pytest.fixture
def web(tmp_path: Path) -> Iterator[tuple[Flask, Archive]]:
    app = make_app(Settings(data_dir=tmp_path / "data"))
    yield app, app.extensions["hoso.archive"]
    app.extensions["hoso.archive"].close()


def test_the_api_stores_one_spelling_and_refuses_the_rest(web: tuple[Flask, Archive]) -> None:
    app, archive = web
    client = app.test_client()
    headers = {"Authorization": f"Bearer {create_token(archive, 'archivist')}"}
    data = {"file": (io.BytesIO(decision(0).encode()), "0.txt"), "urgency": "Rất khẩn"}
    answer = client.post("/api/v1/records", data=data, headers=headers)
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["code"] == "invalid_urgency"
    assert "Rất khẩn" in error["message"]
    for level in ("Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc"):
        assert f"«{level}»" in error["message"]
    data = {"file": (io.BytesIO(decision(0).encode()), "0.txt"), "urgency": "hoa toc"}
    answer = client.post("/api/v1/records", data=data, headers=headers)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    record_id = answer.get_json()["id"]
    record = client.get(f"/api/v1/records/{record_id}", headers=headers).get_json()
    assert record["metadata"]["urgency"] == "Hỏa tốc"
    assert record["provenance"]["urgency"]["source"] == "entered"

    # Urgency hides nothing: a viewer opens the record and sees its level.
    viewer = app.test_client()
    assert (
        viewer.post("/signin", data={"username": "viewer", "password": PASSWORD}).status_code == 302
    )
    page = viewer.get(f"/records/{record_id}").get_data(as_text=True)
    assert "Độ khẩn" in page and "Hỏa tốc" in page

    # The edit form offers the levels, folds what it is sent and refuses the rest.
    editor = app.test_client()
    assert (
        editor.post("/signin", data={"username": "archivist", "password": PASSWORD}).status_code
        == 302
    )
    page = editor.get(f"/records/{record_id}").get_data(as_text=True)
    assert '<select id="edit-urgency" name="urgency">' in page
    form = {"urgency": "Khẩn cấp", "reason": "Sửa độ khẩn theo văn bản gốc", "version": "1"}
    assert editor.post(f"/records/{record_id}/edit", data=form).status_code == 400
    form["urgency"] = "THUONG KHAN"
    assert editor.post(f"/records/{record_id}/edit", data=form).status_code in (200, 302, 303)
    record = client.get(f"/api/v1/records/{record_id}", headers=headers).get_json()
    assert record["metadata"]["urgency"] == "Thượng khẩn"


def test_a_manifest_row_and_the_cli_are_refused_with_the_levels_named(
    web: tuple[Flask, Archive], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _app, archive = web
    box = tmp_path / "hop"
    box.mkdir()
    with (tmp_path / "bang-ke.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Tệp", "Độ khẩn"])
        for index, level in enumerate(["KHẨN", "Khẩn cấp"]):
            (box / f"{index}.txt").write_text(decision(index), encoding="utf-8")
            writer.writerow([f"{index}.txt", level])
    manifest = tmp_path / "bang-ke.csv"
    run = importer(archive, ARCHIVIST, box, manifest_path=manifest, workers=1).run()
    outcomes = {o.relpath: o for o in run.outcomes}
    assert outcomes["0.txt"].status == "created"
    assert archive.get(outcomes["0.txt"].record_id or "").metadata["urgency"] == "Khẩn"
    assert outcomes["1.txt"].status == "rejected"
    assert "Khẩn cấp" in outcomes["1.txt"].message and "Hỏa tốc" in outcomes["1.txt"].message

    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path / "cli"))
    path = tmp_path / "5.txt"
    path.write_text(decision(5), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--operator", "ingest", "--meta", "urgency=Rất khẩn", str(path)]
    )
    assert result.exit_code == 1
    assert "Lỗi: --meta: Độ khẩn «Rất khẩn» không hợp lệ" in result.output
