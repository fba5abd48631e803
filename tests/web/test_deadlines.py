"""Deadlines as prosecutors and administrators meet them: on the request page, the dashboard, the rules page."""
from datetime import date, timedelta

import sqlalchemy as sa

from tests.factories import make_request, make_user, treaty, working_day
from tracker import clock
from tracker.domain.deadlines import DeadlineCode, RuleCode, Scope
from tracker.domain.history import EventType
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import DeadlineRule, Request
from tracker.services.deadlines import refresh_deadlines

EN = {"Accept-Language": "en"}


def _reload(request_id):
    db.session.rollback()
    return db.session.get(Request, request_id)


def _unsent_extradition(owner, detained_on, **fields):
    """An extradition request still being prepared while the person is held abroad."""
    return make_request(owner, Kind.EXTRADITION, sent_on=None, detained_on=detained_on, **fields)


def test_an_unsent_extradition_request_shows_its_release_deadline_and_the_rule(client, auth):
    owner = make_user()
    today = clock.today_local()
    request = _unsent_extradition(owner, today - timedelta(days=35), country_code="KG",
                                  treaty_id=treaty("minsk-1993").id)
    # Detained 35 days ago: today is day 36 of 40, the day of detention being day 1; day 40 is the last day.
    assert request.release_due_on == today + timedelta(days=4) and request.due_deadline == DeadlineCode.RELEASE
    auth.login(owner)
    page = client.get(f"/requests/{request.id}", headers=EN).get_data(as_text=True)
    assert "Foreign release deadline" in page and (today + timedelta(days=4)).strftime("%d.%m.%Y") in page
    assert "Minsk Convention 1993" in page and "in 4 days" in page
    assert "Last day; the day of detention is day 1." in page and "art. 62(1)" in page
    assert "send the extradition request so that it is received before the release deadline" in page


def test_a_release_deadline_from_the_general_rule_says_its_basis_records_no_limit(client, auth):
    # The general rule's 40 days cite the Minsk Convention, which binds neither Turkey nor a request on reciprocity:
    # the page says that the request's own basis has no limit in the register, where a Minsk request does not.
    owner = make_user()
    today = clock.today_local()
    turkey = _unsent_extradition(owner, today - timedelta(days=10), country_code="TR",
                                 treaty_id=treaty("kz-tr-mla-ext-1995").id)
    reciprocity = _unsent_extradition(owner, today - timedelta(days=10), country_code="AE", treaty_id=None)
    minsk = _unsent_extradition(owner, today - timedelta(days=10), country_code="KG",
                                treaty_id=treaty("minsk-1993").id)
    auth.login(owner)
    note = "The register records no provisional arrest limit for this request’s legal basis"
    for request, said in ((turkey, True), (reciprocity, True), (minsk, False)):
        assert request.due_deadline == DeadlineCode.RELEASE
        page = client.get(f"/requests/{request.id}", headers=EN).get_data(as_text=True)
        assert (note in page) == said, request.country_code
        assert ("Provisional arrest limit (days after detention): 40 — Default" in page) == said, request.country_code


def test_a_missed_release_deadline_is_critical_and_tops_the_dashboard(client, auth):
    owner = make_user()
    today = clock.today_local()
    missed = _unsent_extradition(owner, today - timedelta(days=45), reference="ВЫД-MISSED")
    _unsent_extradition(owner, today - timedelta(days=30), reference="ВЫД-SOON")
    _unsent_extradition(owner, today - timedelta(days=5), reference="ВЫД-LATER")
    make_request(owner, reference="МСП-OVERDUE", sent_on=today - timedelta(days=100),
                 statuses=[(Status.PENDING, today - timedelta(days=95))])
    assert missed.critical
    auth.login(owner)
    page = client.get("/", headers=EN).get_data(as_text=True)
    critical = page[page.index("foreign release deadlines"):page.index("Overdue")]
    assert "ВЫД-MISSED" in critical and "ВЫД-SOON" in critical and "ВЫД-LATER" not in critical
    assert critical.index("ВЫД-MISSED") < critical.index("ВЫД-SOON")
    assert "missed 6 days ago" in critical
    overdue = page[page.index("Overdue"):page.index("My requests pending abroad")]
    late = (today - working_day(today - timedelta(days=10))).days  # the first reminder, off any non-working day
    assert "МСП-OVERDUE" in overdue and f"{late} days overdue" in overdue
    detail = client.get(f"/requests/{missed.id}", headers=EN).get_data(as_text=True)
    assert "Critical: the foreign release deadline has passed" in detail


