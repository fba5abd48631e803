"""Supervisors' reports: pending by country (their home page), period statistics, workload, treaties, medians."""
from datetime import date

from flask import Blueprint, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import Optional

from tracker import clock
from tracker.domain.people import SUPERVISING, Role
from tracker.formats.exports import table_response
from tracker.formats.report_header import filter_description, report_header
from tracker.formats.report_tables import (median_table, pending_table, statistics_sections, statistics_table,
                                           statistics_text, treaty_table, workload_table)
from tracker.services import reports
from tracker.services.execution_times import median_days_to_execution
from tracker import labels
from tracker.web.kept_pages import kept_page
from tracker.web.access import current_access, roles_required
from tracker.web.report_links import linked_rows, list_args, treaty_links, workload_links
from tracker.web.report_rows import pending_figures
from tracker.web.downloads import FORMATS, requested_download
from tracker.web.form_helpers import DateField
from tracker.web.params import BadParameters
from tracker.web.request_list import REPORT_FILTERS, filter_choices, parse_filters

bp = Blueprint("reports", __name__, url_prefix="/reports")


@bp.before_request
@roles_required(*SUPERVISING, Role.ADMIN)
def _only_supervisors():
    """Reports are for supervisors (and administrators)."""


class PeriodForm(FlaskForm):
    """The period and the as-of day of a report, read from the query string."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
    as_of = DateField(_l("As of"), validators=[Optional()])

    def resolve(self, today: date, *, as_of_in_period: bool = False) -> tuple[date, date, date, list[str]]:
        """Start, end and as-of with defaults (this year to today), and messages for what was wrong.
        `as_of_in_period`: the figures are those of the period's requests (statistics), so an as-of day typed before a
        period that has started, when none of its requests had been sent yet, is taken as the period's last day (today
        if sooner)."""
        problems = [f"{field.label.text}: {error}" for field in (self.start, self.end, self.as_of)
                    for error in field.errors]
        start = self.start.data or date(today.year, 1, 1)
        end = self.end.data or today
        as_of = self.as_of.data or today
        if start > end:
            problems.append(str(_l("The period starts after it ends; the dates were swapped.")))
            start, end = end, start
        if as_of > today:
            problems.append(str(_l("The as-of day cannot be in the future; today is used.")))
            as_of = today
        if as_of_in_period and self.as_of.data and as_of < start <= today:
            problems.append(str(_l("The as-of day is before the period starts; the period's last day is used.")))
            as_of = min(end, today)
        return start, end, as_of, problems


def _period(today, *, as_of_in_period: bool = False):
    """The period form, validated, and its resolved dates; a download is refused (400) while a date is."""
    form = PeriodForm(request.args)
    form.validate()
    refused = {field.name: " ".join(field.errors) for field in form if field.errors}
    if refused and request.args.get("format") in FORMATS:
        raise BadParameters(refused, {name: form[name].label.text for name in refused})
    return (form, *form.resolve(today, as_of_in_period=as_of_in_period))


def _status(form) -> int:
    """400 when the page shows a refused date (with the report of the default period), else 200."""
    return 400 if any(field.errors for field in form) else 200


def requested_report_filters():
    """Report filters from the same query arguments as the request list: those a report counts by only (kind,
    country, legal basis, crime category, prosecutor). Another of the list's arguments in a report's address (typed,
    or kept from a list) is not read: the figures' links would carry it, and the list they lead to would count
    otherwise than the figure."""
    parsed = parse_filters(request.args, REPORT_FILTERS)
    return reports.ReportFilters(access=current_access(), kind=parsed.kind, treaty=parsed.treaty, crime_category_id=parsed.crime_category_id,
                                 owner_id=parsed.owner_id, country=parsed.country), parsed


def _export(name, title, table, *, filters, as_of, period=None):
    """A CSV or XLSX download when ?format= asks for one, else None. The file starts with a header saying what its
    figures are: title, period, as-of day, filters in words, and when it was made. `table` is the (headings, rows)
    of the download, or a function making them, called only for a download."""
    language = labels.language()
    download = requested_download(request.args, language)
    if download is None:
        return None
    fmt, delimiter = download
    headings, rows = table() if callable(table) else table
    header = report_header(title, period=period, as_of=as_of, made_at=clock.now(),
                           filters=filter_description(filters, language))
    return table_response(fmt, name, str(title), headings, rows, delimiter=delimiter, preamble=header)


@bp.route("/pending-by-country")
@kept_page
def pending_by_country():
    """Open requests per country: by kind, overdue, oldest, age buckets; with a chart and links to the list."""
    today = clock.today_local()
    form, _start, _end, as_of, problems = _period(today)
    filters, parsed = requested_report_filters()
    report = reports.pending_by_country(as_of, today, filters, language=labels.language())
    title = _l("Pending requests by country")
    exported = _export(f"pending-by-country-{as_of.isoformat()}", title, lambda: pending_table(report), filters=parsed,
                       as_of=as_of)
    if exported is not None:
        return exported
    figures = pending_figures(report, parsed, today, list_args(filters) if as_of == today else None)
    return render_template("reports/pending_by_country.html", report=report, form=form, problems=problems,
                           filters=parsed, choices=filter_choices(), figures=figures), _status(form)


@bp.route("/statistics")
def statistics():
    """Period statistics as of a day, in the shape of the office's letters, with the generated paragraph."""
    today = clock.today_local()
    form, start, end, as_of, problems = _period(today, as_of_in_period=True)
    filters, parsed = requested_report_filters()
    if "start" in request.args and not request.args["start"].strip():
        return _statistics_without_start(form, parsed)
    stats = reports.statistics(start, end, as_of, filters)
    language = labels.language()
    title = _l("Statistics")
    exported = _export(f"statistics-{start.isoformat()}-{end.isoformat()}", title, lambda: statistics_table(stats, language),
                       filters=parsed, as_of=as_of, period=(start, end))
    if exported is not None:
        return exported
    sender = statistics_sender(language)
    with_sender = bool(sender) and request.args.get("sender") == "1"
    return render_template("reports/statistics.html", form=form, problems=problems, stats=stats,
                           sections=statistics_sections(stats, language), filters=parsed, choices=filter_choices(),
                           paragraph=statistics_text(stats, language, sender if with_sender else ""),
                           sender=sender, with_sender=with_sender), _status(form)


