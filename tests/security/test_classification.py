"""Attacks on confidentiality: a secret typed in another spelling must stay secret.

Each spelling of a grade a person might type (capitals, no accents, decomposed
Unicode, a trailing full stop) goes in through the upload form, the record edit form,
the API, a bulk-import manifest and the CLI; then a viewer must not find it by search,
open it, download it, or see it in a facet, a total or an award count. A value that is
no grade at all is refused on every path, naming the values allowed. Records stored
before the vocabulary (other spellings in the catalog and in the bucket's manifests)
are fixed by migration 0009 and by `hoso rebuild`.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from archive import service
from archive.accounts import User
from archive.actions import dossiers
from archive.catalog import db
from archive.facade import Archive
from archive.rebuild import rebuild_catalog, reindex
from archive.records import manifest_key
from archive.settings import Settings
from cli import main
from ingest.service import importer
from tests.samples import PEOPLE, decision
from tests.web.conftest import PASSWORD, make_app

# (as typed, the grade it means)
SPELLINGS = [
    ("MẬT", "Mật"),
    ("mật", "Mật"),
    ("Mat", "Mật"),
    (unicodedata.normalize("NFD", "Mật"), "Mật"),
    ("Tối Mật", "Tối mật"),
    ("TUYỆT MẬT", "Tuyệt mật"),
    ("Mật.", "Mật"),
]
NOT_A_GRADE = "Bí mật nội bộ"
VIEWER = User("viewer", "Người xem", "viewer")
AUDITOR = User("auditor", "Kiểm tra", "auditor")
ARCHIVIST = User("archivist", "Văn thư", "archivist")
JSON = {"Accept": "application/json"}
# Folded words found nowhere else, one per document, to search by.
WORDS = ("xkaq", "xkbq", "xkcq", "xkdq", "xkeq", "xkfq", "xkgq", "xkhq")


def document(index: int) -> str:
    """A constructed award decision carrying one unique word and one unique recipient."""
    body = decision(index).replace(PEOPLE[index % len(PEOPLE)], recipient(index))
    return f"{body}\nMã lưu trữ: {WORDS[index]}\n"


def recipient(index: int) -> str:
    return f"Nguyễn Văn {WORDS[index].capitalize()}"


@pytest.fixture
def web(tmp_path: Path) -> Iterator[tuple[Flask, Archive]]:
    app = make_app(Settings(data_dir=tmp_path / "data"))
    yield app, app.extensions["hoso.archive"]
    app.extensions["hoso.archive"].close()


def signed_in(app: Flask, role: str) -> FlaskClient:
    client = app.test_client()
    assert client.post("/signin", data={"username": role, "password": PASSWORD}).status_code == 302
    return client


def token(archive: Archive, role: str) -> dict[str, str]:
    from archive.accounts import create_token

    return {"Authorization": f"Bearer {create_token(archive, role)}"}


def assert_viewer_sees_only_the_plain_one(app: Flask, archive: Archive, secret: list[str]) -> None:
    """Through every reading path, a viewer sees the one plain record and no secret one."""
    api = app.test_client()
    headers = token(archive, "viewer")
    page = signed_in(app, "viewer")
    for index, record_id in enumerate(secret):
        assert api.get(f"/api/v1/records/{record_id}", headers=headers).status_code == 404
        assert api.get(f"/api/v1/records/{record_id}/file", headers=headers).status_code == 404
        assert page.get(f"/records/{record_id}").status_code == 404
        assert page.get(f"/records/{record_id}/download").status_code == 404
        found = api.get(f"/api/v1/search?q={WORDS[index]}", headers=headers).get_json()
        assert found["total"] == 0 and found["hits"] == [], SPELLINGS[index]
        awards = api.get(f"/api/v1/awards?person={WORDS[index]}", headers=headers).get_json()
        assert awards["total"] == 0, SPELLINGS[index]
        shown = page.get(f"/search?q={WORDS[index]}").get_data(as_text=True)
        assert recipient(index) not in shown  # the query itself is echoed, in small letters
    everything = api.get("/api/v1/search?q=", headers=headers).get_json()
    assert everything["total"] == 1
    assert sum(everything["facets"]["doc_type"].values()) == 1
    assert sum(everything["facets"]["year"].values()) == 1
    counts = service.stats(archive, VIEWER)
    assert counts["records"] == 1 and sum(counts["by_type"].values()) == 1
    assert sum(counts["by_year"].values()) == 1
    assert counts["bytes"] == archive.get(plain_id(archive, secret)).size
    assert service.awards(archive, VIEWER, year=2019)[0] == 1
    home = page.get("/").get_data(as_text=True)
    for word in WORDS[: len(secret)]:
        assert word not in home


def plain_id(archive: Archive, secret: list[str]) -> str:
    with archive.sessions() as session:
        ids = set(session.scalars(text("select id from records")))
    (plain,) = ids - set(secret)
    return str(plain)


def assert_stored_as_grades(archive: Archive, secret: list[str]) -> None:
    """Each record holds its grade in the one spelling, and the auditor still reads it."""
    for (typed, grade), record_id in zip(SPELLINGS, secret, strict=True):
        record = service.view(archive, AUDITOR, record_id)
        assert record.metadata["confidentiality"] == grade, typed
        assert record.provenance["confidentiality"]["source"] == "entered"
    assert service.stats(archive, AUDITOR)["records"] == len(secret) + 1


# -- the upload form, the edit form, the API ---------------------------------------


def test_the_upload_form_keeps_every_spelling_secret(web: tuple[Flask, Archive]) -> None:
    app, archive = web
    client = signed_in(app, "archivist")
    secret = []
    for index, (typed, _grade) in enumerate(SPELLINGS):
        data = {
            "file": (io.BytesIO(document(index).encode()), f"{index}.txt"),
            "confidentiality": typed,
        }
        answer = client.post("/upload/file", data=data, headers=JSON)
        assert answer.status_code == 201, answer.get_data(as_text=True)
        secret.append(answer.get_json()["id"])
    plain = {"file": (io.BytesIO(document(7).encode()), "7.txt"), "confidentiality": "Thường"}
    assert client.post("/upload/file", data=plain, headers=JSON).status_code == 201
    assert_viewer_sees_only_the_plain_one(app, archive, secret)
    assert_stored_as_grades(archive, secret)


def test_the_edit_form_keeps_every_spelling_secret(web: tuple[Flask, Archive]) -> None:
    app, archive = web
    client = signed_in(app, "archivist")
    ids = []
    for index in range(len(SPELLINGS) + 1):
        data = {"file": (io.BytesIO(document(index).encode()), f"{index}.txt")}
        ids.append(client.post("/upload/file", data=data, headers=JSON).get_json()["id"])
    secret = ids[: len(SPELLINGS)]
    for record_id, (typed, _grade) in zip(secret, SPELLINGS, strict=True):
        form = {"confidentiality": typed, "reason": "Đóng dấu mật theo văn bản gốc"}
        answer = client.post(f"/records/{record_id}/edit", data=form)
        assert answer.status_code == 302, answer.get_data(as_text=True)
    assert_viewer_sees_only_the_plain_one(app, archive, secret)


def test_the_api_keeps_every_spelling_secret(web: tuple[Flask, Archive]) -> None:
    app, archive = web
    client, headers = app.test_client(), token(archive, "archivist")
    secret = []
    for index, (typed, _grade) in enumerate(SPELLINGS):
        data = {
            "file": (io.BytesIO(document(index).encode()), f"{index}.txt"),
            "confidentiality": typed,
        }
        answer = client.post("/api/v1/records", data=data, headers=headers)
        assert answer.status_code == 201, answer.get_data(as_text=True)
        secret.append(answer.get_json()["id"])
    plain = {"file": (io.BytesIO(document(7).encode()), "7.txt")}
    assert client.post("/api/v1/records", data=plain, headers=headers).status_code == 201
    assert_viewer_sees_only_the_plain_one(app, archive, secret)
    assert_stored_as_grades(archive, secret)


def test_what_is_no_grade_is_refused_on_the_web_and_the_api(web: tuple[Flask, Archive]) -> None:
    app, archive = web
    data = {"file": (io.BytesIO(document(0).encode()), "0.txt"), "confidentiality": NOT_A_GRADE}
    answer = app.test_client().post(
        "/api/v1/records", data=data, headers=token(archive, "archivist")
    )
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["code"] == "invalid_classification"
    assert NOT_A_GRADE in error["message"]
    for grade in ("Thường", "Mật", "Tối mật", "Tuyệt mật"):
        assert f"«{grade}»" in error["message"]
    client = signed_in(app, "archivist")
    data = {"files": (io.BytesIO(document(0).encode()), "0.txt"), "confidentiality": NOT_A_GRADE}
    page = client.post("/upload/", data=data)
    assert page.status_code == 400 and "Tối mật" in page.get_data(as_text=True)
    assert service.stats(archive, AUDITOR)["records"] == 0
    plain = {"file": (io.BytesIO(document(1).encode()), "1.txt")}
    record_id = client.post("/upload/file", data=plain, headers=JSON).get_json()["id"]
    form = {"confidentiality": "Mật khẩn", "reason": "Sửa độ mật theo văn bản gốc"}
    assert client.post(f"/records/{record_id}/edit", data=form).status_code == 400
    change = {"metadata": {"confidentiality": "Secret"}, "reason": "Sửa độ mật theo bản gốc"}
    patched = app.test_client().patch(
        f"/api/v1/records/{record_id}", json=change, headers=token(archive, "archivist")
    )
    assert patched.status_code == 422
    assert archive.get(record_id).version == 1


# -- a manifest and the CLI ------------------------------------------------------


def box_with_manifest(root: Path, levels: list[str]) -> Path:
    box = root / "hop"
    box.mkdir()
    with (root / "bang-ke.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Tệp", "Độ mật"])
        for index, level in enumerate(levels):
            (box / f"{index}.txt").write_text(document(index), encoding="utf-8")
            writer.writerow([f"{index}.txt", level])
    return box


def test_a_manifest_keeps_every_spelling_secret(web: tuple[Flask, Archive], tmp_path: Path) -> None:
    app, archive = web
    box = box_with_manifest(tmp_path, [typed for typed, _ in SPELLINGS] + [""])
    run = importer(archive, ARCHIVIST, box, manifest_path=tmp_path / "bang-ke.csv", workers=1).run()
    outcomes = {o.relpath: o for o in run.outcomes}
    assert {o.status for o in outcomes.values()} == {"created"}, run.outcomes
    secret = [outcomes[f"{i}.txt"].record_id or "" for i in range(len(SPELLINGS))]
    assert_viewer_sees_only_the_plain_one(app, archive, secret)
    assert_stored_as_grades(archive, secret)


def test_a_manifest_row_with_no_grade_is_rejected_in_the_dry_run(
    web: tuple[Flask, Archive], tmp_path: Path
) -> None:
    _app, archive = web
    box = box_with_manifest(tmp_path, ["MẬT", NOT_A_GRADE])
    manifest = tmp_path / "bang-ke.csv"
    run = importer(archive, ARCHIVIST, box, manifest_path=manifest, workers=1, dry_run=True).run()
    outcomes = {o.relpath: o for o in run.outcomes}
    assert outcomes["0.txt"].status == "would_create"
    assert outcomes["1.txt"].status == "rejected"
    assert NOT_A_GRADE in outcomes["1.txt"].message and "Tuyệt mật" in outcomes["1.txt"].message
    run = importer(archive, ARCHIVIST, box, manifest_path=manifest, workers=1).run()
    assert {o.relpath: o.status for o in run.outcomes} == {"0.txt": "created", "1.txt": "rejected"}


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path / "data"))

    def invoke(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["--operator", *args], catch_exceptions=False)
        return result.exit_code, result.output

    return invoke


def test_the_cli_keeps_every_spelling_secret(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    secret = []
    for index, (typed, _grade) in enumerate(SPELLINGS):
        path = tmp_path / f"{index}.txt"
        path.write_text(document(index), encoding="utf-8")
        code, out = cli("ingest", "--json", "--meta", f"confidentiality={typed}", str(path))
        assert code == 0, out
        secret.append(json.loads(out.splitlines()[0])["id"])
    (tmp_path / "7.txt").write_text(document(7), encoding="utf-8")
    assert cli("ingest", "--meta", "confidentiality=thuong", str(tmp_path / "7.txt"))[0] == 0
    code, out = cli(
        "dossier", "create", "HS-1", "--title", "Hồ sơ", "--confidentiality", "tối mật."
    )
    assert code == 0, out
    code, out = cli(
        "dossier", "edit", "HS-1", "--confidentiality", "Mật cấp 2", "--reason", "Sửa độ mật"
    )
    assert code == 1 and "Lỗi:" in out and "Mật cấp 2" in out
    path = tmp_path / "8.txt"
    path.write_text(document(len(SPELLINGS)), encoding="utf-8")
    code, out = cli("ingest", "--meta", f"confidentiality={NOT_A_GRADE}", str(path))
    assert code == 1 and f"Lỗi: --meta: Độ mật «{NOT_A_GRADE}» không hợp lệ" in out
    app = web_over(tmp_path / "data")
    try:
        archive = app.extensions["hoso.archive"]
        assert dossiers.show(archive, AUDITOR, "HS-1")[0].confidentiality == "Tối mật"
        assert_viewer_sees_only_the_plain_one(app, archive, secret)
        assert_stored_as_grades(archive, secret)
    finally:
        app.extensions["hoso.archive"].close()


def web_over(data_dir: Path) -> Flask:
    """The web app over an archive the CLI made, with the test accounts added."""
    from archive.accounts import add_user
    from web import create_app

    archive = Archive.open(Settings(data_dir=data_dir))
    try:
        for role in ("viewer", "auditor"):
            add_user(archive, role, PASSWORD, role, full_name=role)
    finally:
        archive.close()
    return create_app(Settings(data_dir=data_dir), {"TESTING": True, "WTF_CSRF_ENABLED": False})


# -- dossiers ---------------------------------------------------------------------


def test_a_dossier_is_as_secret_as_its_members_whatever_their_spelling(
    web: tuple[Flask, Archive],
) -> None:
    app, archive = web
    client = signed_in(app, "archivist")
    ids = []
    for index, level in enumerate(["", "TỐI MẬT", ""]):
        data = {"file": (io.BytesIO(document(index).encode()), f"{index}.txt")}
        if level:
            data["confidentiality"] = level
        ids.append(client.post("/upload/file", data=data, headers=JSON).get_json()["id"])
    dossiers.create(archive, ARCHIVIST, "HS-MO", "Hồ sơ công khai xkzz")
    dossiers.create(archive, ARCHIVIST, "HS-KIN", "Hồ sơ khen thưởng đặc biệt xkyy")
    dossiers.create(archive, ARCHIVIST, "HS-DAU", "Hồ sơ đóng dấu xkww", confidentiality="mat")
    dossiers.add(archive, ARCHIVIST, "HS-MO", [ids[0]], reason="Lập hồ sơ năm")
    dossiers.add(archive, ARCHIVIST, "HS-KIN", [ids[1], ids[2]], reason="Lập hồ sơ năm")
    viewer = signed_in(app, "viewer")
    listing = viewer.get("/dossiers/").get_data(as_text=True)
    assert "xkzz" in listing and "xkyy" not in listing and "xkww" not in listing
    assert viewer.get("/dossiers/HS-KIN").status_code == 404
    assert viewer.get("/dossiers/HS-DAU").status_code == 404
    assert viewer.get(f"/records/{ids[2]}").status_code == 200  # unmarked, seen on its own
    # those who may read secrets see the dossier listed at its highest member's level
    listed = {d.code: d.confidentiality for d in dossiers.list_dossiers(archive, AUDITOR)}
    assert listed == {"HS-MO": None, "HS-KIN": "Tối mật", "HS-DAU": "Mật"}
    auditor_page = signed_in(app, "auditor").get("/dossiers/").get_data(as_text=True)
    assert "xkyy" in auditor_page and "Tối mật" in auditor_page


# -- records stored before the vocabulary: migration 0009 and rebuilds ------------------


def test_migration_0009_puts_old_spellings_in_one(web: tuple[Flask, Archive]) -> None:
    app, archive = web
    client = signed_in(app, "archivist")
    ids = []
    for index in range(len(SPELLINGS) + 1):
        data = {"file": (io.BytesIO(document(index).encode()), f"{index}.txt")}
        ids.append(client.post("/upload/file", data=data, headers=JSON).get_json()["id"])
    secret = ids[: len(SPELLINGS)]
    dossiers.create(archive, ARCHIVIST, "HS-CU", "Hồ sơ cũ xkvv")
    write_old_manifests(archive, secret)
    # What the catalog of an older Hoso holds: the level as typed, in the metadata and
    # (or, before 0005, not) in the column the counts filter on.
    with archive.engine.begin() as conn:
        for index, ((typed, _), record_id) in enumerate(zip(SPELLINGS, secret, strict=True)):
            meta = json.loads(
                conn.execute(
                    text("select metadata_json from records where id = :i"), {"i": record_id}
                ).scalar_one()
            )
            meta["confidentiality"] = typed
            column = typed if index % 2 else None
            conn.execute(
                text("update records set metadata_json = :m, confidentiality = :c where id = :i"),
                {"m": json.dumps(meta, ensure_ascii=False), "c": column, "i": record_id},
            )
        conn.execute(text("update dossiers set confidentiality = 'TUYỆT MẬT' where code = 'HS-CU'"))
        head = conn.execute(text("select version_num from alembic_version")).scalar_one()
        conn.execute(text("update alembic_version set version_num = '0008'"))
    run_alembic(archive, "upgrade", "0009")
    # Later revisions already ran on this catalog; only 0009's data fix is replayed.
    run_alembic(archive, "stamp", head)
    assert_stored_as_grades_by_catalog(archive, secret)
    assert dossiers.show(archive, AUDITOR, "HS-CU")[0].confidentiality == "Tuyệt mật"
    assert [d.code for d in dossiers.list_dossiers(archive, VIEWER)] == []
    reindex(archive)  # the index holds its own copy, refreshed by `hoso reindex`
    assert_viewer_sees_only_the_plain_one(app, archive, secret)


def run_alembic(archive: Archive, verb: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS))
    with archive.engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, verb)(config, revision)


def write_old_manifests(archive: Archive, secret: list[str]) -> None:
    """Manifests as an older Hoso wrote them, with the level as it was typed."""
    for (typed, _), record_id in zip(SPELLINGS, secret, strict=True):
        key = manifest_key(record_id, 1)
        body = json.loads(archive.store.get_bytes(key))
        body["metadata"]["confidentiality"] = typed
        path = archive.settings.data_dir / "objects" / key
        assert path.exists(), path
        path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")


def assert_stored_as_grades_by_catalog(archive: Archive, secret: list[str]) -> None:
    with archive.engine.connect() as conn:
        for (typed, grade), record_id in zip(SPELLINGS, secret, strict=True):
            column, meta = conn.execute(
                text("select confidentiality, metadata_json from records where id = :i"),
                {"i": record_id},
            ).one()
            assert column == grade and json.loads(meta)["confidentiality"] == grade, typed


def test_a_rebuild_from_the_bucket_reads_old_spellings_as_grades(
    web: tuple[Flask, Archive],
) -> None:
    app, archive = web
    client = signed_in(app, "archivist")
    ids = []
    for index in range(len(SPELLINGS) + 1):
        data = {"file": (io.BytesIO(document(index).encode()), f"{index}.txt")}
        ids.append(client.post("/upload/file", data=data, headers=JSON).get_json()["id"])
    secret = ids[: len(SPELLINGS)]
    write_old_manifests(archive, secret)
    rebuild_catalog(archive)
    reindex(archive)
    assert_viewer_sees_only_the_plain_one(app, archive, secret)
    assert_stored_as_grades_by_catalog(archive, secret)
