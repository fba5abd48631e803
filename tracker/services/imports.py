"""Taking over an office's existing register: every row or none, each bad row named.

The rows come from a file as they are read (tracker.formats.imports) and are checked one by one
(tracker.services.import_checks). The registration number is the key: a row whose number is already registered
is compared with the stored request and reported as unchanged or changed, never written over.
"""
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models import CrimeCategory, Request, Treaty, User
from tracker.services.deadlines import rule_book, treaty_limits
from tracker.services.duplicates import FileDuplicates, RowWarning
from tracker.services.import_checks import (COLUMNS, DERIVED, PERSON_COLUMNS, REQUIRED, Problem, Row,  # noqa: F401
                                            RowReader, parse_date)
from tracker.services.requests import ExistingRequest, register_existing

# Which request attribute each column is compared with when the registration number is already registered.
STORED_AS = {"kind": "kind", "country": "country_code", "authority": "authority", "treaty": "treaty_id",
             "case_number": "case_number", "crime_category": "crime_category_id", "articles": "articles",
             "summary": "summary", "sent_on": "sent_on", "status": "status", "status_on": "status_on",
             "owner": "owner_id", "person_name": "person_name", "person_name_latin": "person_name_latin",
             "person_birth_date": "person_birth_date", "person_citizenship": "person_citizenship",
             "detained_on": "detained_on", "received_abroad_on": "received_abroad_on",
             "acknowledged_on": "acknowledged_on", "foreign_reference": "foreign_reference",
             "surrendered_on": "surrendered_on", "refusal_ground": "refusal_ground"}
BATCH = 500


@dataclass
class Changed:
    """A registered request whose row in the file differs from what is stored: (column, stored, in the file)."""

    line: int
    reference: str
    differences: list[tuple[str, str, str]]


@dataclass
class ImportReport:
    """What an import did, or in a dry run would do."""

    dry_run: bool
    rows: int = 0
    new: list[tuple[int, str]] = field(default_factory=list)
    unchanged: list[tuple[int, str]] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # New rows that may duplicate a registered request or an earlier row: said, never refused.
    warnings: list[RowWarning] = field(default_factory=list)
    written: bool = False
    # Someone registered one of the file's numbers between the check of a batch and its writing: nothing written.
    conflict: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and not self.conflict


def import_rows(filename: str, columns: dict[int, str], rows, report: ImportReport, *, actor: User, today: date,
                now: datetime) -> ImportReport:
    """Checks every row read from the file, and registers the new requests only if no row has a problem.

    `rows` is an iterable of (line, cells), read as the rows are checked: the new requests are registered batch by
    batch inside a savepoint while no problem has been found, and the savepoint is undone if any row (or the
    file, by raising) turns out bad, so memory stays flat for a file of any length. `columns` maps positions to
    column codes; the caller commits when `report.written`; messages are in the current locale.
    """
    _plan_each_lookup()
    reader = RowReader(columns, actor, today)
    writer = None if report.dry_run else _Writer(filename, actor, today, now)
    duplicates = FileDuplicates(reader.access)
    seen, batch = {}, []
    savepoint = db.session.begin_nested()
    try:
        for line, cells in rows:
            report.rows += 1
            row = reader.read(line, cells, report)
            if row is None:
                continue
            if row.reference in seen:
                report.problems.append(Problem(line, "reference", _(
                    "The same registration number is on line %(line)d.", line=seen[row.reference])))
                continue
            seen[row.reference] = line
            batch.append(row)
            if len(batch) == BATCH:
                _settle(batch, report, writer, duplicates)
                batch = []
        _settle(batch, report, writer, duplicates)
    except sa.exc.IntegrityError:
        # A number free when its batch was checked was registered by someone else before the batch was written.
        savepoint.rollback()
        report.conflict = True
        return report
    except BaseException:
        savepoint.rollback()
        raise
    if not report.rows:
        report.problems.append(Problem(1, "", _("The file has headings but no rows.")))
    if report.problems or report.dry_run:
        savepoint.rollback()
        return report
    savepoint.commit()
    report.written = True
    return report


