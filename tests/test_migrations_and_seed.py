"""The schema comes only from migrations: an empty database upgrades to head with no drift; seeding is idempotent."""
import os
import re
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from tracker import create_app
from tracker.extensions import db
from tracker.models import Country, CrimeCategory, Treaty
from tracker.services.seed import seed_reference_data

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
        context = MigrationContext.configure(connection, opts={"compare_type": True})
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
    assert countries == 249 and categories == 6 and treaties == 19
    minsk = db.session.scalar(sa.select(Treaty).where(Treaty.code == "minsk-1993"))
    assert minsk.arrest_limit_days == 40 and {"RU", "KG", "BY", "AM"} <= {c.code for c in minsk.parties}
    assert db.session.get(Country, "KG").eaeu and db.session.get(Country, "UZ").cis
    assert not db.session.get(Country, "UZ").eaeu


def test_seeding_twice_changes_nothing_and_keeps_an_administrators_edits():
    treaty = db.session.scalar(sa.select(Treaty).where(Treaty.code == "minsk-1993"))
    treaty.arrest_limit_days = 30
    db.session.commit()
    before = _counts()
    assert seed_reference_data() == {"countries": 0, "crime_categories": 0, "treaties": 0, "deadline_rules": 0}
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
