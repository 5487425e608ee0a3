"""A case's life after acceptance: what each step said, and the department's worklist index.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("lifecycle", sa.JSON(), nullable=True))
    # covering: the worklist reads a department's open cases from the index alone
    op.create_index(
        "ix_cases_worklist",
        "cases",
        [
            "department",
            "state",
            "promised_due",
            "id",
            "case_number",
            "item_code",
            "item_name",
            "applicant_name",
            "applicant_id_number",
            "clerk",
            "accepted_on",
            "deadline_provisional",
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_cases_worklist", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("lifecycle")
