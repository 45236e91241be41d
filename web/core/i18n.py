"""Vietnamese first, English on request: messages come from gettext catalogs (Flask-Babel).

Messages are stable keys (``record.saved``) that each catalog translates, Vietnamese
(``web/translations/vi``) and English (``web/translations/en``); ``make translations``
extracts them from the code and templates, updates the ``.po`` files and compiles them.
Values are filled with ``str.format`` (``{n}``), so a ``%`` in a message is plain text.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, redirect, request, session
from flask_babel import Babel, get_locale, get_translations
from werkzeug.wrappers import Response

from web.core.safety import local_target

LANGS = ("vi", "en")
DEFAULT = "vi"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
bp = Blueprint("lang", __name__)


def choose() -> str:
    """The language of the current request: the session's choice, or the API's header."""
    if request.path.startswith("/api/"):  # also for an address the API does not have
        return request.accept_languages.best_match(LANGS) or DEFAULT
    chosen = session.get("lang")
    return chosen if chosen in LANGS else DEFAULT


def lang() -> str:
    """The language the current request is answered in (``vi`` or ``en``)."""
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT


def _filled(text: str, values: dict[str, object]) -> str:
    return text.format(**values) if values else text


def t(key: str, **values: object) -> str:
    """The message ``key`` in the current language, with ``{name}`` fields filled."""
    return _filled(get_translations().gettext(key), values)


def tn(one: str, many: str, count: int, **values: object) -> str:
    """The message for ``count`` things: ``one`` or ``many`` as the language's plural rule says."""
    return _filled(get_translations().ngettext(one, many, count), {"n": count, **values})


def label(key: str, fallback: str) -> str:
    """The message ``key``, or ``fallback`` for a value no catalog names (an unknown job kind)."""
    text = get_translations().gettext(key)
    return fallback if text == key else text


@bp.get("/lang/<code>")
def switch(code: str) -> Response:
    """Remember the chosen language and go back where the person was."""
    if code in LANGS:
        session["lang"] = code
    return redirect(local_target(request.args.get("next")))


def init_app(app: Flask) -> None:
    """Load the catalogs and make ``t``, ``tn`` and ``label`` available to every template."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    Babel(app, locale_selector=choose)
    app.jinja_env.globals.update(t=t, tn=tn, label=label, lang=lang)
    app.register_blueprint(bp)
