"""Administering units: the services, the administrator's pages, the command line, and what a move does to who sees
which request."""
import pytest
import sqlalchemy as sa

from tests.factories import PASSWORD, make_request, make_user
from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker.models import AuditEntry, Unit, User
from tracker.services.access import default_unit
from tracker.services.errors import FieldErrors
from tracker.services.units import create_unit, find_unit, rename_unit, save_unit, set_heads, units_overview
from tracker.services.users import update_user

EN = {"Accept-Language": "en"}


def _units() -> list[tuple[str, bool]]:
    """Every unit in the database as (name, default), read afresh."""
    db.session.rollback()
    return sorted(db.session.execute(sa.select(Unit.name, Unit.is_default)).all())


def _client(app, user):
    """A client logged in as `user`, pages in English."""
    db.session.commit()
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def _user_form(user, **changes):
    """The user form as the administrator posts it for `user`, with `changes`."""
    return {"email": user.email, "name": user.name, "role": user.role.value, "language": user.language.value,
            "active": "y", "unit_id": str(user.unit_id)} | changes


# The services

@pytest.mark.parametrize("name, code", [("", "required"), ("   ", "required"), ("x" * 201, "too_long"),
                                        ("  экономический ОТДЕЛ ", "duplicate_unit_name")])
def test_a_unit_name_that_is_empty_too_long_or_taken_is_refused_and_nothing_is_written(name, code):
    create_unit("Экономический отдел")
    db.session.commit()
    before = _units()
    with pytest.raises(FieldErrors) as refused:
        create_unit(name)
    assert refused.value.errors == {"name": code}
    assert _units() == before


def test_a_name_is_trimmed_and_two_hundred_characters_are_enough():
    assert create_unit("  Отдел  ").name == "Отдел"
    assert len(create_unit("я" * 200).name) == 200


@pytest.mark.parametrize("name, code", [("", "required"), ("x" * 201, "too_long"), ("OTHER", "duplicate_unit_name")])
def test_renaming_to_a_bad_name_is_refused_and_keeps_the_old_one(name, code):
    unit, _other = create_unit("Economic"), create_unit("Other")
    db.session.commit()
    with pytest.raises(FieldErrors) as refused:
        rename_unit(unit, name)
    assert refused.value.errors == {"name": code}
    assert ("Economic", False) in _units()


def test_the_default_unit_may_be_named_stays_the_default_and_may_go_unnamed_again():
    unit = default_unit()
    rename_unit(unit, " Центральный аппарат ")
    db.session.commit()
    assert _units() == [("Центральный аппарат", True)]
    assert find_unit("центральный АППАРАТ ") == default_unit()
    rename_unit(default_unit(), "")
    db.session.commit()
    assert _units() == [("", True)]
    # A user created without a unit still goes to it.
    assert make_user(Role.PROSECUTOR).unit.is_default


def test_renaming_a_unit_to_its_own_name_in_another_case_is_no_duplicate():
    unit = create_unit("economic")
    rename_unit(unit, "Economic")
    assert unit.name == "Economic"


@pytest.mark.parametrize("role, active", [(Role.PROSECUTOR, True), (Role.CENTRAL, True), (Role.ADMIN, True),
                                          (Role.SUPERVISOR, False)])
def test_only_an_active_supervisor_may_head_a_unit(role, active):
    unit, supervisor = create_unit("Economic"), make_user(Role.SUPERVISOR)
    set_heads(unit, [supervisor.id])
    db.session.commit()
    other = make_user(role)
    if not active:
        update_user(other, name=other.name, role=role, language=other.language, active=False, password=None)
        db.session.commit()
    with pytest.raises(FieldErrors) as refused:
        set_heads(unit, [supervisor.id, other.id])
    assert refused.value.errors == {"heads": "not_a_supervisor"}
    db.session.rollback()
    assert [head.id for head in db.session.get(Unit, unit.id).heads] == [supervisor.id]


def test_a_user_who_is_no_user_cannot_head_a_unit_and_a_bad_name_with_bad_heads_names_both():
    unit = create_unit("Economic")
    with pytest.raises(FieldErrors) as refused:
        set_heads(unit, [10**6])
    assert refused.value.errors == {"heads": "not_a_supervisor"}
    with pytest.raises(FieldErrors) as both:
        save_unit(None, name="", head_ids=[10**6])
    assert both.value.errors == {"name": "required", "heads": "not_a_supervisor"}


