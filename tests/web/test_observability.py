"""Logs an operator can use and the metrics Prometheus scrapes: one JSON line per request with its route, status,
time, user and request id, never a password, token, name or what was searched; /metrics behind its token."""
import json
import logging

import pytest
import sqlalchemy as sa

from tests.factories import PASSWORD, make_request, make_user
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.logs import FIELDS, JsonFormatter
from tracker.models import Request
from tracker.services.queries import open_condition


def _lines(caplog, logger=None):
    """What was logged, each record as the JSON line the operator reads."""
    formatter = JsonFormatter()
    return [json.loads(formatter.format(record)) for record in caplog.records
            if logger is None or record.name == logger]


def test_one_json_line_per_request_with_its_route_and_the_id_nginx_gave(client, auth, caplog):
    owner = make_user(Role.SUPERVISOR, name="Aliya Seitkali")
    request = make_request(owner, person_name="Bekov Daulet")
    auth.login(owner)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = client.get(f"/requests/{request.id}", headers={"X-Request-ID": "nginx-7f3a"})
        listed = client.get("/requests?text=Bekov+Daulet")
    assert response.headers["X-Request-ID"] == "nginx-7f3a" and len(listed.headers["X-Request-ID"]) == 32
    lines = _lines(caplog, "tracker.requests")
    assert [(line["route"], line["status"]) for line in lines] == [("/requests/<int:request_id>", 200),
                                                                   ("/requests", 200)]
    first = lines[0]
    assert first["request_id"] == "nginx-7f3a" and first["user_id"] == owner.id and first["method"] == "GET"
    assert first["event"] == "request" and first["duration_ms"] > 0 and first["level"] == "INFO"
    assert set(first) <= {"time", "level", "logger", "message", *FIELDS}
    everything = json.dumps(_lines(caplog))
    assert "Bekov" not in everything and "Aliya" not in everything and "Daulet" not in everything


def test_a_request_id_that_is_not_a_plain_token_is_replaced(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/healthz", headers={"X-Request-ID": 'x" injected {"level": "ERROR"}'})
    given = response.headers["X-Request-ID"]
    assert len(given) == 32 and given.isalnum()
    assert _lines(caplog, "tracker.requests")[-1]["request_id"] == given


def test_a_login_leaves_no_password_or_address_in_the_logs(client, caplog):
    user = make_user(email="d.ivanov@prokuror.example")
    with caplog.at_level(logging.DEBUG):
        client.post("/login", data={"email": "d.ivanov@prokuror.example", "password": "wrong password here"})
        client.post("/login", data={"email": "d.ivanov@prokuror.example", "password": PASSWORD})
    everything = json.dumps(_lines(caplog))
    assert "wrong password here" not in everything and PASSWORD not in everything
    assert "d.ivanov" not in everything
    assert [line["status"] for line in _lines(caplog, "tracker.requests")] == [200, 302]
    assert _lines(caplog, "tracker.requests")[-1]["user_id"] == user.id


def test_the_log_level_comes_from_the_settings(app, client, caplog):
    from tracker.logs import configure_logging

    try:
        configure_logging({"LOG_LEVEL": "WARNING", "LOG_FORMAT": "json"})
        caplog.clear()
        client.get("/healthz")
        assert _lines(caplog, "tracker.requests") == []
    finally:
        configure_logging(app.config)
    client.get("/healthz")
    assert _lines(caplog, "tracker.requests")[-1]["route"] == "/healthz"


def test_metrics_are_not_served_without_a_token_nor_to_a_wrong_one(app, client, monkeypatch):
    assert client.get("/metrics").status_code == 404
    monkeypatch.setitem(app.config, "METRICS_TOKEN", "scrape-secret")
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"}).status_code == 200


def _scrape(client) -> dict[str, float]:
    text = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"}).get_data(as_text=True)
    samples = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            samples[name] = float(value)
    return samples


@pytest.fixture
def scraping(app, monkeypatch):
    monkeypatch.setitem(app.config, "METRICS_TOKEN", "scrape-secret")


def test_metrics_count_requests_per_route_and_the_registers_open_and_critical_requests(client, scraping):
    from datetime import date

    from tracker.domain.statuses import Kind, Status

    owner = make_user()
    make_request(owner)
    make_request(owner, Kind.EXTRADITION, statuses=[(Status.PENDING, date(2026, 9, 2))])
    before = _scrape(client)
    route = 'tracker_http_requests_total{method="GET",route="/healthz",status="200"}'
    for _ in range(3):
        client.get("/healthz")
    after = _scrape(client)
    assert after[route] - before.get(route, 0) == 3
    opened = db.session.scalar(sa.select(sa.func.count()).select_from(Request).where(open_condition(),
                                                                                     Request.deleted_at.is_(None)))
    assert after["tracker_requests_open"] == opened == 2
    assert "tracker_requests_critical" in after
    assert 'tracker_http_request_duration_seconds_count{method="GET",route="/healthz"}' in after


def test_methods_a_client_invents_do_not_add_series(client, scraping):
    for number in range(5):
        client.open("/healthz", method=f"INVENTED{number}")
    text = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret"}).get_data(as_text=True)
    assert "INVENTED" not in text and 'method="OTHER",route="(no route)",status="405"' in text
