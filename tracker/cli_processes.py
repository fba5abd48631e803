"""The processes of MLA Tracker beside the web app: the one scheduler, the job workers, and `quickstart`, which
serves the app on this machine with both beside it."""
import os
# quickstart starts the scheduler and the job worker with fixed argument lists, no shell
import subprocess  # nosec B404
import sys
import time

import click
from flask import current_app
from flask_migrate import upgrade
from werkzeug.serving import run_simple

from tracker import clock
from tracker.config import Defaults
from tracker.extensions import db
from tracker.jobs import tasks as jobs
from tracker.jobs.leadership import holder_name, scheduler_lock
from tracker.logs import configure_logging
from tracker.jobs.scheduler import build_scheduler
from tracker.jobs.worker import run_worker, worker_name
from tracker.services.demo import load_demo
from tracker.services.seed import seed_reference_data


@click.command("scheduler")
def scheduler_command():
    """Run the scheduler: nightly deadlines refresh, alerts, digests and webhooks. Started on several hosts, one is
    active and the others stand by, taking over when it stops."""
    app = current_app._get_current_object()
    lock = scheduler_lock(app)
    standing_by = False
    try:
        while not lock.take():
            if not standing_by:
                click.echo(f"Another scheduler is active: {holder_name()} stands by and tries again every "
                           f"{app.config['SCHEDULER_STANDBY_SECONDS']} s")
                standing_by = True
            time.sleep(app.config["SCHEDULER_STANDBY_SECONDS"])
    except KeyboardInterrupt:
        return
    scheduler = build_scheduler(app, lock=lock)
    click.echo(f"Scheduler {holder_name()} active (Asia/Almaty): "
               + ", ".join(job.name for job in scheduler.get_jobs()))
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown(wait=False)
    finally:
        lock.release()
    if getattr(scheduler, "lost_lock", False):
        # Ends with an error, for the service manager to start it again: it then stands by.
        sys.exit(3)


@click.command("worker")
@click.option("--until-idle", is_flag=True, help="Stop once no job waits (for a run from cron or a test).")
def worker_command(until_idle):
    """Run a job worker: large exports and other work asked for from pages, done outside the web workers."""
    # Background work yields the CPU to the pages when both want it.
    niceness = os.nice(current_app.config["JOB_WORKER_NICENESS"])
    click.echo(f"Job worker {worker_name()} started (nice {niceness})")
    try:
        done = run_worker(current_app._get_current_object(), until_idle=until_idle)
    except KeyboardInterrupt:
        return
    click.echo(f"{done} jobs done")


@click.command("demo")
def demo_command():
    """Create demo users and about a hundred requests (once), and print the demo logins."""
    _load_demo_and_print()


@click.command("quickstart")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
def quickstart_command(host, port):
    """Migrate, seed, load the demo data, print the demo logins, start the scheduler and serve the app."""
    app = current_app._get_current_object()
    # A console, not a log collector: plain lines, unless a format was chosen.
    log_format = os.environ.get("TRACKER_LOG_FORMAT", "text")
    configure_logging({**app.config, "LOG_FORMAT": log_format})
    upgrade(directory=current_app.extensions["migrate"].directory)
    seed_reference_data()
    db.session.commit()
    _load_demo_and_print()
    jobs.refresh_all_deadlines(app)
    # Links in the digests and on the digest page lead to the address served here, unless one was configured.
    app.config["PUBLIC_URL"] = quickstart_public_url(app.config["PUBLIC_URL"], host, port)
    # The scheduler is its own process, as in production; mail goes to instance/outbox/ unless MAIL_SERVER is set.
    # So is the job worker that makes the large exports.
    helpers = [subprocess.Popen(  # nosec B603
        [sys.executable, "-m", "flask", "--app", "tracker", command],
        env={**os.environ, "TRACKER_PUBLIC_URL": app.config["PUBLIC_URL"], "TRACKER_LOG_FORMAT": log_format})
        for command in ("scheduler", "worker")]
    click.echo(f"Serving MLA Tracker on http://{_url_host(host)}:{port}/ (Ctrl+C stops it); links in e-mails lead "
               f"to {app.config['PUBLIC_URL']}; scheduler pid {helpers[0].pid}, job worker pid {helpers[1].pid}")
    try:
        # Flask refuses app.run() inside a CLI command; the development server is started directly.
        run_simple(host, port, app, threaded=True, use_reloader=False)
    finally:
        for helper in helpers:
            helper.terminate()
        for helper in helpers:
            helper.wait(timeout=10)


def quickstart_public_url(configured: str, host: str, port: int) -> str:
    """The base of links in e-mails for quickstart: the configured PUBLIC_URL when it was changed from the default,
    else the address quickstart serves (this machine's for a server listening on every address)."""
    if configured.rstrip("/") != Defaults.PUBLIC_URL:
        return configured
    return f"http://{_url_host(host)}:{port}"


def _url_host(host: str) -> str:
    """A listening address as a browser on this machine reaches it: wildcards become loopback, IPv6 in brackets."""
    wildcards = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "[::1]"}  # nosec B104  read, not listened on
    return wildcards.get(host, f"[{host}]" if ":" in host and not host.startswith("[") else host)


def _load_demo_and_print():
    """Loads the demo data once and prints every demo login."""
    logins = load_demo(today=clock.today_local())
    db.session.commit()
    click.echo("Demo logins (email / password / role):")
    for email, password, role in logins:
        click.echo(f"  {email} / {password} / {role}")
