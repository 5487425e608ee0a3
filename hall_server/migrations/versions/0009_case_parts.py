"""Joint approval (并联审批): each co-department's part of a joint case, so its windows find it.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_parts",
        sa.Column("case_id", sa.String(36), primary_key=True),
        sa.Column("department", sa.String(40), primary_key=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
    )
    op.create_index("ix_case_parts_department", "case_parts", ["department", "state"])


def downgrade() -> None:
    op.drop_index("ix_case_parts_department", table_name="case_parts")
    op.drop_table("case_parts")
