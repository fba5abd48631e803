"""One row of an imported register parsed and checked against the register's rules, the columns an import
reads, and the dates it accepts."""
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from flask_babel import gettext as _

from tracker import labels
from tracker.domain import limits
from tracker.domain.case_numbers import normalise_case_number
from tracker.domain.date_range import in_date_range
from tracker.domain.access import MASK, PERSONAL_FIELDS
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status, allowed_next, statuses_of
from tracker.models import User
from tracker.services.access import access_of
from tracker.services.import_lookups import Lookups, norm
from tracker.services.requests import field_problems

COLUMNS = ("reference", "kind", "country", "authority", "treaty", "case_number", "crime_category", "articles",
           "summary", "sent_on", "status", "status_on", "owner", "person_name", "person_name_latin",
           "person_birth_date", "person_citizenship", "detained_on", "received_abroad_on", "acknowledged_on",
           "foreign_reference", "surrendered_on", "refusal_ground")
REQUIRED = ("reference", "kind", "country", "case_number", "crime_category")
# Written by the list export, derived from the rules or counted (the documents), so read past on import.
DERIVED = ("due_on", "custody_days_abroad", "documents")
PERSON_COLUMNS = ("person_name", "person_name_latin", "person_birth_date", "person_citizenship", "detained_on",
                  "received_abroad_on", "surrendered_on")
TEXT_LIMITS = limits.TEXT
DATE_COLUMNS = ("sent_on", "status_on", "person_birth_date", "detained_on", "received_abroad_on", "acknowledged_on",
                "surrendered_on")
# Import columns checked by the request's field rules, and the request fields they fill.
COLUMN_FIELDS = {"country": "country_code", "person_birth_date": "person_birth_date", "detained_on": "detained_on",
                 "surrendered_on": "surrendered_on"}
FIELD_COLUMNS = {name: column for column, name in COLUMN_FIELDS.items()} | {"treaty_id": "treaty"}
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
DOTTED_DATE = re.compile(r"([0-9]{2})\.([0-9]{2})\.([0-9]{4})")


@dataclass
class Problem:
    """Why one cell or row (line 1 is the headings) cannot be imported."""

    line: int
    column: str
    message: str


@dataclass
class Row:
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
    """A date given as YYYY-MM-DD or DD.MM.YYYY in ASCII digits (or a spreadsheet date cell), in the years the
    register accepts.

    Only these two spellings: Python's own parsers would also take other digits (Arabic-Indic, full-width) and ISO
    week dates such as 2026-W01-1, which a person checking the file would not read as the same day.
    """
    if isinstance(value, date):
        parsed = value
    else:
        text = value.strip()
        iso, dotted = ISO_DATE.fullmatch(text), DOTTED_DATE.fullmatch(text)
        try:
            if iso:
                parsed = date(int(iso[1]), int(iso[2]), int(iso[3]))
            elif dotted:
                parsed = date(int(dotted[3]), int(dotted[2]), int(dotted[1]))
            else:
                raise ValueError(text)
        except ValueError:
            raise ValueError(_("Expected a date as YYYY-MM-DD or DD.MM.YYYY.")) from None
    if not in_date_range(parsed):
        raise ValueError(labels.error_message("date_out_of_range"))
    return parsed


@cache
def _statuses_of(kind: Kind) -> frozenset[Status]:
    """The statuses of a kind, worked out once per process rather than per row."""
    return frozenset(statuses_of(kind))


@cache
def _unsent(kind: Kind) -> tuple[Status, ...]:
    """The statuses a request of this kind can have without being sent."""
    return (Status.DRAFT,) + tuple(s for s in allowed_next(kind, Status.DRAFT) if s != Status.SENT)


class RowReader:
    """Parses and checks rows against the register as it stands, collecting problems."""

    def __init__(self, columns: dict[int, str], actor: User, today: date):
        self.columns = columns  # position -> column code
        self.present = set(columns.values())
        self.actor = actor
        self.access = access_of(actor)
        self.today = today
        self.lookups = Lookups()

    def read(self, line: int, cells: list, report) -> Row | None:
        """The parsed row, or None after adding its problems to `report.problems`."""
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

    def _check(self, line, given, problem) -> Row | None:
        """Checks across columns; returns the row when its required parts parsed."""
        kind = given.get("kind")
        if kind is None:
            return None
        for code in ("sent_on", "status_on"):
            if given.get(code) is not None and given[code] > self.today:
                problem(code, labels.error_message("future_date"))
        for code in PERSONAL_FIELDS:
            if given.get(code) == MASK:
                problem(code, _("“%(mask)s” stands for data hidden from an administrator's export, not for the "
                                "person's data.", mask=MASK))
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
        elif not self.access.may_assign(owner.role, owner.active, owner.id, owner.unit_id):
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
        return Row(line, given["reference"], kind, fields, owner, sent_on, status, status_on, given)

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
        if status not in _statuses_of(kind):
            problem("status", _("Requests of this kind do not have this status."))
            return sent_on, None, None
        if sent_on is None:
            unsent = _unsent(kind)
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
