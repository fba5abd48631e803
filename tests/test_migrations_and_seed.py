"""The schema comes only from migrations: an empty database upgrades to head with no drift; seeding is idempotent."""
import os
import re
import uuid

import pycountry
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from tracker import create_app
from tracker.database import described_by_models
from tracker.extensions import db
from tracker.models import Country, CrimeCategory, Treaty
from tracker.services import reference_data as ref
from tracker.services.seed import seed_reference_data
from tracker.services.treaty_register import TREATIES

POSTGRES_URL = os.environ.get("TRACKER_TEST_DATABASE_URL")


@pytest.fixture
def empty_database_url(tmp_path):
    """A brand-new empty database of the kind under test, dropped afterwards."""
    if not POSTGRES_URL:
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"tracker_migrations_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def _drift(application):
    """Differences between the models and the migrated database."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                               "include_name": described_by_models})
        return compare_metadata(context, db.metadata)


def test_an_empty_database_upgrades_to_head_downgrades_and_upgrades_again_without_drift(empty_database_url):
    application = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url, "SECRET_KEY": "x"})
    directory = application.extensions["migrate"].directory
    with application.app_context():
        upgrade(directory=directory)
        assert _drift(application) == []
        assert {"requests", "request_events", "users", "countries", "treaties"} <= set(sa.inspect(db.engine).get_table_names())
        downgrade(directory=directory, revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade(directory=directory)
        assert _drift(application) == []
        db.engine.dispose()


def _counts():
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (Country, Treaty, CrimeCategory))


def test_seed_loads_every_iso_country_the_treaties_and_categories():
    countries, treaties, categories = _counts()
    assert countries == 249 and categories == 6 and treaties == len(TREATIES)
    minsk = db.session.scalar(sa.select(Treaty).where(Treaty.code == "minsk-1993"))
    assert minsk.arrest_limit_days == 40 and {"RU", "KG", "BY", "AM"} <= {c.code for c in minsk.parties}
    assert db.session.get(Country, "KG").eaeu and db.session.get(Country, "UZ").cis
    assert not db.session.get(Country, "UZ").eaeu


def test_seeding_twice_changes_nothing_and_keeps_an_administrators_edits():
    treaty = db.session.scalar(sa.select(Treaty).where(Treaty.code == "minsk-1993"))
    treaty.arrest_limit_days = 30
    db.session.commit()
    before = _counts()
    assert seed_reference_data() == {"countries": 0, "crime_categories": 0, "treaties": 0, "deadline_rules": 0,
                                     "calendar_days": 0, "units": 0}
    db.session.commit()
    assert _counts() == before
    db.session.refresh(treaty)
    assert treaty.arrest_limit_days == 30


def test_a_check_constraint_refuses_a_status_the_workflow_does_not_know():
    from tests.factories import make_request, make_user

    request = make_request(make_user())
    with pytest.raises(sa.exc.IntegrityError):
        with db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE requests SET status = 'lost' WHERE id = :id"), {"id": request.id})


def test_every_enum_check_constraint_in_the_database_admits_exactly_the_enums_values():
    """Alembic does not notice new enum values; this catches a migration that forgot to widen a CHECK."""
    inspector = sa.inspect(db.engine)
    checked = 0
    for table in db.metadata.sorted_tables:
        constraints = {c["name"]: c["sqltext"] for c in inspector.get_check_constraints(table.name)}
        for column in table.columns:
            if not isinstance(column.type, sa.Enum):
                continue
            text = constraints[f"ck_{table.name}_{column.type.name}"]
            for value in column.type.enums:
                assert f"'{value}'" in text, (table.name, column.name, value)
            quoted = set(re.findall(r"'([a-z_]+)'", text))
            assert quoted == set(column.type.enums), (table.name, column.name, quoted ^ set(column.type.enums))
            checked += 1
    assert checked >= 15


OLD_STATUSES = {"mla": ["draft", "sent", "pending", "supplement_requested", "partially_executed", "executed", "refused",
                        "returned", "withdrawn"],
                "extradition": ["draft", "sent", "pending", "granted", "extradited", "refused", "released_abroad",
                                "withdrawn"]}


def test_requests_in_every_old_status_survive_the_upgrade_to_the_life_after_sending(empty_database_url):
    """A register kept before transfers, receipts abroad and re-sending upgrades without losing a request."""
    application = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url, "SECRET_KEY": "x"})
    directory = application.extensions["migrate"].directory
    with application.app_context():
        upgrade(directory=directory, revision="d2a9c4e7f150")
        # Countries, crime categories (before the paragraph's scope words) and rules as they were then, by hand.
        with db.engine.begin() as connection:
            for country in pycountry.countries:
                connection.execute(sa.text(
                    "INSERT INTO countries (code, name_en, eaeu, cis, authority_name, authority_address, "
                    "authority_email, authority_phone) VALUES (:code, :name, :eaeu, :cis, '', '', '', '')"),
                    {"code": country.alpha_2, "name": country.name, "eaeu": country.alpha_2 in ref.EAEU,
                     "cis": country.alpha_2 in ref.CIS})
            for position, (code, kk, ru, en, articles) in enumerate(ref.CRIME_CATEGORIES):
                connection.execute(sa.text(
                    "INSERT INTO crime_categories (code, name_kk, name_ru, name_en, articles, position, phrase_kk, "
                    "phrase_ru, phrase_en) VALUES (:code, :kk, :ru, :en, :articles, :position, '', '', '')"),
                    {"code": code, "kk": kk, "ru": ru, "en": en, "articles": articles, "position": position})
        with db.engine.begin() as connection:
            _fill_old_register(connection)
        upgrade(directory=directory)
        assert _drift(application) == []
        official = db.session.execute(sa.text("SELECT official_name_ru, official_name_kk FROM countries "
                                              "WHERE code IN ('KG', 'KR') ORDER BY code")).all()
        assert [tuple(row) for row in official] == [("Кыргызстан", ""), ("", "Корея Республикасы")]
        scopes = dict(db.session.execute(sa.text("SELECT code, scope_ru FROM crime_categories")).all())
        assert scopes["fraud"] == "мошенничествах"  # the seeded categories get the paragraph's words
        rows = db.session.execute(sa.text(
            "SELECT reference, kind, status, sent_on, last_sent_on, detained_on, received_abroad_on, foreign_reference "
            "FROM requests ORDER BY id")).all()
        expected = [(f"{kind}-{status}", kind, status) for kind, statuses in OLD_STATUSES.items() for status in statuses]
        assert [(r.reference, r.kind, r.status) for r in rows] == expected
        for row in rows:
            assert str(row.last_sent_on) == str(row.sent_on)  # the chasing runs from the one sending there was
            assert (row.received_abroad_on, row.foreign_reference) == (None, "")
        events = db.session.scalar(sa.text("SELECT count(*) FROM request_events"))
        assert events == len(rows) * 2
        rules = dict(((kind, code), (days, source)) for kind, code, days, source in db.session.execute(sa.text(
            "SELECT kind, code, days, source FROM deadline_rules WHERE scope = 'default'")))
        assert rules[("extradition", "arrest_limit")][1].startswith("Минская конвенция")
        assert rules[("mla", "first_reminder")] == (90, "Практика ведомства")
        assert rules[("extradition", "surrender_window")][0] == 15 and rules[("transfer", "follow_up")][0] == 30
        treaty = db.session.execute(sa.text(
            "SELECT covers_mla, covers_extradition, covers_transfer, status, active FROM treaties WHERE code = 'old-both'"
        )).one()
        assert tuple(treaty) == (True, True, False, "in_force", True)  # the old single scope, as the set it meant
        party = db.session.execute(sa.text("SELECT country_code, applies_from FROM treaty_parties")).one()
        assert tuple(party) == ("RU", None)
        # The returned MLA request is open now: completed and sent again, it is the same request.
        from tracker.domain.statuses import Kind, Status, is_open
        assert is_open(Kind.MLA, Status.RETURNED)
        db.session.remove()
        db.engine.dispose()


def _fill_old_register(connection):
    """Users, reference data and rules as the old schema held them, and a request in every old status."""
    connection.execute(sa.text(
        "INSERT INTO users (email, name, role, language, password_hash, active, created_at, failed_logins) "
        "VALUES ('p@prokuror.example', 'P', 'prosecutor', 'ru', 'x', :yes, '2026-01-01 00:00:00+00', 0)"),
        {"yes": True})
    for kind, code, days in (("mla", "first_reminder", 90), ("extradition", "arrest_limit", 40)):
        connection.execute(sa.text(
            "INSERT INTO deadline_rules (kind, code, scope, scope_key, days, note) "
            "VALUES (:kind, :code, 'default', 'default', :days, '')"), {"kind": kind, "code": code, "days": days})
    treaty_id = connection.execute(sa.text(
        "INSERT INTO treaties (code, short_name, short_name_kk, short_name_ru, title_kk, title_ru, title_en, "
        "multilateral, scope, notes, active) VALUES ('old-both', 'Old', '', '', 'k', 'r', 'e', :no, 'both', '', :yes) "
        "RETURNING id"), {"no": False, "yes": True}).scalar()
    connection.execute(sa.text("INSERT INTO treaty_parties (treaty_id, country_code) VALUES (:id, 'RU')"),
                       {"id": treaty_id})
    category = connection.execute(sa.text("SELECT id FROM crime_categories ORDER BY id LIMIT 1")).scalar()
    owner = connection.execute(sa.text("SELECT id FROM users")).scalar()
    for kind, statuses in OLD_STATUSES.items():
        for status in statuses:
            sent = None if status == "draft" else "2026-03-01"
            request_id = connection.execute(sa.text(
                "INSERT INTO requests (reference, kind, country_code, authority, case_number, crime_category_id, "
                "articles, summary, sent_on, owner_id, status, status_on, overdue, critical, escalated, long_pending, "
                "in_custody, person_name, person_name_latin, detained_on, decision, search_text, created_at, "
                "updated_at, version) VALUES (:ref, :kind, 'RU', '', '1', :category, '', '', :sent, :owner, :status, "
                "'2026-03-10', :no, :no, :no, :no, :no, '', '', :detained, '', '', '2026-03-01 00:00:00+00', "
                "'2026-03-10 00:00:00+00', 1) RETURNING id"),
                {"ref": f"{kind}-{status}", "kind": kind, "category": category, "sent": sent, "owner": owner,
                 "status": status, "no": False, "detained": "2026-02-20" if kind == "extradition" else None}).scalar()
            for event, to_status in (("created", "draft"), ("status_changed", status)):
                connection.execute(sa.text(
                    "INSERT INTO request_events (request_id, event, recorded_at, author_id, effective_on, to_status, "
                    "note, changes) VALUES (:id, :event, '2026-03-10 00:00:00+00', :owner, '2026-03-10', :to, '', "
                    "'{}')"), {"id": request_id, "event": event, "owner": owner, "to": to_status})
