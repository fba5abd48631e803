"""Logging in behind a proxy and against guessing: addresses stored safely, counts that a failing page cannot undo,
unknown e-mails answered, locked and checked like accounts."""
import pytest
import sqlalchemy as sa

from tests.factories import PASSWORD, make_user
from tracker import clock, create_app
from tracker.domain.network import UNREADABLE_ADDRESS
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.config import Defaults
from tracker.models import AccountThrottle, LoginThrottle, User
from tracker.services import logins

WRONG = "not the password"


@pytest.fixture
def proxied(app):
    """The app as deployed behind one reverse proxy (PROXIES=1), on the tests' database."""
    application = create_app({"SQLALCHEMY_DATABASE_URI": db.engine.url.render_as_string(hide_password=False),
                              "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False, "PROXIES": 1})
    yield application
    with application.app_context():
        from tracker.extensions import db as proxied_db
        proxied_db.engine.dispose()


def _post_login(client, email, password, forwarded_for=None):
    headers = {"Accept-Language": "en"}
    if forwarded_for is not None:
        headers["X-Forwarded-For"] = forwarded_for
    return client.post("/login", data={"email": email, "password": password}, headers=headers)


def _stored_addresses():
    db.session.rollback()  # end the test's snapshot to see what the requests committed
    return {row.address: row.failures for row in db.session.scalars(sa.select(LoginThrottle))}


def test_a_forwarded_for_longer_than_the_column_is_counted_under_one_marker(proxied):
    client = proxied.test_client()
    for forged in ("1" * 65, "203.0.113.7" + " " * 60 + "x", "<script>" * 30):
        response = _post_login(client, "nobody@prokuror.example", WRONG, forged)
        assert response.status_code == 200 and "Wrong email or password." in response.get_data(as_text=True)
    assert _stored_addresses() == {UNREADABLE_ADDRESS: 3}
    assert all(len(address) <= LoginThrottle.address.type.length for address in _stored_addresses())


def test_addresses_are_counted_in_their_usual_form_and_ipv6_by_its_network(proxied):
    client = proxied.test_client()
    for address in ("203.0.113.7", " 203.0.113.7", "::ffff:203.0.113.7", "2001:db8:5:6::1", "2001:DB8:5:6:ffff::2"):
        _post_login(client, "nobody@prokuror.example", WRONG, address)
    assert _stored_addresses() == {"203.0.113.7": 3, "2001:db8:5:6::/64": 2}


def test_rotating_the_forwarded_for_header_does_not_escape_the_account_lock(proxied):
    user = make_user(Role.PROSECUTOR)
    client = proxied.test_client()
    for number in range(logins.ACCOUNT_LIMIT):
        forged = f"198.51.100.{number}" if number % 2 else "9" * (65 + number)
        assert _post_login(client, user.email, WRONG, forged).status_code == 200
    locked = _post_login(client, user.email, PASSWORD, "192.0.2.200")
    assert locked.status_code == 429 and "Too many failed logins." in locked.get_data(as_text=True)


def test_a_counted_failure_stays_counted_when_the_page_fails_afterwards(client, monkeypatch):
    user = make_user(Role.PROSECUTOR)

    def broken(*args, **kwargs):
        raise RuntimeError("the page failed after the account's failure was counted")

    monkeypatch.setattr(logins, "_count_address_failure", broken)
    assert _post_login(client, user.email, WRONG).status_code == 500
    db.session.rollback()
    assert db.session.get(AccountThrottle, logins.email_digest(user.email)).failures == 1


def test_an_unknown_email_is_answered_and_locked_exactly_like_an_account(client):
    user = make_user(Role.PROSECUTOR)
    answers = {}
    for email in (user.email, "no.such.person@prokuror.example"):
        wrong = [_post_login(client, email, WRONG) for _ in range(logins.ACCOUNT_LIMIT)]
        locked = _post_login(client, email, PASSWORD)
        answers[email] = ([(r.status_code, _message(r)) for r in wrong],
                          (locked.status_code, _message(locked), locked.headers.get("Retry-After")))
    known, unknown = answers.values()
    assert known == unknown
    assert known[1][0] == 429 and known[0][0] == (200, "Wrong email or password.")


def test_the_unknown_email_lock_is_kept_by_the_folded_address(client):
    for email in ("Nobody@Prokuror.example", "NOBODY@prokuror.example", "ｎｏｂｏｄｙ@prokuror.example",
                  " nobody@PROKUROR.example ", "nobody@prokuror.example"):
        assert _post_login(client, email, WRONG).status_code == 200
    assert _post_login(client, "nobody@prokuror.example", WRONG).status_code == 429


def test_every_attempt_checks_a_password_hash_known_unknown_or_deactivated(app, monkeypatch):
    """The slow hash is what made a real account's login take 104 ms against 9 ms for an unknown one."""
    active, inactive = make_user(Role.PROSECUTOR), make_user(Role.PROSECUTOR)
    inactive.active = False
    db.session.commit()
    checked = []
    original = logins.check_password_hash

    def counting(stored, password):
        checked.append(stored.split("$")[0])
        return original(stored, password)

    monkeypatch.setattr(logins, "check_password_hash", counting)
    now = clock.now()
    for email in (active.email, inactive.email, "nobody@prokuror.example", "not even an address"):
        assert logins.attempt_login(email, WRONG, "192.0.2.1", now).user is None
    assert len(checked) == 4 and len(set(checked)) == 1  # one method and cost for all four


def test_an_old_login_in_the_session_does_not_hold_up_a_new_one(app, client, auth):
    """A session ended by logout still names its user: reading it must not keep the login's own writes waiting."""
    user = make_user(Role.PROSECUTOR)
    auth.login(user)
    ended = client.get_cookie("session").value
    auth.logout()
    other = app.test_client()
    other.set_cookie("session", ended)
    assert other.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    assert other.get("/requests").status_code == 200


def _message(response) -> str:
    """The flashed message of a login page."""
    text = response.get_data(as_text=True)
    for message in ("Wrong email or password.", "Too many failed logins."):
        if message in text:
            return message
    return text[:200]


def test_passwords_are_hashed_with_scrypt_unless_the_office_configures_otherwise(app):
    # The tests choose a cheap method (conftest); the office's default is scrypt, for stored hashes and the stand-in.
    assert Defaults.PASSWORD_HASH_METHOD == "scrypt"
    method = app.config["PASSWORD_HASH_METHOD"]
    try:
        app.config["PASSWORD_HASH_METHOD"] = Defaults.PASSWORD_HASH_METHOD
        user = User(email="hash@prokuror.example", name="Hash")
        user.set_password("long enough secret")
        assert user.password_hash.startswith("scrypt:") and user.check_password("long enough secret")
        assert logins._stand_in_hash().startswith("scrypt:")
    finally:
        app.config["PASSWORD_HASH_METHOD"] = method
    assert logins._stand_in_hash().startswith("pbkdf2:sha256:1000$")
