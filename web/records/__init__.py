"""Records: one record's page, its original and text, edits, retention, OCR copies."""

from web.records import actions, views
from web.records.views import bp

__all__ = ["actions", "bp", "views"]
