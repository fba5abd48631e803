"""How many requests hold each trigram of the search index, on SQLite: a search asks the index for its rarest
trigrams only, and checks each request it names against the whole text (tracker/services/text_search.py).

SQLite's FTS5 answers a substring by reading the list of requests of every trigram of it. Every case number shares
some trigrams ("000", "750"), each held by nearly every request: at a million requests a 13-digit number read 20 ms
of lists to find none, where its two rarest trigrams take 0.2 ms. `requests_search_terms` holds each trigram's
number of requests as the index said when last counted, and the row with the empty term the number of requests
then. Counts a day old only make a search slower or faster, never its answer different: the text is checked.

`requests_search_vocab` is FTS5's own view of the index's terms, read to count them. PostgreSQL's pg_trgm index
needs neither.

Revision ID: 6f1d2b8a4c37
Revises: 0c4f7a2e9b61
Create Date: 2026-12-07 18:55:00

"""
from alembic import op


revision = '6f1d2b8a4c37'
down_revision = '0c4f7a2e9b61'
branch_labels = None
depends_on = None

# The same statements as tracker/services/text_search.count_search_terms (a migration may not import the app).
COUNT = ("DELETE FROM requests_search_terms",
         "INSERT INTO requests_search_terms (term, docs) SELECT term, doc FROM requests_search_vocab",
         "INSERT INTO requests_search_terms (term, docs) SELECT '', count(*) FROM requests")


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE requests_search_vocab USING fts5vocab(requests_search, row)")
    op.execute("CREATE TABLE requests_search_terms (term TEXT NOT NULL PRIMARY KEY, docs INTEGER NOT NULL) "
               "WITHOUT ROWID")
    for statement in COUNT:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE requests_search_terms")
    op.execute("DROP TABLE requests_search_vocab")
