"""A version of the reference data, replaced with every change to it: web workers keep the filters' choices
and rebuild them only when it changed.

Revision ID: 5b0e2c7d9a14
Revises: 282197212002
Create Date: 2026-12-06 20:05:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5b0e2c7d9a14'
down_revision = '282197212002'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        'reference_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_version')),
    )
    op.bulk_insert(table, [{'id': 1, 'version': 'initial'}])


def downgrade():
    op.drop_table('reference_version')
