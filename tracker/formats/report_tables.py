"""Each report as a table (headings and rows in the user's language) for pages, CSV, XLSX and the CLI."""
import functools
import itertools

from flask_babel import gettext as _
from flask_babel import pgettext

from tracker.domain.access import PERSONAL_FIELDS, Access
from tracker.domain.report_text import CategoryScope, KindFigures, statistics_paragraph
from tracker.domain.deadlines import custody_days
from tracker.domain.statuses import Kind
from tracker.services.attachments import attachment_counts
from tracker.services.reports import AGE_BUCKETS, OUTCOMES, Statistics
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


# Column titles of the outcomes: how many requests ended so ("Выдано 7"), which in kk and ru is worded apart from
# the status of one request ("Выдан"), hence the context.
OUTCOME_TITLES = {
    "executed": lambda: pgettext("statistics", "Executed"),
    "partially_executed": lambda: pgettext("statistics", "Partially executed"),
    "extradited": lambda: pgettext("statistics", "Extradited"),
    "granted": lambda: pgettext("statistics", "Granted, awaiting surrender"),
    "accepted": lambda: pgettext("statistics", "Accepted for proceedings"),
    "pending": lambda: pgettext("statistics", "Under consideration abroad"),
    "refused": lambda: pgettext("statistics", "Refused"),
    "returned": lambda: pgettext("statistics", "Returned for completion"),
    "released_abroad": lambda: pgettext("statistics", "Released abroad"),
    "withdrawn": lambda: pgettext("statistics", "Withdrawn"),
}
# The columns of the statistics export: every outcome of any kind; a cell of an outcome the row's kind does not
# have stays empty, so the filled cells of a row add up to its "sent".
EXPORT_OUTCOMES = ("executed", "partially_executed", "extradited", "granted", "accepted", "pending", "refused",
                   "returned", "released_abroad", "withdrawn")


def statistics_sections(stats: Statistics, language: str):
    """One table per kind the report states: its outcome columns, a row per crime category, then the total."""
    sections = []
    for kind in stats.kinds():
        names = OUTCOMES[kind]
        rows = [(stats.categories[row.crime_category_id], row) for row in stats.rows if row.kind == kind]
        sections.append({"kind": kind, "title": str(labels.KIND[kind]), "outcomes": names,
                         "headings": [_("Crime category"), _("Sent")] + [OUTCOME_TITLES[n]() for n in names],
                         "rows": [(category, [category.name(language), row.sent, *(row.outcomes[n] for n in names)])
                                  for category, row in rows],
                         "total": [_("Total"), *_figures(stats.totals(kind), names)]})
    return sections


def _figures(row, names):
    return [row.sent, *(row.outcomes[n] for n in names)]


def statistics_table(stats: Statistics, language: str):
    """The statistics as one table for CSV and XLSX: a row per kind and crime category, then a total per kind."""
    headings = [_("Kind"), _("Crime category"), _("Sent")] + [OUTCOME_TITLES[n]() for n in EXPORT_OUTCOMES]
    rows = []

    def line(kind, title, row):
        return [str(labels.KIND[kind]), title, row.sent,
                *(row.outcomes[n] if n in OUTCOMES[kind] else None for n in EXPORT_OUTCOMES)]
    for kind in stats.kinds():
        rows.extend(line(kind, stats.categories[row.crime_category_id].name(language), row)
                    for row in stats.rows if row.kind == kind)
        rows.append(line(kind, _("Total"), stats.totals(kind)))
    return headings, rows


# The main outcome of each kind, broken down by crime category in the paragraph as the letter does.
MAIN_OUTCOME = {Kind.MLA: "executed", Kind.EXTRADITION: "extradited", Kind.TRANSFER: "accepted"}


def statistics_text(stats: Statistics, language: str, sender: str = "") -> str:
    """The paragraph stating the figures the way the office's letters do.

    Like the letter, extradition requests and transfers are broken down by crime category (sent, and the main
    outcome) when the period holds more than one category of them; MLA requests are stated in total.
    """
    figures = []
    for kind in stats.kinds():
        totals = stats.totals(kind)
        sent_by = stats.by_category(kind)
        broken_down = kind != Kind.MLA and len(sent_by) > 1
        main = MAIN_OUTCOME[kind]
        figures.append(KindFigures(
            kind=kind.value, sent=totals.sent, outcomes=dict(totals.outcomes),
            sent_by_category=tuple((c.phrase(language), n) for c, n in sent_by) if broken_down else (),
            outcome_by_category={main: tuple((c.phrase(language), n) for c, n in stats.by_category(kind, main))}
            if broken_down else {}))
    chosen = [stats.categories[i] for i in stats.filters.crime_category_id if i in stats.categories]
    scope = [CategoryScope(word=c.scope(language), name=c.name(language)) for c in chosen]  # in the order chosen
    return statistics_paragraph(language, figures, start=stats.start, end=stats.end, as_of=stats.as_of,
                                scope=scope, sender=sender)


