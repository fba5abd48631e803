"""Reading the request list's filters, sort order and page from the query string, refusing what is malformed."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker import clock, labels
from tracker.services import queries
from tracker.domain.statuses import Kind, Status
from tracker.services.queries import RECIPROCITY, SORTS, RequestFilters
from tracker.web.access import current_access
from tracker.web.params import MAX_ID, MAX_PAGE, Param, read_or_refuse


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
}


def parse_filters(args) -> RequestFilters:
    """The filters of the list and report pages; a value that cannot be read is refused (400) with its message."""
    return _filters(read_or_refuse(args, LIST_PARAMS))


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
    treaties = sorted(queries.treaties(active_only=False), key=lambda t: t.short(language).casefold())
    return {
        "kinds": [(kind.value, str(title)) for kind, title in labels.KIND.items()],
        "countries": labels.country_choices(queries.countries()),
        "treaties": [(RECIPROCITY, _("Reciprocity"))] + [(str(t.id), t.short(language)) for t in treaties],
        "categories": [(c.id, c.name(language)) for c in queries.crime_categories()],
        "owners": queries.assignable_users(current_access()),
    }
