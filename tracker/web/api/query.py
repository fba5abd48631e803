"""The API's query-string parameters: read by the same rules as the pages' (tracker/web/params.py), with a message
per bad value, and described in OpenAPI."""
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from tracker import clock
from tracker.domain.deadlines import DUE_SOON_DAYS, RELEASE_WINDOW_DAYS
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import CrimeCategory, Treaty, User
from tracker.services.queries import RECIPROCITY, RequestFilters, deadline_filters
from tracker.services.reports import ReportFilters
from tracker.web.access import current_access
from tracker.web.api import ApiError
from tracker.web.api.contract import KINDS, STATUSES
from tracker.web.params import MAX_PAGE, Param, read

LIST_PARAMS = {
    "kind": Param("string", enum=KINDS, several=True, description="Any of these kinds"),
    "status": Param("string", enum=STATUSES),
    "open": Param("boolean", description="Only requests whose status is not final, drafts included"),
    "pending": Param("boolean", description="Only requests pending abroad: sent and not final (no drafts), "
                                            "as the reports count them"),
    "overdue": Param("boolean", description="Only open requests past their due date"),
    "country": Param("alpha2", several=True, description="Any of these countries"),
    "treaty": Param("string", max_length=40, several=True,
                    description="Any of these legal bases: treaty codes, or 'reciprocity'"),
    "owner": Param("email", max_length=254),
    "crime_category": Param("string", max_length=40, several=True,
                            description="Any of these crime categories (codes)"),
    "year": Param("integer", minimum=1990, maximum=2100, description="Year sent"),
    "text": Param("string", max_length=100, description="Registration number, case number or person sought, any case"),
    "sent_from": Param("date", description="Sent on or after this day"),
    "sent_to": Param("date", description="Sent on or before this day"),
    "due_soon": Param("boolean", description=f"Only open requests due within the next {DUE_SOON_DAYS} days"),
    "release": Param("boolean", description=f"Only unsent extradition requests whose release deadline falls within "
                                            f"{RELEASE_WINDOW_DAYS} days or has passed"),
    "critical": Param("boolean", description="Only open requests whose release deadline has passed"),
    "sort": Param("string", enum=("id", "-id", "reference", "-reference", "updated", "-updated"),
                  description="The order, `-` for descending; the request id breaks ties. Default `-updated`, the "
                              "last changed first. Sorted by `id` or `reference`, paging by `cursor` reads every "
                              "request exactly once however the register changes meanwhile; by `updated`, a request "
                              "changed while paging moves to the front"),
    "cursor": Param("string", max_length=300,
                    description="`next_cursor` of the previous page (also in its `Link: rel=\"next\"` header), with "
                                "the same filters and sort: the page after it"),
    "page": Param("integer", minimum=1, maximum=MAX_PAGE,
                  description="A page by number, as before cursors; requests changed meanwhile shift the pages"),
    "per_page": Param("integer", minimum=1, maximum=100),
}
REPORT_PARAMS = {name: LIST_PARAMS[name] for name in ("kind", "country", "treaty", "crime_category", "owner")} \
    | {"as_of": Param("date", description="The day the figures are counted on; default today")}
PERIOD_PARAMS = {"from": Param("date"), "to": Param("date"), "as_of": REPORT_PARAMS["as_of"]}
TREATY_PARAMS = {
    "country": Param("alpha2", description="With `kind`: only the treaties that apply to this country"),
    "kind": Param("string", enum=KINDS), "on": Param("date", description="The sending day; default today"),
}


DEADLINE_FLAGS = ("overdue", "due_soon", "release", "critical")


def schemas(params: dict) -> dict:
    """The OpenAPI schema of each parameter, for the description of the API."""
    return {name: param.schema() for name, param in params.items()}


LIST_PARAMETERS, REPORT_PARAMETERS, PERIOD_PARAMETERS, TREATY_PARAMETERS = (
    schemas(LIST_PARAMS), schemas(REPORT_PARAMS), schemas(PERIOD_PARAMS), schemas(TREATY_PARAMS))


