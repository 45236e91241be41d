"""Dossiers: the list, one dossier's page, its details and the records it holds."""

from web.dossiers import edit, views
from web.dossiers.views import bp

__all__ = ["bp", "edit", "views"]
