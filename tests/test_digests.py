"""Weekly digests over a real SMTP conversation: one per person and week, retried after failures, never twice."""
import re
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from pathlib import Path

import sqlalchemy as sa

from tests.factories import make_request, make_user
from tracker import clock
from tracker.jobs import tasks as jobs
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import DigestDelivery, DigestState, Request

TODAY = clock.today_local()
MONDAY = TODAY - timedelta(days=TODAY.weekday())


def _overdue(owner, reference, days_overdue=10):
    """An MLA request acknowledged abroad whose first reminder is `days_overdue` days late."""
    sent = TODAY - timedelta(days=90 + days_overdue)
    return make_request(owner, reference=reference, sent_on=sent, statuses=[(Status.PENDING, sent + timedelta(days=5))])


def _references(message):
    """The registration numbers a digest mentions, from its text part."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    return set(re.findall(r"(?:МСП|ВЫД)-\w+", text))


def _office():
    """Two prosecutors with overdue work, one with none, one supervisor."""
    aigul = make_user(email="aigul@prokuror.example", name="Айгүл", language=Language.KK)
    dmitry = make_user(email="dmitry@prokuror.example", name="Дмитрий", language=Language.RU)
    idle = make_user(email="idle@prokuror.example", name="Idle")
    boss = make_user(Role.SUPERVISOR, email="boss@prokuror.example", name="Сауле")
    _overdue(aigul, "МСП-A1", 30)
    _overdue(aigul, "МСП-A2", 5)
    make_request(aigul, reference="МСП-A3", sent_on=TODAY - timedelta(days=3))  # not overdue
    _overdue(dmitry, "МСП-D1", 12)
    make_request(dmitry, Kind.EXTRADITION, reference="ВЫД-D2", sent_on=None, detained_on=TODAY - timedelta(days=45),
                 person_name="Секретов Иван Петрович", person_name_latin="Sekretov Ivan")
    return aigul, dmitry, idle, boss


def test_each_prosecutor_gets_one_digest_of_exactly_their_overdue_requests(runner, smtp_server):
    aigul, dmitry, idle, boss = _office()
    result = runner.invoke(args=["digest", "send"])
    assert result.exit_code == 0, result.output
    assert "3 sent" in result.output and "1 with nothing to report" in result.output
    inbox = smtp_server.inbox
    assert len(inbox.to(aigul.email)) == len(inbox.to(dmitry.email)) == len(inbox.to(boss.email)) == 1
    assert inbox.to(idle.email) == []
    aigul_mail = inbox.to(aigul.email)[0]
    text = aigul_mail.get_body(preferencelist=("plain",)).get_content()
    assert _references(aigul_mail) == {"МСП-A1", "МСП-A2"}
    assert text.index("МСП-A1") < text.index("МСП-A2")  # the most overdue first
    # How late it is counts from its due date, which a weekend moves to the next working day.
    a1 = db.session.scalar(sa.select(Request).where(Request.reference == "МСП-A1"))
    assert "/requests/" in text and str((TODAY - a1.due_on).days) in text
    dmitry_mail = inbox.to(dmitry.email)[0]
    assert _references(dmitry_mail) == {"ВЫД-D2", "МСП-D1"}
    dmitry_text = dmitry_mail.get_body(preferencelist=("plain",)).get_content()
    assert dmitry_text.index("ВЫД-D2") < dmitry_text.index("МСП-D1")  # critical extradition deadline on top
    html = aigul_mail.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="kk">' in html and "МСП-A1" in html


def test_no_digest_names_a_person_sought(runner, smtp_server):
    _office()
    runner.invoke(args=["digest", "send"])
    for _recipients, message in smtp_server.inbox.messages:
        raw = message.as_string()
        assert "Секретов" not in raw and "Sekretov" not in raw


def test_the_supervisor_gets_the_summary_by_country_and_by_prosecutor(runner, smtp_server):
    aigul, dmitry, idle, boss = _office()
    runner.invoke(args=["digest", "send"])
    text = smtp_server.inbox.to(boss.email)[0].get_body(preferencelist=("plain",)).get_content()
    # Pending abroad / overdue / critical / drafts: the unsent extradition request whose release deadline was
    # missed is a draft and critical, not pending abroad, so Russia counts 4 pending as the report does.
    assert "Айгүл: 3 / 2 / 0 / 0" in text and "Дмитрий: 1 / 1 / 1 / 1" in text
    assert "Russia: 4 / 3 / 1 / 1" in text


def test_a_second_run_in_the_same_week_sends_nothing(runner, smtp_server):
    _office()
    runner.invoke(args=["digest", "send"])
    delivered = len(smtp_server.inbox.messages)
    again = runner.invoke(args=["digest", "send"])
    assert again.exit_code == 0 and "0 sent" in again.output and "4 skipped" in again.output
    assert len(smtp_server.inbox.messages) == delivered == 3


def test_with_the_mail_server_down_failures_are_reported_and_a_later_run_delivers_them_once(runner, smtp_server):
    aigul, dmitry, idle, boss = _office()
    smtp_server.stop()
    down = runner.invoke(args=["digest", "send"])
    assert down.exit_code == 1
    assert "3 failed" in down.output and aigul.email in down.output
    failed = db.session.scalars(sa.select(DigestDelivery).where(DigestDelivery.state == DigestState.FAILED)).all()
    assert len(failed) == 3
    smtp_server.start()
    back = runner.invoke(args=["digest", "send"])
    assert back.exit_code == 0 and "3 sent" in back.output
    third = runner.invoke(args=["digest", "send"])
    assert "0 sent" in third.output
    for user in (aigul, dmitry, boss):
        assert len(smtp_server.inbox.to(user.email)) == 1


def test_only_the_failed_recipient_is_retried(app, smtp_server, monkeypatch):
    aigul, dmitry, idle, boss = _office()
    original = jobs.deliver_digest

    def deliver_failing_for_dmitry(today):
        deliver = original(today)

        def maybe(user, content):
            if user.email == dmitry.email:
                raise OSError("mailbox unavailable")
            deliver(user, content)
        return maybe
    monkeypatch.setattr(jobs, "deliver_digest", deliver_failing_for_dmitry)
    first = jobs.send_digests(app)
    assert (first.sent, [email for email, _ in first.failed]) == (2, [dmitry.email])
    monkeypatch.setattr(jobs, "deliver_digest", original)
    second = jobs.send_digests(app)
    assert (second.sent, second.failed) == (1, [])
    assert [len(smtp_server.inbox.to(u.email)) for u in (aigul, dmitry, boss)] == [1, 1, 1]


def test_a_digest_claimed_by_a_run_that_died_is_sent_by_a_later_run(app, smtp_server):
    aigul = make_user(email="aigul@prokuror.example")
    _overdue(aigul, "МСП-A1")
    now = clock.now()
    db.session.add(DigestDelivery(week_start=MONDAY, user_id=aigul.id, state=DigestState.SENDING, attempts=1,
                                  updated_at=now - timedelta(minutes=5), error=""))
    db.session.commit()
    assert jobs.send_digests(app, now=now).sent == 0  # a live claim of another run is respected
    later = jobs.send_digests(app, now=now + timedelta(minutes=20))
    assert later.sent == 1 and len(smtp_server.inbox.to(aigul.email)) == 1


def test_the_next_week_gets_its_own_digest(app, smtp_server):
    aigul = make_user(email="aigul@prokuror.example")
    _overdue(aigul, "МСП-A1")
    jobs.send_digests(app, today=TODAY)
    jobs.send_digests(app, today=TODAY + timedelta(days=7))
    assert len(smtp_server.inbox.to(aigul.email)) == 2


def test_without_a_mail_server_digests_are_written_to_the_outbox(app, runner):
    aigul = make_user(email="aigul@prokuror.example")
    _overdue(aigul, "МСП-A1")
    outbox = Path(app.instance_path) / "outbox"
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    result = runner.invoke(args=["digest", "send"])
    assert "1 sent" in result.output
    written = set(outbox.glob("*.eml")) - before
    assert len(written) == 1
    message = message_from_bytes(written.pop().read_bytes(), policy=policy.default)
    assert message["To"] == "aigul@prokuror.example"
    assert "МСП-A1" in message.get_body(preferencelist=("plain",)).get_content()


def test_the_digest_run_costs_the_same_queries_with_1_or_20_requests_per_prosecutor(app, count_queries, smtp_server):
    owners = [make_user() for _ in range(3)]
    make_user(Role.SUPERVISOR)
    for owner in owners:
        _overdue(owner, f"МСП-{owner.id}-0")
    with count_queries(cold=True) as few:
        jobs.send_digests(app, today=TODAY)
    for owner in owners:
        for number in range(1, 20):
            _overdue(owner, f"МСП-{owner.id}-{number}", days_overdue=number)
    with count_queries(cold=True) as many:
        jobs.send_digests(app, today=TODAY + timedelta(days=7))
    assert len(few) == len(many)
    assert len(smtp_server.inbox.messages) == 8


def test_digest_is_due_from_monday_eight_oclock_almaty_time():
    almaty = clock.ALMATY
    monday = datetime(2026, 11, 23, 7, 59, tzinfo=almaty)
    assert not jobs.digest_due(monday, 8)
    assert jobs.digest_due(monday + timedelta(minutes=1), 8)
    assert jobs.digest_due(datetime(2026, 11, 29, 23, 0, tzinfo=almaty), 8)  # Sunday: this week's is due
    assert jobs.digest_due(datetime(2026, 11, 23, 3, 0, tzinfo=timezone.utc), 8)  # 08:00 in Almaty


def test_the_preview_shows_what_the_next_digest_contains(client, auth):
    aigul = make_user()
    _overdue(aigul, "МСП-PREVIEW")
    auth.login(aigul)
    page = client.get("/digest").get_data(as_text=True)
    assert "МСП-PREVIEW" in page
    idle = make_user()
    client.post("/logout")
    auth.login(idle)
    assert "Nothing to report" in client.get("/digest", headers={"Accept-Language": "en"}).get_data(as_text=True)
    client.post("/logout")
    auth.login(make_user(Role.ADMIN))
    assert client.get("/digest").status_code == 403


def test_a_long_section_lists_the_most_urgent_and_links_to_all_of_them(app, client, auth, smtp_server, monkeypatch):
    monkeypatch.setitem(app.config, "DIGEST_SECTION_LIMIT", 2)
    aigul = make_user(email="aigul@prokuror.example", language=Language.EN)
    for days in (3, 40, 7, 25, 12):
        _overdue(aigul, f"МСП-L{days}", days)
    _overdue(make_user(), "МСП-OTHER", 50)  # another prosecutor's: not in Aigul's count or link
    boss = make_user(Role.SUPERVISOR, email="boss@prokuror.example", language=Language.EN)
    for number in range(3):
        make_request(aigul, Kind.EXTRADITION, reference=f"ВЫД-R{number}", sent_on=None,
                     detained_on=TODAY - timedelta(days=30 + number))
    assert jobs.send_digests(app, today=TODAY).sent == 3
    mail = smtp_server.inbox.to(aigul.email)[0]
    text = mail.get_body(preferencelist=("plain",)).get_content()
    overdue_part = text[text.index("OVERDUE"):]
    assert re.findall(r"МСП-\w+", overdue_part) == ["МСП-L40", "МСП-L25"]  # the two most overdue, in order
    assert "5 overdue" in mail["Subject"] and "3 extradition deadlines" in mail["Subject"]
    more = re.search(r"\.\.\. and 3 more\. All of them: (\S+)", overdue_part)
    assert more, overdue_part
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert "... and 3 more. Show all of them" in html and "... and 1 more" in html  # overdue 5 of 2, critical 3 of 2

    # The link, followed by the prosecutor, lists exactly the section: her five overdue requests.
    auth.login(aigul)
    link = more.group(1).replace(app.config["PUBLIC_URL"].rstrip("/"), "")
    page = client.get(link, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "5 requests" in page and "МСП-L3" in page and "МСП-OTHER" not in page
    client.post("/logout")

    boss_text = smtp_server.inbox.to(boss.email)[0].get_body(preferencelist=("plain",)).get_content()
    assert len(re.findall(r"ВЫД-R\d", boss_text)) == 2 and "... and 1 more." in boss_text
    critical_link = re.search(r"\.\.\. and 1 more\. All of them: (\S+)", boss_text).group(1)
    auth.login(boss)
    page = client.get(critical_link.replace(app.config["PUBLIC_URL"].rstrip("/"), ""),
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "3 requests" in page and all(f"ВЫД-R{n}" in page for n in range(3))


def test_the_digest_preview_follows_the_section_limit(app, client, auth, monkeypatch):
    monkeypatch.setitem(app.config, "DIGEST_SECTION_LIMIT", 1)
    aigul = make_user()
    _overdue(aigul, "МСП-P1", 9)
    _overdue(aigul, "МСП-P2", 4)
    auth.login(aigul)
    page = client.get("/digest", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "МСП-P1" in page and "МСП-P2" not in page and "... and 1 more" in page
