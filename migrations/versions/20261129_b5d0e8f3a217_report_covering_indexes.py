"""Indexes by date sent, by status date and of the status history carry what the period statistics and
pending-as-of read

Revision ID: b5d0e8f3a217
Revises: 7e41b2c6d9a3
Create Date: 2026-11-29 10:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5d0e8f3a217'
down_revision = '7e41b2c6d9a3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index('ix_requests_sent_on')
        batch_op.drop_index('ix_requests_status_on')
        batch_op.create_index('ix_requests_sent_summary',
                              ['sent_on', 'kind', 'crime_category_id', 'status', 'status_on', 'deleted_at', 'id'],
                              unique=False)
        batch_op.create_index('ix_requests_status_on_summary',
                              ['status_on', 'kind', 'country_code', 'sent_on', 'deleted_at', 'id'], unique=False)
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_index('ix_request_events_status_history')
        batch_op.create_index('ix_request_events_status_history', ['request_id', 'effective_on', 'id', 'to_status'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_index('ix_request_events_status_history')
        batch_op.create_index('ix_request_events_status_history', ['request_id', 'effective_on'], unique=False)
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index('ix_requests_status_on_summary')
        batch_op.drop_index('ix_requests_sent_summary')
        batch_op.create_index('ix_requests_status_on', ['status_on'], unique=False)
        batch_op.create_index('ix_requests_sent_on', ['sent_on'], unique=False)
