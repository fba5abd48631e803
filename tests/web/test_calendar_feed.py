"""The private calendar feed: turned on from the account page and shown once, read by a calendar program without a
session, listing the due dates of the user's requests (a supervisor's: their units') and no person sought; a revoked
or replaced address is not found."""
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from tests.conftest import csrf_token_from
from tests.factories import NOW, TODAY, make_request, make_unit, make_user, move_to, working_day
from tracker import labels
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import CalendarFeed
from tracker.services import calendar_feed as service
from tracker.services.deadlines import state_of
from tracker.services.requests import change_status
from tracker.services.users import update_user

EN = {"Accept-Language": "en"}
SOUGHT, SOUGHT_LATIN, BORN = "Скрытов Тайнур", "Skrytov Tainur", date(1979, 4, 23)


@pytest.fixture
def office():
    """An economic unit (prosecutor `econ`, headed by `econ_head`) and the default unit (prosecutors `general`
    and `colleague`, supervisor `chief`); a request of each prosecutor, the economic one an extradition request
    of a person detained abroad."""
    people = {name: make_user(role, name=name.title()) for name, role in (
        ("econ", Role.PROSECUTOR), ("econ_head", Role.SUPERVISOR), ("general", Role.PROSECUTOR),
        ("colleague", Role.PROSECUTOR), ("chief", Role.SUPERVISOR), ("central", Role.CENTRAL), ("admin", Role.ADMIN))}
    economic = make_unit("Экономические преступления", heads=[people["econ_head"]])
    for name in ("econ", "econ_head"):
        move_to(people[name], economic)
    detained = TODAY - timedelta(days=10)
    people["econ_request"] = make_request(
        people["econ"], Kind.EXTRADITION, reference="ЭК-1", country_code="KG", sent_on=TODAY - timedelta(days=5),
        person_name=SOUGHT, person_name_latin=SOUGHT_LATIN, person_birth_date=BORN, detained_on=detained)
    people["general_request"] = make_request(people["general"], reference="ОБ-1", country_code="RU",
                                             sent_on=TODAY - timedelta(days=3))
    people["colleague_request"] = make_request(people["colleague"], reference="ОБ-2", country_code="TR",
                                               sent_on=TODAY - timedelta(days=4))
    return people


def login(app, user):
    """A client logged in as `user`."""
    db.session.commit()
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": "correct horse battery"}).status_code == 302
    return client


def turn_on(client) -> str:
    """Turns the feed on from the account page; the path of the address the answer shows once."""
    answer = client.post("/account/calendar", headers=EN)
    assert answer.status_code == 200
    match = re.search(r'id="feed-address"[^>]*value="([^"]+)"', answer.get_data(as_text=True))
    assert match, "no feed address on the page"
    assert match.group(1).startswith("http://127.0.0.1:5000/calendar/")  # PUBLIC_URL, as e-mailed links
    return match.group(1).removeprefix("http://127.0.0.1:5000")


def fetch(app, path):
    """Fetches the feed as a calendar program does: no session, no cookie."""
    return app.test_client().get(path)


def events(response) -> dict[str, tuple[date, str]]:
    """The feed parsed back with icalendar: UID -> (day, summary)."""
    calendar = Calendar.from_ical(response.data)
    return {str(event["UID"]): (event.decoded("DTSTART"), str(event["SUMMARY"])) for event in calendar.walk("VEVENT")}


def expected(*requests) -> dict[str, date]:
    """UID -> last day of every open deadline of `requests`, as their pages compute them."""
    db.session.rollback()
    found = {}
    for request in requests:
        for deadline in state_of(db.session.merge(request), TODAY).deadlines:
            found[f"request-{request.id}-{deadline.code.value}@mla-tracker"] = deadline.due_on
    return found


