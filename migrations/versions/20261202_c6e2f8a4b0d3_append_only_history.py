"""The history and audit tables refuse UPDATE and DELETE in the database itself, not only through the ORM.

A statement written by hand (psql, a one-off script, a bulk UPDATE that bypasses the models) is refused by a
trigger on request_events and audit_log; on PostgreSQL TRUNCATE is refused too. The owner of the tables can
still drop the triggers: the protection is against mistakes and code paths that skip the ORM, and running the
web app as a role that does not own the tables is what keeps a compromised app from dropping them.

SQLite drops a table's triggers with the table: a later migration that rebuilds request_events or audit_log
with batch_alter_table must create them again (tests/test_append_only.py fails if it does not).

Revision ID: c6e2f8a4b0d3
Revises: b5d1e7f3a9c2
Create Date: 2026-12-02 02:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c6e2f8a4b0d3'
down_revision = 'b5d1e7f3a9c2'
branch_labels = None
depends_on = None

TABLES = ('request_events', 'audit_log')

POSTGRES_FUNCTION = """
CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'History and audit entries are corrected by new entries, never changed or removed.';
END
$$
"""


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(POSTGRES_FUNCTION)
        for table in TABLES:
            op.execute(f'CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} '
                       f'FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()')
            op.execute(f'CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} '
                       f'FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()')
        return
    # SQLite: one trigger per statement kind; RAISE(ABORT) fails the statement as a constraint would.
    for table in TABLES:
        for statement in ('UPDATE', 'DELETE'):
            op.execute(f"CREATE TRIGGER {table}_no_{statement.lower()} BEFORE {statement} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {statement} refused'); END")


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for table in TABLES:
            op.execute(f'DROP TRIGGER {table}_no_truncate ON {table}')
            op.execute(f'DROP TRIGGER {table}_append_only ON {table}')
        op.execute('DROP FUNCTION refuse_append_only_change()')
        return
    for table in TABLES:
        for statement in ('update', 'delete'):
            op.execute(f'DROP TRIGGER {table}_no_{statement}')
