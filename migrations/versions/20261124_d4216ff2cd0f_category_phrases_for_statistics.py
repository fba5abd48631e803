"""Per-language phrases naming crime categories in the statistics paragraph; filled for the seeded categories.

Revision ID: d4216ff2cd0f
Revises: 5bdded25515c
Create Date: 2026-11-24 04:04:15.691947

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4216ff2cd0f'
down_revision = '5bdded25515c'
branch_labels = None
depends_on = None

# A copy, not an import: a migration must keep meaning what it meant when written.
SEEDED_PHRASES = {
    "fraud": ("алаяқтық бойынша", "по мошенничествам", "for fraud"),
    "financial_pyramid": ("қаржылық пирамидалар бойынша", "по финансовым пирамидам", "for financial pyramids"),
    "informatisation": ("ақпараттандыру және байланыс саласындағы қылмыстар бойынша",
                        "по преступлениям в сфере информатизации и связи",
                        "for offences in informatisation and communications"),
    "organised_group": ("қылмыстық топтар бойынша", "по преступным группам", "for organised groups"),
    "money_laundering": ("қылмыстық кірістерді заңдастыру бойынша", "по легализации преступных доходов",
                         "for money laundering"),
    "other": ("өзге істер бойынша", "по иным делам", "for other offences"),
}


def upgrade():
    with op.batch_alter_table('crime_categories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phrase_kk', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('phrase_ru', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('phrase_en', sa.String(length=200), server_default='', nullable=False))

    categories = sa.table('crime_categories', sa.column('code'), sa.column('phrase_kk'), sa.column('phrase_ru'),
                          sa.column('phrase_en'))
    for code, (kk, ru, en) in SEEDED_PHRASES.items():
        op.execute(categories.update().where(categories.c.code == code)
                   .values(phrase_kk=kk, phrase_ru=ru, phrase_en=en))


def downgrade():
    with op.batch_alter_table('crime_categories', schema=None) as batch_op:
        batch_op.drop_column('phrase_en')
        batch_op.drop_column('phrase_ru')
        batch_op.drop_column('phrase_kk')

