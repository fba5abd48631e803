"""Reading an office's existing register from CSV or XLSX, and the import report as text.

The columns are the request list export's, by code or by their heading in kk, ru or en, so an export imports
back; the all-or-nothing registration of the rows is tracker.services.imports.
"""
from datetime import date, datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import ngettext

from tracker.domain.people import Language
from tracker.formats.report_tables import LIST_COLUMNS
from tracker.formats.table_files import ImportFileError, open_table, read_table  # noqa: F401 (read by web.admin)
from tracker.models import User
from tracker.services.import_lookups import norm
from tracker.services.duplicates import RowWarning
from tracker.services.imports import COLUMNS, DERIVED, REQUIRED, ImportReport, Problem, import_rows


# Column codes of earlier versions of the export, still read.
FORMER_CODES = {"owner_email": "owner"}


# A report shown (the import page's, a job's page, the API's answer) lists this many rows with problems, possible
# duplicates and differences, and counts them all; the command line prints them all.
SHOWN_PROBLEMS = 1000


def heading_codes() -> dict[str, str]:
    """Normalized heading -> column code: the codes themselves (and former ones) and the list export's titles in
    kk, ru, en."""
    names = {norm(code): code for code in COLUMNS + DERIVED} | {norm(old): new for old, new in FORMER_CODES.items()}
    for language in Language:
        with force_locale(language.value):
            for code, title in LIST_COLUMNS:
                names.setdefault(norm(title()), code)
    return names



def import_requests(filename: str, data: bytes, *, actor: User, dry_run: bool, today: date,
                    now: datetime, progress=None) -> ImportReport:
    """Reads the file as it checks and registers its rows, all or nothing (tracker.services.imports).

    A file that turns out unreadable or too large part-way is reported alone: what its rows did is undone. A job's
    `progress` (tracker.services.jobs.Progress) is told of each row read, and may stop the import there.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        headings, rows = open_table(filename, data)
        columns = _columns(headings, report)
        if report.problems:
            return report
        if progress is not None:
            rows = progress.rows(rows)
        return import_rows(filename, columns, rows, report, actor=actor, today=today, now=now)
    except ImportFileError as error:
        refused = ImportReport(dry_run=dry_run)
        refused.problems.append(Problem(0, "", str(error)))
        return refused


def _columns(headings: list[str], report: ImportReport) -> dict[int, str]:
    """Position -> column code; unknown, repeated or missing columns are problems on line 1."""
    known = heading_codes()
    columns = {}
    for position, heading in enumerate(headings):
        if not str(heading).strip():
            continue
        code = known.get(norm(heading))
        if code is None:
            report.problems.append(Problem(1, str(heading), _("Unknown column. The columns are: %(columns)s.",
                                                              columns=", ".join(COLUMNS))))
        elif code in columns.values():
            report.problems.append(Problem(1, str(heading), _("This column appears twice.")))
        else:
            columns[position] = code
    for code in REQUIRED:
        if code not in columns.values():
            report.problems.append(Problem(1, code, _("This column is missing.")))
    return columns



def report_lines(report: ImportReport) -> list[str]:
    """The report as plain lines for the command line, in the current locale."""
    lines = [_("Rows: %(rows)d. New: %(new)d. Already registered, unchanged: %(same)d. Changed: %(changed)d.",
               rows=report.rows, new=len(report.new), same=len(report.unchanged), changed=len(report.changed))]
    for problem in report.problems:
        lines.append(_("Line %(line)d, %(column)s: %(message)s", line=problem.line, column=problem.column or "—",
                       message=problem.message))
    for changed in report.changed:
        for column, stored, given in changed.differences:
            lines.append(_("Line %(line)d, %(reference)s: %(column)s is “%(stored)s” in the register and "
                           "“%(given)s” in the file; not changed.", line=changed.line, reference=changed.reference,
                           column=column, stored=stored, given=given))
    for warning in report.warnings:
        lines.append(duplicate_line(warning))
    if report.conflict:
        lines.append(_("While the file was being imported, someone registered one of its registration numbers. "
                       "Nothing was imported; check the file again."))
    elif report.problems:
        lines.append(_("Nothing was imported: correct the rows above and import the file again."))
    elif report.written:
        lines.append(ngettext("Imported %(num)d new request.", "Imported %(num)d new requests.", len(report.new)))
    else:
        lines.append(_("Dry run: nothing was written."))
    return lines


def duplicate_line(warning: RowWarning) -> str:
    """A warning that a new row may duplicate a registered request or an earlier row, as one line of text."""
    if warning.matched_line is not None:
        return _("Line %(line)d, %(reference)s: may duplicate line %(other)d, %(matched)s; matching: %(shared)s.",
                 line=warning.line, reference=warning.reference, other=warning.matched_line,
                 matched=warning.matched_reference, shared=warning.shared)
    return _("Line %(line)d, %(reference)s: may duplicate the registered request %(matched)s; matching: "
             "%(shared)s.", line=warning.line, reference=warning.reference, matched=warning.matched_reference,
             shared=warning.shared)
