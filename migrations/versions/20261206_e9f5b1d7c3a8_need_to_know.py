"""Need-to-know access: units of the office (every user in one; supervisors may head more), the central authority
role, and the append-only log of reads of persons sought's personal data.

Existing users all go into the default unit, so an office that sets up no units sees what it saw before.

Revision ID: e9f5b1d7c3a8
Revises: d8e4a0c6f2b7
Create Date: 2026-12-06 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e9f5b1d7c3a8'
down_revision = 'd8e4a0c6f2b7'
branch_labels = None
depends_on = None

ROLES = ('prosecutor', 'supervisor', 'central', 'admin')
OLD_ROLES = ('prosecutor', 'supervisor', 'admin')


def upgrade():
    units = op.create_table(
        'units',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('is_default', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
        sa.UniqueConstraint('name', name=op.f('uq_units_name')))
    # The default unit's name is empty until an administrator names it; pages call it "whole office".
    op.bulk_insert(units, [{'id': 1, 'name': '', 'is_default': True}])
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("SELECT setval(pg_get_serial_sequence('units', 'id'), 1)")
    op.create_table(
        'unit_heads',
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_unit_heads_unit_id_units'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_unit_heads_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('unit_id', 'user_id', name=op.f('pk_unit_heads')))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
    op.execute('UPDATE users SET unit_id = 1')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('unit_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_users_unit_id'), ['unit_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_users_unit_id_units'), 'units', ['unit_id'], ['id'])
        batch_op.drop_constraint(op.f('ck_users_role'), type_='check')
        batch_op.create_check_constraint('role', sa.column('role').in_(ROLES))

    op.create_table(
        'personal_data_reads',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('read_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=True),
        sa.Column('path', sa.String(length=200), nullable=False),
        sa.Column('query', sa.String(length=2000), nullable=False),
        sa.Column('rows', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_personal_data_reads_request_id_requests')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_personal_data_reads_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_personal_data_reads')))
    with op.batch_alter_table('personal_data_reads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_personal_data_reads_read_at'), ['read_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_personal_data_reads_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_personal_data_reads_user_id'), ['user_id'], unique=False)
    # Append-only in the database itself, as request_events and audit_log are (migration c6e2f8a4b0d3).
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CREATE TRIGGER personal_data_reads_append_only BEFORE UPDATE OR DELETE ON personal_data_reads '
                   'FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()')
        op.execute('CREATE TRIGGER personal_data_reads_no_truncate BEFORE TRUNCATE ON personal_data_reads '
                   'FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()')
    else:
        for statement in ('UPDATE', 'DELETE'):
            op.execute(f"CREATE TRIGGER personal_data_reads_no_{statement.lower()} BEFORE {statement} "
                       f"ON personal_data_reads BEGIN SELECT RAISE(ABORT, 'personal_data_reads is append-only: "
                       f"{statement} refused'); END")


def downgrade():
    op.drop_table('personal_data_reads')
    op.execute("UPDATE users SET role = 'supervisor' WHERE role = 'central'")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_role'), type_='check')
        batch_op.create_check_constraint('role', sa.column('role').in_(OLD_ROLES))
        batch_op.drop_constraint(batch_op.f('fk_users_unit_id_units'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_unit_id'))
        batch_op.drop_column('unit_id')
    op.drop_table('unit_heads')
    op.drop_table('units')
