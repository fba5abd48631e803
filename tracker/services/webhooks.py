"""Webhooks: the HTTPS endpoints administrators register for other systems, the events queued for them in the
transaction that makes the change, and the signed deliveries the scheduler sends and retries."""
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import requests as http
import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Request, User, Webhook, WebhookDelivery
from tracker.services.errors import FieldErrors

EVENTS = ("request.created", "request.status_changed", "deadline.critical")
REQUEST_CREATED, STATUS_CHANGED, DEADLINE_CRITICAL = EVENTS
# The waits after the 1st to 5th failed attempt; the 6th failure gives the delivery up.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=12))
MAX_ATTEMPTS = len(BACKOFF) + 1
# Delivered and given-up deliveries are kept this long for the administrators' page, then purged.
KEPT_FOR = timedelta(days=30)
# A run sends at most this many deliveries; the rest wait for the next run, a minute later.
BATCH = 500
URL_MAX = 500
EVENT_HEADER = "X-MLA-Tracker-Event"
DELIVERY_HEADER = "X-MLA-Tracker-Delivery"
SIGNATURE_HEADER = "X-MLA-Tracker-Signature"
# What is kept of a refusing receiver's answer, after its status.
ANSWER_KEPT = 200


def create_webhook(actor: User, url: str, events, *, active: bool = True, now: datetime) -> Webhook:
    """Registers an endpoint for the chosen events, with a new secret (read it from the result to show it once)."""
    hook = Webhook(url="", events="", secret=new_secret(), active=active, created_at=_utc(now),
                   created_by_id=actor.id)
    _apply(hook, url, events)
    db.session.add(hook)
    db.session.flush()
    return hook


def update_webhook(hook: Webhook, url: str, events, *, active: bool) -> None:
    """Changes a webhook's address, events and whether it is active; its secret stays."""
    _apply(hook, url, events)
    hook.active = bool(active)
    db.session.flush()


def _apply(hook, url, events):
    """Checks the address and the events together, so the administrator sees every problem at once, then sets them."""
    errors = {}
    url = (url or "").strip()
    url_problem = url_error(url)
    if url_problem:
        errors["url"] = url_problem
    chosen = [event for event in EVENTS if event in set(events or ())]
    if set(events or ()) - set(EVENTS):
        errors["events"] = "webhook_unknown_event"
    elif not chosen:
        errors["events"] = "webhook_events_required"
    if errors:
        raise FieldErrors(errors)
    hook.url = url
    hook.events = " ".join(chosen)


def url_error(url: str) -> str | None:
    """The error code of an address a webhook may not use, or None: HTTPS only, with a host, no user name or
    password inside, no spaces, at most 500 characters."""
    if not url:
        return "required"
    if len(url) > URL_MAX:
        return "webhook_url_too_long"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  an impossible port is refused here, not at the first delivery
    except ValueError:
        return "webhook_url_invalid"
    if parts.scheme.lower() != "https":
        return "webhook_https_only"
    if not parts.hostname or parts.username or parts.password or any(c.isspace() or not c.isprintable() for c in url):
        return "webhook_url_invalid"
    return None


def new_secret() -> str:
    """32 random bytes, URL-safe: the key of the signatures."""
    return secrets.token_urlsafe(32)


def rotate_secret(hook: Webhook) -> str:
    """Gives the webhook a new secret and returns it; deliveries signed from now on use it."""
    hook.secret = new_secret()
    db.session.flush()
    return hook.secret


def delete_webhook(hook: Webhook) -> None:
    """Removes a webhook with its deliveries."""
    db.session.delete(hook)
    db.session.flush()


def webhooks_overview() -> list[tuple[Webhook, WebhookDelivery | None]]:
    """Every webhook, oldest first, with its latest delivery (None before the first), in two queries."""
    hooks = db.session.scalars(sa.select(Webhook).order_by(Webhook.id)).all()
    latest = sa.select(sa.func.max(WebhookDelivery.id)).group_by(WebhookDelivery.webhook_id)
    last = {d.webhook_id: d for d in db.session.scalars(sa.select(WebhookDelivery)
                                                         .where(WebhookDelivery.id.in_(latest)))}
    return [(hook, last.get(hook.id)) for hook in hooks]


