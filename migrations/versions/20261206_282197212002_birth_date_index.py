"""The person sought's date of birth is indexed: a new request is checked for possible duplicates by it first.

Revision ID: 282197212002
Revises: a6ff47e537d3
Create Date: 2026-12-06 16:59:13.427162

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '282197212002'
down_revision = 'a6ff47e537d3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requests_person_birth_date'), ['person_birth_date'], unique=False)



def downgrade():
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requests_person_birth_date'))