def test_a_head_who_stops_being_an_active_supervisor_heads_no_unit_any_more():
    unit, stays = create_unit("Economic"), make_user(Role.SUPERVISOR)
    demoted, gone = make_user(Role.SUPERVISOR), make_user(Role.SUPERVISOR)
    set_heads(unit, [stays.id, demoted.id, gone.id])
    db.session.commit()
    update_user(demoted, name=demoted.name, role=Role.PROSECUTOR, language=Language.EN, active=True, password=None)
    update_user(gone, name=gone.name, role=Role.SUPERVISOR, language=Language.EN, active=False, password=None)
    update_user(stays, name="Renamed", role=Role.SUPERVISOR, language=Language.EN, active=True, password=None)
    db.session.commit()
    assert [head.id for head in db.session.get(Unit, unit.id).heads] == [stays.id]


def test_update_user_moves_the_user_with_a_unit_keeps_them_without_and_the_audit_log_records_it():
    unit, user = create_unit("Economic"), make_user(Role.PROSECUTOR)
    home = user.unit_id
    update_user(user, name=user.name, role=user.role, language=user.language, active=True, password=None)
    assert user.unit_id == home
    update_user(user, name=user.name, role=user.role, language=user.language, active=True, password=None, unit=unit)
    db.session.commit()
    assert db.session.get(User, user.id).unit_id == unit.id
    moved = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.entity == "users",
                                                           AuditEntry.entity_id == str(user.id),
                                                           AuditEntry.action == "update")).all()
    assert any(entry.changes.get("unit_id") == [str(home), str(unit.id)] for entry in moved)


def test_the_overview_counts_members_and_names_heads_in_a_fixed_number_of_queries(count_queries):
    for number in range(3):
        unit = create_unit(f"Unit {number}")
        head = make_user(Role.SUPERVISOR)
        set_heads(unit, [head.id])
        for _ in range(number):
            make_user(Role.PROSECUTOR).unit = unit
    db.session.commit()
    with count_queries() as queries:
        overview = units_overview("en")
    assert len([statement for statement in queries if statement.startswith("SELECT")]) == 3
    assert [(row.unit.name, row.members, len(row.heads)) for row in overview] == [
        ("", 3, 0), ("Unit 0", 0, 1), ("Unit 1", 1, 1), ("Unit 2", 2, 1)]


# The administrator's pages

def test_an_administrator_sets_up_a_unit_end_to_end(app):
    admin, supervisor = make_user(Role.ADMIN), make_user(Role.SUPERVISOR, name="Бекова Салтанат")
    prosecutor = make_user(Role.PROSECUTOR, name="Иванов Дмитрий")
    client = _client(app, admin)
    assert 'href="/admin/units"' in client.get("/admin/users", headers=EN).get_data(as_text=True)
    page = client.get("/admin/units", headers=EN).get_data(as_text=True)
    assert "Whole office" in page and "default" in page
    form = client.get("/admin/units/new", headers=EN).get_data(as_text=True)
    assert "Бекова Салтанат (Whole office)" in form and 'type="checkbox"' in form
    assert client.post("/admin/units/new", data={"name": " Экономический отдел "}).status_code == 302
    db.session.rollback()
    unit = find_unit("экономический отдел")
    assert unit is not None and unit.heads == []
    answer = client.post(f"/admin/units/{unit.id}", data={"name": "Экономический отдел", "heads": [str(supervisor.id)]})
    assert answer.status_code == 302
    user_page = client.get(f"/admin/users/{prosecutor.id}", headers=EN).get_data(as_text=True)
    assert f'<option value="{unit.id}">Экономический отдел</option>' in user_page
    assert client.post(f"/admin/users/{prosecutor.id}", data=_user_form(prosecutor, unit_id=str(unit.id))).status_code == 302
    db.session.rollback()
    assert db.session.get(User, prosecutor.id).unit_id == unit.id
    assert [head.id for head in db.session.get(Unit, unit.id).heads] == [supervisor.id]
    users = client.get("/admin/users", headers=EN).get_data(as_text=True)
    assert "Экономический отдел" in users and "Whole office" in users
    units = client.get("/admin/units", headers=EN).get_data(as_text=True)
    row = units[units.index("Экономический отдел"):]
    assert row.index("Бекова Салтанат") < row.index("</tr>") and "<td>1</td>" in row[:row.index("</tr>")]


