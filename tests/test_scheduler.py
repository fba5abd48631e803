"""The scheduler's jobs and when they fire, checked without starting it."""
from datetime import datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from tracker import clock
from tracker.jobs import tasks as jobs
from tracker.jobs.scheduler import build_scheduler


def _jobs(app):
    scheduler = build_scheduler(app)
    return {job.id: job for job in scheduler.get_jobs()}


def test_the_web_app_starts_no_scheduler(app, client):
    import threading

    client.get("/login")
    assert not [t for t in threading.enumerate() if "APScheduler" in t.name or "apscheduler" in t.name.lower()]


def test_the_scheduler_runs_the_same_functions_the_cli_calls(app):
    found = _jobs(app)
    assert set(found) == {"deadlines-refresh", "weekly-digests", "deadline-alerts"}
    assert found["deadlines-refresh"].func is jobs.refresh_all_deadlines
    assert found["weekly-digests"].func is jobs.send_digests_when_due
    assert found["deadline-alerts"].func is jobs.send_alerts
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
