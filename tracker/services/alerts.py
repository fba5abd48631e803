"""Daily alerts on custody deadlines: the release deadline and the surrender window, at 20, 10, 5, 2 and 1 days
before the last day and once it is missed, each sent once per request, mark and person."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

import sqlalchemy as sa

from tracker.domain.deadlines import RELEASE_WINDOW_DAYS, DeadlineCode, alert_mark
from tracker.domain.people import SUPERVISING
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models import DeadlineAlert, DigestState, Request, User
from tracker.services import webhooks
from tracker.services.access import access_of
from tracker.services.digests import STALE_CLAIM, SendResult, aware, record_delivery
from tracker.services.queries import open_condition


@dataclass(frozen=True)
class Alert:
    """One alert: which request, which deadline, its last day and the mark reached; never the person sought."""

    request_id: int
    reference: str
    kind: Kind
    country_code: str
    deadline: DeadlineCode
    due_on: date
    mark: int
    days_left: int


def alerts_due(today: date) -> list[Alert]:
    """Every custody deadline that has reached an alert mark today, most urgent first."""
    horizon = today + timedelta(days=RELEASE_WINDOW_DAYS)
    surrender = sa.and_(Request.due_deadline == DeadlineCode.SURRENDER, Request.due_on <= horizon)
    rows = db.session.execute(
        sa.select(Request.id, Request.reference, Request.kind, Request.country_code, Request.release_due_on,
                  Request.due_on, Request.due_deadline)
        .where(Request.deleted_at.is_(None), open_condition(),
               sa.or_(Request.release_due_on <= horizon, surrender))
        .order_by(sa.func.coalesce(Request.release_due_on, Request.due_on), Request.id))
    found = []
    for row in rows:
        surrender_on = row.due_on if row.due_deadline == DeadlineCode.SURRENDER else None
        for code, due_on in ((DeadlineCode.RELEASE, row.release_due_on), (DeadlineCode.SURRENDER, surrender_on)):
            if due_on is None or due_on > horizon:
                continue
            mark = alert_mark((due_on - today).days)
            if mark is not None:
                found.append(Alert(row.id, row.reference, row.kind, row.country_code, code, due_on, mark,
                                   (due_on - today).days))
    return found


def send_deadline_alerts(today: date, now: datetime, *, deliver, commit) -> SendResult:
    """Sends each alert due today to the request's prosecutor and every supervisor, once per mark and person.

    `deliver(user, alert)` sends one alert and raises on failure; a failed one is tried again by the next run.
    """
    alerts = alerts_due(today)
    if not alerts:
        return SendResult()
    supervisors = [(user, access_of(user)) for user in db.session.scalars(
        sa.select(User).where(User.active.is_(True), User.role.in_(SUPERVISING)).order_by(User.id))]
    owners = dict(db.session.execute(sa.select(Request.id, Request.owner_id)
                                     .where(Request.id.in_({a.request_id for a in alerts}))).all())
    people = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(set(owners.values()))))}
    ledger = {(r.request_id, r.deadline, r.due_on, r.mark, r.user_id): r for r in db.session.scalars(
        sa.select(DeadlineAlert).where(DeadlineAlert.request_id.in_({a.request_id for a in alerts})))}
    result = SendResult()
    for alert in alerts:
        owner = people.get(owners[alert.request_id])
        # The supervisors who see the request: those of its owner's unit and the central authority.
        watching = [user for user, access in supervisors
                    if owner is not None and access.sees(owner.id, owner.unit_id)]
        recipients = {u.id: u for u in ([owner] if owner is not None and owner.active else []) + watching}
        for user in recipients.values():
            key = (alert.request_id, alert.deadline, alert.due_on, alert.mark, user.id)
            row = _claim(key, ledger.get(key), now)
            if row is None:
                result.skipped += 1
                continue
            _announce_missed(alert, row, now)
            commit()
            record_delivery(row, partial(deliver, user, alert), user.email, result, now)
            commit()
    return result


def _announce_missed(alert, claimed, now):
    """Queues the webhooks' "deadline.critical" event with the first alert recorded that a custody deadline was
    missed, in the same transaction: once per request, deadline and last day, whoever the alerts go to."""
    if alert.mark != 0 or claimed.attempts != 1:  # a retried claim was announced when it was first recorded
        return
    earlier = db.session.scalar(sa.select(sa.func.count()).select_from(DeadlineAlert).where(
        DeadlineAlert.request_id == alert.request_id, DeadlineAlert.deadline == alert.deadline,
        DeadlineAlert.due_on == alert.due_on, DeadlineAlert.mark == 0, DeadlineAlert.id != claimed.id))
    if not earlier:
        webhooks.enqueue(webhooks.DEADLINE_CRITICAL, db.session.get(Request, alert.request_id), now,
                         deadline=alert.deadline, due_on=alert.due_on)


def _claim(key, row, now):
    """This run's claim on one alert; None when it went out already or another run is sending it."""
    request_id, deadline, due_on, mark, user_id = key
    if row is None:
        row = DeadlineAlert(request_id=request_id, deadline=deadline, due_on=due_on, mark=mark, user_id=user_id,
                            state=DigestState.SENDING, attempts=1, updated_at=now, error="")
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except sa.exc.IntegrityError:
            return None
        return row
    retry = row.state == DigestState.FAILED or (row.state == DigestState.SENDING
                                                and aware(row.updated_at) < now - STALE_CLAIM)
    if not retry:
        return None
    claimed = db.session.execute(
        sa.update(DeadlineAlert).where(DeadlineAlert.id == row.id, DeadlineAlert.attempts == row.attempts)
        .values(state=DigestState.SENDING, attempts=row.attempts + 1, updated_at=now)
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        return None
    db.session.refresh(row)
    return row
