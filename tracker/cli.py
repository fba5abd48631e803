"""Flask CLI commands; each calls the same services as the pages and commits once."""
import csv
import json
import os
import sys

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from tracker import clock, labels
from tracker.cli_backup import backup_command, restore_command
from tracker.cli_documents import attachments_cli
from tracker.cli_processes import (  # noqa: F401  (quickstart_public_url: the quickstart's tests read it here)
    demo_command, quickstart_command, quickstart_public_url, scheduler_command, worker_command)
from tracker.domain.people import Language, Role, can_import
from tracker.models import TokenScope, User
from tracker.extensions import db
from tracker.formats import imports, report_tables
from tracker.jobs import tasks as jobs
from tracker.services import list_positions, month_ends, reports
from tracker.services.access import SYSTEM
from tracker.services.errors import FieldErrors
from tracker.services.seed import seed_reference_data
from tracker.services.units import all_units, create_unit, find_unit, units_overview
from tracker.services.users import create_user, find_user, issue_api_token

users_cli = AppGroup("users", help="Manage user accounts.")
units_cli = AppGroup("units", help="Units of the office: who sees whose requests.")
deadlines_cli = AppGroup("deadlines", help="Deadlines of requests.")
digest_cli = AppGroup("digest", help="Weekly overdue digests.")
alerts_cli = AppGroup("alerts", help="Daily alerts on custody deadlines.")
webhooks_cli = AppGroup("webhooks", help="Deliveries to the webhooks of other systems.")
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
@click.option("--unit", "unit_name", default=None, help="Name of the user's unit (see: flask units list); "
                                                        "default: the office's default unit.")
def create_user_command(email, name, role, language, unit_name):
    """Create a user; the password comes from TRACKER_PASSWORD, else a prompt."""
    unit = _named_unit(unit_name) if unit_name is not None else None
    password = os.environ.get("TRACKER_PASSWORD") or click.prompt("Password", hide_input=True,
                                                                  confirmation_prompt=True)
    try:
        user = create_user(email, name, Role(role), Language(language), password, now=clock.now(), unit=unit)
    except FieldErrors as error:
        raise _refusal(error) from None
    db.session.commit()
    with force_locale("en"):
        click.echo(f"Created {user.role} {user.email} in {labels.unit_name(user.unit)}")


def _named_unit(name):
    """The unit the command line names, or a usage error listing the units there are."""
    unit = find_unit(name)
    if unit is None:
        with force_locale("en"):
            names = ", ".join(f'"{labels.unit_name(u)}"' for u in all_units("en"))
        raise click.BadParameter(f'no unit is called "{name}"; the units are: {names}', param_hint="--unit")
    return unit


def _refusal(error: FieldErrors) -> click.ClickException:
    """A service's refusal as the command line says it: each field with its message in English and its code."""
    with force_locale("en"):
        return click.ClickException("; ".join(f"{field}: {labels.error_message(code)} ({code})"
                                              for field, code in error.errors.items()))


@users_cli.command("token")
@click.argument("email")
@click.option("--name", default="CLI", show_default=True, help="What the token is for, as its owner's page lists it")
@click.option("--read-only", is_flag=True, help="The token may only read (GET)")
@click.option("--days", type=click.IntRange(1, 3650), default=365, show_default=True, help="Days until it expires")
def token_command(email, name, read_only, days):
    """Print a new API token for the user; their other tokens stay valid (revoke them on their Tokens page)."""
    user = find_user(email)
    if user is None:
        raise click.ClickException(f"no user {email}")
    token = issue_api_token(user, name[:100], TokenScope.READ if read_only else TokenScope.WRITE, days=days)
    db.session.commit()
    click.echo(token)


@units_cli.command("create")
@click.argument("name")
def create_unit_command(name):
    """Create a unit called NAME; users are put into it with flask users create --unit or on the Users page."""
    try:
        unit = create_unit(name)
    except FieldErrors as error:
        raise _refusal(error) from None
    db.session.commit()
    click.echo(f"Created unit {unit.name}")


@units_cli.command("list")
def list_units_command():
    """Every unit: its name (the default one marked), its number of members and its heads."""
    with force_locale("en"):
        rows = [[labels.unit_name(row.unit), "default" if row.unit.is_default else "", str(row.members),
                 ", ".join(head.name for head in row.heads)] for row in units_overview("en")]
    _print_table("table", ["unit", "default", "members", "heads"], rows, {})


@deadlines_cli.command("refresh")
@TODAY_OPTION
def refresh_deadlines_command(today):
    """Recompute stored due dates and overdue flags of every open request."""
    day = today.date() if today else clock.today_local()
    result = jobs.refresh_all_deadlines(current_app._get_current_object(), day)
    click.echo(f"Deadlines as of {day.isoformat()}: {result['checked']} requests checked, {result['changed']} changed")


search_cli = AppGroup("search", help="The text search's index.")