def test_sending_keeps_the_release_deadline_and_receipt_abroad_closes_it(client, auth):
    owner = make_user()
    today = clock.today_local()
    request = _unsent_extradition(owner, today - timedelta(days=38))
    last_day = today + timedelta(days=1)
    auth.login(owner)
    client.post(f"/requests/{request.id}/status", data={"to": "sent", "effective_on": today.isoformat(),
                                                         "version": request.version})
    saved = _reload(request.id)
    assert (saved.status, saved.release_due_on, saved.due_deadline) == (Status.SENT, last_day, DeadlineCode.RELEASE)
    page = client.get(f"/requests/{request.id}", headers=EN).get_data(as_text=True)
    assert "get the requested state to confirm receipt" in page and "in 1 day" in page
    response = client.post(f"/requests/{request.id}/events", headers=EN, follow_redirects=True, data={
        "event": "received_abroad", "on": today.isoformat(), "reference": "PGO-77/2026",
        "note": "Нота МИД КР", "version": saved.version})
    assert "Recorded: Request received by the requested state." in response.get_data(as_text=True)
    received = _reload(request.id)
    assert (received.release_due_on, received.received_abroad_on, received.critical) == (None, today, False)
    assert received.due_deadline == DeadlineCode.FOLLOW_UP or received.due_deadline == DeadlineCode.REMINDER
    assert received.events[-1].foreign_reference == "PGO-77/2026" and received.foreign_reference == "PGO-77/2026"


def test_recording_a_reminder_moves_the_next_reminder_60_days_on(client, auth):
    owner = make_user()
    today = clock.today_local()
    request = make_request(owner, sent_on=today - timedelta(days=100),
                           statuses=[(Status.PENDING, today - timedelta(days=90))])
    assert request.overdue and request.due_on == working_day(today - timedelta(days=10))
    auth.login(owner)
    response = client.post(f"/requests/{request.id}/reminders", headers=EN, follow_redirects=True, data={
        "sent_on": today.isoformat(), "channel": "diplomatic", "note": "Нота МИД", "version": request.version})
    assert "Reminder recorded." in response.get_data(as_text=True)
    saved = _reload(request.id)
    assert (saved.due_on, saved.overdue, saved.due_deadline) == (working_day(today + timedelta(days=60)), False,
                                                                 DeadlineCode.REMINDER)
    reminder = saved.events[-1]
    assert (reminder.event, reminder.channel.value, reminder.note) == (EventType.REMINDER_SENT, "diplomatic", "Нота МИД")


def test_a_reminder_in_the_future_is_refused(client, auth):
    owner = make_user()
    request = make_request(owner)
    auth.login(owner)
    response = client.post(f"/requests/{request.id}/reminders", headers=EN, follow_redirects=True, data={
        "sent_on": (clock.today_local() + timedelta(days=3)).isoformat(), "channel": "email",
        "version": request.version})
    assert "This date is in the future." in response.get_data(as_text=True)
    assert len(_reload(request.id).events) == 2


def test_extending_a_deadline_records_the_reason_and_moves_the_due_date(client, auth):
    owner = make_user()
    today = clock.today_local()
    request = make_request(owner, sent_on=today - timedelta(days=40))
    assert request.due_deadline == DeadlineCode.FOLLOW_UP and request.overdue
    auth.login(owner)
    new_due = working_day(today + timedelta(days=10))
    client.post(f"/requests/{request.id}/extend", data={"deadline": "follow_up", "new_due_on": new_due.isoformat(),
                                                         "reason": "Ответ ожидается после праздников",
                                                         "version": request.version})
    saved = _reload(request.id)
    assert (saved.due_on, saved.overdue) == (new_due, False)
    entry = saved.events[-1]
    assert (entry.event, entry.deadline, entry.deadline_from, entry.effective_on) == \
        (EventType.DEADLINE_EXTENDED, DeadlineCode.FOLLOW_UP, today - timedelta(days=10), new_due)
    page = client.get(f"/requests/{request.id}", headers=EN).get_data(as_text=True)
    assert "extended from" in page and "Ответ ожидается после праздников" in page