def test_a_new_user_goes_to_the_default_unit_unless_another_is_chosen(app):
    admin, unit = make_user(Role.ADMIN), create_unit("Economic")
    client = _client(app, admin)
    page = client.get("/admin/users/new", headers=EN).get_data(as_text=True)
    assert f'<option selected value="{default_unit().id}">Whole office</option>' in page
    assert '<option value="central">Central authority</option>' in page
    fields = {"email": "new@prokuror.example", "name": "Новый Прокурор", "role": "central", "language": "ru",
              "active": "y", "password": "a long password"}
    assert client.post("/admin/users/new", data=fields).status_code == 302
    assert client.post("/admin/users/new", data=fields | {"email": "two@prokuror.example",
                                                          "unit_id": str(unit.id)}).status_code == 302
    db.session.rollback()
    placed = dict(db.session.execute(sa.select(User.email, User.unit_id).where(User.role == Role.CENTRAL)).all())
    assert placed == {"new@prokuror.example": default_unit().id, "two@prokuror.example": unit.id}


@pytest.mark.parametrize("name, message", [
    ("", "This field is required."), ("x" * 201, "This text is too long."),
    ("ECONOMIC ", "A unit with this name already exists.")])
def test_a_bad_unit_name_on_the_page_keeps_what_was_typed_shows_why_and_writes_nothing(app, name, message):
    admin = make_user(Role.ADMIN)
    create_unit("Economic")
    client = _client(app, admin)
    before = _units()
    answer = client.post("/admin/units/new", data={"name": name}, headers=EN)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and message in page and f'value="{name.strip()}"' in page
    assert _units() == before


def test_a_head_who_is_not_a_supervisor_is_refused_on_the_page_and_the_ticks_stay(app):
    admin, supervisor, prosecutor = make_user(Role.ADMIN), make_user(Role.SUPERVISOR), make_user(Role.PROSECUTOR)
    unit = create_unit("Economic")
    client = _client(app, admin)
    answer = client.post(f"/admin/units/{unit.id}", headers=EN,
                         data={"name": "Economic renamed", "heads": [str(supervisor.id), str(prosecutor.id)]})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "Only an active supervisor can head a unit." in page
    assert 'value="Economic renamed"' in page
    assert f'<input checked class="form-check-input is-invalid" id="heads-0" name="heads" type="checkbox" ' \
           f'value="{supervisor.id}">' in page
    assert _units() == [("", True), ("Economic", False)] and db.session.get(Unit, unit.id).heads == []
    hostile = client.post(f"/admin/units/{unit.id}", headers=EN, data={"name": "Economic", "heads": ["x"]})
    assert hostile.status_code == 200 and _units() == [("", True), ("Economic", False)]


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.SUPERVISOR, Role.CENTRAL])
def test_only_the_administrator_opens_the_units_pages(app, role):
    unit = create_unit("Economic")
    client = _client(app, make_user(role))
    for url in ("/admin/units", "/admin/units/new", f"/admin/units/{unit.id}"):
        assert client.get(url).status_code == 403, url
    for url in ("/admin/units/new", f"/admin/units/{unit.id}"):
        assert client.post(url, data={"name": "Taken over"}).status_code == 403, url
    assert 'href="/admin/units"' not in client.get("/requests").get_data(as_text=True)
    assert _units() == [("", True), ("Economic", False)]


def test_an_unknown_unit_page_is_not_found(app):
    client = _client(app, make_user(Role.ADMIN))
    assert client.get("/admin/units/999999").status_code == 404


# The command line

def test_users_create_puts_the_user_in_the_named_unit(runner, monkeypatch):
    monkeypatch.setenv("TRACKER_PASSWORD", "long enough secret")
    unit = create_unit("Экономический отдел")
    db.session.commit()
    result = runner.invoke(args=["users", "create", "a@prokuror.example", "--name", "A", "--role", "prosecutor",
                                 "--unit", " экономический ОТДЕЛ"])
    assert result.exit_code == 0, result.output
    assert "in Экономический отдел" in result.output
    plain = runner.invoke(args=["users", "create", "b@prokuror.example", "--name", "B", "--role", "prosecutor"])
    assert plain.exit_code == 0 and "in Whole office" in plain.output
    db.session.rollback()
    placed = dict(db.session.execute(sa.select(User.email, User.unit_id)).all())
    assert placed == {"a@prokuror.example": unit.id, "b@prokuror.example": default_unit().id}


