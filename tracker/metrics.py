"""What Prometheus scrapes from each app host at /metrics (tracker/web/health.py): requests per route and their
time, jobs run and failed, digests and alerts sent, and the register's open and critical requests.

Under gunicorn every worker counts for itself: with PROMETHEUS_MULTIPROC_DIR set (a folder emptied at each start,
deploy/gunicorn.conf.py), prometheus-client keeps the counts in files there and /metrics adds them up. The scheduler
and the job workers keep theirs in folders of their own (each emptied when it starts: deploy/systemd), which
METRICS_OTHER_FOLDERS names for /metrics to add. Without PROMETHEUS_MULTIPROC_DIR (one process, the tests) the counts
live in the process. The open and critical requests are counted in the database at
each scrape, so every host gives the same figures.
"""
import os

import sqlalchemy as sa
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

from tracker import clock
from tracker.domain.access import SYSTEM
from tracker.extensions import db
from tracker.models import Request
from tracker.services.queries import RequestFilters, deadline_filters, filtered_requests

REQUESTS = Counter("tracker_http_requests", "Requests answered, by route as declared, method and status.",
                   ["method", "route", "status"])
DURATION = Histogram("tracker_http_request_duration_seconds", "Time to answer a request, by route and method.",
                     ["method", "route"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
JOBS = Counter("tracker_jobs", "Jobs a worker ended, by kind and how they ended (done, failed, cancelled).",
               ["kind", "state"])
MAILS = Counter("tracker_mails", "Digests and deadline alerts, by outcome (sent, failed).", ["mail", "outcome"])


# The methods counted by name; any other a client sends is counted as OTHER, so that clients cannot add series.
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    method = method if method in METHODS else "OTHER"
    REQUESTS.labels(method, route, str(status)).inc()
    DURATION.labels(method, route).observe(seconds)


def job_ended(kind: str, state: str) -> None:
    JOBS.labels(kind, state).inc()


def mails_sent(mail: str, sent: int, failed: int) -> None:
    if sent:
        MAILS.labels(mail, "sent").inc(sent)
    if failed:
        MAILS.labels(mail, "failed").inc(failed)


class RegisterFigures:
    """The open requests, and those whose foreign release deadline has passed (critical), read at each scrape."""

    def collect(self):
        def count(filters: RequestFilters) -> int:
            matching = filtered_requests(filters).with_only_columns(Request.id).subquery()
            return db.session.scalar(sa.select(sa.func.count()).select_from(matching))

        opened = GaugeMetricFamily("tracker_requests_open", "Open requests in the register (drafts included).")
        opened.add_metric([], count(RequestFilters(access=SYSTEM, open_only=True)))
        critical = GaugeMetricFamily("tracker_requests_critical",
                                     "Open requests whose foreign release deadline has passed.")
        critical.add_metric([], count(RequestFilters(access=SYSTEM,
                                                     **deadline_filters(clock.today_local(), critical=True))))
        yield opened
        yield critical


def exposition(other_folders: str = "") -> bytes:
    """The text /metrics answers with: the counters of every process on this host (the web workers', and those of
    the scheduler and job workers kept in `other_folders`, separated by ":"), then the register's figures."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        counted = CollectorRegistry()
        multiprocess.MultiProcessCollector(counted)
        for folder in filter(None, other_folders.split(":")):
            if os.path.isdir(folder):
                multiprocess.MultiProcessCollector(counted, path=folder)
    else:
        counted = REGISTRY
    figures = CollectorRegistry(auto_describe=False)
    figures.register(RegisterFigures())
    try:
        return generate_latest(counted) + generate_latest(figures)
    finally:
        db.session.rollback()
