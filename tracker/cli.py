"""Flask CLI commands; each calls the same services as the pages and commits once."""
import logging
import os
import subprocess
import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_migrate import upgrade
from werkzeug.serving import run_simple

from tracker import clock
from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker import jobs
from tracker.scheduler import build_scheduler
from tracker.services.demo import load_demo
from tracker.services.errors import FieldErrors
from tracker.services.seed import seed_reference_data
from tracker.services.users import create_user

users_cli = AppGroup("users", help="Manage user accounts.")
deadlines_cli = AppGroup("deadlines", help="Deadlines of requests.")
digest_cli = AppGroup("digest", help="Weekly overdue digests.")
TODAY_OPTION = click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                            help="Act as of this day (YYYY-MM-DD); default: today in Almaty.")


@click.command("seed")
def seed_command():
    """Load countries, treaties and crime categories; running it again adds only what is missing."""
    added = seed_reference_data()
    db.session.commit()
    click.echo(", ".join(f"{name}: {count} added" for name, count in added.items()))


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Full name as shown in the register.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--lang", "language", type=click.Choice([lang.value for lang in Language]), default="ru",
              show_default=True, help="Language of the interface and emails.")
def create_user_command(email, name, role, language):
    """Create a user; the password comes from TRACKER_PASSWORD, else a prompt."""
    password = os.environ.get("TRACKER_PASSWORD") or click.prompt("Password", hide_input=True,
                                                                  confirmation_prompt=True)
    try:
        user = create_user(email, name, Role(role), Language(language), password, now=clock.now())
    except FieldErrors as error:
        raise click.ClickException("; ".join(f"{field}: {code}" for field, code in error.errors.items()))
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}")


@deadlines_cli.command("refresh")
@TODAY_OPTION
def refresh_deadlines_command(today):
    """Recompute stored due dates and overdue flags of every open request."""
    day = today.date() if today else clock.today_local()
    result = jobs.refresh_all_deadlines(current_app._get_current_object(), day)
    click.echo(f"Deadlines as of {day.isoformat()}: {result['checked']} requests checked, {result['changed']} changed")


@digest_cli.command("send")
@TODAY_OPTION
def send_digests_command(today):
    """Send the digests of the week containing that day that have not been sent yet."""
    result = jobs.send_digests(current_app._get_current_object(), today=today.date() if today else None)
    click.echo(f"Digests: {result.sent} sent, {result.skipped} skipped (already sent this week), "
               f"{result.empty} with nothing to report, {len(result.failed)} failed")
    for email, error in result.failed:
        click.echo(f"  failed: {email}: {error}", err=True)
    if result.failed:
        raise SystemExit(1)


@click.command("scheduler")
def scheduler_command():
    """Run the one scheduler process: nightly deadlines refresh and the weekly digests."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    scheduler = build_scheduler(current_app._get_current_object())
    click.echo("Scheduler started (Asia/Almaty): " + ", ".join(job.name for job in scheduler.get_jobs()))
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown(wait=False)


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
    upgrade(directory=current_app.extensions["migrate"].directory)
    seed_reference_data()
    db.session.commit()
    _load_demo_and_print()
    jobs.refresh_all_deadlines(app)
    # The scheduler is its own process, as in production; mail goes to instance/outbox/ unless MAIL_SERVER is set.
    scheduler = subprocess.Popen([sys.executable, "-m", "flask", "--app", "tracker", "scheduler"])
    click.echo(f"Serving MLA Tracker on http://{host}:{port}/ (Ctrl+C stops it); scheduler pid {scheduler.pid}")
    try:
        # Flask refuses app.run() inside a CLI command; the development server is started directly.
        run_simple(host, port, app, threaded=True, use_reloader=False)
    finally:
        scheduler.terminate()
        scheduler.wait(timeout=10)


def _load_demo_and_print():
    """Loads the demo data once and prints every demo login."""
    logins = load_demo(today=clock.today_local())
    db.session.commit()
    click.echo("Demo logins (email / password / role):")
    for email, password, role in logins:
        click.echo(f"  {email} / {password} / {role}")


def init_app(app: Flask) -> None:
    """Registers the commands on the app."""
    for command in (seed_command, demo_command, quickstart_command, scheduler_command, users_cli, deadlines_cli,
                    digest_cli):
        app.cli.add_command(command)
