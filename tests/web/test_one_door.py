"""Every page and API route is declared with the lowest role that may use it, and a role
just below it is refused (403) whatever the arguments: the check lives in the layer of
actions, not in the view, so an unknown id does not get past it."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from archive.permissions import ROLES
from tests.web.conftest import Auth

PUBLIC = "public"
# Endpoint -> the lowest role that may call it ("public": no sign-in needed).
LOWEST: dict[str, str] = {
    "auth.signin": PUBLIC,
    "auth.signout": "viewer",
    "lang.switch": PUBLIC,
    "api.openapi": PUBLIC,
    "search.home.index": "viewer",
    "search.index": "viewer",
    "search.awards.index": "viewer",
    "search.saved.index": "viewer",
    "search.saved.save": "viewer",
    "search.saved.run": "viewer",
    "search.saved.delete": "viewer",
    "search.saved.export": "viewer",
    "records.show": "viewer",
    "records.download": "viewer",
    "records.inline": "viewer",
    "records.searchable": "viewer",
    "records.edit": "archivist",
    "records.retention": "archivist",
    "records.packet": "auditor",
    "dossiers.index": "viewer",
    "dossiers.show": "viewer",
    "dossiers.create": "archivist",
    "dossiers.edit": "archivist",
    "dossiers.add": "archivist",
    "dossiers.remove": "archivist",
    "dossiers.packet": "auditor",
    "intake.upload.index": "archivist",
    "intake.upload.submit": "archivist",
    "intake.upload.one_file": "archivist",
    "intake.imports.index": "archivist",
    "intake.imports.submit": "archivist",
    "intake.imports.show": "archivist",
    "intake.imports.status": "archivist",
    "intake.imports.report": "archivist",
    "intake.imports.cancel": "archivist",
    "management.holds.place": "auditor",
    "management.holds.lift": "admin",
    "management.disposition.index": "archivist",
    "management.disposition.propose_list": "archivist",
    "management.disposition.decide_list": "admin",
    "management.disposition.report": "auditor",
    "management.audit.index": "auditor",
    "management.audit.verify": "auditor",
    "management.audit.export": "auditor",
    "management.alerts.resolve": "auditor",
    "admin.account.index": "viewer",
    "admin.account.password": "viewer",
    "admin.account.token": "viewer",
    "admin.account.revoke": "viewer",
    "admin.users.index": "admin",
    "admin.users.add": "admin",
    "admin.users.lock": "admin",
    "admin.users.unlock": "admin",
    "admin.users.role": "admin",
    "admin.jobs.index": "archivist",
    "admin.jobs.retry": "archivist",
    "admin.review.index": "archivist",
    "reports.statistics.index": "viewer",
    "reports.statistics.chart": "viewer",
    "reports.statistics.entries": "viewer",
    "reports.statistics.export": "viewer",
    "reports.history.index": "viewer",
    "reports.history.export": "viewer",
    "reports.duplicates.index": "archivist",
    "reports.duplicates.dismiss": "archivist",
    "api.award_report": "viewer",
    "api.search": "viewer",
    "api.awards": "viewer",
    "api.search_export": "viewer",
    "api.record": "viewer",
    "api.original": "viewer",
    "api.create": "archivist",
    "api.change": "archivist",
}
# Values for the parts of an address; none of them names anything that exists.
ARGS = {
    "record_id": "0000000000000000",
    "code": "HS-KHONG-CO",
    "import_id": "0000000000000000",
    "disposal_id": 99,
    "job_id": 99,
    "alert_id": 99,
    "code_lang": "vi",
    "kind": "form",
    "fmt": "xlsx",
    "flag_id": 99,
    "saved_id": 99,
}


def routes(app: Flask) -> list[tuple[str, str, str]]:
    """(endpoint, method, path) of every route but static files."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.endswith("static"):
            continue
        values = {name: ARGS.get(name, "vi") for name in rule.arguments}
        path = rule.build(values)[1]  # type: ignore[index]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule.endpoint, method, path))
    return found


def test_every_route_is_declared(app: Flask) -> None:
    endpoints = {endpoint for endpoint, _, _ in routes(app)}
    assert endpoints == set(LOWEST), {
        "undeclared": sorted(endpoints - set(LOWEST)),
        "gone": sorted(set(LOWEST) - endpoints),
    }


@pytest.mark.parametrize("endpoint", sorted(e for e, role in LOWEST.items() if role != PUBLIC))
def test_a_role_below_is_refused(
    app: Flask, client: FlaskClient, auth: Auth, tokens: dict[str, str], endpoint: str
) -> None:
    lowest = LOWEST[endpoint]
    below = ROLES[ROLES.index(lowest) - 1] if ROLES.index(lowest) else None
    for name, method, path in routes(app):
        if name != endpoint:
            continue
        if path.startswith("/api/"):
            anonymous = client.open(path, method=method)
            assert anonymous.status_code == 401, (method, path)
            if below:
                headers = {"Authorization": f"Bearer {tokens[below]}"}
                refused = client.open(path, method=method, headers=headers, json={})
                assert refused.status_code == 403, (method, path, below)
            continue
        auth.signout()
        anonymous = client.open(path, method=method)
        assert anonymous.status_code in (302, 401), (method, path)
        if below:
            auth.signin(below)
            refused = client.open(path, method=method, data={})
            assert refused.status_code == 403, (method, path, below, refused.status_code)