def test_an_extension_must_be_later_and_give_a_reason(client, auth):
    owner = make_user()
    today = clock.today_local()
    request = make_request(owner, sent_on=today - timedelta(days=35))
    auth.login(owner)
    earlier = client.post(f"/requests/{request.id}/extend", headers=EN, follow_redirects=True, data={
        "deadline": "follow_up", "new_due_on": (today - timedelta(days=20)).isoformat(), "reason": "x",
        "version": request.version})
    assert "The new date must be later than the current due date." in earlier.get_data(as_text=True)
    reasonless = client.post(f"/requests/{request.id}/extend", headers=EN, follow_redirects=True, data={
        "deadline": "follow_up", "new_due_on": (today + timedelta(days=20)).isoformat(), "reason": "",
        "version": request.version})
    assert "This field is required." in reasonless.get_data(as_text=True)
    assert len(_reload(request.id).events) == 2


def test_another_prosecutor_cannot_extend_or_record_reminders(client, auth):
    request = make_request(make_user(), sent_on=clock.today_local() - timedelta(days=35))
    auth.login(make_user())
    assert client.post(f"/requests/{request.id}/extend", data={
        "deadline": "follow_up", "new_due_on": "2030-01-01", "reason": "x", "version": request.version}).status_code == 403
    assert client.post(f"/requests/{request.id}/reminders", data={
        "sent_on": "2026-01-01", "channel": "email", "version": request.version}).status_code == 403


def test_a_country_override_recomputes_the_open_requests_it_governs(client, auth):
    owner = make_user()
    today = clock.today_local()
    sent = today - timedelta(days=50)
    in_us = make_request(owner, country_code="US", sent_on=sent, statuses=[(Status.PENDING, sent)])
    in_ru = make_request(owner, country_code="RU", sent_on=sent, statuses=[(Status.PENDING, sent)])
    auth.login(make_user(Role.ADMIN))
    response = client.post("/admin/deadline-rules/new", data={
        "kind": "mla", "code": "first_reminder", "scope": "country", "country_code": "US", "treaty_id": "",
        "days": "45", "note": "Practice with the US Department of Justice"})
    assert response.status_code == 302
    # A due date on a day off moves to the next working day.
    assert _reload(in_us.id).due_on == working_day(sent + timedelta(days=45)) and _reload(in_us.id).overdue
    assert _reload(in_ru.id).due_on == working_day(sent + timedelta(days=90))
    duplicate = client.post("/admin/deadline-rules/new", headers=EN, data={
        "kind": "mla", "code": "first_reminder", "scope": "country", "country_code": "US", "days": "30"})
    assert "This rule already has a setting for this scope." in duplicate.get_data(as_text=True)
    override = db.session.scalar(sa.select(DeadlineRule).where(DeadlineRule.scope == Scope.COUNTRY))
    client.post(f"/admin/deadline-rules/{override.id}/delete")
    assert _reload(in_us.id).due_on == working_day(sent + timedelta(days=90))


def test_changing_a_default_rule_and_a_treaty_limit_recompute_requests(client, auth):
    owner = make_user()
    today = clock.today_local()
    minsk = treaty("minsk-1993")
    detained = today - timedelta(days=10)
    held = _unsent_extradition(owner, detained, country_code="KG", treaty_id=minsk.id)
    assert held.release_due_on == detained + timedelta(days=39)
    admin = make_user(Role.ADMIN)
    auth.login(admin)
    form = {"code": minsk.code, "short_name": minsk.short_name, "title_kk": minsk.title_kk, "title_ru": minsk.title_ru,
            "title_en": minsk.title_en, "multilateral": "y", "scope": ["mla", "extradition", "transfer"],
            "status": "in_force", "arrest_limit_days": "30", "arrest_counts_from": "detention",
            "parties": ";".join(c.code for c in minsk.parties), "notes": "", "active": "y"}
    client.post(f"/admin/treaties/{minsk.id}", data=form)
    assert _reload(held.id).release_due_on == detained + timedelta(days=29)
    mla = make_request(owner, sent_on=today - timedelta(days=20))
    default = db.session.scalar(sa.select(DeadlineRule).where(DeadlineRule.kind == Kind.MLA,
                                                              DeadlineRule.code == RuleCode.FOLLOW_UP))
    client.post(f"/admin/deadline-rules/{default.id}", data={"days": "15", "note": ""})
    assert _reload(mla.id).overdue and _reload(mla.id).due_on == today - timedelta(days=5)


