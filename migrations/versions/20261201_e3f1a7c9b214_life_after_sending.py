"""The life of a request after it is sent: transfer of proceedings as a kind, receipt abroad, extradition arrest,
acknowledgement and outcome notice as events, re-sending after return, surrender window and outcome notice rules,
rules that name their legal source and say how a custody term is counted.

Revision ID: e3f1a7c9b214
Revises: d2a9c4e7f150
Create Date: 2026-12-01 22:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e3f1a7c9b214'
down_revision = 'd2a9c4e7f150'
branch_labels = None
depends_on = None

OLD_KINDS = ['mla', 'extradition']
KINDS = OLD_KINDS + ['transfer']
OLD_STATUSES = ['draft', 'sent', 'pending', 'supplement_requested', 'partially_executed', 'executed', 'granted',
                'extradited', 'refused', 'returned', 'released_abroad', 'withdrawn']
STATUSES = ['draft', 'sent', 'pending', 'supplement_requested', 'partially_executed', 'executed', 'granted',
            'surrender_postponed', 'temporarily_surrendered', 'extradited', 'accepted', 'refused', 'returned',
            'released_abroad', 'withdrawn']
OLD_EVENTS = ['created', 'edited', 'status_changed', 'reassigned', 'correction', 'reminder_sent', 'deadline_extended']
EVENTS = OLD_EVENTS + ['received_abroad', 'extradition_arrest', 'acknowledged', 'partial_execution',
                       'outcome_notified']
OLD_DEADLINES = ['release', 'follow_up', 'reminder', 'supplement']
DEADLINES = OLD_DEADLINES + ['surrender', 'outcome_notice']
OLD_RULES = ['arrest_limit', 'follow_up', 'first_reminder', 'reminder_interval', 'escalation', 'long_pending',
             'supplement_answer', 'supplement_answer_custody']
RULES = OLD_RULES + ['surrender_window', 'outcome_notice']
RELEASE_ENDS = ['receipt', 'arrest', 'receipt_or_arrest']

OFFICE_PRACTICE = 'Практика ведомства'
ARREST_SOURCE = (
    "Минская конвенция от 22.01.1993 в редакции Протокола от 28.03.1997, ст. 62 п. 1: лицо освобождается, "
    "если требование о выдаче не будет получено запрашиваемой Стороной в течение сорока дней со дня "
    "взятия под стражу; УПК РК, ст. 588 ч. 1 и 7")
SURRENDER_SOURCE = (
    "Практика ведомства: более строгий срок по образцу Европейской конвенции о выдаче 1957 г., ст. 18 п. 4 "
    "(лицо может быть освобождено через 15 дней после даты, назначенной для передачи, и освобождается "
    "через 30 дней); собственный срок договора задаётся для этого договора")
CHASING = {'follow_up': 30, 'first_reminder': 90, 'reminder_interval': 60, 'escalation': 180, 'long_pending': 365}
# Default rules the new workflow needs, as the seed writes them (existing rows are kept as the office edited them).
NEW_DEFAULTS = ([('extradition', code, days) for code, days in CHASING.items()]
                + [('extradition', 'supplement_answer', 30), ('extradition', 'supplement_answer_custody', 10),
                   ('extradition', 'surrender_window', 15), ('extradition', 'outcome_notice', 30)]
                + [('transfer', code, days) for code, days in CHASING.items()])


def upgrade():
    op.create_table('deadline_alerts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Enum(*DEADLINES, name='alert_deadline', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('mark', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('sending', 'sent', 'failed', 'empty', name='alert_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_deadline_alerts_request_id_requests')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_deadline_alerts_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_alerts')),
    sa.UniqueConstraint('request_id', 'deadline', 'due_on', 'mark', 'user_id', name='uq_deadline_alerts_once')
    )
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_requests_kind'), type_='check')
        batch_op.create_check_constraint('kind', sa.column('kind').in_(KINDS))
        batch_op.drop_constraint(op.f('ck_requests_status'), type_='check')
        batch_op.create_check_constraint('status', sa.column('status').in_(STATUSES))
        batch_op.drop_constraint(op.f('ck_requests_due_deadline'), type_='check')
        batch_op.create_check_constraint('due_deadline', sa.column('due_deadline').in_(DEADLINES))
        batch_op.add_column(sa.Column('last_sent_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('acknowledged_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('foreign_reference', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('received_abroad_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('extradition_arrest_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('supplement_due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('outcome_notified_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('origin_request_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_requests_origin_request_id_requests'), 'requests',
                                    ['origin_request_id'], ['id'])

    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_request_events_event_type'), type_='check')
        batch_op.create_check_constraint('event_type', sa.column('event').in_(EVENTS))
        for name, column in (('from_status', 'from_status'), ('to_status', 'to_status')):
            batch_op.drop_constraint(op.f(f'ck_request_events_{name}'), type_='check')
            batch_op.create_check_constraint(name, sa.column(column).in_(STATUSES))
        batch_op.drop_constraint(op.f('ck_request_events_event_deadline'), type_='check')
        batch_op.create_check_constraint('event_deadline', sa.column('deadline').in_(DEADLINES))
        batch_op.add_column(sa.Column('foreign_reference', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('foreign_decision', sa.Text(), server_default='', nullable=False))

    with op.batch_alter_table('deadline_rules', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_deadline_rules_rule_kind'), type_='check')
        batch_op.create_check_constraint('rule_kind', sa.column('kind').in_(KINDS))
        batch_op.drop_constraint(op.f('ck_deadline_rules_rule_code'), type_='check')
        batch_op.create_check_constraint('rule_code', sa.column('code').in_(RULES))
        batch_op.add_column(sa.Column('source', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('counts_first_day', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('ends_with', sa.Enum(*RELEASE_ENDS, name='release_end', native_enum=False,
                                                           create_constraint=True, length=32),
                                      server_default='receipt_or_arrest', nullable=False))

    # Every request sent so far was sent once; the chasing of each runs from that sending.
    op.execute("UPDATE requests SET last_sent_on = sent_on WHERE sent_on IS NOT NULL")
    rules = sa.table('deadline_rules', sa.column('kind'), sa.column('code'), sa.column('scope'),
                     sa.column('scope_key'), sa.column('days'), sa.column('note'), sa.column('source'))
    op.execute(rules.update().where(rules.c.code == 'arrest_limit', rules.c.scope == 'default')
               .values(source=ARREST_SOURCE))
    op.execute(rules.update().where(rules.c.code != 'arrest_limit', rules.c.scope == 'default')
               .values(source=OFFICE_PRACTICE))
    connection = op.get_bind()
    existing = {(kind, code) for kind, code in connection.execute(
        sa.select(rules.c.kind, rules.c.code).where(rules.c.scope == 'default'))}
    rows = [{'kind': kind, 'code': code, 'scope': 'default', 'scope_key': 'default', 'days': days, 'note': '',
             'source': SURRENDER_SOURCE if code == 'surrender_window' else OFFICE_PRACTICE}
            for kind, code, days in NEW_DEFAULTS if (kind, code) not in existing]
    # Only where the rules were seeded already: a fresh database gets them from `flask seed`.
    if existing and rows:
        op.bulk_insert(rules, rows)


def downgrade():
    op.drop_table('deadline_alerts')
    # Requests of the new kind and statuses have no place in the old schema.
    op.execute("DELETE FROM deadline_rules WHERE kind = 'transfer' OR code IN ('surrender_window', 'outcome_notice')")
    with op.batch_alter_table('deadline_rules', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_deadline_rules_release_end'), type_='check')
        batch_op.drop_column('ends_with')
        batch_op.drop_column('counts_first_day')
        batch_op.drop_column('source')
        batch_op.drop_constraint(op.f('ck_deadline_rules_rule_code'), type_='check')
        batch_op.create_check_constraint('rule_code', sa.column('code').in_(OLD_RULES))
        batch_op.drop_constraint(op.f('ck_deadline_rules_rule_kind'), type_='check')
        batch_op.create_check_constraint('rule_kind', sa.column('kind').in_(OLD_KINDS))
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_column('foreign_decision')
        batch_op.drop_column('foreign_reference')
        batch_op.drop_constraint(op.f('ck_request_events_event_deadline'), type_='check')
        batch_op.create_check_constraint('event_deadline', sa.column('deadline').in_(OLD_DEADLINES))
        for name in ('from_status', 'to_status'):
            batch_op.drop_constraint(op.f(f'ck_request_events_{name}'), type_='check')
            batch_op.create_check_constraint(name, sa.column(name).in_(OLD_STATUSES))
        batch_op.drop_constraint(op.f('ck_request_events_event_type'), type_='check')
        batch_op.create_check_constraint('event_type', sa.column('event').in_(OLD_EVENTS))
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_requests_origin_request_id_requests'), type_='foreignkey')
        for column in ('origin_request_id', 'outcome_notified_on', 'supplement_due_on', 'extradition_arrest_on',
                       'received_abroad_on', 'foreign_reference', 'acknowledged_on', 'last_sent_on'):
            batch_op.drop_column(column)
        batch_op.drop_constraint(op.f('ck_requests_due_deadline'), type_='check')
        batch_op.create_check_constraint('due_deadline', sa.column('due_deadline').in_(OLD_DEADLINES))
        batch_op.drop_constraint(op.f('ck_requests_status'), type_='check')
        batch_op.create_check_constraint('status', sa.column('status').in_(OLD_STATUSES))
        batch_op.drop_constraint(op.f('ck_requests_kind'), type_='check')
        batch_op.create_check_constraint('kind', sa.column('kind').in_(OLD_KINDS))
