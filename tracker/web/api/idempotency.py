"""Idempotency-Key on the API's POST calls: a retry with the same key and body gets the first answer again, marked
`Idempotent-Replayed: true`, and changes nothing; the same key with another call is refused."""
import hashlib
import re
from functools import wraps

from flask import current_app, g, request
from flask_babel import gettext as _

from tracker import clock
from tracker.extensions import db
from tracker.services import idempotency
from tracker.web.api import ApiError

HEADER = "Idempotency-Key"
# Printable ASCII without spaces, as UUIDs and the usual random keys are.
KEY = re.compile(r"^[\x21-\x7e]{1,200}$")


def idempotent(view):
    """Wraps a POST view: without the header it runs as it is; with it, a successful answer is kept for 24 hours
    and given again to a retry. Failed calls are not kept: they changed nothing, and a retry runs them again."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        if not KEY.match(key):
            raise ApiError(400, _("The Idempotency-Key must be 1 to 200 printable characters without spaces."),
                           {HEADER: _("Not a valid key.")})
        operation = f"{request.method} {request.path}"
        digest = idempotency.body_digest(_call_content())
        kept = idempotency.remembered(g.api_user.id, key, clock.now())
        if kept is not None:
            return _replay(kept, operation, digest)
        response = current_app.make_response(view(*args, **kwargs))
        if 200 <= response.status_code < 300:
            if idempotency.remember(g.api_user.id, key, operation, digest, response.status_code,
                                    response.get_data(as_text=True), response.headers.get("Location"), clock.now()):
                db.session.commit()
            else:
                db.session.rollback()
        return response
    wrapper.idempotent = True  # the OpenAPI description declares the header on this operation
    return wrapper


def _call_content() -> bytes:
    """What a call's digest is taken of: its body, or for a multipart upload its parts (by then the form has been
    read, by tracker/web/params.py, and the raw body is gone), so that a retry sending the same fields and files is
    the same call whatever boundary the client draws, and one sending another file is not."""
    if request.mimetype != "multipart/form-data":
        return request.get_data(cache=True)
    # Sorted as text: a part a client sent without a name or value has None there, which does not compare with text.
    parts = [("field", name, value) for name, value in sorted(request.form.items(multi=True), key=repr)]
    for name, upload in request.files.items(multi=True):
        content = hashlib.sha256()
        while chunk := upload.stream.read(1024 * 1024):
            content.update(chunk)
        upload.stream.seek(0)
        parts.append(("file", name, upload.filename, content.hexdigest()))
    return repr(parts).encode()


def _replay(kept, operation: str, digest: str):
    """The kept answer, or 422 when the key was used for another call."""
    if kept.operation != operation or kept.body_digest != digest:
        raise ApiError(422, _("This Idempotency-Key was used for another call; use a new key for a new call."),
                       {HEADER: _("Already used for another call.")})
    response = current_app.response_class(kept.body, status=kept.status, mimetype="application/json")
    if kept.location:
        response.headers["Location"] = kept.location
    response.headers["Idempotent-Replayed"] = "true"
    return response
