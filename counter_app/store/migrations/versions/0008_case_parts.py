"""Joint approval (并联审批): each co-department's part of a joint case, kept by triggers from the
case's lifecycle (its ``parts``) on every write, whichever path writes it (a step, a pull page,
a snapshot), so a co-department's worklist finds its parts through an index.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_REFRESH = """
BEGIN
  DELETE FROM case_parts WHERE case_id = NEW.id;
  INSERT INTO case_parts (case_id, department, state, due)
    SELECT NEW.id, json_extract(value, '$.department'), json_extract(value, '$.state'),
           json_extract(value, '$.due')
    FROM json_each(NEW.lifecycle, '$.parts')
    WHERE json_extract(value, '$.department') IS NOT NULL;
END
"""
_JOINT = "json_type(NEW.lifecycle, '$.parts') = 'array'"


def upgrade() -> None:
    op.create_table(
        "case_parts",
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("department", sa.String(40), primary_key=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
    )
    op.create_index("ix_case_parts_department", "case_parts", ["department", "state", "due"])
    op.execute(f"CREATE TRIGGER case_parts_insert AFTER INSERT ON cases WHEN {_JOINT} {_REFRESH}")
    op.execute(
        f"CREATE TRIGGER case_parts_update AFTER UPDATE OF lifecycle ON cases WHEN {_JOINT} {_REFRESH}"
    )
    op.execute(
        "INSERT INTO case_parts (case_id, department, state, due) "
        "SELECT cases.id, json_extract(value, '$.department'), json_extract(value, '$.state'), "
        "json_extract(value, '$.due') FROM cases, json_each(cases.lifecycle, '$.parts') "
        "WHERE json_type(cases.lifecycle, '$.parts') = 'array' "
        "AND json_extract(value, '$.department') IS NOT NULL"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER case_parts_update")
    op.execute("DROP TRIGGER case_parts_insert")
    op.drop_index("ix_case_parts_department", table_name="case_parts")
    op.drop_table("case_parts")
