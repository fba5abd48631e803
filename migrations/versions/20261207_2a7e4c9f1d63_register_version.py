"""The register's version: one row the database replaces with a new random version in every transaction that adds,
changes or deletes requests, their history or their documents, so that a web worker may keep a page it wrote and know, by one value
read with the logged-in user, whether anything it shows has changed since.

The database writes it, not the app: a job's or a command's SQL, a script or a hand at the console changes it as
surely as a page does. On PostgreSQL the trigger is a deferred constraint trigger, run as the transaction commits,
once per transaction (a setting local to the transaction marks it done): the row is locked only for the commit, so
a long import holds no lock that every other writer would wait for. SQLite takes one writer at a time anyway; its
trigger runs for each row (about a microsecond each: a million rows updated in one statement take about a second
more).

Revision ID: 2a7e4c9f1d63
Revises: 9e1c3a5f7b20
Create Date: 2026-12-07 13:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '2a7e4c9f1d63'
down_revision = '9e1c3a5f7b20'
branch_labels = None
depends_on = None

TABLES = ('requests', 'request_events', 'attachments')

POSTGRES_FUNCTION = """
CREATE FUNCTION register_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('tracker.register_changed', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('tracker.register_changed', '1', true);
        UPDATE register_version SET version = md5(random()::text || clock_timestamp()::text);
    END IF;
    RETURN NULL;
END
$$
"""


def upgrade():
    table = op.create_table(
        'register_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_register_version')),
    )
    op.bulk_insert(table, [{'id': 1, 'version': 'initial'}])
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(POSTGRES_FUNCTION)
        for name in TABLES:
            op.execute(f'CREATE CONSTRAINT TRIGGER {name}_register_changed AFTER INSERT OR UPDATE OR DELETE ON {name} '
                       f'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION register_changed()')
            op.execute(f'CREATE TRIGGER {name}_register_truncated AFTER TRUNCATE ON {name} '
                       f'FOR EACH STATEMENT EXECUTE FUNCTION register_changed()')
        return
    for name in TABLES:
        for statement in ('INSERT', 'UPDATE', 'DELETE'):
            op.execute(f"CREATE TRIGGER {name}_register_{statement.lower()} AFTER {statement} ON {name} "
                       f"BEGIN UPDATE register_version SET version = lower(hex(randomblob(16))); END")


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for name in TABLES:
            op.execute(f'DROP TRIGGER {name}_register_truncated ON {name}')
            op.execute(f'DROP TRIGGER {name}_register_changed ON {name}')
        op.execute('DROP FUNCTION register_changed()')
    else:
        for name in TABLES:
            for statement in ('INSERT', 'UPDATE', 'DELETE'):
                op.execute(f'DROP TRIGGER {name}_register_{statement.lower()}')
    op.drop_table('register_version')
