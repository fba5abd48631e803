"""Treaty short names in Kazakh and Russian, filled for the seeded treaties; seeded notes in Russian.

Revision ID: 92d1609d52c5
Revises: 45148710a15c
Create Date: 2026-11-24 06:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '92d1609d52c5'
down_revision = '45148710a15c'
branch_labels = None
depends_on = None

# Copies, not imports: a migration must keep meaning what it meant when written.
SEEDED_SHORT_NAMES = {
    "minsk-1993": ("1993 ж. Минск конвенциясы", "Минская конвенция 1993 г."),
    "chisinau-2002": ("2002 ж. Кишинев конвенциясы", "Кишинёвская конвенция 2002 г."),
    "untoc-2000": ("БҰҰ-ның трансұлттық ұйымдасқан қылмысқа қарсы конвенциясы", "Конвенция ООН против ТОП 2000 г."),
    "uncac-2003": ("БҰҰ-ның сыбайлас жемқорлыққа қарсы конвенциясы", "Конвенция ООН против коррупции 2003 г."),
    "vienna-1988": ("1988 ж. Вена конвенциясы", "Венская конвенция 1988 г."),
    "strasbourg-1990": ("1990 ж. Страсбург конвенциясы", "Страсбургская конвенция 1990 г."),
    "montevideo-1933": ("1933 ж. Монтевидео конвенциясы", "Конвенция Монтевидео 1933 г."),
}
BILATERAL_PARTNERS = {
    "kg": ("Қырғызстан", "Киргизия"), "tr": ("Түркия", "Турция"), "in": ("Үндістан", "Индия"),
    "kr": ("Оңтүстік Корея", "Республика Корея"), "us": ("Америка Құрама Штаттары", "Соединенные Штаты"),
    "gb": ("Ұлыбритания", "Великобритания"), "fr": ("Франция", "Франция"), "es": ("Испания", "Испания"),
    "it": ("Италия", "Италия"), "cn": ("Қытай", "Китай"), "ae": ("Біріккен Араб Әмірліктері", "ОАЭ"),
    "rs": ("Сербия", "Сербия"),
}
# Seeded English notes and their Russian wording; a note an administrator has edited is left alone.
SEEDED_NOTES = {
    "Protocol of 28 March 1997: a person detained is released if the extradition request is not received within "
    "40 days of detention.":
        "Протокол от 28 марта 1997 года: задержанное лицо освобождается, если запрос о выдаче не поступил в течение "
        "40 дней с момента задержания.",
    "Provisional arrest lasts about two months.": "Временный арест длится около двух месяцев.",
    "Seeded from the design brief: check scope, dates and deadlines against the office's register of treaties.":
        "Внесено при первоначальном заполнении: сверьте сферу действия, даты и сроки с перечнем договоров ведомства.",
}


def upgrade():
    with op.batch_alter_table('treaties', schema=None) as batch_op:
        batch_op.add_column(sa.Column('short_name_kk', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('short_name_ru', sa.String(length=120), server_default='', nullable=False))

    treaties = sa.table('treaties', sa.column('code'), sa.column('short_name_kk'), sa.column('short_name_ru'),
                        sa.column('notes'))
    names = dict(SEEDED_SHORT_NAMES)
    names.update({f"bilateral-{code}": (f"ҚР — {kk} шарты", f"Договор РК — {ru}")
                  for code, (kk, ru) in BILATERAL_PARTNERS.items()})
    for code, (kk, ru) in names.items():
        op.execute(treaties.update().where(treaties.c.code == code).values(short_name_kk=kk, short_name_ru=ru))
    for english, russian in SEEDED_NOTES.items():
        op.execute(treaties.update().where(treaties.c.notes == english).values(notes=russian))


def downgrade():
    treaties = sa.table('treaties', sa.column('notes'))
    for english, russian in SEEDED_NOTES.items():
        op.execute(treaties.update().where(treaties.c.notes == russian).values(notes=english))
    with op.batch_alter_table('treaties', schema=None) as batch_op:
        batch_op.drop_column('short_name_ru')
        batch_op.drop_column('short_name_kk')
