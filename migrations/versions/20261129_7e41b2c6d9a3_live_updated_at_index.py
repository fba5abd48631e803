"""The list's default-order index covers live requests only, so PostgreSQL counts them from the index

Revision ID: 7e41b2c6d9a3
Revises: c98cb73aa5a0
Create Date: 2026-11-29 10:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7e41b2c6d9a3'
down_revision = 'c98cb73aa5a0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index('ix_requests_updated_at')
    op.create_index('ix_requests_live_updated_at', 'requests', ['updated_at'], unique=False,
                    sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))


def downgrade():
    op.drop_index('ix_requests_live_updated_at', table_name='requests')
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.create_index('ix_requests_updated_at', ['updated_at'], unique=False)
