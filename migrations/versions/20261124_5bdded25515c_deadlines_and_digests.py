"""Deadline rules as data, derived deadline columns on requests, reminders and extensions in the history, the digest ledger.

Revision ID: 5bdded25515c
Revises: 1626e5026aa2
Create Date: 2026-11-24 03:45:03.168873

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5bdded25515c'
down_revision = '1626e5026aa2'
branch_labels = None
depends_on = None

EVENT_TYPES = ['created', 'edited', 'status_changed', 'reassigned', 'correction', 'reminder_sent', 'deadline_extended']


def upgrade():
    # Boolean flags get a server default so existing requests upgrade; `flask deadlines refresh` then fills them.
    op.create_table('deadline_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('mla', 'extradition', name='rule_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('code', sa.Enum('arrest_limit', 'follow_up', 'first_reminder', 'reminder_interval', 'escalation', 'long_pending', 'supplement_answer', 'supplement_answer_custody', name='rule_code', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('scope', sa.Enum('treaty', 'country', 'default', name='rule_scope', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('treaty_id', sa.Integer(), nullable=True),
    sa.Column('country_code', sa.String(length=2), nullable=True),
    sa.Column('scope_key', sa.String(length=40), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint("(scope = 'default' AND treaty_id IS NULL AND country_code IS NULL) OR (scope = 'treaty' AND treaty_id IS NOT NULL AND country_code IS NULL) OR (scope = 'country' AND country_code IS NOT NULL AND treaty_id IS NULL)", name=op.f('ck_deadline_rules_scope_matches_target')),
    sa.CheckConstraint('days > 0 AND days <= 3650', name=op.f('ck_deadline_rules_days_in_range')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_deadline_rules_country_code_countries')),
    sa.ForeignKeyConstraint(['treaty_id'], ['treaties.id'], name=op.f('fk_deadline_rules_treaty_id_treaties')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_rules')),
    sa.UniqueConstraint('kind', 'code', 'scope_key', name='uq_deadline_rules_kind_code_scope')
    )
    op.create_table('digest_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('sending', 'sent', 'failed', 'empty', name='digest_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_digest_deliveries_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_deliveries')),
    sa.UniqueConstraint('week_start', 'user_id', name='uq_digest_deliveries_week_user')
    )
    # Alembic does not see new enum values: the CHECK constraint on the history's event type is replaced by hand.
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_request_events_event_type'), type_='check')
        batch_op.create_check_constraint('event_type', sa.column('event').in_(EVENT_TYPES))
        batch_op.add_column(sa.Column('channel', sa.Enum('letter', 'diplomatic', 'email', 'fax', 'phone', 'other', name='reminder_channel', native_enum=False, create_constraint=True, length=32), nullable=True))
        batch_op.add_column(sa.Column('deadline', sa.Enum('release', 'follow_up', 'reminder', 'supplement', name='event_deadline', native_enum=False, create_constraint=True, length=32), nullable=True))
        batch_op.add_column(sa.Column('deadline_from', sa.Date(), nullable=True))

    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_deadline', sa.Enum('release', 'follow_up', 'reminder', 'supplement', name='due_deadline', native_enum=False, create_constraint=True, length=32), nullable=True))
        batch_op.add_column(sa.Column('overdue', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('critical', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('release_due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('escalated', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('long_pending', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('in_custody', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    # Undo the deadlines and digests schema.
    # The enum CHECK constraints go first: SQLite's table rebuild would otherwise keep them and fail.
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_requests_due_deadline'), type_='check')
        batch_op.drop_column('in_custody')
        batch_op.drop_column('long_pending')
        batch_op.drop_column('escalated')
        batch_op.drop_column('release_due_on')
        batch_op.drop_column('critical')
        batch_op.drop_column('overdue')
        batch_op.drop_column('due_deadline')

    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_request_events_event_deadline'), type_='check')
        batch_op.drop_constraint(op.f('ck_request_events_reminder_channel'), type_='check')
        batch_op.drop_constraint(op.f('ck_request_events_event_type'), type_='check')
        batch_op.create_check_constraint('event_type', sa.column('event').in_(EVENT_TYPES[:5]))
        batch_op.drop_column('deadline_from')
        batch_op.drop_column('deadline')
        batch_op.drop_column('channel')

    op.drop_table('digest_deliveries')
    op.drop_table('deadline_rules')
