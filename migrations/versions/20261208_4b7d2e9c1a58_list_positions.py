"""The whole register's live requests counted by stretches of its default order (the moment of the last change),
kept by the database: the list finds where a page deep in the register starts, and how many requests it holds, from
these counts instead of reading every request before it (tracker/services/list_positions.py).

`position_blocks` holds where each stretch starts (the first at no moment: it holds every moment before the
second's); `position_changes` the changes of each stretch's number of live requests, whose sum is that number. A trigger adds +1 for the stretch a request joins and -1 for the one it leaves,
whenever a request is added, deleted (by its deletion date or by a DELETE), brought back, or changed, however it is
written; a change within one stretch adds nothing. Rows are only added: writers of different requests never wait for
one another's row. This migration makes one stretch, holding every live request; the nightly job, an import and
`flask report rebuild-positions` set stretches of about 10,000 requests.

The whole register was counted on SQLite as every row less the deleted ones, from an index of the deleted requests
(migration 3e8b5d1f9a62); it is counted from these rows now, on PostgreSQL as well, and that index goes.

On PostgreSQL the function names its tables with the schema captured at migration and runs with its owner's rights,
as the versions' functions do (migration 2a7e4c9f1d63); a TRUNCATE of the requests empties the counts. SQLite drops
a table's triggers with the table: a later migration that rebuilds requests must create them again
(tests/test_list_positions.py checks that they are there at head).

Revision ID: 4b7d2e9c1a58
Revises: 3e8b5d1f9a62
Create Date: 2026-12-08 00:10:00

"""
from alembic import context, op
import sqlalchemy as sa


revision = '4b7d2e9c1a58'
down_revision = '3e8b5d1f9a62'
branch_labels = None
depends_on = None

TRIGGERS = ('requests_positions_insert', 'requests_positions_update', 'requests_positions_delete')


def _block(prefix: str, moment: str) -> str:
    """The stretch a request changed last at `moment` (an SQL expression) belongs to: the last one starting by then,
    or else the first, which starts at no moment (NULL) and holds every moment before the second's."""
    return (f'COALESCE((SELECT b.id FROM {prefix}position_blocks b WHERE b.starts_at <= {moment} '
            f'ORDER BY b.starts_at DESC LIMIT 1), '
            f'(SELECT b.id FROM {prefix}position_blocks b ORDER BY b.starts_at IS NOT NULL, b.starts_at LIMIT 1))')


def _moves(prefix: str, leaves: bool, joins: bool) -> str:
    """The INSERT of a request's moves: -1 for the stretch of its old row (`leaves`: that row was live), +1 for the
    stretch of its new row (`joins`: it is live), netted by stretch; nothing for a stretch the database lacks (the
    count is then found wrong by `flask report check-positions`, and the request is still written)."""
    moves = []
    if leaves:
        moves.append(f'SELECT {_block(prefix, "OLD.updated_at")} AS block_id, -1 AS change '
                     f'WHERE OLD.deleted_at IS NULL')
    if joins:
        moves.append(f'SELECT {_block(prefix, "NEW.updated_at")} AS block_id, 1 AS change WHERE NEW.deleted_at IS NULL')
    return (f"INSERT INTO {prefix}position_changes (block_id, change) SELECT block_id, sum(change) FROM "
            f"({' UNION ALL '.join(moves)}) moves GROUP BY block_id HAVING sum(change) <> 0 AND block_id IS NOT NULL")


# When a request's change moves it: its moment of the last change, or whether it is live, changed.
UPDATE_MOVES = ('OLD.updated_at {distinct} NEW.updated_at OR '
                '(OLD.deleted_at IS NULL) {distinct} (NEW.deleted_at IS NULL)')


