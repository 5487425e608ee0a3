"""The public progress page (办件查询): every query kept (address, number, outcome) for
supervision and for its limits; cases found by the number on the applicant's receipt too.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "progress_queries",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("address", sa.String(45), nullable=False),
        sa.Column("case_number", sa.String(40), nullable=False),
        sa.Column("outcome", sa.String(12), nullable=False),
    )
    op.create_index("ix_progress_queries_address", "progress_queries", ["address", "at"])
    op.create_index("ix_progress_queries_number", "progress_queries", ["case_number", "at"])
    op.create_index("ix_cases_receipt_number", "cases", ["receipt_number"])


def downgrade() -> None:
    op.drop_index("ix_cases_receipt_number", table_name="cases")
    op.drop_index("ix_progress_queries_number", table_name="progress_queries")
    op.drop_index("ix_progress_queries_address", table_name="progress_queries")
    op.drop_table("progress_queries")
