"""The filters' choices, the deadline rules and the calendar are kept by each worker and built again only when the
reference data changed, in any worker: a change is seen on the next page (and by the computation that follows it in
the same transaction), and a page that changes nothing reads no reference table."""
import re
from datetime import date, timedelta

import sqlalchemy as sa
from flask import g
from flask_login import login_user

from tests.factories import make_request, make_unit, make_user, move_to, working_day
from tracker import clock, create_app
from tracker.domain.deadlines import RuleCode, Scope
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models import CalendarDay, Country, CrimeCategory, DeadlineRule, ReferenceVersion, Treaty, User
from tracker.domain.access import Access
from tracker.services import queries
from tracker.services.deadlines import rule_book, work_calendar
from tracker.models import TokenScope
from tracker.services.reference_cache import reference_version
from tracker.services.users import issue_api_token
from tracker.web.access import current_access, load_user

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


RULE_TABLES = ("deadline_rules", "calendar_days", "treaties")


def _reads_of(tables, statements):
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")
            and re.search(r"\bFROM (%s)\b" % "|".join(tables), s)]


def test_the_request_page_reads_the_rules_once_and_a_rule_changed_in_another_worker_at_once(app, client, auth,
                                                                                          count_queries):
    owner = make_user()
    today = clock.today_local()
    sent = today - timedelta(days=20)
    item = make_request(owner, sent_on=sent)
    auth.login(owner)
    assert client.get(f"/requests/{item.id}").status_code == 200
    with count_queries() as statements:
        before = client.get(f"/requests/{item.id}").get_data(as_text=True)
    assert _reads_of(RULE_TABLES, statements) == []
    # The follow-up the page shows, counted by the default rule; then the rule is shortened in another worker (its
    # own app and connections over the same database), as an administrator's change there would be.
    assert f"{working_day(sent + timedelta(days=15)):%d.%m.%Y}" not in before
    other = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                        "SECRET_KEY": "test-secret"})
    with other.app_context():
        rule = db.session.scalar(sa.select(DeadlineRule).where(DeadlineRule.kind == Kind.MLA,
                                                               DeadlineRule.code == RuleCode.FOLLOW_UP,
                                                               DeadlineRule.scope == Scope.DEFAULT))
        rule.days = 15
        db.session.commit()
        db.engine.dispose()
    after = client.get(f"/requests/{item.id}").get_data(as_text=True)
    assert f"{working_day(sent + timedelta(days=15)):%d.%m.%Y}" in after


def test_a_day_off_added_to_the_calendar_moves_a_deadline_computed_after_it(app):
    with app.test_request_context():
        rules = rule_book()
        monday = date(2031, 3, 3)
        assert rules.calendar.is_working(monday) and work_calendar().is_working(monday)
        # Added and not yet written: what deadlines are computed with next still takes it.
        db.session.add(CalendarDay(day=monday, working=False, name_en="A day off for this test"))
        assert not work_calendar().is_working(monday) and not rule_book().calendar.is_working(monday)
        db.session.rollback()
        assert work_calendar().is_working(monday)


def test_a_rule_changed_and_not_yet_written_is_the_one_deadlines_are_computed_with(app):
    with app.test_request_context():
        setting = lambda: rule_book().setting(Kind.MLA, RuleCode.FOLLOW_UP, treaty_id=None,  # noqa: E731
                                              country_code=None)
        days = setting().days
        rule = db.session.scalar(sa.select(DeadlineRule).where(DeadlineRule.kind == Kind.MLA,
                                                               DeadlineRule.code == RuleCode.FOLLOW_UP,
                                                               DeadlineRule.scope == Scope.DEFAULT))
        rule.days = days + 7
        assert setting().days == days + 7
        db.session.rollback()
        assert setting().days == days


def _owner_choices(html):
    """The owners the reassignment form offers, as (id, name)."""
    select = re.search(r'<select[^>]*name="owner_id".*?</select>', html, re.S).group(0)
    return re.findall(r'<option[^>]*value="(\d+)"[^>]*>([^<]*)</option>', select)


def test_owners_are_read_once_and_again_after_a_user_is_added_renamed_or_deactivated(app, client, auth,
                                                                                   count_queries):
    supervisor = make_user(Role.SUPERVISOR, name="Бекова Сауле")
    colleague = make_user(name="Ахметов Ерлан")
    item = make_request(colleague)
    auth.login(supervisor)
    assert client.get(f"/requests/{item.id}").status_code == 200
    with count_queries() as statements:
        html = client.get(f"/requests/{item.id}").get_data(as_text=True)
    assert [s for s in statements if re.search(r"\bFROM users\b", s) and "users.id = " not in s] == []
    assert ("%d" % colleague.id, "Ахметов Ерлан") in _owner_choices(html)
    version = db.session.scalar(sa.select(ReferenceVersion.version))
    db.session.commit()  # the reading transaction ends: the pages wrote (their reads of personal data) since it began
    colleague.language = Language.KK  # not shown among owners: the version stays
    db.session.commit()
    assert db.session.scalar(sa.select(ReferenceVersion.version)) == version
    colleague.name = "Ахметов Ерлан Серикович"
    db.session.commit()
    owners = _owner_choices(client.get(f"/requests/{item.id}").get_data(as_text=True))
    assert ("%d" % colleague.id, "Ахметов Ерлан Серикович") in owners
    db.session.commit()
    newcomer = make_user(name="Жумабаев Нурлан")
    assert ("%d" % newcomer.id, "Жумабаев Нурлан") in _owner_choices(
        client.get(f"/requests/{item.id}").get_data(as_text=True))
    # Deactivated in another worker (its own app and connections): gone from the choices at the next page.
    other = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                        "SECRET_KEY": "test-secret"})
    with other.app_context():
        db.session.get(User, newcomer.id).active = False
        db.session.commit()
        db.engine.dispose()
    owners = _owner_choices(client.get(f"/requests/{item.id}").get_data(as_text=True))
    assert "%d" % newcomer.id not in dict(owners) and "%d" % colleague.id in dict(owners)


