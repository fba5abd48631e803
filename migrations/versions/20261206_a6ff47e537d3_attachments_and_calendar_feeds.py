"""The paperwork of a request: stored documents of a request and of its history entries, their removal as a
history entry, and each user's private calendar feed of due dates.

Revision ID: a6ff47e537d3
Revises: c1f7e3a9d5b8
Create Date: 2026-12-06 15:50:42.436998

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a6ff47e537d3'
down_revision = 'c1f7e3a9d5b8'
branch_labels = None
depends_on = None

OLD_EVENTS = ['created', 'edited', 'status_changed', 'reassigned', 'correction', 'reminder_sent', 'deadline_extended',
              'received_abroad', 'extradition_arrest', 'acknowledged', 'partial_execution', 'outcome_notified']
EVENTS = OLD_EVENTS + ['attachment_removed']


def _event_types(allowed):
    """Changes the event types the history may hold. SQLite rebuilds the table for it and drops its append-only
    triggers with it (migration c6e2f8a4b0d3), so they are made again there."""
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_request_events_event_type'), type_='check')
        batch_op.create_check_constraint('event_type', sa.column('event').in_(allowed))
    if op.get_bind().dialect.name == 'sqlite':
        for statement in ('UPDATE', 'DELETE'):
            op.execute(f"DROP TRIGGER IF EXISTS request_events_no_{statement.lower()}")
            op.execute(f"CREATE TRIGGER request_events_no_{statement.lower()} BEFORE {statement} ON request_events "
                       f"BEGIN SELECT RAISE(ABORT, 'request_events is append-only: {statement} refused'); END")


def upgrade():
    op.create_table('calendar_feeds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_feeds_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('digest', name=op.f('uq_calendar_feeds_digest'))
    )
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_feeds_user_id'), ['user_id'], unique=False)

    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('request_as_sent', 'translation', 'acknowledgement', 'reply', 'executed_materials', 'note_verbale', 'reminder', 'supplement', 'other', name='attachment_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('language', sa.String(length=8), server_default='', nullable=False),
    sa.Column('document_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('removed_by_id', sa.Integer(), nullable=True),
    sa.Column('removal_event_id', sa.Integer(), nullable=True),
    sa.Column('purged_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('size >= 0', name=op.f('ck_attachments_size_not_negative')),
    sa.ForeignKeyConstraint(['event_id'], ['request_events.id'], name=op.f('fk_attachments_event_id_request_events')),
    sa.ForeignKeyConstraint(['removal_event_id'], ['request_events.id'], name=op.f('fk_attachments_removal_event_id_request_events')),
    sa.ForeignKeyConstraint(['removed_by_id'], ['users.id'], name=op.f('fk_attachments_removed_by_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_attachments_request_id_requests')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_attachments_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments'))
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_sha256'), ['sha256'], unique=False)
    _event_types(EVENTS)



def downgrade():
    # The history is append-only: a register whose history records removed documents cannot go back.
    removals = op.get_bind().scalar(sa.text("SELECT count(*) FROM request_events WHERE event = 'attachment_removed'"))
    if removals:
        raise RuntimeError(f"{removals} history entries record removed documents; the history is append-only, "
                           "so this register cannot be downgraded past documents")
    _event_types(OLD_EVENTS)
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachments_request_id'))
        batch_op.drop_index(batch_op.f('ix_attachments_event_id'))

    op.drop_table('attachments')
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_feeds_user_id'))

    op.drop_table('calendar_feeds')
