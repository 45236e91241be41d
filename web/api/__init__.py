"""The JSON API under /api/v1: bearer tokens, one error shape, an OpenAPI description."""

from web.api import routes
from web.api.blueprint import bp

__all__ = ["bp", "routes"]
