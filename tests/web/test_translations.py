"""The gettext catalogs of the web app: every message the code and templates use has its
Vietnamese and English text, the compiled .mo files match the .po files, and labels chosen
at run time cover every value the archive can hand them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

from archive import disposition, import_runs, jobs
from archive.audit import ACTION_LABELS
from archive.metadata import ENTERABLE
from archive.permissions import ROLES
from archive.statistics import DIMENSIONS, Selection
from ingest.plan import OCR_LABELS, STATUS_LABELS
from search import FACETS
from tests.web.conftest import Auth
from web.core import labels
from web.core.errors import HTTP_CODES
from web.core.i18n import LANGS
from web.core.params import SORTS

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "web" / "translations"
# The same keywords as ``make translations`` (Makefile, BABEL_KEYWORDS).
KEYWORDS = {"t": None, "tn": (1, 2), "N_": None}
METHODS = [("web/**/templates/**.html", "jinja2"), ("web/**.py", "python")]


def used_messages() -> set[str | tuple[str, str]]:
    """Every message id the code and templates use, as ``pybabel extract`` reads them."""
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS, comment_tags=()
    ):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def catalog(lang: str) -> Catalog:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def texts(lang: str) -> dict[str, str]:
    """Singular messages of a catalog: key -> text."""
    return {m.id: m.string for m in catalog(lang) if m.id and isinstance(m.id, str)}


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_used_has_its_text(lang: str) -> None:
    found = catalog(lang)
    missing, fuzzy = [], []
    for message_id in sorted(used_messages(), key=str):
        message = found.get(message_id if isinstance(message_id, str) else message_id[0])
        strings = () if message is None else message.string
        strings = (strings,) if isinstance(strings, str) else strings
        if message is None or not all(s.strip() for s in strings) or not strings:
            missing.append(message_id)
        elif message.fuzzy:
            fuzzy.append(message_id)
    assert missing == [], f"{lang}: no text for {missing}; run `make translations` and fill them"
    assert fuzzy == [], f"{lang}: fuzzy entries {fuzzy}"


@pytest.mark.parametrize("lang", LANGS)
def test_catalogs_hold_no_message_the_code_no_longer_uses(lang: str) -> None:
    used = {m if isinstance(m, str) else m[0] for m in used_messages()}
    kept = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(lang) if m.id}
    assert kept - used == set()


@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalogs_match_their_sources(lang: str) -> None:
    source = catalog(lang)
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        compiled = read_mo(handle)

    def entries(found: Catalog) -> dict[object, tuple[str, ...]]:
        return {
            tuple(m.id) if isinstance(m.id, list | tuple) else m.id: tuple(
                [m.string] if isinstance(m.string, str) else m.string
            )
            for m in found
            if m.id
        }

    want, got = entries(source), entries(compiled)
    assert got == want, "the .mo file is stale: run `make translations`"


def test_plural_messages_follow_each_language() -> None:
    vi = {m.id: m.string for m in catalog("vi") if isinstance(m.id, tuple)}
    en = {m.id: m.string for m in catalog("en") if isinstance(m.id, tuple)}
    assert vi and set(vi) == set(en)
    assert all(len(s) == 1 for s in vi.values())  # Vietnamese has one form
    assert all(len(s) == 2 for s in en.values())


def family(keys: tuple[str, ...], prefix: str) -> set[str]:
    return {key.removeprefix(prefix) for key in keys}


def test_run_time_labels_cover_every_value_they_label() -> None:
    vi = texts("vi")
    assert family(labels.ROLES, "role.") >= set(ROLES) | {f"{r}.help" for r in ROLES}
    assert family(labels.AUDIT_ACTIONS, "audit.") >= set(ACTION_LABELS)
    assert family(labels.JOB_STATES, "job.state.") >= set(jobs.STATE_LABELS)
    assert family(labels.IMPORT_STATES, "import.state.") >= set(import_runs.STATES)
    assert family(labels.IMPORT_STATUSES, "import.status.") >= set(STATUS_LABELS)
    assert family(labels.IMPORT_OCR, "import.ocr.") >= set(OCR_LABELS)
    assert family(labels.DISPOSAL_ACTIONS, "disposal.action.") >= set(disposition.ACTIONS)
    assert family(labels.DISPOSAL_STATES, "disposal.state.") >= set(disposition.STATES)
    assert family(labels.FACETS, "facet.") >= set(FACETS)
    assert family(labels.FIELDS, "field.") >= set(ENTERABLE)
    assert family(labels.SORTS, "search.sort.") >= set(SORTS)
    assert family(labels.ERROR_MESSAGES, "error.") >= set(HTTP_CODES.values())
    assert family(labels.REPORT_DIMENSIONS, "reports.by.") >= set(DIMENSIONS)
    assert family(labels.REPORT_FIGURE, "reports.figure.") >= set(Selection.__dataclass_fields__)
    # Where the archive names a value in Vietnamese itself (CLI, reports), the page says the
    # same; audit actions are the exception, shortened to fit the audit table's column.
    for table, prefix in (
        (jobs.STATE_LABELS, "job.state."),
        (STATUS_LABELS, "import.status."),
        (OCR_LABELS, "import.ocr."),
        (disposition.ACTIONS, "disposal.action."),
        (disposition.STATES, "disposal.state."),
    ):
        assert {k: vi[prefix + k] for k in table} == dict(table)


def test_messages_fill_the_same_fields_in_both_languages() -> None:
    fields = re.compile(r"\{(\w+)\}")
    vi, en = texts("vi"), texts("en")
    differ = {k for k in vi if set(fields.findall(vi[k])) != set(fields.findall(en.get(k, "")))}
    assert differ == set()


def test_pages_speak_the_chosen_language(client: FlaskClient, auth: Auth) -> None:
    auth.signin("admin")
    page = client.get("/").get_data(as_text=True)
    assert 'lang="vi"' in page and "Tìm kiếm" in page and "Đăng xuất" in page
    client.get("/lang/en")
    page = client.get("/").get_data(as_text=True)
    assert 'lang="en"' in page and "Search" in page and "Sign out" in page
    assert "Đăng xuất" not in page
    # No key reaches a page untranslated.
    for path in ("/", "/search?q=khen", "/awards", "/dossiers/", "/admin/users/", "/audit/"):
        text = client.get(path).get_data(as_text=True)
        assert not re.search(r">\s*[a-z_]+\.[a-z_]+(\.[a-z_]+)*\s*<", text), path


def test_the_api_answers_in_the_language_asked(app: Flask) -> None:
    client = app.test_client()
    vi = client.get("/api/v1/records/none").get_json()["error"]["message"]
    en = client.get("/api/v1/records/none", headers={"Accept-Language": "en"}).get_json()
    assert vi.startswith("Thiếu mã truy cập") and en["error"]["code"] == "unauthorized"
    missing = client.get("/api/v1/nowhere", headers={"Accept-Language": "en"}).get_json()
    assert missing["error"]["message"] == texts("en")["error.not_found"]
