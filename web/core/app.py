"""The Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from archive import urgency
from archive.classification import LEVELS
from archive.facade import Archive
from archive.settings import Settings
from archive.settings import from_env as settings_from_env
from web import admin, dossiers, intake, management, records, reports, search
from web.api import bp as api_bp
from web.core import auth, errors, i18n, present, safety
from web.core.config import defaults, secret_key
from web.core.deps import can

# One blueprint per area, each with its views and templates; the API last.
BLUEPRINTS = (
    search.bp,
    intake.bp,
    records.bp,
    dossiers.bp,
    management.bp,
    admin.bp,
    reports.bp,
    api_bp,
)


def create_app(
    settings: Settings | None = None, test_config: dict[str, Any] | None = None
) -> Flask:
    """Build the web application over the archive that ``settings`` describe."""
    app = Flask(__name__)
    settings = settings or settings_from_env()
    app.config.from_mapping(defaults(settings))
    if test_config:
        app.config.from_mapping(test_config)
    archive = Archive.open(settings)
    app.extensions["hoso.archive"] = archive
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(settings.data_dir)
    csrf = CSRFProtect(app)
    csrf.exempt(api_bp)  # bearer tokens, not cookies: no cross-site forgery to fear
    i18n.init_app(app)
    present.init_app(app)
    errors.init_app(app)
    safety.init_app(app)
    auth.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    # "" is an ordinary record; the levels come from the one vocabulary
    app.jinja_env.globals.update(
        can=can,
        confidentiality_choices=("", *LEVELS),
        urgency_choices=("", *urgency.LEVELS),
    )
    return app
