"""Each report as a table (headings and rows in the user's language) for pages, CSV, XLSX and the CLI."""
from flask_babel import gettext as _

from tracker.domain.report_text import KindFigures, statistics_paragraph
from tracker.domain.deadlines import custody_days
from tracker.domain.statuses import Kind
from tracker.services.reports import AGE_BUCKETS, STAT_COLUMNS, Statistics
from tracker import labels


def bucket_title(low, high) -> str:
    """'0–90', '>365'."""
    return f"{low}–{high}" if high is not None else f">{low - 1}"


def pending_table(report):
    """Pending by country with a totals row."""
    headings = [_("Country"), _("Code"), _("MLA requests"), _("Extradition requests"), _("Transfers of proceedings"),
                _("Total open"), _("Overdue"), _("Oldest, days")] + [
                    _("Age %(range)s days", range=bucket_title(*b)) for b in AGE_BUCKETS]
    rows = [[labels.country_name(r.country_code), r.country_code, r.mla, r.extradition, r.transfer, r.total,
             r.overdue, r.oldest_days, *r.buckets] for r in report.rows]
    totals = report.totals
    rows.append([_("Total"), "", totals["mla"], totals["extradition"], totals["transfer"], totals["total"],
                 totals["overdue"], totals["oldest_days"], *totals["buckets"]])
    return headings, rows


STAT_TITLES = {
    "sent": lambda: _("Sent"), "executed": lambda: _("Executed"),
    "partially_executed": lambda: _("of which partially executed"), "extradited": lambda: _("Extradited"),
    "refused": lambda: _("Refused"), "withdrawn": lambda: _("Withdrawn, returned or released abroad"),
    "pending": lambda: _("Still pending"),
}


def statistics_table(stats: Statistics, language: str):
    """Rows per kind and crime category, then a total per kind."""
    headings = [_("Kind"), _("Crime category")] + [STAT_TITLES[c]() for c in STAT_COLUMNS]
    rows = []
    for kind in Kind:
        kind_rows = [row for row in stats.rows if row.kind == kind]
        if kind == Kind.TRANSFER and not kind_rows:
            continue  # the letter's shape: MLA and extradition always, transfers when there are any
        for row in kind_rows:
            category = stats.categories[row.crime_category_id]
            rows.append([str(labels.KIND[kind]), category.name(language), *(row.counts[c] for c in STAT_COLUMNS)])
        totals = stats.totals(kind)
        rows.append([str(labels.KIND[kind]), _("Total"), *(totals[c] for c in STAT_COLUMNS)])
    return headings, rows


def statistics_text(stats: Statistics, language: str) -> str:
    """The paragraph stating the figures the way the office's letters do."""
    def figures(kind, done_column):
        totals = stats.totals(kind)
        return KindFigures(
            sent=totals["sent"], done=totals[done_column], pending=totals["pending"], refused=totals["refused"],
            sent_by_category=tuple((c.phrase(language), n) for c, n in stats.by_category(kind, "sent")),
            done_by_category=tuple((c.phrase(language), n) for c, n in stats.by_category(kind, done_column)))
    return statistics_paragraph(language, figures(Kind.MLA, "executed"), figures(Kind.EXTRADITION, "extradited"),
                                start=stats.start, end=stats.end, as_of=stats.as_of)


def workload_table(rows):
    """Open, overdue and executed-in-period per prosecutor."""
    headings = [_("Prosecutor"), _("Open"), _("Overdue"), _("Executed or extradited in the period")]
    return headings, [[r.name, r.open, r.overdue, r.executed_in_period] for r in rows]


def treaty_table(rows, language: str):
    """Requests sent in the period per legal basis."""
    headings = [_("Legal basis"), _("MLA requests"), _("Extradition requests"), _("Transfers of proceedings"),
                _("Total")]
    return headings, [[r.treaty.short(language) if r.treaty else _("Reciprocity"), r.mla, r.extradition, r.transfer,
                       r.total] for r in rows]


def median_table(rows):
    """Median days from sending to execution per country."""
    headings = [_("Country"), _("Code"), _("Executed or extradited"), _("Median days from sending")]
    return headings, [[labels.country_name(r.country_code), r.country_code, r.executed, round(r.median_days, 1)]
                      for r in rows]


# The request list's columns: the import's column codes (so an export can be imported back) and their titles.
LIST_COLUMNS = [
    ("reference", lambda: _("Registration number")), ("kind", lambda: _("Kind")),
    ("country", lambda: _("Country")), ("authority", lambda: _("Requested authority")),
    ("treaty", lambda: _("Legal basis")), ("case_number", lambda: _("Criminal case number")),
    ("crime_category", lambda: _("Crime category")), ("articles", lambda: _("Criminal Code articles")),
    ("summary", lambda: _("Summary")), ("sent_on", lambda: _("Date sent")), ("status", lambda: _("Status")),
    ("status_on", lambda: _("Status since")), ("owner_email", lambda: _("Responsible prosecutor")),
    ("person_name", lambda: _("Person sought (Cyrillic)")),
    ("person_name_latin", lambda: _("Person sought (Latin letters)")),
    ("person_birth_date", lambda: _("Date of birth")), ("person_citizenship", lambda: _("Citizenship")),
    ("detained_on", lambda: _("Detained abroad on")),
    ("received_abroad_on", lambda: _("Received by the requested state on")),
    ("acknowledged_on", lambda: _("Receipt acknowledged on")),
    ("foreign_reference", lambda: _("Foreign reference number")), ("surrendered_on", lambda: _("Surrendered on")),
    ("refusal_ground", lambda: _("Refusal ground")), ("due_on", lambda: _("Due date")),
    ("custody_days_abroad", lambda: _("Days in custody abroad")),
]


def request_list_headings():
    """Titles of the request list's columns in the user's language."""
    return [title() for _code, title in LIST_COLUMNS]


def request_list_rows(requests):
    """Rows of the request list export in LIST_COLUMNS order, from the named rows `queries.export_rows`
    reads; kind and status by their codes."""
    codes = [code for code, _title in LIST_COLUMNS if code != "custody_days_abroad"]
    for r in requests:
        values = r._mapping
        yield [getattr(values[code], "value", values[code]) if code in ("kind", "status", "refusal_ground")
               else values[code] for code in codes] + [custody_days(values["detained_on"], values["surrendered_on"])]
