"""Background jobs; text state and OCR confidence of records.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(
            sa.Column("text_state", sa.String(16), nullable=False, server_default="done")
        )
        batch.add_column(sa.Column("ocr_confidence", sa.Float))
        batch.create_index("ix_records_ocr_confidence", ["ocr_confidence"])
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text),
        sa.Column("worker", sa.String(128)),
        sa.Column("progress", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("lease_until", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_jobs_record_id", "jobs", ["record_id"])
    op.create_index("ix_jobs_state", "jobs", ["state"])
    op.create_index("ix_jobs_lease_until", "jobs", ["lease_until"])


def downgrade() -> None:
    op.drop_table("jobs")
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_ocr_confidence")
        batch.drop_column("ocr_confidence")
        batch.drop_column("text_state")
