"""API tokens: the SHA-256 of each user's current token.

Revision ID: 45148710a15c
Revises: d4216ff2cd0f
Create Date: 2026-11-24 04:12:49.261281

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '45148710a15c'
down_revision = 'd4216ff2cd0f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('api_token_hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_api_token_hash'), ['api_token_hash'])



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_api_token_hash'), type_='unique')
        batch_op.drop_column('api_token_hash')