START_CLEARED = _l("Enter the first day of the period.")


def _statistics_without_start(form, parsed):
    """The statistics form sent with "From" emptied: no period is guessed for it. The form comes back with the
    message next to "From" and every other value as typed, without figures (400); such a download is refused."""
    if request.args.get("format") in FORMATS:
        raise BadParameters({"start": str(START_CLEARED)}, {"start": form.start.label.text})
    problems = [f"{field.label.text}: {error}" for field in (form.end, form.as_of) for error in field.errors]
    return render_template("reports/statistics.html", form=form, problems=problems, stats=None, sections=[],
                           filters=parsed, choices=filter_choices(), paragraph="", sender="", with_sender=False,
                           start_error=START_CLEARED), 400


def statistics_sender(language: str) -> str:
    """The office the paragraph may name as the sender in `language`, from the settings; "" when not set."""
    return current_app.config.get(f"STATISTICS_SENDER_{language.upper()}") or ""


@bp.route("/workload")
def workload():
    """Per prosecutor: pending abroad, drafts and overdue now, executed in the period; with totals, and the figures
    linked to the list."""
    def build(start, end, today, filters):
        found = reports.workload(start, end, today, filters, language=labels.language())
        return workload_table(found), workload_links(found, filters)
    return _period_table("workload", _l("Workload per prosecutor"), build, with_totals=True, note=_l(
        "Pending abroad: sent and not final; drafts: registered, not sent yet; overdue: pending and past the due "
        "date today. Each figure leads to its requests in the register."))


@bp.route("/treaties")
def treaties():
    """Requests sent in the period per treaty and on reciprocity; with totals, and the figures linked to the list."""
    def build(start, end, today, filters):
        found = reports.treaty_use(start, end, filters)
        return treaty_table(found, labels.language()), treaty_links(found, filters, start, end)
    return _period_table("treaties", _l("Use of treaties"), build, with_totals=True, note=_l(
        "Requests sent in the period, by legal basis and kind. Each figure leads to its requests in the register."))


@bp.route("/execution-times")
def execution_times():
    """Median days from sending to execution per country, in whole days."""
    def build(start, end, today, filters):
        return median_table(median_days_to_execution(start, end, filters, language=labels.language())), None
    return _period_table("execution-times", _l("Median days to execution by country"), build, note=_l(
        "Requests executed or extradited in the period: the median of whole days from sending. With an even "
        "number of requests, the mean of the two middle ones, half a day rounded up."))


def _period_table(name, title, build, *, with_totals=False, note=None):
    """A simple report over a period: a table page (its figures linked where `build` gives addresses, its totals
    row set apart), or its export."""
    today = clock.today_local()
    form, start, end, _as_of, problems = _period(today)
    filters, parsed = requested_report_filters()
    (headings, rows), links = build(start, end, today, filters)
    exported = _export(f"{name}-{start.isoformat()}-{end.isoformat()}", title, (headings, rows), filters=parsed,
                       as_of=today, period=(start, end))
    if exported is not None:
        return exported
    cells = linked_rows(rows, links)
    body, totals = (cells[:-1], cells[-1]) if with_totals else (cells, None)
    return render_template("reports/table.html", title=title, form=form, problems=problems, headings=headings,
                           rows=body, totals=totals if body else None, note=note, filters=parsed,
                           choices=filter_choices(), with_as_of=False), _status(form)
