"""The scheduler process: built here, started only by `flask --app tracker scheduler`, never in the web app."""
import sqlalchemy as sa
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask

from tracker import clock
from tracker.extensions import db
from tracker.jobs import leadership
from tracker.jobs import tasks as jobs

# The jobs live in memory: a scheduler started afresh knows nothing of the times it missed while it was down, so
# each job catches up by itself at start (see each below). The grace time covers only a run found late while the
# process is up (the machine suspended or busy): it still runs, once.
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 24 * 3600}


def build_scheduler(app: Flask, scheduler_class=BlockingScheduler, lock=None):
    """The scheduler with MLA Tracker's jobs, in Almaty time, not yet started. With the scheduler `lock` it holds
    (tracker/jobs/leadership.py), it also checks the lock and writes its beat every SCHEDULER_BEAT_SECONDS, and
    stops if the lock was lost."""
    scheduler = scheduler_class(timezone=clock.ALMATY, job_defaults=JOB_DEFAULTS)
    if lock is not None:
        scheduler.add_job(keep_beat, IntervalTrigger(seconds=app.config["SCHEDULER_BEAT_SECONDS"]),
                          args=[app, scheduler, lock, clock.now()], id="scheduler-beat", name="Scheduler beat",
                          next_run_time=clock.now())
    # At 00:30 and at start: the job refreshes only when today's refresh is not recorded, so a night missed while
    # the scheduler was down is caught up when it returns, and a restart during the day refreshes nothing again.
    scheduler.add_job(jobs.refresh_deadlines_when_due, CronTrigger(hour=0, minute=30, timezone=clock.ALMATY),
                      args=[app], id="deadlines-refresh", name="Nightly deadlines refresh", next_run_time=clock.now())
    # At 01:00: how many requests hold each trigram of the search index (SQLite), which a search reads to ask the
    # index for the rare ones; counts a day old only make a search slower or faster, never its answer different.
    scheduler.add_job(jobs.count_search_terms, CronTrigger(hour=1, minute=0, timezone=clock.ALMATY), args=[app],
                      id="search-term-counts", name="Nightly count of search terms")
    # At 01:15, after the refresh has changed the day's requests: the whole register's stretches are set again, so
    # that a page deep in it is read past at most one stretch (list_positions.py).
    scheduler.add_job(jobs.rebuild_positions, CronTrigger(hour=1, minute=15, timezone=clock.ALMATY), args=[app],
                      id="list-positions", name="Nightly setting of the list's stretches")
    # Every half hour: the job itself sends only what this week still lacks, from Monday's digest hour on,
    # so a digest missed while the scheduler was down goes out soon after it returns.
    scheduler.add_job(jobs.send_digests_when_due, IntervalTrigger(minutes=30, timezone=clock.ALMATY), args=[app],
                      id="weekly-digests", name="Weekly digests", next_run_time=clock.now())
    # Every half hour: custody deadline alerts reach their marks at midnight, Almaty time; the ledger keeps each
    # to one per request, mark and person, and one missed while the scheduler was down goes out when it is back.
    scheduler.add_job(jobs.send_alerts, IntervalTrigger(minutes=30, timezone=clock.ALMATY), args=[app],
                      id="deadline-alerts", name="Custody deadline alerts", next_run_time=clock.now())
    # Every minute: webhook deliveries go out here only, never in a user's request; each waits its backoff in the
    # database, so a restart loses none.
    scheduler.add_job(jobs.deliver_webhooks, IntervalTrigger(minutes=1, timezone=clock.ALMATY), args=[app],
                      id="webhook-deliveries", name="Webhook deliveries", next_run_time=clock.now())
    return scheduler


def keep_beat(app: Flask, scheduler, lock, active_since) -> bool:
    """Writes the beat while this scheduler still holds the lock; stops the scheduler, with nothing more run by it,
    once it does not (its database connection was cut: another scheduler may have taken over)."""
    if not lock.held():
        app.logger.error("the scheduler lock was lost: this scheduler stops")
        scheduler.lost_lock = True
        scheduler.shutdown(wait=False)
        return False
    with app.app_context():
        try:
            leadership.beat(clock.now(), active_since=active_since)
        except sa.exc.DBAPIError as error:  # the database is away: the next beat tries again
            db.session.rollback()
            app.logger.warning("the scheduler's beat was not written: %s", error.__class__.__name__)
    return True
