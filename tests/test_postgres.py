"""The catalog on PostgreSQL, chosen by its URL alone: the same archive, the same answers."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive import audit, service
from archive.accounts import User
from archive.actions import reports
from archive.awards import find_awards
from archive.dossiers import add_records, create_dossier, get_dossier
from archive.facade import Archive
from archive.holds import HoldError, place_hold
from archive.rebuild import rebuild_catalog
from archive.settings import Settings
from ingest.batch import ingest_paths
from ingest.pipeline import IngestResult
from tests.postgres import PostgreSQL

pytestmark = pytest.mark.pg


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgreSQL]:
    folder = Path(tempfile.mkdtemp(prefix="hoso-pg-"))
    server = PostgreSQL(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_the_archive_runs_on_postgresql(
    postgres: PostgreSQL, tmp_path: Path, sample_files: list[Path]
) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=postgres.url)
    archive = Archive.open(settings)
    try:
        results: list[IngestResult] = []
        ingest_paths(archive, sample_files, user="lan", report=results.append)
        assert {r.status for r in results} == {"created"}
        assert archive.stats()["records"] == len(sample_files)
        assert archive.search("khen thuong").total >= 5
        total, _ = find_awards(archive, person="lo thi huong", include_confidential=True)
        assert total == 1
        # Award statistics read the signer's title out of the JSON metadata on PostgreSQL too.
        viewer = User("xem", "Xem", "viewer")
        report = reports.award_report(archive, viewer, first=2010, last=2020)
        assert report.total >= 5 and sum(row.total for row in report.rows) == report.total
        assert reports.history(archive, viewer, person="lo thi huong")[0].entries

        archivist = User("lan", "Lan", "archivist")
        first = results[0].record.id  # type: ignore[union-attr]
        edited = service.change_metadata(
            archive, archivist, first, {"place": "Thành phố Lai Châu"}, reason="Bổ sung địa danh"
        )
        assert edited.version == 2
        create_dossier(archive, "HS-PG", "Hồ sơ thử", user="lan", end_date="31/12/2016")
        add_records(archive, "HS-PG", [first], user="lan", reason="Xếp hồ sơ")
        assert get_dossier(archive, "HS-PG").record_count == 1
        place_hold(archive, User("kiem", "Kiểm", "auditor"), first, reason="Kiểm tra")
        with pytest.raises(HoldError):
            service.change_metadata(archive, archivist, first, {"place": "x"}, reason="Sửa lại")
        assert audit.verify_chain(archive) == []
        assert rebuild_catalog(archive) == len(sample_files)
        assert archive.get(first).metadata["retention"]["hold"] is True
    finally:
        archive.close()


def test_duplicate_numbers_and_saved_searches_on_postgresql(
    postgres: PostgreSQL, tmp_path: Path
) -> None:
    import io

    from archive.actions import searches
    from ingest import service as ingest_service
    from tests.samples import decision

    archive = Archive.open(Settings(data_dir=tmp_path / "data", database_url=postgres.url))
    try:
        archivist = User("lan", "Lan", "archivist")
        made = [
            ingest_service.upload(
                archive,
                archivist,
                io.BytesIO((decision(20) + f"\nBản {i}\n").encode()),
                f"pg-{i}.txt",
                entered={"number": number, "issuer": "UBND tỉnh Hà Giang"},
            )
            for i, number in enumerate(("999/QĐ-PG", "999/qđ-pg"))
        ]
        assert [r.id for r in made[1].same_number] == [made[0].record.id]  # type: ignore[union-attr]
        saved = searches.save(archive, archivist, "Thử PG", "bằng khen", {"year": 2019})
        assert searches.listing(archive, archivist) == [saved]
    finally:
        archive.close()
