"""Webhooks over real HTTPS on 127.0.0.1: what is queued when, signed deliveries, retries after the backoff,
giving up, no person sought in any payload, and the administrators' pages."""
import hashlib
import hmac
import json
import re
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa
import trustme

from tests.factories import make_request, make_user, request_fields, working_day
from tests.webhook_receiver import HANG, REDIRECT, WebhookReceiver
from tracker import clock
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.jobs import tasks as jobs
from tracker.jobs.scheduler import build_scheduler
from tracker.models import Webhook, WebhookDelivery
from tracker.services import webhooks as service
from tracker.services.digests import aware
from tracker.services.requests import create_request
from tracker.services.users import issue_api_token

TODAY = clock.today_local()
PERSON = {"person_name": "Секретов Иван Петрович", "person_name_latin": "Sekretov Ivan"}


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """A test certificate authority, its file, and a certificate for 127.0.0.1 it signed."""
    ca = trustme.CA()
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path), ca.issue_cert("127.0.0.1")


@pytest.fixture
def ca_file(app, certificates, monkeypatch):
    """The test CA's file, set as the app's WEBHOOK_CA_BUNDLE for this test only."""
    monkeypatch.setitem(app.config, "WEBHOOK_CA_BUNDLE", certificates[0])
    return certificates[0]


@pytest.fixture
def receiver(certificates):
    """The receiving system: HTTPS on 127.0.0.1 with the test CA's certificate."""
    server = WebhookReceiver(certificates[1]).start()
    yield server
    server.stop()


def _sent_on():
    """A working day some weeks back, when the test requests were sent."""
    return working_day(TODAY - timedelta(days=40))


def _hook(url, events=service.EVENTS, *, active=True):
    """A committed webhook registered by a new administrator."""
    hook = service.create_webhook(make_user(Role.ADMIN), url, events, active=active, now=clock.now())
    db.session.commit()
    return hook


def _deliveries(hook=None):
    """The deliveries in the database (of one webhook), oldest first."""
    query = sa.select(WebhookDelivery).order_by(WebhookDelivery.id)
    if hook is not None:
        query = query.where(WebhookDelivery.webhook_id == hook.id)
    return list(db.session.scalars(query))


