"""What a load balancer and an operator ask of each app host, without a login and without personal data.

- `/healthz`: the process answers (no database read): restart the host's app if it does not.
- `/readyz`: the host can serve pages: its database answers, the database's schema is the one this code was
  written for (migrations at head), and the active scheduler's last beat (tracker/jobs/leadership.py) is recent.
  503 with the failing checks named while any is not; the load balancer sends users to the hosts that are ready.
- `/metrics`: Prometheus's scrape (tracker/metrics.py), with the bearer token METRICS_TOKEN; not served without one.
"""
import hmac
from datetime import timedelta

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask import Blueprint, current_app, jsonify, make_response, request
from prometheus_client import CONTENT_TYPE_LATEST

from tracker import clock, metrics
from tracker.extensions import db
from tracker.jobs.leadership import last_beat

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return _answer({"status": "ok"}, 200)


@bp.get("/metrics")
def prometheus_metrics():
    """Prometheus's scrape: 404 unless METRICS_TOKEN is set, 401 without that token as a bearer token."""
    token = current_app.config.get("METRICS_TOKEN") or ""
    if not token:
        return _answer({"status": "not served"}, 404)
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        response = _answer({"status": "unauthorized"}, 401)
        response.headers["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    response = make_response(metrics.exposition(current_app.config.get("METRICS_OTHER_FOLDERS") or ""))
    response.headers["Content-Type"] = CONTENT_TYPE_LATEST
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/readyz")
def readyz():
    checks = {}
    try:
        db.session.execute(sa.text("SELECT 1"))
        checks["database"] = "ok"
        current = set(db.session.scalars(sa.text("SELECT version_num FROM alembic_version")))
        checks["migrations"] = "ok" if current == _heads() else "not at head"
        checks["scheduler"] = _scheduler_check()
    except sa.exc.DBAPIError as error:
        db.session.rollback()
        # Which failure, not its text: the text may name the server and the account.
        checks["database"] = f"unreachable ({error.__class__.__name__})"
    finally:
        db.session.rollback()
    # Every check ran (an unreachable database stops the others) and passed.
    ready = len(checks) == 3 and all(value == "ok" for value in checks.values())
    return _answer({"status": "ready" if ready else "unready", "checks": checks}, 200 if ready else 503)


def _scheduler_check() -> str:
    beat = last_beat()
    if beat is None:
        return "no scheduler has run"
    age = clock.now() - beat.beat_at
    if age > timedelta(seconds=current_app.config["READY_SCHEDULER_BEAT_SECONDS"]):
        return f"last beat {int(age.total_seconds())} s ago"
    return "ok"


def _heads() -> set[str]:
    """The migrations' heads this code ships, read once per process."""
    heads = current_app.extensions.get("migration_heads")
    if heads is None:
        directory = ScriptDirectory(current_app.extensions["migrate"].directory)
        heads = current_app.extensions["migration_heads"] = set(directory.get_heads())
    return heads


def _answer(body: dict, status: int):
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response