def test_the_address_is_shown_once_and_the_feed_opens_without_a_session(app, office):
    client = login(app, office["general"])
    assert "The feed is off." in client.get("/account/calendar", headers=EN).get_data(as_text=True)
    path = turn_on(client)
    page = client.get("/account/calendar", headers=EN).get_data(as_text=True)
    assert "On since" in page and "Not fetched yet." in page and path not in page  # never again
    answer = fetch(app, path)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in answer.headers["Cache-Control"] and "Set-Cookie" not in answer.headers
    calendar = Calendar.from_ical(answer.data)
    assert str(calendar["X-WR-CALNAME"]) == "MLA Tracker" and "MLA Tracker" in str(calendar["PRODID"])
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT4H" in answer.data or b"REFRESH-INTERVAL:PT4H" in answer.data
    assert b"X-PUBLISHED-TTL:PT4H" in answer.data
    db.session.rollback()
    stored = db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.user_id == office["general"].id))
    assert stored.digest not in path and stored.last_used_at is not None  # only a digest is kept


def test_a_prosecutor_feed_has_the_due_dates_of_their_own_requests_only(app, office):
    general, request = office["general"], office["general_request"]
    got = events(fetch(app, turn_on(login(app, general))))
    want = expected(request)
    assert {uid: day for uid, (day, _summary) in got.items()} == want
    # A request sent three days ago: the follow-up and the first reminder, where office practice puts them.
    sent = TODAY - timedelta(days=3)
    assert want[f"request-{request.id}-follow_up@mla-tracker"] == working_day(sent + timedelta(days=30))
    assert want[f"request-{request.id}-reminder@mla-tracker"] == working_day(sent + timedelta(days=90))
    # The colleague's request is on the prosecutor's pages (same unit) but is not their work.
    assert not any(f"request-{office['colleague_request'].id}-" in uid for uid in got)


def test_a_supervisor_feed_has_their_units_requests(app, office):
    got = events(fetch(app, turn_on(login(app, office["econ_head"]))))
    assert {uid: day for uid, (day, _summary) in got.items()} == expected(office["econ_request"])
    assert f"request-{office['econ_request'].id}-release@mla-tracker" in got
    chief = events(fetch(app, turn_on(login(app, office["chief"]))))
    assert {uid: day for uid, (day, _s) in chief.items()} == expected(office["general_request"],
                                                                      office["colleague_request"])


@pytest.mark.parametrize("who", ["econ", "econ_head", "central", "admin"])
def test_no_person_sought_is_named_in_the_feed(app, office, who):
    answer = fetch(app, turn_on(login(app, office[who])))
    body = answer.data.decode("utf-8")
    unfolded = body.replace("\r\n ", "")  # iCalendar folds long lines; a name must not hide across a fold
    assert "ЭК-1" in unfolded  # the request is there, by our reference
    for text in (SOUGHT, SOUGHT_LATIN, "Скрытов", "Skrytov", BORN.isoformat(), BORN.strftime("%d.%m.%Y"),
                 BORN.strftime("%Y%m%d")):
        assert text not in body and text not in unfolded


def test_each_event_is_named_in_the_users_language_and_links_to_the_request(app, office):
    econ = office["econ"]
    update_user(econ, name=econ.name, role=econ.role, language=Language.KK, active=True, password=None)
    db.session.commit()
    request = office["econ_request"]
    calendar = Calendar.from_ical(fetch(app, turn_on(login(app, econ))).data)
    release = next(event for event in calendar.walk("VEVENT")
                   if str(event["UID"]) == f"request-{request.id}-release@mla-tracker")
    assert str(release["SUMMARY"]) == f"Шетелде босату мерзімі: ЭК-1 ({labels.country_name('KG', 'kk')})"
    assert str(release["URL"]) == f"http://127.0.0.1:5000/requests/{request.id}"
    assert str(release["URL"]) in str(release["DESCRIPTION"])
    assert release.decoded("DTEND") - release.decoded("DTSTART") == timedelta(days=1)  # an all-day event
    assert str(release["TRANSP"]) == "TRANSPARENT"


def test_turning_the_feed_off_makes_its_address_not_found(app, office):
    client = login(app, office["general"])
    path = turn_on(client)
    assert fetch(app, path).status_code == 200
    off = client.post("/account/calendar/off", headers=EN, follow_redirects=True)
    assert "The calendar feed is off: its address no longer answers." in off.get_data(as_text=True)
    assert "The feed is off." in off.get_data(as_text=True)
    assert fetch(app, path).status_code == 404


