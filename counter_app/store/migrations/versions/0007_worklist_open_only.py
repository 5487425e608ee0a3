"""The worklist index holds open cases only (a partial index), so a department's worklist is
counted and paged from it without reading delivered, refused or 即办 history.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = [
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
]
# frozen here: a migration says what it did, whatever the models say later
OPEN = (
    "state IN ('accepted', 'under_review', 'correction', 'suspended', 'decided') "
    "OR (state = 'completed' AND json_extract(lifecycle, '$.completion') IS NOT NULL)"
)


def upgrade() -> None:
    op.drop_index("ix_cases_worklist", table_name="cases")
    op.create_index("ix_cases_worklist", "cases", COLUMNS, sqlite_where=sa.text(OPEN))


def downgrade() -> None:
    op.drop_index("ix_cases_worklist", table_name="cases")
    op.create_index("ix_cases_worklist", "cases", COLUMNS)
