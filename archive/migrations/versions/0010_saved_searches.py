"""Number-and-issuer key for duplicate-number warnings; saved searches per account.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from archive.vn.numbers import register_key

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("register_key", sa.String(400)))
        batch.create_index("ix_records_register_key", ["register_key"])
    _fill_register_keys()
    op.create_table(
        "saved_searches",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("filters_json", sa.JSON, nullable=False),
        sa.Column("sort", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("username", "name", name="uq_saved_searches_username_name"),
    )
    op.create_index("ix_saved_searches_username", "saved_searches", ["username"])


def _fill_register_keys() -> None:
    """Key the records already in the catalog (the same function commits use)."""
    bind = op.get_bind()
    records = sa.table(
        "records",
        sa.column("id", sa.String),
        sa.column("number", sa.String),
        sa.column("issuer", sa.String),
        sa.column("register_key", sa.String),
    )
    rows = bind.execute(
        sa.select(records.c.id, records.c.number, records.c.issuer).where(
            records.c.number.is_not(None), records.c.issuer.is_not(None)
        )
    ).all()
    for record_id, number, issuer in rows:
        bind.execute(
            records.update()
            .where(records.c.id == record_id)
            .values(register_key=register_key(number, issuer))
        )


def downgrade() -> None:
    op.drop_index("ix_saved_searches_username", "saved_searches")
    op.drop_table("saved_searches")
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_register_key")
        batch.drop_column("register_key")
