"""History, audit and personal-data read entries are append-only in the database itself: plain SQL cannot change or remove them."""
import pytest
import sqlalchemy as sa

from tests.conftest import append_only_lifted, empty_database
from tests.factories import make_request, make_user
from tracker.domain.access import access_for
from tracker.extensions import db
from tracker.models import AuditEntry, PersonalDataRead, RequestEvent
from tracker.services.access import record_read

STATEMENTS = {
    "UPDATE request_events": "UPDATE request_events SET note = 'rewritten' WHERE id = :id",
    "DELETE request_events": "DELETE FROM request_events WHERE id = :id",
    "UPDATE audit_log": "UPDATE audit_log SET changes = '{}' WHERE id = :id",
    "DELETE audit_log": "DELETE FROM audit_log WHERE id = :id",
    "UPDATE personal_data_reads": "UPDATE personal_data_reads SET rows = 0 WHERE id = :id",
    "DELETE personal_data_reads": "DELETE FROM personal_data_reads WHERE id = :id",
}
MODELS = {"request_events": RequestEvent, "audit_log": AuditEntry, "personal_data_reads": PersonalDataRead}


def _register_with_history():
    """A request with a history entry, the audit entries its creation wrote, and its owner's read of it."""
    owner = make_user()
    request = make_request(owner)
    record_read(access_for(owner.role, owner.id, owner.unit_id), channel="page", path=f"/requests/{request.id}",
                request_id=request.id, now=request.created_at)
    db.session.commit()
    rows = {table: db.session.execute(sa.select(model.__table__)).all() for table, model in MODELS.items()}
    db.session.rollback()  # ends the read, so that other connections' changes are seen next
    return rows


@pytest.mark.parametrize("statement", list(STATEMENTS))
def test_plain_sql_cannot_change_or_remove_a_history_or_audit_entry(statement):
    before = _register_with_history()
    table = statement.split()[1]
    first = before[table][0]
    with pytest.raises(sa.exc.IntegrityError, match="append-only"):
        db.session.execute(sa.text(STATEMENTS[statement]), {"id": first.id})
    db.session.rollback()
    assert {name: db.session.execute(sa.select(model.__table__)).all() for name, model in MODELS.items()} == before


@pytest.mark.parametrize("table", list(MODELS))
def test_a_bulk_statement_past_the_orm_is_refused_too(table):
    _register_with_history()
    model = MODELS[table]
    with pytest.raises(sa.exc.IntegrityError, match="append-only"):
        db.session.execute(sa.delete(model))
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) > 0


def test_truncating_the_history_is_refused_on_postgresql():
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its DELETE without WHERE is refused by the same trigger (test above)")
    _register_with_history()
    # CASCADE: documents refer to history entries, and a plain TRUNCATE would stop at that reference before the
    # protection is asked; the one who adds CASCADE, as PostgreSQL's hint suggests, still meets it.
    for table in ("request_events", "audit_log", "personal_data_reads"):
        with pytest.raises(sa.exc.IntegrityError, match="append-only"):
            db.session.execute(sa.text(f"TRUNCATE {table} CASCADE"))
        db.session.rollback()


def test_emptying_the_database_between_tests_leaves_the_protection_in_place():
    _register_with_history()
    empty_database()
    event = _register_with_history()["request_events"][0]
    with pytest.raises(sa.exc.IntegrityError, match="append-only"):
        db.session.execute(sa.text(STATEMENTS["DELETE request_events"]), {"id": event.id})
    db.session.rollback()


def test_lifting_the_protection_lasts_one_transaction_only():
    _register_with_history()
    with db.engine.begin() as connection, append_only_lifted(connection):
        connection.execute(sa.delete(AuditEntry))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == 0
    make_user()
    with pytest.raises(sa.exc.IntegrityError, match="append-only"):
        db.session.execute(sa.delete(AuditEntry))
    db.session.rollback()
