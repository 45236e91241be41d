"""Due notices: what falls due within the configured number of days (default 30) is listed
for the roles that manage disposal, on the home page and by ``hoso retention due --within``."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.accounts import User
from archive.actions import disposal
from archive.disposition import DisposalError
from archive.facade import Archive
from archive.permissions import Forbidden
from archive.settings import Settings, from_env
from cli import main
from tests.samples import decision
from tests.test_due_and_refusals import with_period

ARCHIVIST = User("lan", "Lan", "archivist")
AUDITOR = User("kiem", "Kiểm", "auditor")


def _days_to_year_end(archive: Archive) -> int:
    today = datetime.now(archive.settings.zone).date()  # the office's day, as due_soon counts
    return (date(today.year, 12, 31) - today).days


def _two_records(archive: Archive, tmp_path: Path) -> tuple[str, str]:
    this_year = date.today().year
    paths = [tmp_path / f"{i}.txt" for i in range(2)]
    for i, path in enumerate(paths):
        path.write_text(decision(10 + i), encoding="utf-8")
    overdue = with_period(archive, paths[0], this_year - 3, 1)  # due two years ago
    year_end = with_period(archive, paths[1], this_year - 1, 1)  # due 31/12 this year
    return overdue, year_end


def test_notice_lists_what_falls_due_within_the_days(file_archive: Archive, tmp_path: Path) -> None:
    overdue, year_end = _two_records(file_archive, tmp_path)
    days = _days_to_year_end(file_archive)
    notice = disposal.due_soon(file_archive, ARCHIVIST, days)
    assert [r.id for r, _ in notice.records] == [overdue, year_end] and notice.total == 2
    if days > 0:
        earlier = disposal.due_soon(file_archive, ARCHIVIST, days - 1)
        assert [r.id for r, _ in earlier.records] == [overdue]
    assert disposal.due_soon(file_archive, ARCHIVIST, 0, limit=1).total >= 1
    with pytest.raises(Forbidden):
        disposal.due_soon(file_archive, AUDITOR, days)
    with pytest.raises(DisposalError):
        disposal.due_soon(file_archive, ARCHIVIST, -1)


def test_the_default_comes_from_the_setting(file_settings: Settings, tmp_path: Path) -> None:
    assert from_env({}).due_notice_days == 30
    assert from_env({"HOSO_DUE_NOTICE_DAYS": "400"}).due_notice_days == 400
    archive = Archive.open(replace(file_settings, due_notice_days=400))
    try:
        overdue, year_end = _two_records(archive, tmp_path)
        assert {r.id for r, _ in disposal.due_soon(archive, ARCHIVIST).records} == {
            overdue,
            year_end,
        }
    finally:
        archive.close()


def test_cli_within(tmp_path: Path) -> None:
    env = {"HOSO_DATA_DIR": str(tmp_path / "data")}
    archive = Archive.open(from_env(env))
    try:
        overdue, year_end = _two_records(archive, tmp_path)
        days = _days_to_year_end(archive)
    finally:
        archive.close()
    runner = CliRunner()
    listed = runner.invoke(main, ["--operator", "retention", "due", "--within", str(days)], env=env)
    assert listed.exit_code == 0, listed.output
    assert overdue in listed.output and year_end in listed.output
    if days > 0:
        shorter = runner.invoke(
            main, ["--operator", "retention", "due", "--within", str(days - 1)], env=env
        )
        assert overdue in shorter.output and year_end not in shorter.output
    both = runner.invoke(
        main, ["--operator", "retention", "due", "--within", "3", "--before", "1/1/2030"], env=env
    )
    assert both.exit_code != 0 and "--within" in both.output