def upgrade():
    op.drop_index('ix_requests_deleted_id', table_name='requests')
    blocks = op.create_table(
        'position_blocks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_position_blocks')),
        sa.UniqueConstraint('starts_at', name=op.f('uq_position_blocks_starts_at')),
    )
    op.create_table(
        'position_changes',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('block_id', sa.Integer(), nullable=False),
        sa.Column('change', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['block_id'], ['position_blocks.id'],
                                name=op.f('fk_position_changes_block_id_position_blocks'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_position_changes')),
    )
    op.create_index('ix_position_changes_block_id', 'position_changes', ['block_id', 'change'])
    op.bulk_insert(blocks, [{'id': 1, 'starts_at': None}])
    bind = op.get_bind()
    postgresql = bind.dialect.name == 'postgresql'
    if postgresql:
        schema = 'public' if context.is_offline_mode() else bind.exec_driver_sql('SELECT current_schema()').scalar()
        prefix = f'"{schema}".'
    else:
        prefix = ''
    op.execute(f'INSERT INTO {prefix}position_changes (block_id, change) '
               f'SELECT 1, count(*) FROM {prefix}requests WHERE deleted_at IS NULL')
    if postgresql:
        op.execute(f"CREATE FUNCTION {prefix}positions_of_request() RETURNS trigger LANGUAGE plpgsql "
                   f"SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\nBEGIN\n"
                   f"IF TG_OP = 'INSERT' THEN\n{_moves(prefix, False, True)};\n"
                   f"ELSIF TG_OP = 'DELETE' THEN\n{_moves(prefix, True, False)};\n"
                   f"ELSE\n{_moves(prefix, True, True)};\nEND IF;\nRETURN NULL;\nEND\n$$")
        op.execute(f"CREATE FUNCTION {prefix}positions_of_truncated_requests() RETURNS trigger LANGUAGE plpgsql "
                   f"SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\nBEGIN\n"
                   f"DELETE FROM {prefix}position_changes;\nRETURN NULL;\nEND\n$$")
        function = f'EXECUTE FUNCTION {prefix}positions_of_request()'
        op.execute(f'CREATE TRIGGER requests_positions_insert AFTER INSERT ON requests FOR EACH ROW '
                   f'WHEN (NEW.deleted_at IS NULL) {function}')
        op.execute(f'CREATE TRIGGER requests_positions_update AFTER UPDATE OF updated_at, deleted_at ON requests '
                   f'FOR EACH ROW WHEN ({UPDATE_MOVES.format(distinct="IS DISTINCT FROM")}) {function}')
        op.execute(f'CREATE TRIGGER requests_positions_delete AFTER DELETE ON requests FOR EACH ROW '
                   f'WHEN (OLD.deleted_at IS NULL) {function}')
        op.execute(f'CREATE TRIGGER requests_positions_truncated AFTER TRUNCATE ON requests FOR EACH STATEMENT '
                   f'EXECUTE FUNCTION {prefix}positions_of_truncated_requests()')
        return
    op.execute(f'CREATE TRIGGER requests_positions_insert AFTER INSERT ON requests WHEN NEW.deleted_at IS NULL '
               f'BEGIN {_moves("", False, True)}; END')
    op.execute(f'CREATE TRIGGER requests_positions_update AFTER UPDATE OF updated_at, deleted_at ON requests '
               f'WHEN {UPDATE_MOVES.format(distinct="IS NOT")} BEGIN {_moves("", True, True)}; END')
    op.execute(f'CREATE TRIGGER requests_positions_delete AFTER DELETE ON requests WHEN OLD.deleted_at IS NULL '
               f'BEGIN {_moves("", True, False)}; END')


def downgrade():
    postgresql = op.get_bind().dialect.name == 'postgresql'
    for name in (*TRIGGERS, 'requests_positions_truncated') if postgresql else TRIGGERS:
        op.execute(f'DROP TRIGGER {name}' + (' ON requests' if postgresql else ''))
    if postgresql:
        op.execute('DROP FUNCTION positions_of_request()')
        op.execute('DROP FUNCTION positions_of_truncated_requests()')
    op.drop_index('ix_position_changes_block_id', table_name='position_changes')
    op.drop_table('position_changes')
    op.drop_table('position_blocks')
    op.create_index('ix_requests_deleted_id', 'requests', ['id'], unique=False,
                    sqlite_where=sa.text('deleted_at IS NOT NULL'), postgresql_where=sa.text('deleted_at IS NOT NULL'))