def test_refresh_command_flips_overdue_as_days_pass_and_is_stable(runner):
    owner = make_user()
    request = make_request(owner, sent_on=date(2026, 1, 1), statuses=[(Status.PENDING, date(2026, 1, 5))])
    result = runner.invoke(args=["deadlines", "refresh", "--today", "2026-03-31"])
    assert result.exit_code == 0 and "0 changed" not in result.output
    assert not _reload(request.id).overdue
    result = runner.invoke(args=["deadlines", "refresh", "--today", "2026-04-02"])
    assert "1 changed" in result.output and _reload(request.id).overdue
    again = runner.invoke(args=["deadlines", "refresh", "--today", "2026-04-02"])
    assert "0 changed" in again.output
    bad = runner.invoke(args=["deadlines", "refresh", "--today", "02.04.2026"])
    assert bad.exit_code != 0 and "Invalid value" in bad.output


def test_refresh_does_not_bump_the_version_users_edit_against():
    owner = make_user()
    request = make_request(owner, sent_on=date(2026, 1, 1))
    version = request.version
    refresh_deadlines(date(2026, 6, 1))
    db.session.commit()
    assert _reload(request.id).version == version


def test_refresh_clears_flags_of_requests_closed_meanwhile():
    owner = make_user()
    request = make_request(owner, sent_on=date(2026, 1, 1))
    db.session.execute(sa.update(Request).where(Request.id == request.id).values(
        status=Status.EXECUTED, overdue=True))
    db.session.commit()
    refresh_deadlines(date(2026, 6, 1))
    db.session.commit()
    saved = _reload(request.id)
    assert (saved.overdue, saved.due_on) == (False, None)


def test_the_list_filters_overdue_requests(client, auth):
    owner = make_user()
    today = clock.today_local()
    make_request(owner, reference="LATE-1", sent_on=today - timedelta(days=40))
    make_request(owner, reference="ON-TIME-1", sent_on=today - timedelta(days=3))
    make_request(owner, reference="CLOSED-1", sent_on=today - timedelta(days=40),
                 statuses=[(Status.EXECUTED, today - timedelta(days=1))])
    auth.login(owner)
    page = client.get("/requests?overdue=1").get_data(as_text=True)
    assert ">LATE-1<" in page and ">ON-TIME-1<" not in page and ">CLOSED-1<" not in page


def test_the_list_filters_requests_due_in_the_next_14_days_and_near_release_deadlines(client, auth):
    owner = make_user()
    today = clock.today_local()
    make_request(owner, reference="LATE-2", sent_on=today - timedelta(days=40))
    make_request(owner, reference="SOON-2", sent_on=today - timedelta(days=20))  # follow-up due in 10 days
    make_request(owner, reference="LATER-2", sent_on=today - timedelta(days=3))  # follow-up due in 27 days
    _unsent_extradition(owner, today - timedelta(days=30), reference="HELD-2")  # released in 10 days
    _unsent_extradition(owner, today - timedelta(days=5), reference="HELD-LATER-2")  # in 35 days
    auth.login(owner)
    soon = client.get("/requests?due_soon=1").get_data(as_text=True)
    assert ">SOON-2<" in soon and ">HELD-2<" in soon
    assert ">LATE-2<" not in soon and ">LATER-2<" not in soon and ">HELD-LATER-2<" not in soon
    release = client.get("/requests?release=1").get_data(as_text=True)
    assert ">HELD-2<" in release and ">HELD-LATER-2<" not in release and ">SOON-2<" not in release
    assert 'id="f-due-soon" name="due_soon" value="1" checked' in soon
