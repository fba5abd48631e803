"""Every request's status at each month end, kept by the database: the reports as of a month end read it instead of
looking the status up in the history request by request.

A row holds a request's status at one month end, for every month end from the request's first status entry up to
(not including) the day of its current status, and the columns of the request the reports count and filter by. A
request whose current status took effect by a month end had it then and has no row for it: the reports read it from
the requests' indexes as before. The history is append-only and a status change may not take effect before the
previous one, so a new status entry only adds rows (for the month ends from the previous status's day to the new
one's); the trigger nevertheless writes all the request's rows again from its history, so that an entry written
around the app with an earlier day (a script, a hand at the console) leaves the rows right as well.

`month_ends` holds the last day of every month from 1990 to 2100: SQLite's triggers may not generate a series.

On PostgreSQL the functions name their tables with the schema captured at migration and run with their owner's
rights, as the versions' functions do (migration 2a7e4c9f1d63); a status entry's function locks its request's row
first, so that writers who do not (scripts, a hand at the console) write one request's rows one after another.
The reports also rely on what the app keeps: a request's status date is its latest status entry's day, and no
request was sent before its first status entry; `flask report check-month-ends` checks both with the rows.

SQLite drops a table's triggers with the table: a later migration that rebuilds requests or request_events must
create them again (tests/test_month_end_statuses.py checks that they are there at head).

Revision ID: 0c4f7a2e9b61
Revises: 2a7e4c9f1d63
Create Date: 2026-12-07 16:09:15

"""
from datetime import date, timedelta

from alembic import context, op
import sqlalchemy as sa


revision = '0c4f7a2e9b61'
down_revision = '2a7e4c9f1d63'
branch_labels = None
depends_on = None

FIRST_YEAR, LAST_YEAR = 1990, 2100
# The request's columns each row carries, kept equal to the request's by a trigger.
COPIED = ('kind', 'country_code', 'owner_id', 'treaty_id', 'crime_category_id', 'sent_on', 'deleted_at')


def _rows(prefix: str, request_id: str | None) -> str:
    """An INSERT of the rows of one request (`request_id`, an SQL expression) or of every request (None): each month
    end from its first status entry's day up to its last's, with the status of its latest entry by then (ties by the
    order recorded)."""
    one = f'AND e.request_id = {request_id} ' if request_id else ''
    return f"""
INSERT INTO {prefix}month_end_statuses (month_end, request_id, status, {', '.join(COPIED)})
SELECT m.month_end, r.id,
       (SELECT e.to_status FROM {prefix}request_events e
        WHERE e.request_id = r.id AND e.to_status IS NOT NULL AND e.effective_on <= m.month_end
        ORDER BY e.effective_on DESC, e.id DESC LIMIT 1),
       {', '.join(f'r.{column}' for column in COPIED)}
FROM {prefix}requests r
JOIN (SELECT e.request_id, min(e.effective_on) AS first_on, max(e.effective_on) AS last_on
      FROM {prefix}request_events e WHERE e.to_status IS NOT NULL {one}GROUP BY e.request_id) b ON b.request_id = r.id
JOIN {prefix}month_ends m ON m.month_end >= b.first_on AND m.month_end < b.last_on"""


def _entry_statements(prefix: str, postgresql: bool) -> str:
    """What a status entry added to the history does: its request's rows are written again from its history (the
    rows of earlier month ends come out as they were, unless an entry was written around the app with an earlier
    day). On PostgreSQL the statement that finds the request's rows runs as dynamic SQL, planned at each run: a plan
    kept from while the table was small (an import into a new database) read the whole table for every entry once it
    was large: the benchmark's fill of 20,000 requests took 167 s against 39 s so (29 s without these triggers)."""
    if postgresql:
        delete = f"EXECUTE 'DELETE FROM {prefix}month_end_statuses WHERE request_id = $1' USING NEW.request_id"
    else:
        delete = f"DELETE FROM {prefix}month_end_statuses WHERE request_id = NEW.request_id"
    return f'{delete};\n{_rows(prefix, "NEW.request_id")};'


def _request_statement(prefix: str, postgresql: bool) -> str:
    """What a change to a request's copied columns does: its rows get the new values (on PostgreSQL planned at each
    run, as above)."""
    if postgresql:
        values = ', '.join(f'{column} = ${number}' for number, column in enumerate(COPIED, 2))
        return (f"EXECUTE 'UPDATE {prefix}month_end_statuses SET {values} WHERE request_id = $1' "
                f"USING NEW.id, {', '.join(f'NEW.{column}' for column in COPIED)};")
    values = ', '.join(f'{column} = NEW.{column}' for column in COPIED)
    return f"UPDATE {prefix}month_end_statuses SET {values} WHERE request_id = NEW.id;"


