"""The request a transfer of proceedings starts from is indexed: every request page asks which transfers started
from it, which read the whole register without it (24 ms a page at 100,000 requests on SQLite).

A plain CREATE INDEX, not a batch operation: on SQLite a table rebuild would drop the requests' search-index
triggers (migration 8d3f1a6c2e57).

Revision ID: 4e9a2b7c1d30
Revises: 8d3f1a6c2e57
Create Date: 2026-12-06 20:15:00

"""
from alembic import op


revision = '4e9a2b7c1d30'
down_revision = '8d3f1a6c2e57'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(op.f('ix_requests_origin_request_id'), 'requests', ['origin_request_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_requests_origin_request_id'), table_name='requests')