def recent_deliveries(hook: Webhook, limit: int = 20) -> list[WebhookDelivery]:
    """The webhook's latest deliveries, newest first."""
    return list(db.session.scalars(sa.select(WebhookDelivery).where(WebhookDelivery.webhook_id == hook.id)
                                   .order_by(WebhookDelivery.id.desc()).limit(limit)))


def subscribed(hook: Webhook, event: str) -> bool:
    """Whether the webhook asked for this event."""
    return event in hook.events.split()


def enqueue(event: str, request: Request, now: datetime, **extra) -> list[WebhookDelivery]:
    """Queues one delivery of `event` about `request` for every active webhook that asked for it.

    Only flushed: the deliveries belong to the caller's transaction, so a change rolled back sends nothing. `extra`
    adds the event's details to the payload (dates as ISO days). Nothing about the person sought goes out.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    hooks = [hook for hook in db.session.scalars(sa.select(Webhook).where(Webhook.active.is_(True))
                                                  .order_by(Webhook.id)) if subscribed(hook, event)]
    if not hooks:
        return []
    now = _utc(now)
    deliveries = [WebhookDelivery(webhook_id=hook.id, event=event, payload="", created_at=now, attempts=0,
                                  next_attempt_at=now, last_error="") for hook in hooks]
    db.session.add_all(deliveries)
    db.session.flush()  # the payload names its delivery's id
    for delivery in deliveries:
        delivery.payload = payload_of(event, delivery.id, request, now, extra)
    db.session.flush()
    return deliveries


def payload_of(event: str, delivery_id: int, request: Request, now: datetime, extra: dict) -> str:
    """The JSON body of a delivery: the event, the request's register facts (never the person sought) and details."""
    body = {"event": event, "delivery": delivery_id, "occurred_at": _utc(now).isoformat(timespec="seconds"),
            "request": {"id": request.id, "reference": request.reference, "kind": request.kind.value,
                        "country": request.country_code, "status": request.status.value,
                        "status_on": _plain(request.status_on), "owner": request.owner.email,
                        "due_on": _plain(request.due_on), "version": request.version}}
    body.update({name: _plain(value) for name, value in extra.items()})
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def _plain(value):
    """A payload value as JSON has it: days as ISO dates, enums as their codes."""
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-MLA-Tracker-Signature header: the time and the hex HMAC-SHA256 of "<time>." followed by the body."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@dataclass
class DeliveryRun:
    """What one run of deliver_due did."""

    delivered: int = 0
    failed: int = 0
    given_up: int = 0
    # Left for the next run because their webhook failed earlier in this one.
    postponed: int = 0
    purged: int = 0


@dataclass(frozen=True)
class _Due:
    """A delivery to send, read before the transaction ends so no database lock is held while a receiver answers."""

    id: int
    webhook_id: int
    url: str
    secret: str
    event: str
    payload: str
    attempts: int


def deliver_due(now: datetime, *, timeout: float = 10, verify: bool | str = True, commit=None) -> DeliveryRun:
    """Sends every delivery due by `now` to its active webhook, records each answer, and purges old deliveries.

    A 2xx answer delivers; anything else (a status, a timeout, a TLS or connection error) is retried after the
    backoff, and given up after the 6th failure. Redirects are not followed. `verify` is True (the system's
    certificate authorities) or the path of a CA bundle. `commit()` ends each transaction before a receiver is
    waited on (the job passes the session's commit); without it everything stays in the caller's transaction.
    Once a webhook fails in a run, its other deliveries wait for the next run, so a dead receiver costs at most
    one timeout per run.
    """
    commit = commit or db.session.flush
    now = _utc(now)
    run = DeliveryRun(purged=purge_old(now))
    due = _due(now)
    commit()
    failing = set()
    for item in due:
        if item.webhook_id in failing:
            run.postponed += 1
            continue
        if not _claim(item, now, timeout):
            continue
        commit()
        status, error = _post(item, now, timeout=timeout, verify=verify)
        _record(item, status, error, now, run)
        commit()
        if error:
            failing.add(item.webhook_id)
    return run