def _changed(operator: str) -> str:
    return ' OR '.join(f'OLD.{column} {operator} NEW.{column}' for column in COPIED)


def _month_ends():
    day = date(FIRST_YEAR, 2, 1)
    while day.year <= LAST_YEAR:
        yield day - timedelta(days=1)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    yield date(LAST_YEAR, 12, 31)


def upgrade():
    month_ends = op.create_table(
        'month_ends',
        sa.Column('month_end', sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint('month_end', name=op.f('pk_month_ends')),
        sqlite_with_rowid=False,
    )
    op.bulk_insert(month_ends, [{'month_end': day} for day in _month_ends()])
    op.create_table(
        'month_end_statuses',
        sa.Column('month_end', sa.Date(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.Enum('draft', 'sent', 'pending', 'supplement_requested', 'partially_executed',
                                    'executed', 'granted', 'surrender_postponed', 'temporarily_surrendered',
                                    'extradited', 'accepted', 'refused', 'returned', 'released_abroad', 'withdrawn',
                                    name='month_end_status', native_enum=False, create_constraint=True, length=32),
                  nullable=False),
        sa.Column('kind', sa.Enum('mla', 'extradition', 'transfer', name='month_end_kind', native_enum=False,
                                  create_constraint=True, length=32), nullable=False),
        sa.Column('country_code', sa.String(length=2), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=False),
        sa.Column('treaty_id', sa.Integer(), nullable=True),
        sa.Column('crime_category_id', sa.Integer(), nullable=False),
        sa.Column('sent_on', sa.Date(), nullable=True),
        sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_month_end_statuses_request_id_requests'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('month_end', 'request_id', name=op.f('pk_month_end_statuses')),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_month_end_statuses_request_id', 'month_end_statuses', ['request_id', 'month_end'])
    op.create_index('ix_month_end_statuses_figures', 'month_end_statuses',
                    ['month_end', 'sent_on', 'kind', 'crime_category_id', 'status', 'country_code', 'owner_id',
                     'treaty_id', 'deleted_at'])
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        schema = 'public' if context.is_offline_mode() else bind.exec_driver_sql('SELECT current_schema()').scalar()
        prefix = f'"{schema}".'
        op.execute(_rows(prefix, None))
        # The request's row is locked first, as the app's own change of it does: two writers that do not lock it (a
        # script, a hand at the console) add their entries, or change the request and add one, one after the other,
        # each reading what the other committed.
        lock = f'PERFORM 1 FROM {prefix}requests WHERE id = NEW.request_id FOR UPDATE;\n'
        for name, body in (('month_end_statuses_of_entry', lock + _entry_statements(prefix, True)),
                           ('month_end_statuses_of_request', _request_statement(prefix, True))):
            op.execute(f'CREATE FUNCTION {prefix}{name}() RETURNS trigger LANGUAGE plpgsql '
                       f'SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\nBEGIN\n{body}\n'
                       f'RETURN NULL;\nEND\n$$')
        op.execute(f'CREATE TRIGGER request_events_month_end_statuses AFTER INSERT ON request_events FOR EACH ROW '
                   f'WHEN (NEW.to_status IS NOT NULL AND NEW.effective_on IS NOT NULL) '
                   f'EXECUTE FUNCTION {prefix}month_end_statuses_of_entry()')
        op.execute(f"CREATE TRIGGER requests_month_end_statuses AFTER UPDATE OF {', '.join(COPIED)} ON requests "
                   f"FOR EACH ROW WHEN ({_changed('IS DISTINCT FROM')}) "
                   f"EXECUTE FUNCTION {prefix}month_end_statuses_of_request()")
        return
    op.execute(_rows('', None))
    op.execute(f'CREATE TRIGGER request_events_month_end_statuses AFTER INSERT ON request_events '
               f'WHEN NEW.to_status IS NOT NULL AND NEW.effective_on IS NOT NULL '
               f'BEGIN {_entry_statements("", False)} END')
    op.execute(f"CREATE TRIGGER requests_month_end_statuses AFTER UPDATE OF {', '.join(COPIED)} ON requests "
               f"WHEN {_changed('IS NOT')} BEGIN {_request_statement('', False)} END")


def downgrade():
    op.execute('DROP TRIGGER request_events_month_end_statuses' +
               (' ON request_events' if op.get_bind().dialect.name == 'postgresql' else ''))
    op.execute('DROP TRIGGER requests_month_end_statuses' +
               (' ON requests' if op.get_bind().dialect.name == 'postgresql' else ''))
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP FUNCTION month_end_statuses_of_entry()')
        op.execute('DROP FUNCTION month_end_statuses_of_request()')
    op.drop_table('month_end_statuses')
    op.drop_table('month_ends')
