"""Taking over an office's existing register: every row or none, each bad row named.

The rows come already read from a file (tracker.formats.imports). The registration number is the key: a row whose
number is already registered is compared with the stored request and reported as unchanged or changed, never
written over.
"""
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from tracker import labels
from tracker.domain.case_numbers import normalise_case_number
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status, allowed_next, statuses_of
from tracker.extensions import db
from tracker.models import CrimeCategory, Request, Treaty, User
from tracker.services.deadlines import rule_book, treaty_limits
from tracker.services.import_lookups import Lookups, norm
from tracker.services.requests import ExistingRequest, field_problems, register_existing

COLUMNS = ("reference", "kind", "country", "authority", "treaty", "case_number", "crime_category", "articles",
           "summary", "sent_on", "status", "status_on", "owner", "person_name", "person_name_latin",
           "person_birth_date", "person_citizenship", "detained_on", "received_abroad_on", "acknowledged_on",
           "foreign_reference", "surrendered_on", "refusal_ground")
REQUIRED = ("reference", "kind", "country", "case_number", "crime_category")
# Written by the list export, derived from the rules, so read past on import.
DERIVED = ("due_on", "custody_days_abroad")
PERSON_COLUMNS = ("person_name", "person_name_latin", "person_birth_date", "person_citizenship", "detained_on",
                  "received_abroad_on", "surrendered_on")
TEXT_LIMITS = {"reference": 60, "authority": 300, "case_number": 40, "articles": 200, "summary": 10000,
               "person_name": 300, "person_name_latin": 300, "foreign_reference": 120}
DATE_COLUMNS = ("sent_on", "status_on", "person_birth_date", "detained_on", "received_abroad_on", "acknowledged_on",
                "surrendered_on")
# Which request attribute each column is compared with when the registration number is already registered.
STORED_AS = {"kind": "kind", "country": "country_code", "authority": "authority", "treaty": "treaty_id",
             "case_number": "case_number", "crime_category": "crime_category_id", "articles": "articles",
             "summary": "summary", "sent_on": "sent_on", "status": "status", "status_on": "status_on",
             "owner": "owner_id", "person_name": "person_name", "person_name_latin": "person_name_latin",
             "person_birth_date": "person_birth_date", "person_citizenship": "person_citizenship",
             "detained_on": "detained_on", "received_abroad_on": "received_abroad_on",
             "acknowledged_on": "acknowledged_on", "foreign_reference": "foreign_reference",
             "surrendered_on": "surrendered_on", "refusal_ground": "refusal_ground"}
# Import columns checked by the request's field rules, and the request fields they fill.
COLUMN_FIELDS = {"country": "country_code", "person_birth_date": "person_birth_date", "detained_on": "detained_on",
                 "surrendered_on": "surrendered_on"}
FIELD_COLUMNS = {name: column for column, name in COLUMN_FIELDS.items()} | {"treaty_id": "treaty"}
BATCH = 500


@dataclass
class Problem:
    """Why one cell or row (line 1 is the headings) cannot be imported."""

    line: int
    column: str
    message: str


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
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Row:
    """One good row, parsed: the request's fields and its status."""

    line: int
    reference: str
    kind: Kind
    fields: dict
    owner: User
    sent_on: date | None
    status: Status
    status_on: date
    given: dict  # column -> parsed value, for the columns the file has


def parse_date(value) -> date:
    """A date given as YYYY-MM-DD or DD.MM.YYYY (or a spreadsheet date cell)."""
    if isinstance(value, date):
        return value
    text = value.strip()
    try:
        if len(text) == 10 and text[4] == "-":
            parsed = date.fromisoformat(text)
        elif len(text) == 10 and text[2] == "." and text[5] == ".":
            parsed = date(int(text[6:]), int(text[3:5]), int(text[:2]))
        else:
            raise ValueError(text)
    except ValueError:
        raise ValueError(_("Expected a date as YYYY-MM-DD or DD.MM.YYYY.")) from None
    if parsed.year < 1900:
        raise ValueError(_("Expected a date as YYYY-MM-DD or DD.MM.YYYY."))
    return parsed


