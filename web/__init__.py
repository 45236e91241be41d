"""The web interface and JSON API: one blueprint package per area, the framework in ``core``."""

from web.core.app import create_app

__all__ = ["create_app"]
