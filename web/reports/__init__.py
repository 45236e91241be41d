"""Reports: award statistics with charts and files, award histories, duplicate awards."""

from flask import Blueprint

from web.reports import duplicates, history, statistics

bp = Blueprint(
    "reports",
    __name__,
    url_prefix="/reports",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
for child in (statistics.bp, history.bp, duplicates.bp):
    bp.register_blueprint(child)

__all__ = ["bp"]