def _signed_by(received, secret):
    """Checks the signature as a receiving system would, from the documented header alone."""
    fields = dict(part.split("=", 1) for part in received.headers["X-MLA-Tracker-Signature"].split(","))
    expected = hmac.new(secret.encode(), fields["t"].encode() + b"." + received.body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


def _deliver(now, ca_file, **options):
    """One run of the service, committing each attempt as the job does."""
    return service.deliver_due(now, verify=ca_file, commit=db.session.commit, **options)


def _api(client, user):
    """Headers of an API call as `user`."""
    token = issue_api_token(user)
    db.session.commit()
    return {"Authorization": f"Bearer {token}", "Accept-Language": "en"}


def test_registration_and_status_change_through_the_api_are_delivered_signed_with_the_stored_body(
        app, client, receiver, ca_file):
    hook = _hook(receiver.url)
    owner = make_user(email="owner@prokuror.example")
    headers = _api(client, owner)
    body = {"reference": "WH-1", "kind": "mla", "country": "KG", "case_number": "217500031000123",
            "crime_category": "fraud", "sent_on": _sent_on().isoformat()}
    created = client.post("/api/v1/requests", json=body, headers=headers)
    assert created.status_code == 201, created.json
    moved = client.post(f"/api/v1/requests/{created.json['id']}/transitions",
                        json={"to": "pending", "on": _sent_on().isoformat(), "version": created.json["version"]},
                        headers=headers)
    assert moved.status_code == 200, moved.json
    assert receiver.received == []  # the user's calls sent nothing: the scheduler does
    result = jobs.deliver_webhooks(app, now=clock.now())
    assert (result.delivered, result.failed) == (2, 0)
    db.session.rollback()  # the job ran in its own session
    stored = _deliveries(hook)
    assert [d.event for d in stored] == ["request.created", "request.status_changed"]
    assert [r.body for r in receiver.received] == [d.payload.encode() for d in stored]
    for got, delivery in zip(receiver.received, stored, strict=True):
        assert got.path == "/hooks/mla" and got.headers["Content-Type"] == "application/json"
        assert got.headers["X-MLA-Tracker-Event"] == delivery.event
        assert got.headers["X-MLA-Tracker-Delivery"] == str(delivery.id)
        assert _signed_by(got, hook.secret) and not _signed_by(got, service.new_secret())
        assert (delivery.attempts, delivery.last_status, delivery.next_attempt_at) == (1, 200, None)
        assert delivery.delivered_at is not None
    first, second = (json.loads(r.body) for r in receiver.received)
    assert first["event"] == "request.created" and first["delivery"] == stored[0].id
    assert first["occurred_at"].endswith("+00:00")
    assert first["request"] == {"id": created.json["id"], "reference": "WH-1", "kind": "mla", "country": "KG",
                                "status": "sent", "status_on": _sent_on().isoformat(),
                                "owner": "owner@prokuror.example", "due_on": created.json["due_on"],
                                "version": created.json["version"]}
    assert (second["from"], second["to"]) == ("sent", "pending")
    assert second["request"]["status"] == "pending" and second["request"]["version"] == moved.json["version"]


def test_the_first_partial_execution_is_announced_as_the_status_change_it_makes(client):
    hook = _hook("https://receiver.example/hooks/mla", ("request.status_changed",))
    owner = make_user()
    request = make_request(owner, sent_on=_sent_on())
    recorded = client.post(f"/api/v1/requests/{request.id}/events", headers=_api(client, owner),
                           json={"event": "partial_execution", "on": working_day(TODAY - timedelta(days=7)).isoformat(),
                                 "version": request.version})
    assert recorded.status_code == 201, recorded.json
    db.session.rollback()
    (delivery,) = _deliveries(hook)
    payload = json.loads(delivery.payload)
    assert (payload["from"], payload["to"], payload["request"]["status"]) == ("sent", "partially_executed",
                                                                              "partially_executed")


def test_a_refusing_receiver_is_retried_only_after_the_backoff_with_the_same_signed_body(receiver, ca_file):
    hook = _hook(receiver.url)
    start = clock.now()
    make_request(make_user(), sent_on=_sent_on())
    receiver.answers.extend([500, 200])
    failed = _deliver(start, ca_file)
    assert (failed.delivered, failed.failed) == (0, 1)
    (delivery,) = _deliveries(hook)
    assert (delivery.attempts, delivery.last_status, delivery.delivered_at) == (1, 500, None)
    assert delivery.last_error == "HTTP 500: receiver refuses: 500"
    assert aware(delivery.next_attempt_at) == start + timedelta(minutes=1)
    assert _deliver(start + timedelta(seconds=59), ca_file).delivered == 0 and len(receiver.received) == 1
    assert _deliver(start + timedelta(seconds=61), ca_file).delivered == 1
    db.session.expire_all()
    assert (delivery.attempts, delivery.last_status, delivery.last_error) == (2, 200, "")
    assert delivery.delivered_at is not None and delivery.next_attempt_at is None
    first, second = receiver.received
    assert first.body == second.body and first.headers["X-MLA-Tracker-Delivery"] == str(delivery.id)
    assert _signed_by(second, hook.secret)


def test_a_receiver_that_never_answers_costs_one_timeout_per_run_and_is_retried_later(receiver, ca_file):
    hook = _hook(receiver.url)
    owner = make_user()
    make_request(owner, sent_on=_sent_on())
    make_request(owner, sent_on=_sent_on())
    receiver.answers.append(HANG)
    start = clock.now()
    began = time.monotonic()
    run = _deliver(start, ca_file, timeout=1)
    assert time.monotonic() - began < 4
    # The dead receiver was waited on once; its second delivery waits for the next run.
    assert (run.failed, run.postponed, run.delivered) == (1, 1, 0) and len(receiver.received) == 1
    first, second = _deliveries(hook)
    assert first.last_status is None and "Timeout" in first.last_error and first.attempts == 1
    assert second.attempts == 0
    # The receiver is back: the next run sends the waiting one; the failed one waits for its backoff, then goes.
    assert _deliver(start + timedelta(seconds=30), ca_file).delivered == 1
    assert _deliver(start + timedelta(minutes=2), ca_file).delivered == 1
    db.session.expire_all()
    assert [d.delivered_at is not None for d in (first, second)] == [True, True]


def test_six_failures_give_a_delivery_up_after_the_whole_backoff(receiver, ca_file):
    hook = _hook(receiver.url)
    make_request(make_user(), sent_on=_sent_on())
    receiver.answers.extend([503] * 10)
    moment = clock.now()
    for wait in (*service.BACKOFF, None):
        run = _deliver(moment, ca_file)
        assert run.failed + run.given_up == 1
        if wait is not None:
            assert _deliver(moment + wait - timedelta(seconds=1), ca_file).failed == 0  # not a moment early
            moment += wait
    (delivery,) = _deliveries(hook)
    assert delivery.attempts == 6 and delivery.given_up_at is not None and delivery.next_attempt_at is None
    assert len(receiver.received) == 6 and run.given_up == 1
    assert _deliver(moment + timedelta(days=2), ca_file).failed == 0 and len(receiver.received) == 6


def test_a_redirect_is_not_followed_and_an_untrusted_certificate_is_refused(receiver, ca_file):
    hook = _hook(receiver.url)
    make_request(make_user(), sent_on=_sent_on())
    receiver.answers.append(REDIRECT)
    start = clock.now()
    assert _deliver(start, ca_file).failed == 1
    (delivery,) = _deliveries(hook)
    assert delivery.last_status == 302 and len(receiver.received) == 1  # the new address was not called
    # With the system's authorities the test certificate is not trusted: nothing is sent, the error is kept.
    assert service.deliver_due(start + timedelta(minutes=2), commit=db.session.commit).failed == 1
    db.session.expire_all()
    assert delivery.last_status is None and "SSLError" in delivery.last_error and len(receiver.received) == 1


def test_a_rolled_back_change_queues_nothing(receiver, ca_file):
    _hook(receiver.url)
    owner = make_user()
    create_request(owner, Kind.MLA, request_fields(), owner=owner, sent_on=_sent_on(), today=TODAY, now=clock.now())
    assert len(_deliveries()) == 1  # queued in the change's own transaction...
    db.session.rollback()
    assert _deliveries() == []  # ...and gone with it
    assert _deliver(clock.now(), ca_file).delivered == 0 and receiver.received == []


def test_only_active_webhooks_subscribed_to_the_event_get_it(receiver, ca_file):
    told = _hook(receiver.url, ["request.created"])
    other_event = _hook(receiver.url, ["deadline.critical"])
    inactive = _hook(receiver.url, ["request.created", "request.status_changed"], active=False)
    owner = make_user()
    make_request(owner, sent_on=_sent_on(), statuses=[(Status.PENDING, _sent_on())])
    assert [(d.webhook_id, d.event) for d in _deliveries()] == [(told.id, "request.created")]
    # Deactivated with a delivery waiting: it is not sent while the webhook is inactive.
    service.update_webhook(told, told.url, ["request.created"], active=False)
    db.session.commit()
    assert _deliver(clock.now(), ca_file).delivered == 0 and receiver.received == []
    assert {other_event.id, inactive.id}.isdisjoint(d.webhook_id for d in _deliveries())


def test_no_payload_names_the_person_sought_and_a_missed_deadline_is_announced_once(app, receiver, ca_file,
                                                                                     smtp_server):
    hook = _hook(receiver.url)
    owner = make_user()
    make_request(owner, Kind.EXTRADITION, sent_on=None, detained_on=TODAY - timedelta(days=40), **PERSON)
    assert jobs.send_alerts(app, today=TODAY).sent == 1
    assert jobs.send_alerts(app, today=TODAY).sent == 0
    assert jobs.send_alerts(app, today=TODAY + timedelta(days=1)).sent == 0  # still missed, already said
    db.session.rollback()
    events = [d.event for d in _deliveries(hook)]
    assert events == ["request.created", "deadline.critical"]
    jobs.deliver_webhooks(app, now=clock.now())
    payloads = [r.body.decode() for r in receiver.received]
    critical = json.loads(payloads[1])
    assert (critical["deadline"], critical["request"]["kind"]) == ("release", "extradition")
    assert critical["due_on"] == (TODAY - timedelta(days=1)).isoformat()
    for text in payloads:
        assert "Секретов" not in text and "Sekretov" not in text and "1985-03-01" not in text
        assert "person" not in text and "citizenship" not in text


def test_purge_removes_deliveries_finished_over_30_days_ago(receiver, ca_file):
    hook = _hook(receiver.url)
    make_request(make_user(), sent_on=_sent_on())
    start = clock.now()
    assert _deliver(start, ca_file).delivered == 1
    assert _deliver(start + timedelta(days=29), ca_file).purged == 0 and len(_deliveries(hook)) == 1
    assert _deliver(start + timedelta(days=31), ca_file).purged == 1 and _deliveries(hook) == []


def test_the_scheduler_delivers_every_minute_and_the_command_does_it_by_hand(app, runner, receiver, ca_file):
    job = {job.id: job for job in build_scheduler(app).get_jobs()}["webhook-deliveries"]
    assert job.func is jobs.deliver_webhooks and job.args == (app,)
    assert job.trigger.interval == timedelta(minutes=1)
    _hook(receiver.url)
    make_request(make_user(), sent_on=_sent_on())
    result = runner.invoke(args=["webhooks", "deliver"])
    assert result.exit_code == 0 and "1 delivered" in result.output and len(receiver.received) == 1


def _csrf_free_post(client, path, **data):
    """A form post as the browser sends it (CSRF is off in the tests)."""
    return client.post(path, data=data, headers={"Accept-Language": "en"})


def test_administrators_register_webhooks_the_secret_shown_once(client, auth, receiver):
    auth.login(make_user(Role.ADMIN))
    refused = _csrf_free_post(client, "/admin/webhooks/new", url="http://127.0.0.1/hook",
                              events=["request.created", "deadline.critical"], active="y")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "must begin with https://" in page
    assert 'value="http://127.0.0.1/hook"' in page
    ticked = {re.search(r'value="([^"]+)"', tag).group(1) for tag in re.findall(r"<input[^>]*>", page)
              if 'name="events"' in tag and "checked" in tag}
    assert ticked == {"request.created", "deadline.critical"}
    nothing = _csrf_free_post(client, "/admin/webhooks/new", url=receiver.url)
    assert "Choose at least one event." in nothing.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Webhook)) == 0
    created = _csrf_free_post(client, "/admin/webhooks/new", url=receiver.url, events=["request.created"],
                              active="y")
    db.session.rollback()
    hook = db.session.scalar(sa.select(Webhook))
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    assert hook.secret in created.get_data(as_text=True) and hook.events == "request.created"
    for url in ("/admin/webhooks", f"/admin/webhooks/{hook.id}"):
        shown = client.get(url, headers={"Accept-Language": "en"})
        assert shown.status_code == 200 and receiver.url in shown.get_data(as_text=True)
        assert hook.secret not in shown.get_data(as_text=True)
    old = hook.secret
    rotated = _csrf_free_post(client, f"/admin/webhooks/{hook.id}/secret")
    db.session.rollback()
    assert rotated.status_code == 200 and hook.secret != old and hook.secret in rotated.get_data(as_text=True)
    kept = _csrf_free_post(client, f"/admin/webhooks/{hook.id}", url="http://example.org/x",
                           events=["deadline.critical"])
    assert "must begin with https://" in kept.get_data(as_text=True)
    db.session.rollback()
    assert (hook.url, hook.events, hook.active) == (receiver.url, "request.created", True)
    saved = _csrf_free_post(client, f"/admin/webhooks/{hook.id}", url=receiver.url,
                            events=["request.status_changed", "deadline.critical"])
    assert saved.status_code == 302
    db.session.rollback()
    assert (hook.events, hook.active) == ("request.status_changed deadline.critical", False)
    assert _csrf_free_post(client, f"/admin/webhooks/{hook.id}/delete").status_code == 302
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Webhook)) == 0


