"""Administrators manage users and reference data."""
from datetime import date

import sqlalchemy as sa

from tests.factories import make_user, treaty
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import AuditEntry, Country, User


def test_every_admin_page_opens_for_an_administrator(client, auth):
    admin = make_user(Role.ADMIN)
    auth.login(admin)
    minsk = treaty("minsk-1993")
    for url in ("/admin/users", "/admin/users/new", f"/admin/users/{admin.id}", "/admin/treaties", "/admin/treaties/new",
                f"/admin/treaties/{minsk.id}", "/admin/countries", "/admin/countries/KG", "/admin/crime-categories",
                "/admin/crime-categories/new"):
        assert client.get(url).status_code == 200, url


def test_an_administrator_creates_a_user_who_can_log_in(client, auth, app):
    auth.login(make_user(Role.ADMIN))
    response = client.post("/admin/users/new", data={"email": "new@prokuror.example", "name": "Новый Прокурор",
                                                     "role": "prosecutor", "language": "ru", "active": "y",
                                                     "password": "a long password"})
    assert response.status_code == 302
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": "new@prokuror.example", "password": "a long password"}).status_code == 302


def test_a_duplicate_email_or_missing_password_is_shown_and_nothing_is_written(client, auth):
    admin = make_user(Role.ADMIN, email="admin@prokuror.example")
    auth.login(admin)
    page = client.post("/admin/users/new", data={"email": "admin@prokuror.example", "name": "X", "role": "admin",
                                                 "language": "en", "password": "a long password"},
                       headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "A user with this email already exists." in page
    page = client.post("/admin/users/new", data={"email": "other@prokuror.example", "name": "X", "role": "admin",
                                                 "language": "en"}).get_data(as_text=True)
    assert "This field is required." in page
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_an_administrator_changes_a_treatys_arrest_limit_and_parties(client, auth):
    auth.login(make_user(Role.ADMIN))
    minsk = treaty("minsk-1993")
    parties_before = [c.code for c in minsk.parties]
    form = {"code": minsk.code, "short_name": minsk.short_name, "title_kk": minsk.title_kk, "title_ru": minsk.title_ru,
            "title_en": minsk.title_en, "multilateral": "y", "scope": ["mla", "extradition"], "status": "in_force",
            "signed_on": "1993-01-22", "arrest_limit_days": "30", "arrest_counts_from": "detention",
            "parties": "RU:1994-12-10\nKG", "notes": "", "active": "y", "source": minsk.source}
    assert client.post(f"/admin/treaties/{minsk.id}", data=form).status_code == 302
    db.session.rollback()
    changed = treaty("minsk-1993")
    assert changed.arrest_limit_days == 30 and [c.code for c in changed.parties] == ["KG", "RU"]
    assert [(p.country_code, p.applies_from) for p in changed.party_terms] == [("KG", None), ("RU", date(1994, 12, 10))]
    audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity == "treaties", AuditEntry.action == "update",
                                                          AuditEntry.entity_id == str(minsk.id)))
    assert audit.changes["arrest_limit_days"][1] == "30"
    removed = db.session.scalars(sa.select(AuditEntry.entity_id).where(AuditEntry.entity == "treaty_parties",
                                                                       AuditEntry.action == "delete")).all()
    assert sorted(removed) == sorted(f"{minsk.id}/{code}" for code in parties_before if code not in ("RU", "KG"))
    bad = client.post(f"/admin/treaties/{minsk.id}", data=dict(form, arrest_limit_days="0", code="uncac-2003"))
    assert bad.status_code == 200
    unreadable = client.post(f"/admin/treaties/{minsk.id}", headers={"Accept-Language": "en"},
                             data=dict(form, parties="RU:28/06/2023"))
    assert "Write each party as CODE" in unreadable.get_data(as_text=True)
    db.session.rollback()
    assert treaty("minsk-1993").arrest_limit_days == 30


def test_an_administrator_records_a_central_authority(client, auth):
    auth.login(make_user(Role.ADMIN))
    client.post("/admin/countries/KG", data={"eaeu": "y", "cis": "y", "authority_name": "Генеральная прокуратура КР",
                                             "authority_email": "intl@prokuror.example", "authority_address": "",
                                             "authority_phone": ""})
    db.session.rollback()
    assert db.session.get(Country, "KG").authority_name == "Генеральная прокуратура КР"


def test_countries_are_listed_in_the_alphabet_of_the_page(client, auth):
    admin = make_user(Role.ADMIN)
    auth.login(admin)
    client.post("/language", data={"language": "kk"})
    page = client.get("/admin/countries").get_data(as_text=True)
    assert page.index("Әзірбайжан") < page.index("Бахрейн") < page.index("Қазақстан") < page.index("Оман") \
        < page.index("Өзбекстан") < page.index("Ресей") < page.index("Үндістан")
