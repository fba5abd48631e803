"""The scheduler's jobs and when they fire, checked without starting it, and its catching up when started."""
import threading
from datetime import datetime, timedelta

import sqlalchemy as sa
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from apscheduler.schedulers.background import BackgroundScheduler

from tests.factories import make_request, make_user
from tracker import clock
from tracker.extensions import db
from tracker.jobs import tasks as jobs
from tracker.jobs.scheduler import build_scheduler
from tracker.models import DeadlineRefresh, Request


def _jobs(app):
    scheduler = build_scheduler(app)
    return {job.id: job for job in scheduler.get_jobs()}


def test_the_web_app_starts_no_scheduler(app, client):
    import threading

    client.get("/login")
    assert not [t for t in threading.enumerate() if "APScheduler" in t.name or "apscheduler" in t.name.lower()]


def test_the_scheduler_runs_the_same_functions_the_cli_calls(app):
    found = _jobs(app)
    assert set(found) == {"deadlines-refresh", "weekly-digests", "deadline-alerts", "webhook-deliveries",
                          "search-term-counts", "list-positions"}
    assert found["search-term-counts"].func is jobs.count_search_terms
    assert found["list-positions"].func is jobs.rebuild_positions
    assert found["deadlines-refresh"].func is jobs.refresh_deadlines_when_due  # which calls refresh_all_deadlines
    assert found["weekly-digests"].func is jobs.send_digests_when_due
    assert found["deadline-alerts"].func is jobs.send_alerts
    assert found["webhook-deliveries"].func is jobs.deliver_webhooks
    assert all(job.args == (app,) for job in found.values())


def test_deadlines_are_refreshed_nightly_at_half_past_midnight_almaty_time(app):
    trigger = _jobs(app)["deadlines-refresh"].trigger
    evening = datetime(2024, 2, 29, 22, 0, tzinfo=clock.ALMATY)
    fire = trigger.get_next_fire_time(None, evening)
    assert fire == datetime(2024, 3, 1, 0, 30, tzinfo=clock.ALMATY)
    assert fire.utcoffset() == timedelta(hours=5)  # after Almaty's move to UTC+5
    assert trigger.get_next_fire_time(fire, fire + timedelta(seconds=1)) == datetime(2024, 3, 2, 0, 30,
                                                                                     tzinfo=clock.ALMATY)


def test_digests_are_tried_every_half_hour_and_at_start_so_a_missed_week_goes_out_on_return(app):
    job = _jobs(app)["weekly-digests"]
    start = job.next_run_time
    assert abs((start - clock.now()).total_seconds()) < 60  # runs as soon as the scheduler starts
    following = job.trigger.get_next_fire_time(start, start + timedelta(seconds=1))
    assert following - start == timedelta(minutes=30)


def test_missed_runs_are_coalesced_and_never_run_twice_at_once(app):
    # Job defaults are applied when a scheduler starts; a paused one runs nothing.
    scheduler = build_scheduler(app, scheduler_class=BackgroundScheduler)
    scheduler.start(paused=True)
    try:
        for job in scheduler.get_jobs():
            assert job.coalesce is True and job.max_instances == 1
            assert job.misfire_grace_time >= 24 * 3600
    finally:
        scheduler.shutdown(wait=False)


def _start_and_await_the_deadlines_refresh(app):
    """Starts a scheduler holding only the deadlines job, as the scheduler process starts, and returns what that
    job's run at start returned."""
    scheduler = build_scheduler(app, scheduler_class=BackgroundScheduler)
    for job in scheduler.get_jobs():
        if job.id != "deadlines-refresh":
            scheduler.remove_job(job.id)
    outcome, done = {}, threading.Event()

    def finished(event):
        outcome.update(value=event.retval, error=event.exception)
        done.set()
    scheduler.add_listener(finished, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    scheduler.start()
    try:
        assert done.wait(timeout=60), "the deadlines refresh did not run at start"
    finally:
        scheduler.shutdown(wait=True)
    assert outcome["error"] is None, outcome["error"]
    return outcome["value"]


def _stale_overdue_request():
    """A request overdue today whose stored flag still says otherwise, as after a night without a refresh."""
    request = make_request(make_user(), sent_on=clock.today_local() - timedelta(days=400))
    assert request.overdue
    db.session.execute(sa.update(Request).where(Request.id == request.id).values(overdue=False))
    db.session.commit()
    return request.id


def _stored_overdue(request_id):
    db.session.rollback()  # what the scheduler's own session committed
    return db.session.scalar(sa.select(Request.overdue).where(Request.id == request_id))


def test_a_scheduler_started_after_a_missed_night_refreshes_once_and_a_restart_adds_no_run(app):
    yesterday = clock.today_local() - timedelta(days=1)
    db.session.add(DeadlineRefresh(day=yesterday, finished_at=clock.now() - timedelta(days=1)))
    request_id = _stale_overdue_request()

    result = _start_and_await_the_deadlines_refresh(app)  # down over 00:30, back later in the day
    assert result is not None and result["changed"] >= 1
    assert _stored_overdue(request_id) is True
    assert set(db.session.scalars(sa.select(DeadlineRefresh.day))) == {yesterday, clock.today_local()}

    db.session.execute(sa.update(Request).where(Request.id == request_id).values(overdue=False))
    db.session.commit()
    assert _start_and_await_the_deadlines_refresh(app) is None  # restarted the same day: nothing run again
    assert _stored_overdue(request_id) is False


def test_a_refresh_from_the_command_line_counts_as_the_days_refresh(app, runner):
    assert runner.invoke(args=["deadlines", "refresh"]).exit_code == 0
    request_id = _stale_overdue_request()
    assert jobs.refresh_deadlines_when_due(app) is None
    assert _stored_overdue(request_id) is False


def test_the_nightly_run_refreshes_the_new_day_though_the_last_one_was_recorded(app):
    yesterday = clock.today_local() - timedelta(days=1)
    db.session.add(DeadlineRefresh(day=yesterday, finished_at=clock.now() - timedelta(hours=20)))
    request_id = _stale_overdue_request()
    assert jobs.refresh_deadlines_when_due(app)["changed"] >= 1
    assert _stored_overdue(request_id) is True
    assert db.session.get(DeadlineRefresh, clock.today_local()) is not None
