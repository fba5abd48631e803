"""Users carry a session version (sessions end at logout, password change, deactivation and role change) and the key their e-mail is compared by.

Stored e-mails are folded (NFKC, case folding). Failed logins in a row and lockouts move from the users to
account_throttle, counted per e-mail typed at login, an account's or not.

Revision ID: b5d1e7f3a9c2
Revises: a7c3e9f1b2d4
Create Date: 2026-12-02 02:00:00

"""
import hashlib

import sqlalchemy as sa
from alembic import op

from tracker.domain.emails import comparison_key, fold

# revision identifiers, used by Alembic.
revision = 'b5d1e7f3a9c2'
down_revision = 'a7c3e9f1b2d4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('account_throttle',
    sa.Column('email_digest', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('email_digest', name=op.f('pk_account_throttle'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='1', nullable=False))
    _fold_emails_and_move_lockouts()
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('email_key', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_users_email_key'), ['email_key'])
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')


def _fold_emails_and_move_lockouts():
    """Stores each address folded (unless that would clash with another account's), gives it its comparison key
    (accounts that already read alike keep working: the later one's key is made unique) and moves each account's
    failure count and lockout to the table that now counts them per e-mail."""
    connection = op.get_bind()
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('email', sa.String),
                     sa.column('email_key', sa.String), sa.column('failed_logins', sa.Integer),
                     sa.column('locked_until', sa.DateTime(timezone=True)))
    throttle = sa.table('account_throttle', sa.column('email_digest', sa.String), sa.column('failures', sa.Integer),
                        sa.column('locked_until', sa.DateTime(timezone=True)))
    rows = connection.execute(sa.select(users.c.id, users.c.email, users.c.failed_logins, users.c.locked_until)
                              .order_by(users.c.id)).all()
    emails = {row.email for row in rows}
    keys = set()
    for row in rows:
        email = fold(row.email)
        if email != row.email and email in emails:
            email = row.email
        emails.discard(row.email)
        emails.add(email)
        key = comparison_key(email)
        if key in keys:
            key = hashlib.sha256(f"{key}#{row.id}".encode()).hexdigest()
        keys.add(key)
        connection.execute(users.update().where(users.c.id == row.id).values(email=email, email_key=key))
        if row.failed_logins or row.locked_until is not None:
            connection.execute(throttle.insert().values(email_digest=hashlib.sha256(email.encode()).hexdigest(),
                                                        failures=row.failed_logins or 0,
                                                        locked_until=row.locked_until))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_users_email_key'), type_='unique')
        batch_op.drop_column('session_version')
        batch_op.drop_column('email_key')
    op.drop_table('account_throttle')
