"""Reading the request list's filters and sort order from the query string, ignoring what is malformed."""
from datetime import date, timedelta

from tracker import clock
from tracker.domain.deadlines import DUE_SOON_DAYS, RELEASE_WINDOW_DAYS
from tracker.domain.statuses import Kind, Status
from tracker.services.queries import RECIPROCITY, SORTS, RequestFilters


def parse_filters(args) -> RequestFilters:
    """The filters of the list page; an unknown value counts as no filter rather than an error."""
    today = clock.today_local()
    return RequestFilters(
        kind=_enum(Kind, args.get("kind")),
        status=_enum(Status, args.get("status")),
        open_only=args.get("open_only") == "1",
        country=_country(args.get("country")),
        treaty=_treaty(args.get("treaty")),
        owner_id=_number(args.get("owner_id")),
        crime_category_id=_number(args.get("crime_category_id")),
        year=_year(args.get("year")),
        text=(args.get("text") or "").strip()[:100] or None,
        overdue_on=today if args.get("overdue") == "1" else None,
        release_due_by=today + timedelta(days=RELEASE_WINDOW_DAYS) if args.get("release") == "1" else None,
        due_from=today if args.get("due_soon") == "1" else None,
        due_by=today + timedelta(days=DUE_SOON_DAYS) if args.get("due_soon") == "1" else None,
        pending=args.get("pending") == "1",
        sent_from=_date(args.get("sent_from")),
        sent_to=_date(args.get("sent_to")),
    )


def parse_sort(args) -> tuple[str, bool]:
    """The sort column and direction; by last change, newest first, unless chosen."""
    sort = args.get("sort", "updated")
    if sort not in SORTS:
        sort = "updated"
    return sort, args.get("dir", "desc") != "asc"


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
