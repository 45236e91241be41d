"""One index over (recipient, form, year) of the award entries, which duplicate-award
detection looks up for every decision written.

With only one-column indexes, SQLite chose the award-form index (a dozen forms cover every
entry), so each new decision read a twelfth of all award entries: 170 ms a decision at
40,000 documents and growing with the archive. The composite index makes it a few rows,
and its leading column serves every lookup by recipient, so the recipient's own index goes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_awards_recipient_form_year", "awards", ["recipient_key", "form_key", "year"]
    )
    op.drop_index("ix_awards_recipient_key", "awards")


def downgrade() -> None:
    op.create_index("ix_awards_recipient_key", "awards", ["recipient_key"])
    op.drop_index("ix_awards_recipient_form_year", "awards")