def purge_old(now: datetime) -> int:
    """Deletes deliveries delivered or given up more than 30 days before `now`; returns how many."""
    before = _utc(now) - KEPT_FOR
    result = db.session.execute(sa.delete(WebhookDelivery).where(sa.or_(WebhookDelivery.delivered_at < before,
                                                                        WebhookDelivery.given_up_at < before))
                                .execution_options(synchronize_session=False))
    return result.rowcount


def _due(now):
    """The deliveries due by `now` of active webhooks, oldest first, so a receiver gets its events in order."""
    rows = db.session.execute(
        sa.select(WebhookDelivery.id, WebhookDelivery.webhook_id, Webhook.url, Webhook.secret, WebhookDelivery.event,
                  WebhookDelivery.payload, WebhookDelivery.attempts)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(Webhook.active.is_(True), WebhookDelivery.next_attempt_at <= now)
        .order_by(WebhookDelivery.id).limit(BATCH))
    return [_Due(*row) for row in rows]


def _claim(item, now, timeout):
    """Puts the delivery's next attempt past this one's longest wait, so another run (a command started by hand)
    does not send it too; a run that dies while sending leaves it to be retried then. False if another took it."""
    lease = now + timedelta(seconds=3 * timeout + 60)
    claimed = db.session.execute(
        sa.update(WebhookDelivery)
        .where(WebhookDelivery.id == item.id, WebhookDelivery.attempts == item.attempts,
               WebhookDelivery.next_attempt_at <= now)
        .values(next_attempt_at=lease).execution_options(synchronize_session=False))
    return claimed.rowcount == 1


def _post(item, now, *, timeout, verify):
    """POSTs the stored payload, signed; returns the status (None without an answer) and the error ("" if none)."""
    body = item.payload.encode()
    stamp = int(now.timestamp())
    headers = {"Content-Type": "application/json", "User-Agent": "MLA-Tracker-Webhooks",
               EVENT_HEADER: item.event, DELIVERY_HEADER: str(item.id),
               SIGNATURE_HEADER: signature(item.secret, stamp, body)}
    try:
        with http.post(item.url, data=body, headers=headers, timeout=timeout, verify=verify, allow_redirects=False,
                       stream=True) as answer:
            if 200 <= answer.status_code < 300:
                return answer.status_code, ""
            # Only the start of a refusing answer is read and kept: a receiver cannot make the run read megabytes.
            start = next(answer.iter_content(ANSWER_KEPT), b"")
            text = start.decode("utf-8", "replace").strip()
            return answer.status_code, f"HTTP {answer.status_code}" + (f": {text}" if text else "")
    except (http.RequestException, OSError, ValueError) as error:  # no answer: timeout, refused, TLS, bad address
        return None, f"{type(error).__name__}: {error}"


def _record(item, status, error, now, run):
    """Writes the attempt's outcome: delivered, or failed with the next attempt after the backoff, or given up."""
    attempts = item.attempts + 1
    values = {"attempts": attempts, "last_status": status, "last_error": error[:500]}
    if not error:
        values |= {"delivered_at": now, "next_attempt_at": None}
        run.delivered += 1
    elif attempts >= MAX_ATTEMPTS:
        values |= {"given_up_at": now, "next_attempt_at": None}
        run.given_up += 1
    else:
        values["next_attempt_at"] = now + BACKOFF[attempts - 1]
        run.failed += 1
    db.session.execute(sa.update(WebhookDelivery).where(WebhookDelivery.id == item.id).values(**values)
                       .execution_options(synchronize_session=False))


def _utc(moment: datetime) -> datetime:
    """An aware moment in UTC, as timestamps are stored and compared (SQLite compares the stored text)."""
    return moment.astimezone(UTC)
