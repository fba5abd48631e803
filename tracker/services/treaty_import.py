"""The office's own treaty list taken in from a file: every row or none, each bad cell named; a row whose code is
registered updates that treaty, a new code adds one. The export writes the same columns."""
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from tracker import labels
from tracker.extensions import db
from tracker.models import ArrestStart, Country, Treaty, TreatyScope, TreatyStatus
from tracker.services import admin
from tracker.services.errors import FieldErrors
from tracker.services.import_lookups import norm
from tracker.services.imports import parse_date
from tracker.services.treaties import parties_from_text, parties_to_text

COLUMNS = ("code", "short_name", "short_name_kk", "short_name_ru", "title_kk", "title_ru", "title_en", "multilateral",
           "scope", "status", "signed_on", "in_force_on", "terminated_on", "arrest_limit_days", "arrest_limit_months",
           "arrest_counts_from", "parties", "supersedes", "source", "confirmed", "notes", "active")
REQUIRED = ("code", "short_name", "title_ru", "scope")
DATES = ("signed_on", "in_force_on", "terminated_on")
FLAGS = ("multilateral", "confirmed", "active")
NUMBERS = {"arrest_limit_days": 365, "arrest_limit_months": 12}
LIMITS = {"code": 40, "short_name": 120, "short_name_kk": 120, "short_name_ru": 120}
TRUE = {"1", "true", "yes", "да", "иә"}
FALSE = {"0", "false", "no", "нет", "жоқ", ""}


@dataclass
class TreatyImportReport:
    """What a treaty list import did: rows added and updated, or the problems that stopped it."""

    rows: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (line, column, message)
    written: bool = False


def export_rows() -> list[list]:
    """Every treaty as a row of COLUMNS, in code order."""
    treaties = db.session.scalars(sa.select(Treaty).order_by(Treaty.code).options(
        selectinload(Treaty.party_terms), selectinload(Treaty.supersedes)))
    rows = []
    for t in treaties:
        values = {name: getattr(t, name) for name in COLUMNS if name not in ("scope", "parties", "supersedes")}
        values |= {"scope": ";".join(s.value for s in t.scope), "parties": parties_to_text(t),
                   "supersedes": ";".join(s.code for s in t.supersedes), "status": t.status.value,
                   "arrest_counts_from": t.arrest_counts_from.value}
        values |= {name: "1" if values[name] else "0" for name in FLAGS}
        rows.append([values[name] for name in COLUMNS])
    return rows


def import_treaties(headings: list[str], rows: list[tuple[int, list]], *, today: date) -> TreatyImportReport:
    """Checks every row, then adds or updates the treaties only if no row has a problem; the caller commits."""
    report = TreatyImportReport(rows=len(rows))
    columns = _columns(headings, report)
    if report.problems:
        return report
    countries = set(db.session.scalars(sa.select(Country.code)))
    registered = {t.code: t for t in db.session.scalars(sa.select(Treaty))}
    parsed, seen = [], {}
    for line, cells in rows:
        row = _row(line, {columns[i]: cell for i, cell in enumerate(cells) if i in columns}, countries, report)
        if row is None:
            continue
        if row["code"] in seen:
            report.problems.append((line, "code", _("The same code is on line %(line)d.", line=seen[row["code"]])))
            continue
        seen[row["code"]] = line
        parsed.append((line, row))
    known = set(registered) | set(seen)
    for line, row in parsed:
        for code in row["supersedes"]:
            if code not in known or code == row["code"]:
                report.problems.append((line, "supersedes", _("No treaty has the code %(code)s.", code=code)))
    if report.problems:
        return report
    _write(parsed, registered, today, report)
    return report


def _write(parsed, registered, today, report):
    """Adds and updates the treaties, then links which replaces which once every code exists."""
    for line, row in parsed:
        treaty = registered.get(row["code"])
        (report.updated if treaty else report.added).append(row["code"])
        try:
            saved = admin.save_treaty(treaty, row, row["parties"], today=today)
        except FieldErrors as error:
            report.problems.extend((line, name, str(labels.error_message(code))) for name, code in error.errors.items())
            return
        registered[row["code"]] = saved
    for _line, row in parsed:
        registered[row["code"]].supersedes = [registered[code] for code in row["supersedes"]]
    db.session.flush()
    report.written = True


def _columns(headings, report):
    """Position -> column code; unknown, repeated or missing columns are problems on line 1."""
    columns = {}
    for position, heading in enumerate(headings):
        code = norm(heading)
        if not code:
            continue
        if code not in COLUMNS:
            report.problems.append((1, str(heading), _("Unknown column. The columns are: %(columns)s.",
                                                       columns=", ".join(COLUMNS))))
        elif code in columns.values():
            report.problems.append((1, str(heading), _("This column appears twice.")))
        else:
            columns[position] = code
    for code in REQUIRED:
        if code not in columns.values():
            report.problems.append((1, code, _("This column is missing.")))
    return columns


def _row(line, cells, countries, report):
    """One row as the values save_treaty takes, or None after adding its problems to the report."""
    problems = []
    text = {name: (cells.get(name) if isinstance(cells.get(name), date) else str(cells.get(name) or "").strip())
            for name in COLUMNS}
    for name in REQUIRED:
        if not text[name]:
            problems.append((name, str(labels.error_message("required"))))
    for name, limit in LIMITS.items():
        if len(text[name]) > limit:
            problems.append((name, _("At most %(num)d characters.", num=limit)))
    row = {name: text[name] for name in COLUMNS}
    for name in DATES:
        try:
            row[name] = parse_date(text[name]) if text[name] else None
        except ValueError as error:
            problems.append((name, str(error)))
    for name in FLAGS:
        value = str(text[name]).casefold()
        if value not in TRUE | FALSE:
            problems.append((name, _("Expected 1 or 0.")))
        row[name] = value in TRUE or (name == "active" and name not in cells)
    for name, highest in NUMBERS.items():
        row[name] = _number(text[name], highest, name, problems)
    row["scope"] = [s for s in (p.strip() for p in text["scope"].split(";")) if s]
    if any(s not in {m.value for m in TreatyScope} for s in row["scope"]):
        problems.append(("scope", _("Expected one or more of: %(values)s.", values=", ".join(m.value for m in TreatyScope))))
    row["status"] = _choice(text["status"] or "in_force", TreatyStatus, "status", problems)
    row["arrest_counts_from"] = _choice(text["arrest_counts_from"] or "detention", ArrestStart, "arrest_counts_from",
                                        problems)
    try:
        parties_from_text(text["parties"], countries)
    except ValueError as error:
        problems.append(("parties", str(labels.error_message(str(error)))))
    row["supersedes"] = [c for c in (p.strip() for p in text["supersedes"].split(";")) if c]
    report.problems.extend((line, column, message) for column, message in problems)
    return None if problems else row


def _number(text, highest, name, problems):
    """A whole number from 1 to `highest`, or None when empty."""
    if not text:
        return None
    # ASCII digits only: "²".isdigit() is true, yet int("²") fails.
    if not (text.isascii() and text.isdigit()) or len(text) > 9 or not 1 <= int(text) <= highest:
        problems.append((name, _("Expected a whole number from 1 to %(num)d.", num=highest)))
        return None
    return int(text)


def _choice(text, enum, name, problems):
    """A member of `enum` by its code."""
    try:
        return enum(text)
    except ValueError:
        problems.append((name, _("Expected one of: %(values)s.", values=", ".join(m.value for m in enum))))
        return None