def test_a_prosecutor_moved_to_another_unit_leaves_the_owners_its_supervisor_is_offered(client, auth):
    supervisor = make_user(Role.SUPERVISOR)
    colleague = make_user(name="Ахметов Ерлан")
    stays = make_user(name="Жумабаев Нурлан")
    unit = make_unit("Отдел международного сотрудничества", heads=[supervisor], members=[supervisor, colleague, stays])
    item = make_request(stays)
    auth.login(supervisor)
    assert "%d" % colleague.id in dict(_owner_choices(client.get(f"/requests/{item.id}").get_data(as_text=True)))
    db.session.commit()
    move_to(colleague, make_unit("Другой отдел"))
    owners = dict(_owner_choices(client.get(f"/requests/{item.id}").get_data(as_text=True)))
    assert "%d" % colleague.id not in owners and "%d" % stays.id in owners and unit.id


def test_a_change_committed_by_another_worker_during_a_page_is_not_kept_under_its_new_version(app):
    """A page reads the version with its user, before anything else. A rename committed by another worker while the
    page is being written, after the page loaded the old name, is not kept under the rename's version: the worker's
    next page shows the new name. (On PostgreSQL each statement sees what was committed when it began, and the ORM
    keeps the objects a page loaded: a version read after them was the rename's, and the old name stayed under it.)"""
    prosecutor = make_user(name="Old Name")
    supervisor = make_user(Role.CENTRAL)
    db.session.commit()
    other = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                        "SECRET_KEY": "test-secret"})
    with app.test_request_context():
        # The page begins: its user is loaded, then a row naming the prosecutor (the list's owners).
        login_user(load_user(supervisor.get_id()))
        assert db.session.get(User, prosecutor.id).name == "Old Name"
        with other.app_context():  # another worker renames the prosecutor meanwhile
            db.session.get(User, prosecutor.id).name = "New Name"
            db.session.commit()
            db.engine.dispose()
        # The page goes on to the owners it offers.
        queries.assignable_owners(current_access())
        db.session.rollback()
    with app.test_request_context():
        login_user(load_user(supervisor.get_id()))
        assert prosecutor.id in {owner.id for owner in queries.assignable_owners(current_access())}
        assert {owner.name for owner in queries.assignable_owners(current_access())
                if owner.id == prosecutor.id} == {"New Name"}


def test_a_change_rolled_back_after_a_build_is_not_kept(app):
    """A change not yet written when something is built from the reference data is written first, and what is built
    is kept under the change's version: rolled back, it is never shown."""
    prosecutor = make_user(name="Committed Name")
    everyone = Access(None, Role.CENTRAL, None, personal_data=True)
    with app.test_request_context():
        reference_version()  # the page read the version first
        db.session.get(User, prosecutor.id).name = "Rolled Back Name"  # then changed a user, not yet written
        assert "Rolled Back Name" in {owner.name for owner in queries.assignable_owners(everyone)}
        db.session.rollback()
    with app.test_request_context():
        names = {owner.name for owner in queries.assignable_owners(everyone)}
    assert "Committed Name" in names and "Rolled Back Name" not in names


def test_an_api_call_reads_the_version_with_its_token_and_one_without_a_token_reads_nothing(app, client,
                                                                                           count_queries):
    with count_queries() as statements:
        assert client.get("/api/v1/countries").status_code == 401
    assert statements == []
    user = make_user(Role.SUPERVISOR)
    secret = issue_api_token(user, "reports", TokenScope.READ)
    db.session.commit()
    with count_queries() as statements:
        assert client.get("/api/v1/countries", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    statements = [s for s in statements if s.strip().upper() != "BEGIN"]
    assert "reference_version" in statements[0] and "api_tokens" in statements[0]
    assert not any(s.lstrip().startswith("SELECT reference_version") for s in statements[1:])


def test_a_session_of_a_user_no_longer_there_leaves_the_version_to_be_read(app):
    with app.test_request_context():
        assert load_user("999999.1") is None
        assert "reference_version" not in g
        assert reference_version() == db.session.scalar(sa.select(ReferenceVersion.version))
