"""The register's version, and both versions kept by the database itself.

The register's version is one row the database replaces with a new random value in every transaction that adds,
changes or deletes requests, their history or their documents, so that a web worker may keep a page it wrote and
know, by one value read with the logged-in user, whether anything it shows has changed since. The reference data's
version (migration 5b0e2c7d9a14), until now given a new value by the app's ORM only, is now also replaced by the
database in every transaction that changes reference data: countries, treaties, their parties and what supersedes
what, crime categories, deadline rules, the calendar, units and their heads, and users' names, roles, units and
whether active. A change written around the app (a job's or a command's SQL, a script, a hand at the console) is
then seen by every worker's next page, as one written through it.

On PostgreSQL the triggers are deferred constraint triggers, run as the transaction commits, once per transaction
and version (a setting local to the transaction marks it done): the register's row is locked only for the commit, so
a long import holds no lock that every other writer would wait for. Each locks the reference version's row first, as
the app's own change of it does from its first write, so that no two transactions wait for each other's row; a
writer of requests waits, at its commit, for an administrator's change of reference data to end. Their functions
name their table with its schema and run with their owner's rights, so that a writer with another search path, or
without rights on the version's table, is not refused. SQLite takes one writer at a time anyway; its triggers run
for each row (about a microsecond each: a million rows updated in one statement take about a second more). SQLite
drops a table's triggers with the table: a later migration that rebuilds one of these tables must create its
triggers again (tests/web/test_kept_pages.py checks that every one is there at head).

Revision ID: 2a7e4c9f1d63
Revises: 9e1c3a5f7b20
Create Date: 2026-12-07 13:30:00

"""
import secrets

from alembic import context, op
import sqlalchemy as sa


revision = '2a7e4c9f1d63'
down_revision = '9e1c3a5f7b20'
branch_labels = None
depends_on = None

# The tables whose changes give each version a new value, and for users the columns that are reference data.
VERSIONED = {
    'register_version': {'requests': None, 'request_events': None, 'attachments': None},
    'reference_version': {'countries': None, 'treaties': None, 'treaty_parties': None, 'treaty_supersedes': None,
                          'crime_categories': None, 'deadline_rules': None, 'calendar_days': None, 'units': None,
                          'unit_heads': None, 'users': ('name', 'role', 'active', 'unit_id')},
}


def _function(version: str) -> str:
    return f'{version}_changed'


def _postgres_function(version: str, schema: str) -> str:
    return f"""
CREATE FUNCTION "{schema}".{_function(version)}() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF current_setting('tracker.{version}_changed', true) IS DISTINCT FROM '1' THEN
        PERFORM set_config('tracker.{version}_changed', '1', true);
        -- The reference version's row is locked first, always, as the app's own change of it does at its first
        -- write: two transactions never wait for each other's row.
        PERFORM 1 FROM "{schema}".reference_version FOR UPDATE;
        UPDATE "{schema}".{version} SET version = md5(random()::text || clock_timestamp()::text);
    END IF;
    RETURN NULL;
END
$$
"""


def _events(columns) -> str:
    return f"INSERT OR DELETE OR UPDATE OF {', '.join(columns)}" if columns else "INSERT OR UPDATE OR DELETE"


def upgrade():
    table = op.create_table(
        'register_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.String(length=32), nullable=False),
        sa.CheckConstraint('id = 1', name=op.f('ck_register_version_one_row')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_register_version')),
    )
    # Random from the first: a database migrated again (down and up) holds no version a worker kept pages under.
    op.bulk_insert(table, [{'id': 1, 'version': secrets.token_hex(16)}])
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        schema = 'public' if context.is_offline_mode() else bind.exec_driver_sql('SELECT current_schema()').scalar()
        for version, tables in VERSIONED.items():
            op.execute(_postgres_function(version, schema))
            for name, columns in tables.items():
                op.execute(f'CREATE CONSTRAINT TRIGGER {name}_{version}_changed AFTER {_events(columns)} ON {name} '
                           f'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION '
                           f'"{schema}".{_function(version)}()')
                op.execute(f'CREATE TRIGGER {name}_{version}_truncated AFTER TRUNCATE ON {name} '
                           f'FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".{_function(version)}()')
        return
    for version, tables in VERSIONED.items():
        for name, columns in tables.items():
            for statement in ('INSERT', 'UPDATE', 'DELETE'):
                event = f"UPDATE OF {', '.join(columns)}" if statement == 'UPDATE' and columns else statement
                op.execute(f"CREATE TRIGGER {name}_{version}_{statement.lower()} AFTER {event} ON {name} "
                           f"BEGIN UPDATE {version} SET version = lower(hex(randomblob(16))); END")


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for version, tables in VERSIONED.items():
            for name in tables:
                op.execute(f'DROP TRIGGER {name}_{version}_truncated ON {name}')
                op.execute(f'DROP TRIGGER {name}_{version}_changed ON {name}')
            op.execute(f'DROP FUNCTION {_function(version)}()')
    else:
        for version, tables in VERSIONED.items():
            for name in tables:
                for statement in ('INSERT', 'UPDATE', 'DELETE'):
                    op.execute(f'DROP TRIGGER {name}_{version}_{statement.lower()}')
    op.drop_table('register_version')
