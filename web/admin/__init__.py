"""Administration: one's own account and tokens, accounts, background jobs, the OCR review list."""

from flask import Blueprint

from web.admin import account, jobs, review, users

bp = Blueprint("admin", __name__, template_folder="templates")
for child in (account.bp, users.bp, jobs.bp, review.bp):
    bp.register_blueprint(child)

__all__ = ["bp"]
