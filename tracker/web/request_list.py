"""Reading the request list's filters, sort order and page from the query string, refusing what is malformed; and
naming the filters an address sets, each with the address of the same page without it."""
from dataclasses import dataclass, fields

import sqlalchemy as sa
from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from tracker import clock, labels
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import User
from tracker.services import queries
from tracker.services.access import visible_users
from tracker.services.queries import RECIPROCITY, SORTS, RequestFilters
from tracker.services.reference_cache import cached
from tracker.web.access import current_access
from tracker.web.kept import kept, page_context
from tracker.web.params import MAX_ID, MAX_PAGE, Param, read_or_refuse
from tracker.web.templating import date_filter, page_args


LIST_PARAMS = {
    "kind": Param("string", enum=tuple(kind.value for kind in Kind), several=True, label=_l("Kind")),
    "status": Param("string", enum=tuple(status.value for status in Status), label=_l("Status")),
    "country": Param("alpha2", several=True, label=_l("Country")),
    "treaty": Param("integer", minimum=1, maximum=MAX_ID, several=True, literals=(RECIPROCITY,),
                    label=_l("Legal basis")),
    "owner_id": Param("integer", minimum=1, maximum=MAX_ID, label=_l("Prosecutor")),
    "crime_category_id": Param("integer", minimum=1, maximum=MAX_ID, several=True, label=_l("Crime category")),
    "year": Param("integer", minimum=1990, maximum=2100, label=_l("Year sent")),
    "text": Param("string", max_length=100, label=_l("Search")),
    "sent_from": Param("date", label=_l("Sent from")),
    "sent_to": Param("date", label=_l("Sent to")),
    "open_only": Param("boolean", label=_l("Open only (drafts included)")),
    "pending": Param("boolean", label=_l("Pending abroad (sent, not final)")),
    "overdue": Param("boolean", label=_l("Overdue only")),
    "due_soon": Param("boolean", label=_l("Due in the next 14 days")),
    "release": Param("boolean", label=_l("Release deadline near or missed")),
    "critical": Param("boolean", label=_l("Release deadline missed")),
}
ORDER_PARAMS = {
    "sort": Param("string", enum=tuple(SORTS), label=_l("Sort order")),
    "dir": Param("string", enum=("asc", "desc"), label=_l("Sort order")),
    "page": Param("integer", minimum=1, maximum=MAX_PAGE, label=_l("Page")),
    # Where the page starts: the last row of the page before it, as the "Next" link gives it. One that cannot be
    # read (altered, or made for another sort) is passed over: the page is found by its number instead.
    "after": Param("string", max_length=300, label=_l("Page")),
    # Where the page ends: the first row of the page after it, as the "Previous" link gives it; read as "after" is.
    "before": Param("string", max_length=300, label=_l("Page")),
    # The page whose row "after" or "before" is, when that is not the page right beside the one asked for: the pager's
    # numbers a few pages away carry the shown page's keys, and the pages between are skipped from there.
    "from_page": Param("integer", minimum=1, maximum=MAX_PAGE, label=_l("Page")),
}


def parse_filters(args, names=tuple(LIST_PARAMS)) -> RequestFilters:
    """The filters `names` of the list's (a report reads its own only); a value that cannot be read is refused (400)
    with its message."""
    return _filters(read_or_refuse(args, {name: LIST_PARAMS[name] for name in names}))


def parse_list(args) -> tuple[RequestFilters, str, bool, int]:
    """The list's filters, sort column, whether newest first, and page (by last change, newest first, page 1
    unless chosen); every value that cannot be read is named in one refusal (400)."""
    values = read_or_refuse(args, LIST_PARAMS | ORDER_PARAMS)
    return _filters(values), values.get("sort", "updated"), values.get("dir", "desc") != "asc", values.get("page", 1)


def _filters(values: dict) -> RequestFilters:
    """The filters the parsed values ask for."""
    today = clock.today_local()
    flag = lambda name: values.get(name, False)  # noqa: E731
    return RequestFilters(
        access=current_access(),
        kind=tuple(Kind(kind) for kind in values.get("kind", ())),
        status=Status(values["status"]) if "status" in values else None,
        open_only=flag("open_only"),
        country=values.get("country", ()),
        treaty=tuple(str(treaty) for treaty in values.get("treaty", ())),
        owner_id=values.get("owner_id"),
        crime_category_id=values.get("crime_category_id", ()),
        year=values.get("year"),
        text=values.get("text", "").strip() or None,
        **queries.deadline_filters(today, overdue=flag("overdue"), due_soon=flag("due_soon"),
                                   release=flag("release"), critical=flag("critical")),
        pending=flag("pending"),
        sent_from=values.get("sent_from"),
        sent_to=values.get("sent_to"),
    )


