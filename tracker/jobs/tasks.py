"""Scheduled jobs: each opens an app context, calls the same service as the CLI, and commits."""
from datetime import date, datetime, time

from flask import Flask, current_app

from tracker import clock, metrics
from tracker.mail.alerts import deliver_alert
from tracker.mail.digests import deliver_digest
from tracker.extensions import db
from tracker.services import list_positions, text_search
from tracker.services.alerts import send_deadline_alerts
from tracker.services.deadlines import deadlines_refreshed_on, refresh_every_deadline
from tracker.services.digests import SendResult, send_weekly_digests, week_start
from tracker.services.webhooks import DeliveryRun, deliver_due


def refresh_all_deadlines(app: Flask, today: date | None = None) -> dict[str, int]:
    """Recomputes every open request's due date and flags, and records the day as refreshed; the CLI's
    `deadlines refresh`."""
    with app.app_context():
        result = refresh_every_deadline(today or clock.today_local(), clock.now())
        db.session.commit()
        app.logger.info("deadlines refreshed: %s", result)
        return result


def refresh_deadlines_when_due(app: Flask) -> dict[str, int] | None:
    """Scheduled at 00:30 and once when the scheduler starts: refreshes today's deadlines unless that is done,
    so a night missed while the scheduler was down is caught up when it returns, and a restart adds no run."""
    today = clock.today_local()
    with app.app_context():
        if deadlines_refreshed_on(today):
            return None
    return refresh_all_deadlines(app, today)


def send_digests(app: Flask, today: date | None = None, now: datetime | None = None) -> SendResult:
    """Sends the digests of the week containing `today` that have not gone out; the CLI's `digest send`."""
    with app.app_context():
        now = now or clock.now()
        today = today or clock.local_date(now)
        result = send_weekly_digests(today, now, deliver=deliver_digest(today), commit=db.session.commit,
                                     limit=app.config["DIGEST_SECTION_LIMIT"])
        app.logger.info("digests: %d sent, %d empty, %d skipped, %d failed", result.sent, result.empty,
                        result.skipped, len(result.failed),
                        extra={"event": "digests", "sent": result.sent, "skipped": result.skipped,
                               "failed": len(result.failed)})
        metrics.mails_sent("digest", result.sent, len(result.failed))
        return result


def send_alerts(app: Flask, today: date | None = None, now: datetime | None = None) -> SendResult:
    """Sends the custody deadline alerts due today that have not gone out; the CLI's `alerts send`."""
    with app.app_context():
        now = now or clock.now()
        today = today or clock.local_date(now)
        result = send_deadline_alerts(today, now, deliver=deliver_alert(today), commit=db.session.commit)
        app.logger.info("deadline alerts: %d sent, %d skipped, %d failed", result.sent, result.skipped,
                        len(result.failed), extra={"event": "alerts", "sent": result.sent, "skipped": result.skipped,
                                                   "failed": len(result.failed)})
        metrics.mails_sent("alert", result.sent, len(result.failed))
        return result


def deliver_webhooks(app: Flask, now: datetime | None = None) -> DeliveryRun:
    """Sends the webhook deliveries that are due, retrying failed ones after their backoff, and purges old ones;
    the CLI's `webhooks deliver`. Each attempt is committed before the next receiver is waited on."""
    with app.app_context():
        result = deliver_due(now or clock.now(), verify=app.config["WEBHOOK_CA_BUNDLE"] or True,
                             commit=db.session.commit)
        db.session.commit()
        app.logger.info("webhooks: %d delivered, %d failed, %d given up, %d postponed, %d purged", result.delivered,
                        result.failed, result.given_up, result.postponed, result.purged)
        return result


def rebuild_positions(app: Flask) -> int:
    """Sets the stretches of the whole register's default order again and counts each (list_positions.py), after a
    day's changes gathered in the newest; the CLI's `report rebuild-positions`. Returns the number of stretches."""
    with app.app_context():
        stretches = list_positions.rebuild()
        db.session.commit()
        app.logger.info("list positions: %d stretches", stretches)
        return stretches


def count_search_terms(app: Flask) -> int:
    """Counts again how many requests hold each trigram of the search index (SQLite), so that a search asks the
    index for the rare ones; the CLI's `search count-terms`. Returns the number of trigrams."""
    with app.app_context():
        terms = text_search.count_search_terms()
        db.session.commit()
        app.logger.info("search terms counted: %d", terms)
        return terms


def send_digests_when_due(app: Flask) -> SendResult | None:
    """Scheduled often: sends this week's digests once Monday's digest hour has come, and catches up after downtime."""
    now = clock.now()
    today = clock.local_date(now)
    with app.app_context():
        hour = current_app.config["DIGEST_HOUR"]
    if not digest_due(now, hour):
        return None
    return send_digests(app, today=today, now=now)


def digest_due(now: datetime, hour: int) -> bool:
    """True from the digest hour of this week's Monday (Almaty time) on."""
    local = now.astimezone(clock.ALMATY)
    monday = week_start(local.date())
    return local >= datetime.combine(monday, time(hour), tzinfo=clock.ALMATY)
