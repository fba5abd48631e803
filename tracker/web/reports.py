"""Supervisors' reports: pending by country (their home page), period statistics, workload, treaties, medians."""
from datetime import date

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import Optional

from tracker import clock
from tracker.domain.people import Role
from tracker.formats.exports import table_response
from tracker.formats.report_tables import (median_table, pending_table, statistics_table, statistics_text, treaty_table,
                                   workload_table)
from tracker.services import queries, reports
from tracker import labels
from tracker.web.access import roles_required
from tracker.web.request_list import parse_filters

bp = Blueprint("reports", __name__, url_prefix="/reports")
EXPORT_FORMATS = ("csv", "xlsx")


@bp.before_request
@roles_required(Role.SUPERVISOR, Role.ADMIN)
def _only_supervisors():
    """Reports are for supervisors (and administrators)."""


class PeriodForm(FlaskForm):
    """The period and the as-of day of a report, read from the query string."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
    as_of = DateField(_l("As of"), validators=[Optional()])

    def resolve(self, today: date) -> tuple[date, date, date, list[str]]:
        """Start, end and as-of with defaults (this year to today), and messages for what was wrong."""
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
        return start, end, as_of, problems


def _period(today):
    """The period form, validated, and its resolved dates."""
    form = PeriodForm(request.args)
    form.validate()
    return (form, *form.resolve(today))


def _filters():
    """Report filters from the same query arguments as the request list."""
    parsed = parse_filters(request.args)
    return reports.ReportFilters(kind=parsed.kind, treaty=parsed.treaty, crime_category_id=parsed.crime_category_id,
                                 owner_id=parsed.owner_id), parsed


def _export(name, title, table):
    """A CSV or XLSX download when ?format= asks for one, else None."""
    fmt = request.args.get("format")
    if fmt not in EXPORT_FORMATS:
        return None
    headings, rows = table
    return table_response(fmt, name, str(title), headings, rows)


def _choices():
    """Options of the filter controls."""
    return {"treaties": queries.treaties(active_only=False), "owners": queries.assignable_users(),
            "categories": queries.crime_categories()}


@bp.route("/pending-by-country")
def pending_by_country():
    """Open requests per country: by kind, overdue, oldest, age buckets; with a chart and links to the list."""
    today = clock.today_local()
    form, _start, _end, as_of, problems = _period(today)
    filters, parsed = _filters()
    report = reports.pending_by_country(as_of, today, filters)
    title = _l("Pending requests by country")
    exported = _export(f"pending-by-country-{as_of.isoformat()}", title, pending_table(report))
    if exported is not None:
        return exported
    return render_template("reports/pending_by_country.html", report=report, form=form, problems=problems,
                           filters=parsed, choices=_choices(), buckets=reports.AGE_BUCKETS, today=today,
                           chart=_chart(report))


def _chart(report, limit=15):
    """Bars for the countries with most open requests: name, count and percent width of each kind, total."""
    top = report.rows[:limit]
    widest = max((row.total for row in top), default=0) or 1
    bars = []
    for row in top:
        bar = {"code": row.country_code, "name": labels.country_name(row.country_code), "total": row.total}
        for kind in ("mla", "extradition", "transfer"):
            bar[kind] = getattr(row, kind)
            bar[f"{kind}_width"] = 100 * bar[kind] / widest
        bars.append(bar)
    return bars


@bp.route("/statistics")
def statistics():
    """Period statistics as of a day, in the shape of the office's letters, with the generated paragraph."""
    today = clock.today_local()
    form, start, end, as_of, problems = _period(today)
    filters, parsed = _filters()
    stats = reports.statistics(start, end, as_of, filters)
    language = labels.language()
    title = _l("Statistics")
    exported = _export(f"statistics-{start.isoformat()}-{end.isoformat()}", title, statistics_table(stats, language))
    if exported is not None:
        return exported
    headings, rows = statistics_table(stats, language)
    return render_template("reports/statistics.html", form=form, problems=problems, stats=stats, headings=headings,
                           rows=rows, paragraph=statistics_text(stats, language), filters=parsed, choices=_choices())


@bp.route("/workload")
def workload():
    """Per prosecutor: open and overdue now, executed in the period."""
    return _period_table("workload", _l("Workload per prosecutor"),
                         lambda start, end, today, filters: workload_table(reports.workload(start, end, today, filters)))


@bp.route("/treaties")
def treaties():
    """Requests sent in the period per treaty and on reciprocity."""
    return _period_table("treaties", _l("Use of treaties"),
                         lambda start, end, today, filters: treaty_table(reports.treaty_use(start, end, filters),
                                                                       labels.language()))


@bp.route("/execution-times")
def execution_times():
    """Median days from sending to execution per country."""
    return _period_table("execution-times", _l("Median days to execution by country"),
                         lambda start, end, today, filters: median_table(
                             reports.median_days_to_execution(start, end, filters)))


def _period_table(name, title, build):
    """A simple report over a period: a table page, or its export."""
    today = clock.today_local()
    form, start, end, _as_of, problems = _period(today)
    filters, parsed = _filters()
    headings, rows = build(start, end, today, filters)
    exported = _export(f"{name}-{start.isoformat()}-{end.isoformat()}", title, (headings, rows))
    if exported is not None:
        return exported
    return render_template("reports/table.html", title=title, form=form, problems=problems, headings=headings,
                           rows=rows, filters=parsed, choices=_choices(), with_as_of=False)
