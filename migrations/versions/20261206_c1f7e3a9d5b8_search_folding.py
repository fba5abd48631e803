"""Search treats Kazakh and Russian spellings alike (Нұрлан and Нурлан) and finds case and registration numbers
typed with or without spaces, dashes, slashes and dots: every request's search_text is recomputed in that form.

The folding is written out here rather than imported from tracker/domain/search.py: a migration has to do the
same thing on every database it ever runs on, and an import would silently change what this revision writes
when the application's folding changes later (a change there comes with a migration of its own that
recomputes the column again). tests/test_search.py checks that the two agree.

Revision ID: c1f7e3a9d5b8
Revises: a4d8c2e6f0b1
Create Date: 2026-12-06 16:00:00

"""
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c1f7e3a9d5b8'
down_revision = 'a4d8c2e6f0b1'
branch_labels = None
depends_on = None

BATCH = 1000
LETTERS = str.maketrans("әғқңөұүһіё", "агкноуухие")
NUMBER_SEPARATORS = dict.fromkeys(map(ord, " -\u2010\u2011\u2012\u2013\u2014\u2015\u2212/\\."))
NAMES_START = "\x1f"


def fold(text):
    """Compatibility forms unified, case folded, Kazakh letters and ё as their Russian look-alikes, one space."""
    unified = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text or "").casefold())
    return " ".join(unified.translate(LETTERS).split())


def folded_text(reference, case_number, person_name, person_name_latin):
    """The numbers folded, also without separators where that differs, then NAMES_START and the names folded."""
    numbers = [value for value in (reference, case_number) if value]
    spelt = [value for value in (fold(number) for number in numbers) if value]
    spelt += [value for value in (fold(number).translate(NUMBER_SEPARATORS) for number in numbers)
              if value and value not in spelt]
    names = (fold(name) for name in (person_name, person_name_latin) if name)
    return " ".join(spelt) + NAMES_START + " ".join(value for value in names if value)


def casefolded_text(reference, case_number, person_name, person_name_latin):
    """The search text as the previous revision stored it: the four values case-folded, joined by spaces."""
    return " ".join(part for part in (reference, case_number, person_name, person_name_latin) if part).casefold()


def recompute(text_of):
    """Every request's search_text rewritten by `text_of`, a batch of requests at a time, in id order."""
    connection = op.get_bind()
    select = sa.text("SELECT id, reference, case_number, person_name, person_name_latin FROM requests "
                     "WHERE id > :after ORDER BY id LIMIT :batch")
    update = sa.text("UPDATE requests SET search_text = :text WHERE id = :id")
    after = 0
    while True:
        rows = connection.execute(select, {"after": after, "batch": BATCH}).all()
        if not rows:
            return
        connection.execute(update, [{"id": row.id, "text": text_of(row.reference, row.case_number, row.person_name,
                                                                      row.person_name_latin)} for row in rows])
        after = rows[-1].id


def upgrade():
    recompute(folded_text)


def downgrade():
    recompute(casefolded_text)
