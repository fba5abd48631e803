"""The open-request index also holds the list's default sort column, so a page's ids come from the index

Revision ID: d2a9c4e7f150
Revises: b5d0e8f3a217
Create Date: 2026-11-29 10:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd2a9c4e7f150'
down_revision = 'b5d0e8f3a217'
branch_labels = None
depends_on = None

COLUMNS = ['status', 'kind', 'country_code', 'owner_id', 'sent_on', 'due_on', 'release_due_on', 'due_deadline',
           'status_on', 'deleted_at']


def upgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index('ix_requests_open_summary')
        batch_op.create_index('ix_requests_open_summary', COLUMNS + ['updated_at'], unique=False)


def downgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index('ix_requests_open_summary')
        batch_op.create_index('ix_requests_open_summary', COLUMNS, unique=False)
