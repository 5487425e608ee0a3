"""Today's cases at a window without scanning every case.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_window_updated", "cases", ["window_code", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_cases_window_updated", table_name="cases")
