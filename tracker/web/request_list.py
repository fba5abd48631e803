"""Reading the request list's filters and sort order from the query string, ignoring what is malformed."""
from datetime import date, timedelta

from flask_babel import gettext as _

from tracker import clock, labels
from tracker.services import queries
from tracker.domain.deadlines import DUE_SOON_DAYS, RELEASE_WINDOW_DAYS
from tracker.domain.statuses import Kind, Status
from tracker.services.queries import RECIPROCITY, SORTS, RequestFilters


def parse_filters(args) -> RequestFilters:
    """The filters of the list page; an unknown value counts as no filter rather than an error."""
    today = clock.today_local()
    return RequestFilters(
        kind=_several(args, "kind", lambda value: _enum(Kind, value)),
        status=_enum(Status, args.get("status")),
        open_only=args.get("open_only") == "1",
        country=_several(args, "country", _country),
        treaty=_several(args, "treaty", _treaty),
        owner_id=_number(args.get("owner_id")),
        crime_category_id=_several(args, "crime_category_id", _number),
        year=_year(args.get("year")),
        text=(args.get("text") or "").strip()[:100] or None,
        overdue_on=today if args.get("overdue") == "1" else None,
        release_due_by=today + timedelta(days=RELEASE_WINDOW_DAYS) if args.get("release") == "1" else None,
        critical_on=today if args.get("critical") == "1" else None,
        due_from=today if args.get("due_soon") == "1" else None,
        due_by=today + timedelta(days=DUE_SOON_DAYS) if args.get("due_soon") == "1" else None,
        pending=args.get("pending") == "1",
        sent_from=_date(args.get("sent_from")),
        sent_to=_date(args.get("sent_to")),
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
        "owners": queries.assignable_users(),
    }


def parse_sort(args) -> tuple[str, bool]:
    """The sort column and direction; by last change, newest first, unless chosen."""
    sort = args.get("sort", "updated")
    if sort not in SORTS:
        sort = "updated"
    return sort, args.get("dir", "desc") != "asc"


MAX_CHOICES = 300


def _several(args, name, read) -> tuple:
    """Every recognised value of an argument that may be repeated (kind=mla&kind=extradition), each once, in the
    order given; unknown values are left out."""
    found = []
    for raw in args.getlist(name)[:MAX_CHOICES]:
        value = read(raw)
        if value is not None and value not in found:
            found.append(value)
    return tuple(found)


def _enum(enum_cls, value):
    """The member with this value, or None."""
    try:
        return enum_cls(value) if value else None
    except ValueError:
        return None


def _country(value):
    """A two-letter code in upper case, or None."""
    value = (value or "").strip().upper()
    return value if len(value) == 2 and value.isalpha() and value.isascii() else None


def _treaty(value):
    """A treaty id or 'reciprocity', or None."""
    if value == RECIPROCITY:
        return value
    return value if value and value.isdigit() and len(value) < 10 else None


def _number(value):
    """A positive id, or None."""
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def _date(value):
    """An ISO date, or None."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _year(value):
    """A plausible year, or None."""
    number = _number(value)
    return number if number and 1990 <= number <= 2100 else None