class _RowReader:
    """Parses and checks rows against the register as it stands, collecting problems."""

    def __init__(self, columns: dict[int, str], actor: User, today: date):
        self.columns = columns  # position -> column code
        self.present = set(columns.values())
        self.actor = actor
        self.today = today
        self.lookups = Lookups()

    def read(self, line: int, cells: list, report: ImportReport) -> _Row | None:
        """The parsed row, or None after adding its problems to the report."""
        problems = []

        def problem(column, message):
            problems.append(Problem(line, column, str(message)))

        raw = {code: "" for code in COLUMNS}
        for position, cell in enumerate(cells):
            code = self.columns.get(position)
            if code in DERIVED:
                continue
            if code in raw:
                raw[code] = cell if isinstance(cell, date) else str(cell).strip()
            elif code is None and cell not in (None, ""):
                problem("", _("A value stands in a column without a heading."))
        given = {}
        for code in COLUMNS:
            if code not in self.present:
                continue
            value = raw[code]
            if value == "" and code in REQUIRED:
                problem(code, labels.error_message("required"))
                continue
            try:
                given[code] = self._parse(code, value)
            except ValueError as error:
                problem(code, error)
        row = self._check(line, given, problem)
        report.problems.extend(problems)
        return None if problems else row

    def _parse(self, code, value):
        """One cell as the value the register stores."""
        if isinstance(value, date) and code not in DATE_COLUMNS:
            value = value.strftime("%d.%m.%Y")
        if code == "case_number":
            value = normalise_case_number(value)
        if code in TEXT_LIMITS:
            if len(value) > TEXT_LIMITS[code]:
                raise ValueError(_("At most %(num)d characters.", num=TEXT_LIMITS[code]))
            return value
        if value == "":
            return None
        if code in DATE_COLUMNS:
            return parse_date(value)
        lookups = self.lookups
        if code == "kind":
            return self._find(lookups.kinds, value, lambda: _("Expected “mla”, “extradition” or “transfer”."))
        if code == "refusal_ground":
            return self._find(lookups.grounds, value, lambda: _("This refusal ground is not known."))
        if code == "status":
            return self._find(lookups.statuses, value, lambda: _("This status is not known."))
        if code in ("country", "person_citizenship"):
            return self._find(lookups.countries, value, lambda: _("No country has this code or name."))
        if code == "treaty":
            if norm(value) in lookups.reciprocity:
                return None
            if norm(value) in lookups.shared_treaty_names:
                raise ValueError(_("More than one treaty has this name; give the treaty's code."))
            return self._find(lookups.treaties, value, lambda: labels.error_message("unknown_treaty"))
        if code == "crime_category":
            return self._find(lookups.categories, value, lambda: _("No crime category has this code or name."))
        if code == "owner":
            return self._owner(value)
        raise AssertionError(code)

    def _owner(self, value) -> User:
        """The user with this email address, or the one active user of this name."""
        found = self.lookups.owners(value)
        if len(found) > 1:
            raise ValueError(_("More than one user has this name; give the email address instead."))
        if not found:
            raise ValueError(_("No user has this email address or name."))
        return found[0]

    @staticmethod
    def _find(table, value, message):
        """The value the table has for this text, or ValueError with message()."""
        found = table.get(norm(value))
        if found is None:
            raise ValueError(message())
        return found

    def _check(self, line, given, problem) -> _Row | None:
        """Checks across columns; returns the row when its required parts parsed."""
        kind = given.get("kind")
        if kind is None:
            return None
        for code in ("sent_on", "status_on"):
            if given.get(code) is not None and given[code] > self.today:
                problem(code, labels.error_message("future_date"))
        treaty = given.get("treaty")
        as_fields = {name: given.get(column) for column, name in COLUMN_FIELDS.items()}
        for name, code in field_problems(kind, as_fields, treaty, today=self.today,
                                         day=given.get("sent_on") or self.today,
                                         treaties=self.lookups.register).items():
            problem(FIELD_COLUMNS[name], labels.error_message(code))
        if kind != Kind.EXTRADITION:
            for code in PERSON_COLUMNS:
                if given.get(code) not in (None, ""):
                    problem(code, _("Only extradition requests have this column filled in."))
        owner = given.get("owner")
        if owner is None:
            owner = self.actor
            if owner.role == Role.ADMIN:
                problem("owner", _("Give the responsible prosecutor's name or email address."))
        elif owner.role not in (Role.PROSECUTOR, Role.SUPERVISOR) or not owner.active:
            problem("owner", labels.error_message("not_assignable"))
        sent_on, status, status_on = self._status(kind, given, problem)
        self._after_sending(given, sent_on, status, problem)
        if None in (given.get("reference"), given.get("country"), given.get("case_number"),
                    given.get("crime_category")) or status is None:
            return None
        fields = {"reference": given["reference"], "country_code": given["country"],
                  "authority": given.get("authority") or "", "treaty_id": treaty.id if treaty else None,
                  "case_number": given["case_number"], "crime_category_id": given["crime_category"].id,
                  "articles": given.get("articles") or "", "summary": given.get("summary") or "", "in_custody": False}
        if kind == Kind.EXTRADITION:
            citizenship = given.get("person_citizenship")
            fields |= {"person_name": given.get("person_name") or "",
                       "person_name_latin": given.get("person_name_latin") or "",
                       "person_birth_date": given.get("person_birth_date"), "person_citizenship": citizenship,
                       "detained_on": given.get("detained_on"), "decision": "",
                       "surrendered_on": given.get("surrendered_on") or (status_on if status == Status.EXTRADITED
                                                                         else None),
                       "received_abroad_on": given.get("received_abroad_on")}
        fields |= {"acknowledged_on": given.get("acknowledged_on"), "foreign_reference": given.get("foreign_reference") or "",
                   "refusal_ground": given.get("refusal_ground")}
        return _Row(line, given["reference"], kind, fields, owner, sent_on, status, status_on, given)

    def _after_sending(self, given, sent_on, status, problem):
        """What the foreign side confirmed is dated after sending; a refusal ground goes with a refusal only."""
        for code in ("received_abroad_on", "acknowledged_on"):
            day = given.get(code)
            if day is None:
                continue
            if sent_on is None:
                problem(code, labels.error_message("not_with_foreign_side"))
            elif day < sent_on:
                problem(code, labels.error_message("before_sending"))
            elif day > self.today:
                problem(code, labels.error_message("future_date"))
        if given.get("refusal_ground") is not None and status not in (None, Status.REFUSED):
            problem("refusal_ground", labels.error_message("ground_not_applicable"))

    def _status(self, kind, given, problem):
        """Date sent, status and status date, as the workflow allows them."""
        sent_on, status_on = given.get("sent_on"), given.get("status_on")
        status = given.get("status") or (Status.SENT if sent_on else Status.DRAFT)
        if status not in statuses_of(kind):
            problem("status", _("Requests of this kind do not have this status."))
            return sent_on, None, None
        if sent_on is None:
            unsent = (Status.DRAFT,) + tuple(s for s in allowed_next(kind, Status.DRAFT) if s != Status.SENT)
            if status not in unsent:
                problem("sent_on", _("A request with this status has been sent: give the date sent."))
                return sent_on, None, None
            if status != Status.DRAFT and status_on is None:
                problem("status_on", _("Give the date of this status."))
            return sent_on, status, status_on or self.today
        if status == Status.DRAFT:
            problem("status", _("A draft has not been sent: leave the date sent empty."))
            return sent_on, None, None
        if status == Status.SENT:
            if status_on is not None and status_on != sent_on:
                problem("status_on", _("For the status “sent” the status date is the date sent."))
            return sent_on, status, sent_on
        if status_on is None:
            problem("status_on", _("Give the date of this status."))
            return sent_on, None, None
        if status_on < sent_on:
            problem("status_on", labels.error_message("before_sending"))
        return sent_on, status, status_on