def _plan_each_lookup() -> None:
    """On PostgreSQL, plans each of the import's lookups by registration number afresh for this transaction.

    The driver prepares a statement run five times, and PostgreSQL may then keep one generic plan for it: planned
    while the import's first batches made the table look small, that plan read the whole table for every later
    batch. A 50,000-row register took 87 s instead of 40 s (bench/import_register.py).
    """
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SET LOCAL plan_cache_mode = force_custom_plan"))


def _settle(batch: list[Row], report: ImportReport, writer, duplicates: FileDuplicates) -> None:
    """Sorts a batch of good rows into new, unchanged and changed; warns of new ones that may be duplicates;
    registers the new ones while the file has no problem so far."""
    registered = _registered([row.reference for row in batch])
    fresh = []
    for row in batch:
        stored = registered.get(row.reference)
        if stored is None:
            fresh.append(row)
            report.new.append((row.line, row.reference))
            continue
        differences = _differences(row, stored)
        if differences:
            report.changed.append(Changed(row.line, row.reference, differences))
        else:
            report.unchanged.append((row.line, row.reference))
    # Looked for before the batch is written, so that its rows are not found as registered requests.
    report.warnings += duplicates.check([(row.line, row.reference, row.fields) for row in fresh])
    if writer is not None and fresh and not report.problems:
        writer.register(fresh)


class _Writer:
    """Registers good new rows with the rules and treaty limits read once per file."""

    def __init__(self, filename: str, actor: User, today: date, now: datetime):
        self.filename, self.actor, self.today, self.now = filename, actor, today, now
        self.rules, self.limits = rule_book(), treaty_limits()
        self.note = _("Imported from %(file)s, line %(line)d")  # translated once, filled in per row

    def register(self, rows: list[Row]) -> None:
        items = [ExistingRequest(row.kind, row.fields, row.owner.id, row.sent_on, row.status, row.status_on,
                                 self.note % {"file": self.filename, "line": row.line}) for row in rows]
        register_existing(self.actor, items, rules=self.rules, arrest_limits=self.limits, today=self.today,
                          now=self.now)


def _registered(references: list[str]) -> dict[str, Request]:
    """The stored requests with any of these registration numbers, fetched in chunks."""
    found = {}
    for start in range(0, len(references), BATCH):
        chunk = references[start:start + BATCH]
        for request in db.session.scalars(sa.select(Request).where(Request.reference.in_(chunk))):
            found[request.reference] = request
    return found


def _differences(row: Row, stored: Request) -> list[tuple[str, str, str]]:
    """Columns of the file whose value differs from the stored request: (column, stored, file).

    A column the file leaves out says nothing; nor does an empty status, which only means "sent".
    """
    expected = dict(row.given)
    if "owner" in expected:
        expected["owner"] = row.owner
    if row.given.get("status") is not None:
        expected |= {"status": row.status, "status_on": row.status_on}
    else:
        expected.pop("status", None)
        expected.pop("status_on", None)
    differences = []
    for code, value in expected.items():
        attribute = STORED_AS.get(code)
        if attribute is None or (row.kind != Kind.EXTRADITION and code in PERSON_COLUMNS):
            continue
        theirs = getattr(stored, attribute)
        mine = value.id if isinstance(value, (Treaty, CrimeCategory, User)) else value
        if (mine if mine is not None else "") != (theirs if theirs is not None else ""):
            differences.append((code, _shown(theirs, attribute), _shown(value, attribute)))
    return differences


def _shown(value, attribute) -> str:
    """A value as the report shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Treaty):
        return value.code
    if isinstance(value, CrimeCategory):
        return value.code
    if isinstance(value, User):
        return f"{value.name} <{value.email}>"
    if attribute == "treaty_id":
        treaty = db.session.get(Treaty, value)
        return treaty.code if treaty else str(value)
    if attribute == "crime_category_id":
        category = db.session.get(CrimeCategory, value)
        return category.code if category else str(value)
    if attribute == "owner_id":
        user = db.session.get(User, value)
        return f"{user.name} <{user.email}>" if user else str(value)
    return str(value)
