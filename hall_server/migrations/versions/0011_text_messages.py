"""Text messages (短信): the outbox, one row per event (docs/messages.md).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "text_messages",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("event_key", sa.String(120), nullable=False, unique=True),
        sa.Column("event", sa.String(20), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=True),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("text", sa.String(600), nullable=True),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("next_at", sa.DateTime(), nullable=False),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("provider", sa.String(20), nullable=True),
        sa.Column("provider_ref", sa.String(100), nullable=True),
        sa.Column("last_error", sa.String(300), nullable=True),
    )
    op.create_index("ix_text_messages_due", "text_messages", ["state", "next_at"])
    op.create_index("ix_text_messages_case", "text_messages", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_text_messages_case", table_name="text_messages")
    op.drop_index("ix_text_messages_due", table_name="text_messages")
    op.drop_table("text_messages")