def workload_table(rows):
    """Per prosecutor: pending abroad (sent, not final), drafts, overdue (pending and past due), executed or
    extradited in the period; then the totals row."""
    headings = [_("Prosecutor"), _("Pending abroad"), _("Drafts"), _("Overdue"),
                _("Executed or extradited in the period")]
    body = [[r.name, r.pending, r.drafts, r.overdue, r.executed_in_period] for r in rows]
    return headings, body + [[_("Total"), *_column_sums(body, len(headings))]]


def treaty_table(rows, language: str):
    """Requests sent in the period per legal basis, by kind; then the totals row."""
    headings = [_("Legal basis"), _("MLA requests"), _("Extradition requests"), _("Transfers of proceedings"),
                _("Total")]
    body = [[r.treaty.short(language) if r.treaty else _("Reciprocity"), r.mla, r.extradition, r.transfer, r.total]
            for r in rows]
    return headings, body + [[_("Total"), *_column_sums(body, len(headings))]]


def _column_sums(rows, width: int) -> list[int]:
    """The sum of each column but the first, of rows `width` cells wide."""
    return [sum(row[i] for row in rows) for i in range(1, width)]


def median_table(rows):
    """Median days from sending to execution per country, in whole days."""
    headings = [_("Country"), _("Code"), _("Executed or extradited"), _("Median days from sending")]
    return headings, [[labels.country_name(r.country_code), r.country_code, r.executed, r.median_days]
                      for r in rows]


# The request list's columns: the import's column codes (so an export can be imported back) and their titles.
LIST_COLUMNS = [
    ("reference", lambda: _("Registration number")), ("kind", lambda: _("Kind")),
    ("country", lambda: _("Country")), ("authority", lambda: _("Requested authority")),
    ("treaty", lambda: _("Legal basis")), ("case_number", lambda: _("Criminal case number")),
    ("crime_category", lambda: _("Crime category")), ("articles", lambda: _("Criminal Code articles")),
    ("summary", lambda: _("Summary")), ("sent_on", lambda: _("Date sent")), ("status", lambda: _("Status")),
    ("status_on", lambda: _("Status since")), ("owner", lambda: _("Responsible prosecutor")),
    ("person_name", lambda: _("Person sought (Cyrillic)")),
    ("person_name_latin", lambda: _("Person sought (Latin letters)")),
    ("person_birth_date", lambda: _("Date of birth")), ("person_citizenship", lambda: _("Citizenship")),
    ("detained_on", lambda: _("Detained abroad on")),
    ("received_abroad_on", lambda: _("Received by the requested state on")),
    ("acknowledged_on", lambda: _("Receipt acknowledged on")),
    ("foreign_reference", lambda: _("Foreign reference number")), ("surrendered_on", lambda: _("Surrendered on")),
    ("refusal_ground", lambda: _("Refusal ground")), ("due_on", lambda: _("Due date")),
    ("custody_days_abroad", lambda: _("Days in custody abroad")), ("documents", lambda: _("Documents")),
]
# The columns worked out after the request's own: not read from the export's named rows.
COMPUTED_COLUMNS = ("custody_days_abroad", "documents")
# How many requests' documents are counted in one query while an export streams.
COUNT_BATCH = 500


def request_list_headings():
    """Titles of the request list's columns in the user's language."""
    return [title() for _code, title in LIST_COLUMNS]


def request_list_rows(requests, language: str, *, access: Access):
    """Rows of the request list export in LIST_COLUMNS order, from the named rows `queries.export_rows` reads
    (names of treaty, category and owner already in `language`), as the user reads them: kind, status and refusal
    ground by their labels, countries by their names in `language`, no treaty as reciprocity, dates as dates.
    The import reads every one of these back (the count of documents it reads past). The person sought's columns are
    masked for whoever `access` keeps from personal data (the administrator), whose reading `access` is always named.
    The documents kept are counted for a batch of rows at a time, not a query per row."""
    codes = [code for code, _title in LIST_COLUMNS if code not in COMPUTED_COLUMNS]
    personal = [(place, code) for place, code in enumerate(codes) if code in PERSONAL_FIELDS]
    country = functools.cache(lambda code: labels.country_name(code, language))
    reciprocity = str(labels.RECIPROCITY)
    named = {"kind": {kind: str(title) for kind, title in labels.KIND.items()}.get,
             "status": {status: str(title) for status, title in labels.STATUS.items()}.get,
             "refusal_ground": {ground: str(title) for ground, title in labels.GROUND.items()}.get,
             "country": country, "person_citizenship": country, "treaty": lambda name: name or reciprocity}
    requests = iter(requests)
    while batch := list(itertools.islice(requests, COUNT_BATCH)):
        documents = attachment_counts([r.id for r in batch])
        for r in batch:
            values = r._mapping
            row = [named[code](values[code]) if code in named else values[code] for code in codes]
            for place, code in personal:
                row[place] = access.shown(code, row[place])
            yield row + [custody_days(values["detained_on"], values["surrendered_on"]), documents.get(r.id, 0)]
