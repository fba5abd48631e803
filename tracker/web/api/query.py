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

def several(schema: dict, description: str) -> dict:
    """A parameter that may be repeated (crime_category=fraud&crime_category=financial_pyramid): any of the values."""
    return {"type": "array", "items": schema, "maxItems": 300, "description": description}


LIST_PARAMETERS = {
    "kind": several({"type": "string", "enum": list(KINDS)}, "Any of these kinds"),
    "status": {"type": "string", "enum": list(STATUSES)},
    "open": {"type": "boolean", "description": "Only requests whose status is not final, drafts included"},
    "pending": {"type": "boolean", "description": "Only requests pending abroad: sent and not final (no drafts), "
                                                  "as the reports count them"},
    "overdue": {"type": "boolean", "description": "Only open requests past their due date"},
    "country": several({"type": "string", "pattern": ALPHA2.pattern}, "Any of these countries"),
    "treaty": several({"type": "string", "maxLength": 40}, "Any of these legal bases: treaty codes, or 'reciprocity'"),
    "owner": {"type": "string", "format": "email", "maxLength": 254},
    "crime_category": several({"type": "string", "maxLength": 40}, "Any of these crime categories (codes)"),
    "year": {"type": "integer", "minimum": 1990, "maximum": 2100, "description": "Year sent"},
    "text": {"type": "string", "maxLength": 100,
             "description": "Registration number, case number or person sought, any case"},
    "page": {"type": "integer", "minimum": 1, "maximum": 100000},
    "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
}
REPORT_PARAMETERS = {"kind": LIST_PARAMETERS["kind"], "country": LIST_PARAMETERS["country"],
                     "treaty": LIST_PARAMETERS["treaty"],
                     "crime_category": LIST_PARAMETERS["crime_category"], "owner": LIST_PARAMETERS["owner"],
                     "as_of": {"type": "string", "format": "date"}}


def _read(args, spec: dict) -> tuple[dict, dict]:
    """Parses query arguments by their OpenAPI schema; unknown ones are ignored, bad ones reported."""
    values, errors = {}, {}
    for name, schema in spec.items():
        try:
            if schema["type"] == "array":
                given = args.getlist(name)
                if given:
                    if len(given) > schema["maxItems"]:
                        raise ValueError(_("Too many values."))
                    values[name] = tuple(dict.fromkeys(_value(raw, schema["items"]) for raw in given))
                continue
            raw = args.get(name)
            if raw is not None:
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
    """Treaties and crime categories given by code, and the owner by email, as ids."""
    found = {}
    codes = [code for code in values.get("treaty", ()) if code != RECIPROCITY]
    if codes:
        ids = dict(db.session.execute(sa.select(Treaty.code, Treaty.id).where(Treaty.code.in_(codes))).all())
        if len(ids) < len(codes):
            errors["treaty"] = _("There is no treaty with this code.") + " " + ", ".join(c for c in codes if c not in ids)
        found["treaty"] = tuple(RECIPROCITY if code == RECIPROCITY else str(ids.get(code))
                                for code in values["treaty"])
    elif values.get("treaty"):
        found["treaty"] = (RECIPROCITY,)
    codes = list(values.get("crime_category", ()))
    if codes:
        ids = dict(db.session.execute(sa.select(CrimeCategory.code, CrimeCategory.id)
                                      .where(CrimeCategory.code.in_(codes))).all())
        if len(ids) < len(codes):
            errors["crime_category"] = (_("There is no crime category with this code.") + " "
                                        + ", ".join(c for c in codes if c not in ids))
        found["crime_category"] = tuple(ids[code] for code in codes if code in ids)
    if values.get("owner"):
        found["owner"] = db.session.scalar(sa.select(User.id).where(User.email == values["owner"].lower()))
        if found["owner"] is None:
            errors["owner"] = _("There is no user with this email.")
    return found


def list_filters(args) -> tuple[RequestFilters, int, int]:
    """The list's filters and page, or a 422 naming each bad argument."""
    values, errors = _read(args, LIST_PARAMETERS)
    ids = _lookups(values, errors)
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    filters = RequestFilters(
        kind=tuple(Kind(kind) for kind in values.get("kind", ())),
        status=Status(values["status"]) if "status" in values else None,
        open_only=values.get("open", False), pending=values.get("pending", False), country=values.get("country", ()),
        treaty=ids.get("treaty", ()), owner_id=ids.get("owner"), crime_category_id=ids.get("crime_category", ()),
        year=values.get("year"),
        text=values.get("text") or None, overdue_on=clock.today_local() if values.get("overdue") else None)
    return filters, values.get("page", 1), values.get("per_page", 25)


def report_filters(args) -> ReportFilters:
    """A report's filters, or a 422."""
    values, errors = _read(args, REPORT_PARAMETERS)
    ids = _lookups(values, errors)
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    return ReportFilters(kind=tuple(Kind(kind) for kind in values.get("kind", ())), country=values.get("country", ()),
                         treaty=ids.get("treaty", ()), crime_category_id=ids.get("crime_category", ()),
                         owner_id=ids.get("owner"))


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
