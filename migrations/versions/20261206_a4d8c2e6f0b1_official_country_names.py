"""Countries get the names the office uses where they differ from CLDR's (Кыргызстан, not Киргизия), in each
language; empty means CLDR's name. The three the legal review named are filled in.

Revision ID: a4d8c2e6f0b1
Revises: f3c7a9e1b5d2
Create Date: 2026-12-06 14:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4d8c2e6f0b1'
down_revision = 'f3c7a9e1b5d2'
branch_labels = None
depends_on = None

# The usage of Kazakhstan's official documents, as the legal review of the register reported it (the same as
# tracker/services/reference_data.py OFFICIAL_NAMES, which seeds a new database).
OFFICIAL = {('KG', 'ru'): 'Кыргызстан', ('US', 'ru'): 'США', ('KR', 'kk'): 'Корея Республикасы'}


def upgrade():
    with op.batch_alter_table('countries', schema=None) as batch_op:
        for language in ('kk', 'ru', 'en'):
            batch_op.add_column(sa.Column(f'official_name_{language}', sa.String(length=100), server_default='',
                                          nullable=False))
    for (code, language), name in OFFICIAL.items():
        op.execute(sa.text(f'UPDATE countries SET official_name_{language} = :name WHERE code = :code')
                   .bindparams(name=name, code=code))


def downgrade():
    with op.batch_alter_table('countries', schema=None) as batch_op:
        for language in ('kk', 'ru', 'en'):
            batch_op.drop_column(f'official_name_{language}')
