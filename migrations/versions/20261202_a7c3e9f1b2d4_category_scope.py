"""Crime categories get the words the statistics paragraph names their cases with when a report is narrowed
to them ("по уголовным делам о мошенничествах"); the seeded categories are filled in.

Revision ID: a7c3e9f1b2d4
Revises: f4b2c8d1e5a7
Create Date: 2026-12-02 01:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9f1b2d4'
down_revision = 'f4b2c8d1e5a7'
branch_labels = None
depends_on = None

# The seeded categories' words, as tracker.services.reference_data.CATEGORY_SCOPES has them (kk, ru, en).
SCOPES = {
    "fraud": ("алаяқтық", "мошенничествах", "fraud"),
    "financial_pyramid": ("қаржылық пирамидалар", "финансовых пирамидах", "financial pyramids"),
    "informatisation": ("ақпараттандыру және байланыс саласындағы қылмыстар",
                        "преступлениях в сфере информатизации и связи", "offences in informatisation and communications"),
    "organised_group": ("қылмыстық топтар жасаған қылмыстар", "преступлениях, совершённых преступными группами",
                        "offences by criminal groups"),
    "money_laundering": ("қылмыстық кірістерді заңдастыру", "легализации преступных доходов", "money laundering"),
    "other": ("өзге қылмыстар", "иных преступлениях", "other offences"),
}


def upgrade():
    with op.batch_alter_table('crime_categories') as batch:
        for language in ('kk', 'ru', 'en'):
            batch.add_column(sa.Column(f'scope_{language}', sa.String(200), nullable=False, server_default=''))
    categories = sa.table('crime_categories', sa.column('code', sa.String), sa.column('scope_kk', sa.String),
                          sa.column('scope_ru', sa.String), sa.column('scope_en', sa.String))
    for code, (kk, ru, en) in SCOPES.items():
        op.execute(categories.update().where(categories.c.code == code)
                   .values(scope_kk=kk, scope_ru=ru, scope_en=en))


def downgrade():
    with op.batch_alter_table('crime_categories') as batch:
        for language in ('kk', 'ru', 'en'):
            batch.drop_column(f'scope_{language}')