def filter_choices() -> dict:
    """Options of the filters that lists and reports share, as (value, title) pairs in the user's language, loaded
    in a fixed number of queries: kinds, countries in the user's alphabet, legal bases (reciprocity first),
    crime categories in their set order, and the prosecutors."""
    language = labels.language()
    return {
        "kinds": [(kind.value, str(title)) for kind, title in labels.KIND.items()],
        "countries": cached("country choices", language, lambda: tuple(labels.country_choices(queries.countries()))),
        "treaties": [(RECIPROCITY, _("Reciprocity"))] + list(cached("treaty choices", language,
                                                                    lambda: _treaty_choices(language))),
        "categories": cached("category choices", language,
                             lambda: tuple((c.id, c.name(language)) for c in queries.crime_categories())),
        "owners": _owners(),
    }


def _treaty_choices(language: str) -> tuple:
    """Every treaty, active or not, as (id, short name in `language`), by that name."""
    treaties = sorted(queries.treaties(active_only=False), key=lambda t: t.short(language).casefold())
    return tuple((str(t.id), t.short(language)) for t in treaties)


def _owners() -> list:
    """Who may own requests, and the owner the address filters by when that is someone else (a prosecutor who has
    left, followed from a report), so that applying the filters again keeps them."""
    access = current_access()
    owners = list(queries.assignable_owners(access))
    chosen = request.args.get("owner_id", "")
    if chosen.isascii() and chosen.isdigit() and len(chosen) <= 10 and int(chosen) not in {u.id for u in owners}:
        # Named only when the user may see that person among the owners of their units.
        found = db.session.execute(sa.select(User.id, User.name).where(User.id == int(chosen),
                                                                       *visible_users(access))).first()
        owners += [queries.Owner(found.id, found.name)] if found else []
    return owners


# Filter panels a worker keeps (about 40 kB each, most of it the countries' boxes): those of the lists lately shown.
KEPT_PANELS = 256


def filter_panel(filters: RequestFilters, sort: str, descending: bool, choices: dict, set_here: int) -> Markup:
    """The list's filters (requests/_filters.html), written once per worker for what they are made of and kept: the
    language, the reference version (the countries', treaties' and categories' names), the root of the list's and
    icons' addresses (kept.page_context), the sort order, every filter's value, the number of filters set here and the owners offered (which
    differ with the reader's units). Some 300 check boxes and options took about a tenth of the list page."""
    values = tuple(tuple(value) if isinstance(value, list) else value
                   for value in (getattr(filters, field.name) for field in fields(filters) if field.name != "access"))
    key = (*page_context(), sort, descending, values, set_here, tuple(choices["owners"]))
    return Markup(kept("filter_panels", KEPT_PANELS).get_or_make(key, lambda: render_template(  # nosec B704
        "requests/_filters.html", filters=filters, sort=sort, descending=descending, choices=choices,
        set_here=set_here)))


@dataclass(frozen=True)
class Chip:
    """An active filter as lists and reports show it above their rows: its name, its value in words (empty for a
    tick box) and the address of the same page without it."""

    name: str
    value: str
    remove_url: str


# The filters the reports apply (the period and the as-of day are fields of their own on those pages).
REPORT_FILTERS = ("kind", "country", "treaty", "crime_category_id", "owner_id")


def active_filters(args, choices: dict, names=tuple(LIST_PARAMS)) -> list[Chip]:
    """Each value of the filters `names` that the address sets, in the order of the filter form; removing a chip
    removes that value only (one country of three) and goes back to the first page."""
    chips = []
    for name in names:
        param = LIST_PARAMS[name]
        for raw in dict.fromkeys(raw for raw in args.getlist(name) if raw.strip()):
            try:
                value = param.parse(raw)
            except ValueError:
                continue  # the page refused it before; nothing to show
            if param.type == "boolean" and not value:
                continue
            chips.append(Chip(str(param.label), _value_title(name, value, choices), _without(name, raw)))
    return chips


def _value_title(name: str, value, choices: dict) -> str:
    """A filter's value as the filter form names it."""
    if name == "kind":
        return str(labels.KIND[Kind(value)])
    if name == "status":
        return str(labels.STATUS[Status(value)])
    if name == "country":
        return labels.country_name(value)
    if name == "treaty":
        return dict(choices["treaties"]).get(str(value), str(value))
    if name == "crime_category_id":
        return dict(choices["categories"]).get(value, str(value))
    if name == "owner_id":
        return {owner.id: owner.name for owner in choices["owners"]}.get(value, str(value))
    if name == "text":
        return f"“{value}”"
    if LIST_PARAMS[name].type == "date":
        return date_filter(value)
    return "" if value is True else str(value)


def _without(name: str, raw: str) -> str:
    """The current page's address without one value of one argument, on its first page (so without the keys of the
    rows its "Next" or "Previous" started from)."""
    kept = {key: [value for value in values if (key, value) != (name, raw)]
            for key, values in page_args().items() if key not in ("page", "after", "before", "from_page")}
    return url_for(request.endpoint, **(request.view_args or {}), **{k: v for k, v in kept.items() if v})
