"""Duplicate-award flags (one recipient, one form, one year, two decisions), and the
folded unit of each award entry for the award histories.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from archive.vn.folding import key

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("awards") as batch:
        batch.add_column(sa.Column("unit_key", sa.Text))
    awards = sa.table(
        "awards",
        sa.column("id", sa.Integer),
        sa.column("unit", sa.Text),
        sa.column("unit_key", sa.Text),
    )
    bind = op.get_bind()
    for award_id, unit in bind.execute(
        sa.select(awards.c.id, awards.c.unit).where(awards.c.unit.is_not(None))
    ).all():
        bind.execute(awards.update().where(awards.c.id == award_id).values(unit_key=key(unit)))
    op.create_table(
        "award_flags",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("pair_key", sa.String(64), nullable=False, unique=True),
        sa.Column("recipient", sa.String(512), nullable=False),
        sa.Column("recipient_key", sa.String(512), nullable=False),
        sa.Column("unit", sa.Text),
        sa.Column("award_form", sa.String(256), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("first_record_id", sa.String(32), nullable=False),
        sa.Column("second_record_id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("dismissed_by", sa.String(64)),
        sa.Column("dismissed_at", sa.DateTime(timezone=True)),
        sa.Column("dismiss_reason", sa.Text),
    )
    for column in ("recipient_key", "year", "first_record_id", "second_record_id", "created_at"):
        op.create_index(f"ix_award_flags_{column}", "award_flags", [column])


def downgrade() -> None:
    for column in ("recipient_key", "year", "first_record_id", "second_record_id", "created_at"):
        op.drop_index(f"ix_award_flags_{column}", "award_flags")
    op.drop_table("award_flags")
    with op.batch_alter_table("awards") as batch:
        batch.drop_column("unit_key")