def test_the_edit_page_lists_recent_deliveries_with_their_answers(client, auth, receiver, ca_file):
    hook = _hook(receiver.url)
    make_request(make_user(), sent_on=_sent_on())
    receiver.answers.append(500)
    _deliver(clock.now(), ca_file)
    auth.login(make_user(Role.ADMIN))
    page = client.get(f"/admin/webhooks/{hook.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "HTTP 500: receiver refuses: 500" in page and "request.created" in page and "Failed" in page


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.SUPERVISOR, Role.CENTRAL])
def test_only_administrators_reach_the_webhook_pages(client, auth, role):
    hook = _hook("https://receiver.example/hook")
    auth.login(make_user(role))
    for method, url in (("GET", "/admin/webhooks"), ("GET", "/admin/webhooks/new"),
                        ("POST", "/admin/webhooks/new"), ("GET", f"/admin/webhooks/{hook.id}"),
                        ("POST", f"/admin/webhooks/{hook.id}/secret"), ("POST", f"/admin/webhooks/{hook.id}/delete")):
        assert client.open(url, method=method).status_code == 403, url
    db.session.rollback()
    assert db.session.get(Webhook, hook.id).secret == hook.secret


@pytest.mark.parametrize("url,code", [
    ("", "required"), ("http://receiver.example/hook", "webhook_https_only"),
    ("ftp://receiver.example/hook", "webhook_https_only"), ("https://", "webhook_url_invalid"),
    ("https://user:pw@receiver.example/", "webhook_url_invalid"),
    ("https://receiver.example:99999/", "webhook_url_invalid"), ("https://receiver.example/a b", "webhook_url_invalid"),
    ("https://receiver.example/" + "a" * 480, "webhook_url_too_long"),
])
def test_webhook_addresses_are_https_with_a_host_only(url, code):
    assert service.url_error(url) == code
    assert service.url_error("https://receiver.example:8443/hooks?x=1") is None
