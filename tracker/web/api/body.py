"""Reading an API call's JSON body: an object, of a sensible size and depth, before any field is looked at."""
import json
import re

from flask import request
from flask_babel import gettext as _

from tracker.web.api import ApiError

# A request with its person sought is the largest body the API takes: a summary of 10,000 characters and little
# else, two levels deep. Far larger or deeper bodies are refused before they cost more than reading them.
MAX_BODY_BYTES = 1024 * 1024
MAX_DEPTH = 20
# A string (to its closing quote, or to the end of a body that never closes it) or a bracket: each byte is read
# once, however the body is made.
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*+(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)


def json_object() -> dict:
    """The body as a dict, or 415 (not sent as JSON), 400 (not an object, nested too deeply) or 413 (too large)."""
    if not request.is_json:
        raise ApiError(415, _("The body must be sent as JSON (Content-Type: application/json)."))
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise ApiError(413, _("The request is too large."))
    data = request.get_data(cache=True)
    if len(data) > MAX_BODY_BYTES:
        raise ApiError(413, _("The request is too large."))
    if nested_deeper_than(data, MAX_DEPTH):
        raise ApiError(400, _("The body is nested too deeply."))
    try:
        body = json.loads(data)
    except (ValueError, RecursionError):
        raise ApiError(400, _("The body must be a JSON object.")) from None
    if not isinstance(body, dict):
        raise ApiError(400, _("The body must be a JSON object."))
    return body


def nested_deeper_than(data: bytes, limit: int) -> bool:
    """True when arrays and objects in the JSON text `data` nest more than `limit` levels; brackets inside strings
    do not count. Stops at the first level too deep, so a hostile body costs little."""
    if data.count(b"[") + data.count(b"{") <= limit:
        return False
    depth = 0
    for token in _TOKENS.finditer(data):
        bracket = token.group()
        if bracket in (b"[", b"{"):
            depth += 1
            if depth > limit:
                return True
        elif bracket in (b"]", b"}"):
            depth -= 1
    return False
