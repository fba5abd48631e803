"""gunicorn with several workers on 127.0.0.1: pages work across workers and no job runs inside them."""
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import POSTGRES_URL

pytestmark = pytest.mark.skipif(bool(POSTGRES_URL), reason="runs its own SQLite database; the PostgreSQL run "
                                                                  "keeps its one shared test database")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def flask(env, *args):
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "tracker", *args], env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_gunicorn_workers_serve_the_pages_and_run_no_jobs(tmp_path):
    instance = tmp_path / "instance"
    database = f"sqlite:///{instance / 'tracker.db'}"
    env = dict(os.environ, TRACKER_INSTANCE_PATH=str(instance), TRACKER_SQLALCHEMY_DATABASE_URI=database)
    env.pop("TRACKER_TEST_DATABASE_URL", None)
    instance.mkdir()
    flask(env, "db", "upgrade")
    flask(env, "seed")
    flask(env, "demo")  # a week's digests would be due: a scheduler running in a worker would send them at start
    flask(env, "deadlines", "refresh")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", "3", "-b", f"127.0.0.1:{port}",
                               "--graceful-timeout", "5", "tracker:create_app()"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60  # workers boot slowly on a busy machine
        while True:
            try:
                urllib.request.urlopen(f"{base}/login", timeout=10)
                break
            except OSError:  # refused, reset or timed out while the workers start
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        jar = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
        login_page = browser.open(f"{base}/login").read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
        form = urllib.parse.urlencode({"csrf_token": token, "email": "d.ivanov@prokuror.example",
                                       "password": "demo-prosecutor-2"}).encode()
        try:
            browser.open(f"{base}/login", data=form)
            raise AssertionError("the login should redirect")
        except urllib.error.HTTPError as redirect:
            assert redirect.code == 302
        pages = [browser.open(f"{base}/requests") for _ in range(30)]  # spread over the workers
        assert all(page.status == 200 for page in pages)
        assert all("Дмитрий Иванов" in page.read().decode() for page in pages)
        time.sleep(2)
        engine = sa.create_engine(database)
        with engine.connect() as connection:
            deliveries = connection.scalar(sa.text("SELECT count(*) FROM digest_deliveries"))
        engine.dispose()
        assert deliveries == 0
        assert not (Path(instance) / "outbox").exists()
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert output.count("Booting worker") == 3
    assert "Traceback" not in output