def test_users_create_refuses_an_unknown_unit_naming_the_units_there_are(runner, monkeypatch):
    monkeypatch.setenv("TRACKER_PASSWORD", "long enough secret")
    create_unit("Экономический отдел")
    db.session.commit()
    result = runner.invoke(args=["users", "create", "a@prokuror.example", "--name", "A", "--role", "prosecutor",
                                 "--unit", "Кибер"])
    assert result.exit_code == 2
    assert 'no unit is called "Кибер"' in result.output
    assert '"Whole office", "Экономический отдел"' in result.output
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_units_create_and_list(runner):
    head = make_user(Role.SUPERVISOR, name="Бекова Салтанат")
    created = runner.invoke(args=["units", "create", "  Экономический отдел "])
    assert created.exit_code == 0, created.output
    again = runner.invoke(args=["units", "create", "ЭКОНОМИЧЕСКИЙ отдел"])
    assert again.exit_code == 1 and "duplicate_unit_name" in again.output
    assert "A unit with this name already exists." in again.output
    empty = runner.invoke(args=["units", "create", " "])
    assert empty.exit_code == 1 and "required" in empty.output
    set_heads(find_unit("Экономический отдел"), [head.id])
    db.session.commit()
    listing = runner.invoke(args=["units", "list"])
    assert listing.exit_code == 0, listing.output
    lines = listing.output.splitlines()
    assert lines[0].split() == ["unit", "default", "members", "heads"]
    assert lines[1].split() == ["Whole", "office", "default", "1"]
    assert lines[2].split() == ["Экономический", "отдел", "0", "Бекова", "Салтанат"]


# What a move changes: need to know

def test_after_a_move_the_old_colleague_no_longer_sees_the_request_and_the_new_head_does(app):
    admin = make_user(Role.ADMIN)
    p1, p2 = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    head = make_user(Role.SUPERVISOR)
    request = make_request(p2, reference="ПЕР-1")
    first, colleague, boss = _client(app, admin), _client(app, p1), _client(app, head)
    assert first.post("/admin/units/new", data={"name": "Unit B"}).status_code == 302
    assert first.post("/admin/units/new", data={"name": "Unit C"}).status_code == 302
    db.session.rollback()
    unit_b, unit_c = find_unit("Unit B"), find_unit("Unit C")
    assert first.post(f"/admin/users/{head.id}", data=_user_form(head, unit_id=str(unit_c.id))).status_code == 302
    # Before the move P1 sees P2's request: they share the default unit. The supervisor, now in unit C, does not.
    assert "ПЕР-1" in colleague.get("/requests").get_data(as_text=True)
    assert colleague.get(f"/requests/{request.id}").status_code == 200
    assert boss.get(f"/requests/{request.id}").status_code == 404
    assert first.post(f"/admin/users/{p2.id}", data=_user_form(p2, unit_id=str(unit_b.id))).status_code == 302
    assert first.post(f"/admin/units/{unit_b.id}", data={"name": "Unit B", "heads": [str(head.id)]}).status_code == 302
    assert "ПЕР-1" not in colleague.get("/requests").get_data(as_text=True)
    assert colleague.get(f"/requests/{request.id}").status_code == 404
    assert "ПЕР-1" in boss.get("/requests").get_data(as_text=True)
    assert boss.get(f"/requests/{request.id}").status_code == 200


def test_a_name_saved_by_someone_else_meanwhile_is_refused_not_a_server_error(monkeypatch):
    from tracker.services import units as unit_service
    unit_service.create_unit("Отдел экстрадиции")
    db.session.commit()
    # The race: the name is free when checked, and taken when written.
    monkeypatch.setattr(unit_service, "find_unit", lambda name: None)
    with pytest.raises(FieldErrors) as refused:
        unit_service.create_unit("Отдел экстрадиции")
    assert refused.value.errors == {"name": "duplicate_unit_name"}
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Unit)) == 2  # the default unit and the first
