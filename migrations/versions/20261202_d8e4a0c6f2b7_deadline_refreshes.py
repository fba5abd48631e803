"""The days the nightly deadlines refresh completed, so that a scheduler started after a night it was down
catches that refresh up.

Revision ID: d8e4a0c6f2b7
Revises: c6e2f8a4b0d3
Create Date: 2026-12-02 03:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd8e4a0c6f2b7'
down_revision = 'c6e2f8a4b0d3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('deadline_refreshes',
                    sa.Column('day', sa.Date(), nullable=False),
                    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('day', name=op.f('pk_deadline_refreshes')))


def downgrade():
    op.drop_table('deadline_refreshes')
