"""Each test starts from a clean database: the first test writes, the second finds nothing of it."""
import sqlalchemy as sa

from tests.factories import make_request, make_user
from tracker.extensions import db
from tracker.models import Country, Request, RequestEvent, User

marker = {}


def test_1_writes_users_requests_and_edits_reference_data():
    user = make_user(email="leak-check@prokuror.example")
    make_request(user, reference="LEAK-CHECK")
    db.session.get(Country, "RU").authority_name = "Leaked authority"
    db.session.commit()
    marker["wrote"] = True
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 1


def test_2_finds_none_of_it():
    assert marker.get("wrote"), "test_1 must run first"
    for model in (User, Request, RequestEvent):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == 0, model
    assert db.session.get(Country, "RU").authority_name == ""