def _read(args, params: dict, also=()) -> tuple[dict, dict]:
    """The parameters as tracker.web.params reads them, after refusing with 400 what a client cannot have meant: a
    parameter the operation does not know (a typo would otherwise widen the answer silently), or one that takes a
    single value given several times. `also` names parameters the operation reads itself."""
    problems = {}
    for name in args:
        if name in also:
            continue
        if name not in params:
            problems[name] = _("This parameter is not known here.")
        elif not params[name].several and len(args.getlist(name)) > 1:
            problems[name] = _("Give this parameter once.")
    if problems:
        raise ApiError(400, _("Some parameters cannot be used."), problems)
    return read(args, params)


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


def list_filters(args) -> tuple[RequestFilters, dict]:
    """The list's filters and how to page it (`sort`, `cursor`, `page`, `per_page`), or a 422 naming each bad
    argument; a cursor and a page number together, 400."""
    values, errors = _read(args, LIST_PARAMS)
    ids = _lookups(values, errors)
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    if values.get("sent_from") and values.get("sent_to") and values["sent_from"] > values["sent_to"]:
        raise ApiError(422, _("Some parameters are not valid."), {"sent_from": _("The period starts after it ends.")})
    if "cursor" in values and "page" in values:
        raise ApiError(400, _("Some parameters cannot be used."),
                       {"page": _("Page by cursor or by number, not both.")})
    filters = RequestFilters(
        access=current_access(),
        kind=tuple(Kind(kind) for kind in values.get("kind", ())),
        status=Status(values["status"]) if "status" in values else None,
        open_only=values.get("open", False), pending=values.get("pending", False), country=values.get("country", ()),
        treaty=ids.get("treaty", ()), owner_id=ids.get("owner"), crime_category_id=ids.get("crime_category", ()),
        year=values.get("year"),
        text=values.get("text") or None, sent_from=values.get("sent_from"), sent_to=values.get("sent_to"),
        **deadline_filters(clock.today_local(), **{name: values.get(name, False) for name in DEADLINE_FLAGS}))
    paging = {"sort": values.get("sort", "-updated"), "cursor": values.get("cursor"), "page": values.get("page"),
              "per_page": values.get("per_page", 25)}
    return filters, paging


def treaty_filters(args) -> dict:
    """The treaty list's country, kind and sending day, as given, or a 422."""
    values, errors = _read(args, TREATY_PARAMS)
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    return values


def report_query(args, today: date, *, period: bool, also=()) -> tuple[ReportFilters, date | None, date | None, date]:
    """A report's filters, from, to and as-of (from and to required for a period, as-of by default today), or one
    422 naming every bad parameter."""
    values, errors = _read(args, REPORT_PARAMS | PERIOD_PARAMS if period else REPORT_PARAMS, also)
    ids = _lookups(values, errors)
    if period:
        for name in ("from", "to"):
            if name not in values and name not in errors:
                errors[name] = _("This parameter is required.")
    as_of = values.get("as_of", today)
    if as_of > today:
        errors["as_of"] = _("The as-of day cannot be in the future.")
    if period and "from" in values and "to" in values and values["from"] > values["to"]:
        errors["from"] = _("The period starts after it ends.")
    if period and "from" in values and "as_of" in values and values["as_of"] < values["from"] and "as_of" not in errors:
        # The period's requests are counted as they stood that day: before the period, none had been sent.
        errors["as_of"] = _("The as-of day is before the period starts.")
    if errors:
        raise ApiError(422, _("Some parameters are not valid."), errors)
    return report_filters(values, ids), values.get("from"), values.get("to"), as_of


def report_filters(values: dict, ids: dict) -> ReportFilters:
    """A report's filters from its parameters as read, and the ids of the codes and owner they name."""
    return ReportFilters(access=current_access(), kind=tuple(Kind(kind) for kind in values.get("kind", ())),
                         country=values.get("country", ()), treaty=ids.get("treaty", ()),
                         crime_category_id=ids.get("crime_category", ()), owner_id=ids.get("owner"))
