"""The list's cursor: where the next page starts, as an opaque token a client passes back unchanged.

It holds the sort it was made for and the key of the last request seen (its sort value and id), so the next page
starts right after that request whatever was added, changed or removed meanwhile (tracker.services.queries
.request_slice).
"""
import base64
import binascii
import json
from datetime import datetime

from flask_babel import gettext as _

from tracker.web.api import ApiError


def make_cursor(sort: str, request) -> str:
    """The cursor after `request` in the list sorted by `sort` ("id", "-reference", "updated", ...)."""
    key = sort.lstrip("-")
    value = {"id": request.id, "reference": request.reference,
             "updated": request.updated_at.isoformat() if request.updated_at else None}[key]
    payload = json.dumps([sort, value, request.id], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple | None:
    """The key (sort value, id) a cursor made for `sort` holds; None for one that was altered or made for another
    sort."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        made_for, value, request_id = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
        if made_for != sort or not isinstance(request_id, int) or isinstance(request_id, bool):
            return None
        if sort.lstrip("-") == "updated":
            value = datetime.fromisoformat(value)
        elif not isinstance(value, (int, str)) or isinstance(value, bool):
            return None
    except (ValueError, TypeError, UnicodeError, binascii.Error, json.JSONDecodeError):
        return None
    return value, request_id


def read_cursor(cursor: str, sort: str) -> tuple:
    """The key (sort value, id) a cursor made for `sort` holds; 400 for one that was altered or made for another
    sort."""
    key = decode_cursor(cursor, sort)
    if key is None:
        raise ApiError(400, _("Some parameters cannot be used."),
                       {"cursor": _("This cursor was not given for this sort: start again from the first page.")})
    return key
