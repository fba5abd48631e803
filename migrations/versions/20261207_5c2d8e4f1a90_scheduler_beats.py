"""The active scheduler's sign of life, which /readyz reads: one row written by whichever scheduler holds the
scheduler lock.

Revision ID: 5c2d8e4f1a90
Revises: 7b3bb0e49a46
Create Date: 2026-12-07 01:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5c2d8e4f1a90'
down_revision = '7b3bb0e49a46'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('scheduler_beats',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('holder', sa.String(length=200), nullable=False),
    sa.Column('active_since', sa.DateTime(timezone=True), nullable=False),
    sa.Column('beat_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scheduler_beats'))
    )


def downgrade():
    op.drop_table('scheduler_beats')