@search_cli.command("count-terms")
def count_search_terms_command():
    """Count again how many requests hold each trigram of the search index (SQLite; the scheduler does it every
    night), after a large import for instance."""
    terms = jobs.count_search_terms(current_app._get_current_object())
    click.echo(f"{terms} trigrams counted" if db.engine.dialect.name == "sqlite" else
               "Nothing to count: PostgreSQL's trigram index keeps its own statistics")


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


@alerts_cli.command("send")
@TODAY_OPTION
def send_alerts_command(today):
    """Send the custody deadline alerts due that day that have not been sent yet."""
    result = jobs.send_alerts(current_app._get_current_object(), today=today.date() if today else None)
    click.echo(f"Alerts: {result.sent} sent, {result.skipped} skipped (already sent), {len(result.failed)} failed")
    for email, error in result.failed:
        click.echo(f"  failed: {email}: {error}", err=True)
    if result.failed:
        raise SystemExit(1)


@webhooks_cli.command("deliver")
def deliver_webhooks_command():
    """Send the webhook deliveries that are due now, as the scheduler does every minute."""
    result = jobs.deliver_webhooks(current_app._get_current_object())
    click.echo(f"Webhooks: {result.delivered} delivered, {result.failed} failed (retried later), "
               f"{result.given_up} given up, {result.postponed} postponed, {result.purged} old ones purged")


report_cli = AppGroup("report", help="Supervisor reports, as on the pages.")
DATE = click.DateTime(formats=["%Y-%m-%d"])
FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                             show_default=True)
LANG_OPTION = click.option("--lang", "language", type=click.Choice(["kk", "ru", "en"]), default="en",
                           show_default=True, help="Language of headings and text.")


@report_cli.command("pending-by-country")
@click.option("--as-of", type=DATE, default=None, help="Status as of this day (YYYY-MM-DD); default today.")
@FORMAT_OPTION
@LANG_OPTION
def report_pending_command(as_of, fmt, language):
    """Open requests per country: by kind, overdue, oldest age and age buckets."""
    today = clock.today_local()
    day = min(as_of.date(), today) if as_of else today
    with force_locale(language):
        report = reports.pending_by_country(day, today, reports.ReportFilters(access=SYSTEM), language=language)
        headings, rows = report_tables.pending_table(report)
        _print_table(fmt, headings, rows, {"as_of": day.isoformat()})


@report_cli.command("statistics")
@click.option("--from", "start", type=DATE, required=True, help="First day of the period (YYYY-MM-DD).")
@click.option("--to", "end", type=DATE, required=True, help="Last day of the period (YYYY-MM-DD).")
@click.option("--as-of", type=DATE, default=None, help="Status as of this day; default today.")
@FORMAT_OPTION
@LANG_OPTION
def report_statistics_command(start, end, as_of, fmt, language):
    """Requests sent in the period by kind and crime category, with their status as of a day, and the paragraph."""
    if start > end:
        raise click.BadParameter("the period starts after it ends", param_hint="--from/--to")
    day = as_of.date() if as_of else clock.today_local()
    with force_locale(language):
        stats = reports.statistics(start.date(), end.date(), day, reports.ReportFilters(access=SYSTEM))
        headings, rows = report_tables.statistics_table(stats, language)
        text = report_tables.statistics_text(stats, language)
        _print_table(fmt, headings, rows, {"from": start.date().isoformat(), "to": end.date().isoformat(),
                                           "as_of": day.isoformat(), "text": text})
        if fmt == "table":
            click.echo("")
            click.echo(text)


@report_cli.command("check-month-ends")
def report_check_month_ends_command():
    """Compare the statuses kept at month ends with the history; exit status 1 if they differ."""
    found = month_ends.differences()
    if found.none:
        click.echo("The statuses kept at month ends agree with the history.")
        return
    if found.missing or found.extra:
        click.echo(f"The statuses kept at month ends differ from the history: {found.missing} rows missing or "
                   f"different, {found.extra} rows that should not be there. Run `flask report rebuild-month-ends`.")
    if found.status_dates_off or found.sent_before_history:
        click.echo(f"Requests disagree with their own history (written around the app): {found.status_dates_off} "
                   f"with a status date other than their latest status entry's day, {found.sent_before_history} sent "
                   f"before their first status entry. Their figures as of a past day cannot be trusted until their "
                   f"history is put right.")
    sys.exit(1)


@report_cli.command("rebuild-month-ends")
def report_rebuild_month_ends_command():
    """Write the statuses kept at month ends again from the history, in one transaction."""
    written = month_ends.rebuild()
    db.session.commit()
    click.echo(f"{written} statuses at month ends written from the history.")


@report_cli.command("check-positions")
def report_check_positions_command():
    """Compare the live requests the database counts by stretches of the list with a count of them; exit status 1
    if they differ."""
    found = list_positions.differences()
    if not found:
        click.echo("The list's stretches hold as many live requests as they say.")
        return
    for item in found:
        where = "The whole register" if item.starts_at is None else f"The stretch from {item.starts_at}"
        click.echo(f"{where} says {item.kept} live requests and holds {item.counted}.")
    click.echo("Run `flask report rebuild-positions`.")
    sys.exit(1)


