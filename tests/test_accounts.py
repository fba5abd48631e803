"""Creating accounts: passwords that resist guessing wherever one is set, and e-mails compared as people read them."""
import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from tests.factories import PASSWORD, make_user
from tracker import clock, create_app
from tracker.domain.emails import comparison_key
from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker.models import AccountThrottle, User
from tracker.services.errors import FieldErrors
from tracker.services.logins import email_digest
from tracker.services.users import create_user, update_user

REFUSED = [
    ("aaaaaaaaaa", "simple_password"),
    ("1234567890", "common_password"),
    ("qwerty2024!", "common_password"),
    ("Iloveyou123", "common_password"),
    ("zhanna.kim@prokuror.example", "password_has_email"),
    ("my zhanna.kim secret", "password_has_email"),
    ("kim.zhanna-2024", "password_has_email"),
    ("Жанна Ким 1990!", "password_has_name"),
]


@pytest.mark.parametrize("password, code", REFUSED)
def test_weak_passwords_are_refused_when_an_account_is_created(password, code):
    with pytest.raises(FieldErrors) as refused:
        create_user("zhanna.kim@prokuror.example", "Жанна Ким", Role.PROSECUTOR, Language.KK, password,
                    now=clock.now())
    assert refused.value.errors == {"password": code}


def test_a_password_reset_keeps_the_same_rules():
    user = make_user(Role.PROSECUTOR, email="a.nurlanov@prokuror.example", name="Арман Нурланов")
    for password, code in (("aaaaaaaaaa", "simple_password"), ("password2024", "common_password"),
                           ("nurlanov-2024", "password_has_email"), ("Арман-secret-1", "password_has_name")):
        with pytest.raises(FieldErrors) as refused:
            update_user(user, name=user.name, role=user.role, language=user.language, active=True, password=password)
        assert refused.value.errors == {"password": code}
    db.session.rollback()
    assert db.session.get(User, user.id).check_password(PASSWORD)


