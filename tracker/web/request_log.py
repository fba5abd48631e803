"""One log line per request, and the request's id.

The id is the one nginx sends in X-Request-ID (deploy/nginx/mla-tracker.conf sets it to its $request_id), so that
nginx's access log and the app's line can be matched; without one, or with one that is not a plain token, the app
makes its own. Either way the answer carries it back in X-Request-ID. The line names the route as declared
(`/requests/<int:request_id>`), never the address with its query, which may hold what a user searched for.
"""
import logging
import re
import time
import uuid

import sqlalchemy as sa
from flask import Flask, g, request

from tracker import metrics

log = logging.getLogger("tracker.requests")

_TOKEN = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id() -> str:
    """The current request's id."""
    if "request_id" not in g:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _TOKEN.fullmatch(given) else uuid.uuid4().hex
    return g.request_id


def _start() -> None:
    g.request_started = time.perf_counter()
    request_id()


def _finish(response):
    started = g.get("request_started")
    duration = time.perf_counter() - started if started is not None else 0.0
    route = request.url_rule.rule if request.url_rule is not None else "(no route)"
    response.headers["X-Request-ID"] = request_id()
    metrics.observe_request(request.method, route, response.status_code, duration)
    user = g.get("api_user") or g.get("_login_user")
    log.info("%s %s %d", request.method, route, response.status_code,
             extra={"event": "request", "request_id": request_id(), "method": request.method, "route": route,
                    "status": response.status_code, "duration_ms": round(duration * 1000, 1),
                    "user_id": _user_id(user)})
    return response


def _user_id(user) -> int | None:
    """The id of the user the request already found, read from the session's identity map: never loaded here (a
    commit may have expired the user, and the database may be what failed)."""
    if user is None or user.is_anonymous:
        return None
    state = sa.inspect(user, raiseerr=False)
    return state.identity[0] if state is not None and state.identity else None


def init_app(app: Flask) -> None:
    # First among the hooks: the time counts the login check and the rest.
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request(_finish)
