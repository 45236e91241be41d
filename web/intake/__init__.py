"""Intake: uploading documents one by one, and bulk imports of whole boxes."""

from flask import Blueprint

from web.intake import imports, upload

bp = Blueprint("intake", __name__, template_folder="templates")
bp.register_blueprint(upload.bp)
bp.register_blueprint(imports.bp)

__all__ = ["bp", "imports"]