def test_the_admin_page_names_the_broken_rule_and_keeps_what_was_typed(client, auth):
    auth.login(make_user(Role.ADMIN))
    form = {"email": "d.sultanov@prokuror.example", "name": "Данияр Султанов", "role": "prosecutor",
            "language": "ru", "active": "y", "password": "sultanov-password"}
    page = client.post("/admin/users/new", data=form, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "The password must not contain the user&#39;s email address or part of it." in page
    assert 'value="d.sultanov@prokuror.example"' in page and 'value="Данияр Султанов"' in page
    page = client.post("/admin/users/new", data=form | {"password": "qwertyuiop"},
                       headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "This password is among the most common ones; choose one that is hard to guess." in page
    db.session.rollback()
    assert db.session.scalar(sa.select(User).where(User.email == form["email"])) is None


def test_the_users_create_command_refuses_a_common_password_with_its_reason(runner, monkeypatch):
    monkeypatch.setenv("TRACKER_PASSWORD", "password123")
    result = runner.invoke(args=["users", "create", "b.aliev@prokuror.example", "--name", "B", "--role", "admin"])
    assert result.exit_code != 0
    assert "password: This password is among the most common ones" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_the_demo_and_test_passwords_keep_the_rules(runner):
    from tracker.domain.passwords import password_problem
    from tracker.services.demo import DEMO_USERS

    assert [password_problem(password, email=email, name=name) for email, name, _, _, password in DEMO_USERS] == [
        None] * len(DEMO_USERS)
    assert password_problem(PASSWORD, email="user12@prokuror.example", name="User 12") is None


@pytest.mark.parametrize("lookalike", [
    "аdmin@prokuror.example",   # Cyrillic а
    "admin@prokurоr.example",   # Cyrillic о in the domain
    "adrnin@prokuror.example",  # r and n for m
    "admіn@prokuror.example",   # Ukrainian і
])
def test_an_email_that_reads_like_an_existing_one_is_refused(lookalike):
    make_user(Role.ADMIN, email="admin@prokuror.example")
    with pytest.raises(FieldErrors) as refused:
        create_user(lookalike, "Someone Else", Role.PROSECUTOR, Language.RU, PASSWORD, now=clock.now())
    assert refused.value.errors == {"email": "lookalike_email"}


@pytest.mark.parametrize("same", ["ADMIN@prokuror.example", "ａｄｍｉｎ@prokuror.example", " Admin@PROKUROR.example "])
def test_an_email_differing_only_in_case_or_width_is_the_same_address(same):
    make_user(Role.ADMIN, email="admin@prokuror.example")
    with pytest.raises(FieldErrors) as refused:
        create_user(same, "Someone Else", Role.PROSECUTOR, Language.RU, PASSWORD, now=clock.now())
    assert refused.value.errors == {"email": "duplicate_email"}


def test_the_admin_page_refuses_a_lookalike_email(client, auth):
    auth.login(make_user(Role.ADMIN, email="s.bekova@prokuror.example"))
    form = {"email": "s.bеkova@prokuror.example", "name": "Impostor", "role": "supervisor", "language": "ru",
            "active": "y", "password": PASSWORD}
    page = client.post("/admin/users/new", data=form, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "This email looks the same as another user&#39;s; use an address that reads differently." in page
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_an_address_is_stored_folded_and_logs_in_however_it_is_typed(app):
    user = create_user("Ｄ.Ivanov@Prokuror.Example", "Дмитрий Иванов", Role.PROSECUTOR, Language.RU, PASSWORD,
                       now=clock.now())
    db.session.commit()
    assert (user.email, user.email_key) == ("d.ivanov@prokuror.example", comparison_key("d.ivanov@prokuror.example"))
    for typed in ("D.IVANOV@prokuror.example", "ｄ.ｉｖａｎｏｖ@prokuror.example", " d.ivanov@prokuror.example"):
        assert app.test_client().post("/login", data={"email": typed, "password": PASSWORD}).status_code == 302


def test_the_upgrade_folds_stored_emails_keys_them_and_moves_lockouts(tmp_path):
    application = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'old.db'}",
                              "SECRET_KEY": "x"})
    directory = application.extensions["migrate"].directory
    with application.app_context():
        upgrade(directory=directory, revision="a7c3e9f1b2d4")
        with db.engine.begin() as connection:
            for email, failures, locked in (("p@prokuror.example", 3, "2099-01-01 00:00:00+00"),
                                            ("ｑ@prokuror.example", 0, None),
                                            ("bill@prokuror.example", 0, None), ("bi11@prokuror.example", 1, None)):
                connection.execute(sa.text(
                    "INSERT INTO users (email, name, role, language, password_hash, active, created_at, failed_logins, "
                    "locked_until) VALUES (:email, 'P', 'prosecutor', 'ru', 'x', :yes, '2026-01-01 00:00:00+00', "
                    ":failures, :locked)"), {"email": email, "yes": True, "failures": failures, "locked": locked})
        upgrade(directory=directory)
        rows = db.session.execute(sa.text("SELECT email, email_key, session_version FROM users ORDER BY id")).all()
        assert [row.email for row in rows] == ["p@prokuror.example", "q@prokuror.example", "bill@prokuror.example",
                                               "bi11@prokuror.example"]
        assert rows[0].email_key == comparison_key("p@prokuror.example") and {r.session_version for r in rows} == {1}
        assert len({row.email_key for row in rows}) == 4  # two that already read alike both keep working
        moved = {row.email_digest: (row.failures, row.locked_until is not None)
                 for row in db.session.scalars(sa.select(AccountThrottle))}
        assert moved == {email_digest("p@prokuror.example"): (3, True), email_digest("bi11@prokuror.example"): (1, False)}
        db.session.remove()
        db.engine.dispose()
