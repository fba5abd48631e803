"""Daily custody deadline alerts over a real SMTP conversation: one per request, mark and person, never twice."""
from datetime import timedelta

import sqlalchemy as sa

from tests.factories import make_request, make_user
from tracker import clock
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.jobs import tasks as jobs
from tracker.models import DeadlineAlert, DigestState

TODAY = clock.today_local()
SECRET_NAME = "Секретов Иван Петрович"


def _held(owner, reference, detained_days_ago, **fields):
    """An extradition request whose person was detained abroad that many days ago (day of detention = day 1)."""
    return make_request(owner, Kind.EXTRADITION, reference=reference, sent_on=None,
                        detained_on=TODAY - timedelta(days=detained_days_ago), person_name=SECRET_NAME,
                        person_name_latin="Sekretov Ivan", **fields)


def _texts(messages):
    return [m.get_body(preferencelist=("plain",)).get_content() for m in messages]


def test_an_owner_gets_exactly_one_alert_per_mark_crossed_and_a_second_run_sends_none(app, smtp_server):
    owner = make_user(email="owner@prokuror.example", language=Language.RU)
    boss = make_user(Role.SUPERVISOR, email="boss@prokuror.example", language=Language.KK)
    # Last day in 10 days (mark 10), in 15 days (mark 20 reached, 10 not yet), missed yesterday (mark 0),
    # and one far off (no mark).
    _held(owner, "ВЫД-10", 29)
    _held(owner, "ВЫД-15", 24)
    _held(owner, "ВЫД-LATE", 40)
    _held(owner, "ВЫД-FAR", 2)
    first = jobs.send_alerts(app, today=TODAY)
    assert (first.sent, first.failed) == (6, [])
    inbox = smtp_server.inbox
    mine, theirs = inbox.to(owner.email), inbox.to(boss.email)
    assert len(mine) == len(theirs) == 3
    subjects = sorted(m["Subject"] for m in mine)
    assert any("ВЫД-10" in s and "10" in s for s in subjects) and any("ВЫД-15" in s and "15" in s for s in subjects)
    assert any("ВЫД-LATE" in s for s in subjects) and not any("ВЫД-FAR" in s for s in subjects)
    for text in _texts(mine + theirs):
        assert SECRET_NAME not in text and "Sekretov" not in text
    assert all("/requests/" in text for text in _texts(mine))
    second = jobs.send_alerts(app, today=TODAY)
    assert (second.sent, second.skipped) == (0, 6) and len(inbox.messages) == 6
    # Five days later "ВЫД-10" reaches the 5-day mark and "ВЫД-15" the 10-day mark: one more each, per person.
    later = jobs.send_alerts(app, today=TODAY + timedelta(days=5))
    assert later.sent == 4 and len(inbox.to(owner.email)) == 5
    db.session.rollback()  # the jobs ran in their own sessions
    states = db.session.scalars(sa.select(DeadlineAlert.state)).all()
    assert set(states) == {DigestState.SENT} and len(states) == 10


def test_an_alert_the_mail_server_refused_is_sent_by_the_next_run(app, smtp_server):
    owner = make_user(email="owner2@prokuror.example")
    _held(owner, "ВЫД-DOWN", 35)
    smtp_server.stop()
    failed = jobs.send_alerts(app, today=TODAY)
    assert failed.sent == 0 and len(failed.failed) == 1
    smtp_server.start()
    retried = jobs.send_alerts(app, today=TODAY)
    assert retried.sent == 1 and len(smtp_server.inbox.to(owner.email)) == 1
    assert jobs.send_alerts(app, today=TODAY).sent == 0


def test_recording_receipt_abroad_stops_the_alerts(app, smtp_server, client):
    from tracker.services.events import record_event
    from tracker.domain.history import EventType

    owner = make_user(email="owner3@prokuror.example")
    request = make_request(owner, Kind.EXTRADITION, sent_on=TODAY - timedelta(days=3),
                           detained_on=TODAY - timedelta(days=38))
    record_event(owner, request, EventType.RECEIVED_ABROAD, on=TODAY, note="", reference="",
                 expected_version=request.version, today=TODAY, now=clock.now())
    db.session.commit()
    assert jobs.send_alerts(app, today=TODAY).sent == 0 and smtp_server.inbox.messages == []


def test_the_alerts_command_reports_what_it_sent(runner, smtp_server):
    owner = make_user(email="owner4@prokuror.example")
    _held(owner, "ВЫД-CLI", 39)
    result = runner.invoke(args=["alerts", "send"])
    assert result.exit_code == 0 and "Alerts: 1 sent" in result.output, result.output
    assert "0 sent, 1 skipped" in runner.invoke(args=["alerts", "send"]).output
