"""Vietnamese first, English on request: every visible string comes from the catalog."""

from __future__ import annotations

from flask import Blueprint, Flask, redirect, request, session
from werkzeug.wrappers import Response

from web.core.safety import local_target
from web.core.strings import CATALOG

LANGS = ("vi", "en")
bp = Blueprint("lang", __name__)


def lang() -> str:
    """The language of the current request: the session's choice, or the API's header."""
    if request.blueprint == "api":
        return request.accept_languages.best_match(LANGS) or "vi"
    chosen = session.get("lang")
    return chosen if chosen in LANGS else "vi"


def t(key: str, **values: object) -> str:
    """The text for ``key`` in the current language, with ``{name}`` fields filled."""
    vi, en = CATALOG[key]
    text = en if lang() == "en" else vi
    return text.format(**values) if values else text


def tn(key: str, count: int, **values: object) -> str:
    """Like ``t``, choosing the ``.one`` form in English for a count of one."""
    if count == 1 and lang() == "en" and f"{key}.one" in CATALOG:
        key = f"{key}.one"
    return t(key, **{"n": count, **values})


@bp.get("/lang/<code>")
def switch(code: str) -> Response:
    """Remember the chosen language and go back where the person was."""
    if code in LANGS:
        session["lang"] = code
    return redirect(local_target(request.args.get("next")))


def init_app(app: Flask) -> None:
    """Make ``t`` and ``tn`` available to every template."""
    app.jinja_env.globals.update(t=t, tn=tn, lang=lang, catalog=CATALOG)
    app.register_blueprint(bp)