@report_cli.command("rebuild-positions")
def report_rebuild_positions_command():
    """Set the stretches of the list again and count each, in one transaction (the scheduler does it every night)."""
    stretches = jobs.rebuild_positions(current_app._get_current_object())
    click.echo(f"{stretches} stretches of the list set and counted.")


def _print_table(fmt, headings, rows, meta):
    """Prints a report table as aligned text, CSV or JSON."""
    if fmt == "json":
        click.echo(json.dumps({**meta, "columns": headings, "rows": rows}, ensure_ascii=False, default=str, indent=1))
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(headings)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
        return
    cells = [[str(h) for h in headings]] + [["—" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headings))]
    for row in cells:
        click.echo("  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip())


i18n_cli = AppGroup("i18n", help="Translations: extract the strings, update and compile the kk and ru catalogs.")
TRANSLATIONS = os.path.join(os.path.dirname(__file__), "translations")
PROJECT_ROOT = os.path.dirname(os.path.dirname(__file__))
CATALOG_LANGUAGES = ("kk", "ru")


def _pybabel(*args: str) -> None:
    """Runs one pybabel command from the project's root; stops with its exit status if it fails."""
    from babel.messages.frontend import CommandLineInterface

    previous = os.getcwd()
    os.chdir(PROJECT_ROOT)
    try:
        status = CommandLineInterface().run(["pybabel", "-q", *args])
    finally:
        os.chdir(previous)
    if status:
        sys.exit(status)


@i18n_cli.command("extract")
def i18n_extract_command():
    """Collects every marked string of the code and templates into translations/messages.pot."""
    _pybabel("extract", "-F", os.path.join(TRANSLATIONS, "babel.cfg"), "-k", "_l", "-k", "lazy_gettext",
             "-k", "ngettext:1,2", "--no-location", "--sort-output", "--width", "100",
             "--project", "MLA Tracker", "-o", os.path.join(TRANSLATIONS, "messages.pot"), ".")


@i18n_cli.command("update")
def i18n_update_command():
    """Brings the kk and ru catalogs in line with messages.pot (new strings arrive untranslated)."""
    for language in CATALOG_LANGUAGES:
        catalog = os.path.join(TRANSLATIONS, language, "LC_MESSAGES", "messages.po")
        if os.path.exists(catalog):
            _pybabel("update", "-i", os.path.join(TRANSLATIONS, "messages.pot"), "-d", TRANSLATIONS, "-l", language,
                     "--no-fuzzy-matching", "--ignore-obsolete", "--width", "100")
        else:
            _pybabel("init", "-i", os.path.join(TRANSLATIONS, "messages.pot"), "-d", TRANSLATIONS, "-l", language,
                     "--width", "100")


@i18n_cli.command("compile")
def i18n_compile_command():
    """Compiles the catalogs to the .mo files the app reads (shipped in the repository)."""
    _pybabel("compile", "-d", TRANSLATIONS, "--statistics")


@click.command("openapi")
def openapi_command():
    """Print the API's OpenAPI description as GET /api/v1/openapi.json serves it (for linters, client generators)."""
    from tracker.web.api.openapi import document

    click.echo(json.dumps(document(), ensure_ascii=False, indent=2))


import_cli = AppGroup("import", help="Take over an existing register.")


@import_cli.command("requests")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the file and report what would happen; write nothing.")
@click.option("--as", "actor_email", default=None,
              help="Email of the supervisor or administrator recorded as registering the requests; "
                   "default: the first active administrator.")
@LANG_OPTION
def import_requests_command(path, dry_run, actor_email, language):
    """Registers the requests of a CSV or XLSX register: all rows or none. Exit status 1 when a row is bad."""
    actor = find_user(actor_email) if actor_email else db.session.scalar(
        sa.select(User).where(User.role == Role.ADMIN, User.active).order_by(User.id))
    if actor is None or not actor.active or not can_import(actor.role):
        raise click.UsageError("the import needs an active supervisor or administrator (--as EMAIL)")
    with open(path, "rb") as source:
        data = source.read()
    with force_locale(language):
        report = imports.import_requests(os.path.basename(path), data, actor=actor, dry_run=dry_run,
                                         today=clock.today_local(), now=clock.now())
        if report.written:
            db.session.commit()
            if not list_positions.set_again_after_import():
                click.echo("The list's stretches were not set again (writers held the requests): the nightly job will.")
        else:
            db.session.rollback()
        for line in imports.report_lines(report):
            click.echo(line)
    if not report.ok:
        sys.exit(1)


def init_app(app: Flask) -> None:
    """Registers the commands on the app."""
    for command in (backup_command, restore_command, seed_command, demo_command, quickstart_command, scheduler_command, worker_command, users_cli, deadlines_cli,
                    units_cli, digest_cli, alerts_cli, webhooks_cli, report_cli, import_cli, i18n_cli, openapi_command,
                    attachments_cli, search_cli):
        app.cli.add_command(command)
