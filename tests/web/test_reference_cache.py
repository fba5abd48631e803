"""The filters' choices are kept by each worker and built again only when the reference data changed, in any
worker: a change is seen on the next page, and a page that changes nothing reads no reference table."""
import re

import sqlalchemy as sa

from tests.factories import make_user
from tracker import create_app
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import Country, CrimeCategory, ReferenceVersion, Treaty

REFERENCE_TABLES = ("countries", "treaties", "crime_categories")


def _reads_of_reference_tables(statements):
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")
            and re.search(r"\bFROM (%s)\b" % "|".join(REFERENCE_TABLES), s)]


def _option(html, name, value):
    """The title of the box `value` of the filter `name`."""
    box = re.search(r'name="%s" value="%s" id="([^"]+)"' % (name, re.escape(value)), html).group(1)
    return re.search(r'<label[^>]*for="%s">([^<]*)</label>' % re.escape(box), html).group(1).strip()


def test_the_list_builds_its_choices_once_and_again_after_a_change(client, auth, count_queries):
    auth.login(make_user(Role.SUPERVISOR))
    assert client.get("/requests").status_code == 200
    with count_queries() as statements:
        html = client.get("/requests").get_data(as_text=True)
    assert _reads_of_reference_tables(statements) == []
    treaty = db.session.scalar(sa.select(Treaty).order_by(Treaty.id))
    before = _option(html, "treaty", str(treaty.id))
    version = db.session.scalar(sa.select(ReferenceVersion.version))
    treaty.short_name = treaty.short_name_ru = treaty.short_name_kk = "Договор для проверки"
    db.session.commit()
    assert db.session.scalar(sa.select(ReferenceVersion.version)) != version
    html = client.get("/requests").get_data(as_text=True)
    assert before != "Договор для проверки" and _option(html, "treaty", str(treaty.id)) == "Договор для проверки"


def test_a_change_made_in_another_worker_is_seen_on_the_next_page(app, client, auth):
    auth.login(make_user(Role.SUPERVISOR))
    html = client.get("/requests").get_data(as_text=True)
    assert _option(html, "crime_category_id", str(_first_category_id())) != "Changed elsewhere"
    # Another worker: its own app and connections over the same database.
    other = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                        "SECRET_KEY": "test-secret"})
    with other.app_context():
        category = db.session.get(CrimeCategory, _first_category_id())
        category.name_en = "Changed elsewhere"
        db.session.commit()
        db.engine.dispose()
    html = client.get("/requests").get_data(as_text=True)
    assert _option(html, "crime_category_id", str(_first_category_id())) == "Changed elsewhere"


def test_an_official_country_name_shows_in_the_filter_at_once(client, auth):
    auth.login(make_user(Role.SUPERVISOR))
    assert _option(client.get("/requests").get_data(as_text=True), "country", "KG") == "Kyrgyzstan"
    db.session.get(Country, "KG").official_name_en = "Kyrgyz Republic"
    db.session.commit()
    assert _option(client.get("/requests").get_data(as_text=True), "country", "KG") == "Kyrgyz Republic"


def _first_category_id():
    return db.session.scalar(sa.select(CrimeCategory.id).order_by(CrimeCategory.position, CrimeCategory.id))