def test_a_new_address_replaces_the_old_one(app, office):
    client = login(app, office["general"])
    old = turn_on(client)
    new = turn_on(client)
    assert new != old
    assert fetch(app, old).status_code == 404 and fetch(app, new).status_code == 200
    db.session.rollback()
    live = db.session.scalars(sa.select(CalendarFeed).where(CalendarFeed.user_id == office["general"].id,
                                                            CalendarFeed.revoked_at.is_(None))).all()
    assert len(live) == 1


@pytest.mark.parametrize("path", ["/calendar/unknown.ics", "/calendar/" + "a" * 43 + ".ics",
                                  "/calendar/" + "x" * 500 + ".ics", "/calendar/.ics"])
def test_an_unknown_secret_is_not_found(app, office, path):
    service.turn_on(office["general"], now=NOW)
    db.session.commit()
    assert fetch(app, path).status_code == 404


def test_the_feed_of_a_deactivated_account_is_not_found(app, office):
    general = office["general"]
    path = turn_on(login(app, general))
    db.session.rollback()  # a fresh transaction: on SQLite the test's earlier reads would keep it from writing
    update_user(general, name=general.name, role=general.role, language=general.language, active=False,
                password=None)
    db.session.commit()
    assert fetch(app, path).status_code == 404


def test_the_page_and_its_buttons_need_a_login(app, client, office):
    assert client.get("/account/calendar").status_code == 302
    assert client.post("/account/calendar").status_code == 302
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarFeed)) == 0


def test_the_forms_need_their_csrf_token(app, office, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    client = app.test_client()
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    db.session.commit()
    login_answer = client.post("/login", data={"email": office["general"].email, "password": "correct horse battery",
                                               "csrf_token": token})
    assert login_answer.status_code == 302
    assert client.post("/account/calendar", headers=EN).status_code == 400
    assert client.post("/account/calendar/off", headers=EN).status_code == 400
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarFeed)) == 0
    page = client.get("/account/calendar", headers=EN).get_data(as_text=True)
    answer = client.post("/account/calendar", data={"csrf_token": csrf_token_from(page)}, headers=EN)
    assert answer.status_code == 200 and 'id="feed-address"' in answer.get_data(as_text=True)


def test_a_fetch_is_recorded_at_most_once_an_hour(office):
    feed = service.turn_on(office["general"], now=NOW).record
    service.note_feed_use(feed, NOW)
    db.session.commit()
    service.note_feed_use(feed, NOW + timedelta(minutes=59))
    db.session.commit()
    db.session.refresh(feed)
    assert feed.last_used_at.replace(tzinfo=None) == NOW.replace(tzinfo=None)
    service.note_feed_use(feed, NOW + timedelta(hours=1))
    db.session.commit()
    db.session.refresh(feed)
    assert feed.last_used_at.replace(tzinfo=None) == (NOW + timedelta(hours=1)).replace(tzinfo=None)


def test_the_account_menu_links_to_the_page(app, office):
    home = login(app, office["general"]).get("/my-work", headers=EN).get_data(as_text=True)
    assert 'href="/account/calendar"' in home and ">Calendar feed</a>" in home


def test_a_closed_or_deleted_request_leaves_the_feed(app, office):
    general = office["general"]
    closed, deleted = office["general_request"], make_request(general, reference="ОБ-3")
    path = turn_on(login(app, general))
    listed = events(fetch(app, path))
    assert all(any(uid.startswith(f"request-{item.id}-") for uid in listed) for item in (closed, deleted))
    db.session.rollback()  # a fresh transaction: on SQLite the test's earlier reads would keep it from writing
    closed, deleted = db.session.merge(closed), db.session.merge(deleted)
    change_status(general, closed, Status.WITHDRAWN, effective_on=TODAY, note="", ground=None,
                  expected_version=closed.version, today=TODAY, now=NOW)
    # No page deletes a request yet; the register keeps the row and marks it.
    deleted.deleted_at = NOW
    db.session.commit()
    listed = events(fetch(app, path))
    assert not any(uid.startswith((f"request-{closed.id}-", f"request-{deleted.id}-")) for uid in listed)
