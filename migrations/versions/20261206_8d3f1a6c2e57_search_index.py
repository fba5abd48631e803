"""Text search by an index: a trigram index over the requests' folded search text (PostgreSQL's pg_trgm GIN index;
on SQLite an FTS5 table with the trigram tokenizer, kept by triggers), so that a search reads the requests holding
the typed text instead of every request.

On SQLite a later migration that rebuilds the requests table (batch_alter_table) drops the table's triggers: it must
create SQLITE_TRIGGERS below again, as the history's append-only triggers are.

Revision ID: 8d3f1a6c2e57
Revises: 5b0e2c7d9a14
Create Date: 2026-12-06 20:10:00

"""
from alembic import op


revision = '8d3f1a6c2e57'
down_revision = '5b0e2c7d9a14'
branch_labels = None
depends_on = None

# External content: the table indexes requests.search_text by the request's id and holds no copy of the text.
# detail=none keeps the index small; substring queries (GLOB) still check each candidate against the text.
SQLITE_TABLE = ("CREATE VIRTUAL TABLE requests_search USING fts5(search_text, content='requests', "
                "content_rowid='id', tokenize='trigram', detail=none)")
SQLITE_TRIGGERS = (
    """CREATE TRIGGER requests_search_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_search (rowid, search_text) VALUES (new.id, new.search_text);
END""",
    """CREATE TRIGGER requests_search_delete AFTER DELETE ON requests BEGIN
  INSERT INTO requests_search (requests_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END""",
    """CREATE TRIGGER requests_search_update AFTER UPDATE OF search_text ON requests BEGIN
  INSERT INTO requests_search (requests_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO requests_search (rowid, search_text) VALUES (new.id, new.search_text);
END""",
)


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_requests_search_text_trgm ON requests USING gin (search_text gin_trgm_ops)")
        return
    op.execute(SQLITE_TABLE)
    for trigger in SQLITE_TRIGGERS:
        op.execute(trigger)
    op.execute("INSERT INTO requests_search (requests_search) VALUES ('rebuild')")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_requests_search_text_trgm")
        return
    for name in ("requests_search_insert", "requests_search_delete", "requests_search_update"):
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE requests_search")