def import_rows(filename: str, columns: dict[int, str], rows: list[tuple[int, list]], report: ImportReport, *,
                actor: User, today: date, now: datetime) -> ImportReport:
    """Checks every row read from the file, and registers the new requests only if no row has a problem.

    `columns` maps positions to column codes; the caller commits when `report.written`; messages are in the
    current locale.
    """
    if not rows:
        report.problems.append(Problem(1, "", _("The file has headings but no rows.")))
        return report
    reader = _RowReader(columns, actor, today)
    parsed, seen = [], {}
    for line, cells in rows:
        row = reader.read(line, cells, report)
        if row is None:
            continue
        if row.reference in seen:
            report.problems.append(Problem(line, "reference", _("The same registration number is on line %(line)d.",
                                                                line=seen[row.reference])))
            continue
        seen[row.reference] = line
        parsed.append(row)
    registered = _registered(list(seen))
    fresh = []
    for row in parsed:
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
    if report.problems or report.dry_run:
        return report
    rules = rule_book()
    limits = treaty_limits()
    for start in range(0, len(fresh), BATCH):
        items = [ExistingRequest(row.kind, row.fields, row.owner.id, row.sent_on, row.status, row.status_on,
                                 _("Imported from %(file)s, line %(line)d", file=filename, line=row.line))
                 for row in fresh[start:start + BATCH]]
        register_existing(actor, items, rules=rules, arrest_limits=limits, today=today, now=now)
    report.written = True
    return report

def _registered(references: list[str]) -> dict[str, Request]:
    """The stored requests with any of these registration numbers, fetched in chunks."""
    found = {}
    for start in range(0, len(references), BATCH):
        chunk = references[start:start + BATCH]
        for request in db.session.scalars(sa.select(Request).where(Request.reference.in_(chunk))):
            found[request.reference] = request
    return found


def _differences(row: _Row, stored: Request) -> list[tuple[str, str, str]]:
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
