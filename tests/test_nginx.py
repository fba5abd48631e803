"""nginx (deploy/nginx/mla-tracker.conf) in front of two app hosts over one PostgreSQL database, as an office runs
it: TLS, sessions that work on either host, the client's address as nginx saw it (a forged X-Forwarded-For
ignored), HSTS and secure cookies, static files from nginx, the body size and login rate limits, /metrics kept
inside, and the Prometheus counts of a host's two workers added up."""
import re
import shutil
from pathlib import Path

import pytest
import requests as http
import sqlalchemy as sa

from tests.conftest import POSTGRES_URL
from tests.nginx_stack import METRICS_TOKEN, Stack, nginx
from tests.postgres_server import needs_postgres, own_database

pytestmark = [
    needs_postgres,
    pytest.mark.skipif(shutil.which("nginx") is None and not Path(nginx()).exists(),
                       reason="nginx is not installed (.ci/run installs it)"),
    # Its own database and servers: run once, in the SQLite pass.
    pytest.mark.skipif(bool(POSTGRES_URL), reason="runs its own PostgreSQL database, app hosts and nginx"),
]

SUPERVISOR, PASSWORD = "s.bekova@prokuror.example", "demo-supervisor"
LIMIT = 100 * 1024 * 1024  # client_max_body_size 100m


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    with own_database() as url:
        running = Stack(tmp_path_factory.mktemp("stack"), url.render_as_string(hide_password=False))
        running.prepare_database()
        try:
            running.start()
            yield running
        finally:
            running.stop()


def _browser(stack) -> http.Session:
    browser = http.Session()
    browser.verify = str(stack.certificate)
    browser.trust_env = False  # else REQUESTS_CA_BUNDLE, where set, replaces the certificate given here
    return browser


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def _log_in(stack, browser, password=PASSWORD, **headers):
    token = _csrf(browser.get(f"{stack.base}/login").text)
    # As a browser sends it: over HTTPS the app's CSRF check wants the Referer of its own address, port included.
    return browser.post(f"{stack.base}/login", data={"email": SUPERVISOR, "password": password, "csrf_token": token},
                        headers={"Referer": f"{stack.base}/login", **headers}, allow_redirects=False)


def _addresses(stack) -> set[str]:
    engine = sa.create_engine(stack.database)
    with engine.connect() as connection:
        found = set(connection.execute(sa.text("SELECT address FROM login_throttle")).scalars())
    engine.dispose()
    return found


def test_login_over_tls_with_hsts_and_secure_cookies_and_plain_http_sent_to_https(stack):
    browser = _browser(stack)
    page = browser.get(f"{stack.base}/login")
    assert page.status_code == 200 and "Content-Security-Policy" in page.headers  # the app's answer
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000"  # one, not the app's and nginx's
    assert re.fullmatch(r"[0-9a-f]{32}", page.headers["X-Request-ID"])  # nginx's id, passed on and sent back
    answer = _log_in(stack, browser)
    assert answer.status_code == 302, answer.text[:300]
    cookie = answer.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie
    plain = http.get(f"http://127.0.0.1:{stack.http_port}/requests?x=1", allow_redirects=False)
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://127.0.0.1/requests?x=1")


def test_sessions_work_on_either_host_without_stickiness(stack):
    browser = _browser(stack)
    assert _log_in(stack, browser).status_code == 302
    for _ in range(8):
        page = browser.get(f"{stack.base}/requests", allow_redirects=False)
        assert page.status_code == 200 and "request-list" in page.text
    served = [(stack.folder / f"host{number}.access.log").read_text().count("GET /requests HTTP")
              for number in (1, 2)]
    assert min(served) >= 1, served  # nginx sent the pages to both hosts, and both knew the session
    # The same session cookie, straight to each host.
    session = browser.cookies.get("session")
    for port in stack.host_ports:
        direct = http.get(f"http://127.0.0.1:{port}/requests", cookies={"session": session}, allow_redirects=False)
        assert direct.status_code == 200


def test_the_app_sees_the_address_nginx_saw_and_a_forged_one_is_ignored(stack):
    browser = _browser(stack)
    refused = _log_in(stack, browser, password="not the password", **{"X-Forwarded-For": "203.0.113.9",
                                                                    "X-Real-IP": "203.0.113.10"})
    assert refused.status_code == 200  # the form again, with its message
    addresses = _addresses(stack)
    assert "127.0.0.1" in addresses and not addresses & {"203.0.113.9", "203.0.113.10"}


def test_static_files_come_from_nginx(stack):
    style = http.get(f"{stack.base}/static/tracker.css", verify=str(stack.certificate))
    assert style.status_code == 200 and "Content-Security-Policy" not in style.headers  # not the app's answer
    assert style.content == (Path(__file__).resolve().parent.parent / "tracker" / "static" / "tracker.css").read_bytes()
    assert "max-age=604800" in style.headers["Cache-Control"]


def test_a_body_at_the_limit_reaches_the_app_and_a_larger_one_is_refused_by_nginx(stack):
    browser = _browser(stack)
    assert _log_in(stack, browser).status_code == 302
    at_limit = browser.post(f"{stack.base}/import/requests", data=b"x" * LIMIT,
                            headers={"Content-Type": "application/octet-stream"})
    assert "Content-Security-Policy" in at_limit.headers, at_limit.status_code  # the app answered
    above = browser.post(f"{stack.base}/import/requests", data=b"x" * (LIMIT + 1),
                         headers={"Content-Type": "application/octet-stream"})
    assert above.status_code == 413 and "Content-Security-Policy" not in above.headers  # nginx refused it


def test_logins_are_rate_limited_by_nginx(stack):
    answers = [http.post(f"{stack.base}/login", data={}, verify=str(stack.certificate)).status_code
               for _ in range(20)]
    assert 429 in answers and answers.count(429) >= 10, answers


def _healthz_count(port) -> float:
    text = http.get(f"http://127.0.0.1:{port}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}).text
    found = re.search(r'^tracker_http_requests_total\{method="GET",route="/healthz",status="200"\} (\S+)$', text,
                      re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def test_a_hosts_metrics_add_up_its_workers_and_are_scraped_from_the_host(stack):
    port = stack.host_ports[0]
    before = _healthz_count(port)
    for _ in range(40):
        assert http.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
    assert _healthz_count(port) - before == 40  # whichever of its two workers answered each
    assert http.get(f"http://127.0.0.1:{port}/metrics").status_code == 401  # the token is needed
    assert http.get(f"{stack.base}/metrics", verify=str(stack.certificate),
                    headers={"Authorization": f"Bearer {METRICS_TOKEN}"}).status_code == 404  # never through nginx
