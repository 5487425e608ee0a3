"""Case search by name prefix, newest first: (name, created_at) indexes replace the name indexes.

Each index keeps the cases of one applicant or item name in date order, so the newest cases of a
name are a short walk from one seek and the search reads the index alone, not the case rows. The
old one-column indexes are left-hand prefixes of the new ones and go.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_applicant_name_created", "cases", ["applicant_name", "created_at"])
    op.create_index("ix_cases_item_name_created", "cases", ["item_name", "created_at"])
    op.drop_index("ix_cases_applicant_name", table_name="cases")
    op.drop_index("ix_cases_item_name", table_name="cases")


def downgrade() -> None:
    op.create_index("ix_cases_item_name", "cases", ["item_name"])
    op.create_index("ix_cases_applicant_name", "cases", ["applicant_name"])
    op.drop_index("ix_cases_item_name_created", table_name="cases")
    op.drop_index("ix_cases_applicant_name_created", table_name="cases")
