"""Records management: holds, retention decisions and disposal, fixity alerts, the audit page."""

from flask import Blueprint

from web.management import alerts, audit, disposition, holds

bp = Blueprint("management", __name__, template_folder="templates")
for child in (holds.bp, disposition.bp, audit.bp, alerts.bp):
    bp.register_blueprint(child)

__all__ = ["bp"]
