"""The API's query-string parameters: strict, with a message per bad value, and described in OpenAPI."""
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from tracker import clock
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import CrimeCategory, Treaty, User
from tracker.services.queries import RECIPROCITY, RequestFilters
from tracker.services.reports import ReportFilters
from tracker.web.api import ApiError
from tracker.web.api.contract import KINDS, STATUSES
from tracker.web.api.fields import ALPHA2

LIST_PARAMETERS = {
    "kind": {"type": "string", "enum": list(KINDS)},
    "status": {"type": "string", "enum": list(STATUSES)},
    "open": {"type": "boolean", "description": "Only requests whose status is not final"},
    "overdue": {"type": "boolean", "description": "Only open requests past their due date"},
    "country": {"type": "string", "pattern": ALPHA2.pattern},
    "treaty": {"type": "string", "maxLength": 40, "description": "Treaty code, or 'reciprocity'"},
    "owner": {"type": "string", "format": "email", "maxLength": 254},
    "crime_category": {"type": "string", "maxLength": 40},
    "year": {"type": "integer", "minimum": 1990, "maximum": 2100, "description": "Year sent"},
    "text": {"type": "string", "maxLength": 100,
             "description": "Registration number, case number or person sought, any case"},
    "page": {"type": "integer", "minimum": 1, "maximum": 100000},
    "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
}
REPORT_PARAMETERS = {"kind": LIST_PARAMETERS["kind"], "treaty": LIST_PARAMETERS["treaty"],
                     "crime_category": LIST_PARAMETERS["crime_category"], "owner": LIST_PARAMETERS["owner"],
                     "as_of": {"type": "string", "format": "date"}}


def _read(args, spec: dict) -> tuple[dict, dict]:
    """Parses query arguments by their OpenAPI schema; unknown ones are ignored, bad ones reported."""
    values, errors = {}, {}
    for name, schema in spec.items():
        raw = args.get(name)
        if raw is None:
            continue
        try:
            values[name] = _value(raw, schema)
        except ValueError as error:
            errors[name] = str(error)
    return values, errors


def _value(raw, schema):
    """One argument as Python by its schema."""
    kind = schema["type"]
    if kind == "boolean":
        if raw not in ("true", "false"):
            raise ValueError(_("Expected true or false."))
        return raw == "true"
    if kind == "integer":
        if not raw.isdigit() or len(raw) > 9:
            raise ValueError(_("Expected a whole number."))
        number = int(raw)
        if not schema.get("minimum", number) <= number <= schema.get("maximum", number):
            raise ValueError(_("Out of range."))
        return number
    if schema.get("format") == "date":
        try:
            if len(raw) != 10:
                raise ValueError(raw)
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError(_("Expected a date as YYYY-MM-DD.")) from None
    if "enum" in schema and raw not in schema["enum"]:
        raise ValueError(_("Expected one of: %(values)s.", values=", ".join(schema["enum"])))
    if len(raw) > schema.get("maxLength", 1000) or "\x00" in raw:
        raise ValueError(_("Too long."))
    if "pattern" in schema and not ALPHA2.match(raw):
        raise ValueError(_("Expected a two-letter country code such as RU."))
    return raw


def _lookups(values, errors) -> dict:
    """Treaty, crime category and owner given by code or email, as ids."""
    found = {}
    if values.get("treaty") and values["treaty"] != RECIPROCITY:
        found["treaty"] = db.session.scalar(sa.select(Treaty.id).where(Treaty.code == values["treaty"]))
        if found["treaty"] is None:
            errors["treaty"] = _("There is no treaty with this code.")
    if values.get("crime_category"):
        found["crime_category"] = db.session.scalar(
            sa.select(CrimeCategory.id).where(CrimeCategory.code == values["crime_category"]))
        if found["crime_category"] is None:
            errors["crime_category"] = _("There is no crime category with this code.")
    if values.get("owner"):
        found["owner"] = db.session.scalar(sa.select(User.id).where(User.email == values["owner"].lower()))
        if found["owner"] is None:
            errors["owner"] = _("There is no user with this email.")
    return found


def _treaty_filter(values, ids):
    if values.get("treaty") == RECIPROCITY:
        return RECIPROCITY
    return str(ids["treaty"]) if ids.get("treaty") else None


def list_filters(args) -> tuple[RequestFilters, int, int]:
    """The list's filters and page, or a 422 naming each bad argument."""
    values, errors = _read(args, LIST_PARAMETERS)
    ids = _lookups(values, errors)
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    filters = RequestFilters(
        kind=Kind(values["kind"]) if "kind" in values else None,
        status=Status(values["status"]) if "status" in values else None,
        open_only=values.get("open", False), country=values.get("country"), treaty=_treaty_filter(values, ids),
        owner_id=ids.get("owner"), crime_category_id=ids.get("crime_category"), year=values.get("year"),
        text=values.get("text") or None, overdue_on=clock.today_local() if values.get("overdue") else None)
    return filters, values.get("page", 1), values.get("per_page", 25)


def report_filters(args) -> ReportFilters:
    """A report's filters, or a 422."""
    values, errors = _read(args, REPORT_PARAMETERS)
    ids = _lookups(values, errors)
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    return ReportFilters(kind=Kind(values["kind"]) if "kind" in values else None, treaty=_treaty_filter(values, ids),
                         crime_category_id=ids.get("crime_category"), owner_id=ids.get("owner"))


PERIOD_PARAMETERS = {"from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
                     "as_of": {"type": "string", "format": "date"}}


def report_dates(args, today: date, *, period: bool) -> tuple[date | None, date | None, date]:
    """From, to and as-of of a report: from and to required for a period; as-of defaults to today."""
    values, errors = _read(args, PERIOD_PARAMETERS)
    if period:
        for name in ("from", "to"):
            if name not in values and name not in errors:
                errors[name] = _("This parameter is required.")
    as_of = values.get("as_of", today)
    if as_of > today:
        errors["as_of"] = _("The as-of day cannot be in the future.")
    if period and "from" in values and "to" in values and values["from"] > values["to"]:
        errors["from"] = _("The period starts after it ends.")
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    return values.get("from"), values.get("to"), as_of
