"""The list's cursor: where the next page starts, as an opaque token a client passes back unchanged.

It holds the sort it was made for and the key of the last request seen (its sort value and id), so the next page
starts right after that request whatever was added, changed or removed meanwhile (tracker.services.queries
.request_slice).
"""
import base64
import binascii
import json
from datetime import UTC, datetime

from flask_babel import gettext as _

from tracker.domain import limits
from tracker.web.api import ApiError
from tracker.web.params import MAX_ID


def make_cursor(sort: str, request) -> str:
    """The cursor after `request` in the list sorted by `sort` ("id", "-reference", "updated", ...)."""
    key = sort.lstrip("-")
    value = {"id": request.id, "reference": request.reference,
             "updated": request.updated_at.isoformat() if request.updated_at else None}[key]
    payload = json.dumps([sort, value, request.id], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple | None:
    """The key (sort value, id) a cursor made for `sort` holds; None for one that was altered or made for another
    sort, or holding what no request's key can be (an id out of range, a number for a registration number, a moment
    that cannot be written in UTC): such a value would otherwise reach the database."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        made_for, value, request_id = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
        if made_for != sort or not _an_id(request_id):
            return None
        column = sort.lstrip("-")
        if column == "updated":
            value = datetime.fromisoformat(value)
            if value.tzinfo is None or not MIN_MOMENT <= value.astimezone(UTC) <= MAX_MOMENT:
                return None
        elif column == "id" and not (_an_id(value) and value == request_id):
            return None
        elif column == "reference" and not (isinstance(value, str) and len(value) <= limits.REFERENCE):
            return None
    except (ValueError, TypeError, OverflowError, UnicodeError, binascii.Error, json.JSONDecodeError):
        return None
    return value, request_id


# The moments a request can have changed at: a cursor naming another was not given by the register.
MIN_MOMENT = datetime(1900, 1, 1, tzinfo=UTC)
MAX_MOMENT = datetime(2200, 1, 1, tzinfo=UTC)


def _an_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


def read_cursor(cursor: str, sort: str) -> tuple:
    """The key (sort value, id) a cursor made for `sort` holds; 400 for one that was altered or made for another
    sort."""
    key = decode_cursor(cursor, sort)
    if key is None:
        raise ApiError(400, _("Some parameters cannot be used."),
                       {"cursor": _("This cursor was not given for this sort: start again from the first page.")})
    return key
