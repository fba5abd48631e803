"""Sessions end at logout, new password, role change and deactivation, copied cookies included; the last active
administrator stays one."""
import pytest
import sqlalchemy as sa

from tests.factories import PASSWORD, make_user
from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker.models import User
from tracker.services.errors import FieldErrors
from tracker.services.users import issue_api_token, update_user

NEW_PASSWORD = "quiet harbour lantern"


def _logged_in_cookie(app, user):
    """A fresh client logged in as `user`, and a copy of its session cookie."""
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client, client.get_cookie("session").value


def _opens_pages(app, cookie) -> bool:
    """Whether a browser holding this session cookie gets the register rather than the login page."""
    browser = app.test_client()
    browser.set_cookie("session", cookie)
    return browser.get("/requests").status_code == 200


def _change(user, **changes):
    """Saves the account through the service with some of its details changed, as the admin page does."""
    details = {"name": user.name, "role": user.role, "language": user.language, "active": user.active,
               "password": None}
    update_user(user, **(details | changes))
    db.session.commit()


def test_a_session_cookie_copied_before_logout_no_longer_opens_pages(app):
    user = make_user(Role.PROSECUTOR)
    client, copied = _logged_in_cookie(app, user)
    assert _opens_pages(app, copied)
    client.post("/logout")
    assert not _opens_pages(app, copied)
    assert client.get("/requests").status_code == 302


@pytest.mark.parametrize("changes", [{"password": NEW_PASSWORD}, {"role": Role.SUPERVISOR}, {"active": False}],
                         ids=["new password", "new role", "deactivated"])
def test_an_administrators_change_ends_the_users_sessions(app, changes):
    user = make_user(Role.PROSECUTOR)
    _, copied = _logged_in_cookie(app, user)
    _change(db.session.get(User, user.id), **changes)
    assert not _opens_pages(app, copied)


def test_a_new_name_or_language_keeps_the_session(app):
    user = make_user(Role.PROSECUTOR)
    _, copied = _logged_in_cookie(app, user)
    _change(db.session.get(User, user.id), name="Renamed Prosecutor", language=Language.KK)
    assert _opens_pages(app, copied)


def test_through_the_admin_page_a_reset_password_ends_the_users_sessions_but_not_the_administrators(app):
    admin, user = make_user(Role.ADMIN), make_user(Role.PROSECUTOR)
    _, user_cookie = _logged_in_cookie(app, user)
    admin_client, _ = _logged_in_cookie(app, admin)
    _, admins_other_cookie = _logged_in_cookie(app, admin)
    form = {"email": user.email, "name": user.name, "role": "prosecutor", "language": "en", "active": "y",
            "password": NEW_PASSWORD}
    assert admin_client.post(f"/admin/users/{user.id}", data=form).status_code == 302
    assert not _opens_pages(app, user_cookie)
    own = {"email": admin.email, "name": admin.name, "role": "admin", "language": "en", "active": "y",
           "password": NEW_PASSWORD}
    assert admin_client.post(f"/admin/users/{admin.id}", data=own).status_code == 302
    assert admin_client.get("/admin/users").status_code == 200  # the one who changed it stays in
    assert not _opens_pages(app, admins_other_cookie)


def test_a_deactivated_users_api_token_stops_working(app, client):
    user = make_user(Role.PROSECUTOR)
    token = issue_api_token(user)
    db.session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/countries", headers=headers).status_code == 200
    _change(user, active=False)
    assert client.get("/api/v1/countries", headers=headers).status_code == 401


@pytest.mark.parametrize("changes, field", [({"role": Role.SUPERVISOR}, "role"), ({"active": False}, "active")])
def test_the_only_administrator_can_neither_be_demoted_nor_deactivated(changes, field):
    admin = make_user(Role.ADMIN)
    make_user(Role.ADMIN).active = False  # an inactive administrator does not count
    db.session.commit()
    with pytest.raises(FieldErrors) as refused:
        _change(admin, **changes)
    assert refused.value.errors == {field: "last_admin"}
    db.session.rollback()
    stored = db.session.get(User, admin.id)
    assert (stored.role, stored.active) == (Role.ADMIN, True)


def test_with_a_second_active_administrator_one_may_step_down(app):
    admin, other = make_user(Role.ADMIN), make_user(Role.ADMIN)
    _change(admin, role=Role.SUPERVISOR)
    with pytest.raises(FieldErrors):
        _change(other, active=False)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User).where(User.role == Role.ADMIN)) == 1


def test_the_admin_page_explains_why_the_last_administrator_stays(client, auth):
    admin = make_user(Role.ADMIN, name="Only Admin")
    auth.login(admin)
    form = {"email": admin.email, "name": admin.name, "role": "supervisor", "language": "en", "active": "y"}
    page = client.post(f"/admin/users/{admin.id}", data=form, headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "This is the only active administrator: make another user an administrator first." in page.get_data(
        as_text=True)
    page = client.post(f"/admin/users/{admin.id}", data=form | {"role": "admin", "active": ""},
                       headers={"Accept-Language": "en"})
    assert "This is the only active administrator" in page.get_data(as_text=True)
    db.session.rollback()
    assert (db.session.get(User, admin.id).role, db.session.get(User, admin.id).active) == (Role.ADMIN, True)
    assert client.get("/admin/users").status_code == 200
