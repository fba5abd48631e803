"""The list page through nginx (deploy/nginx/mla-tracker.conf) with one app host and with two, over one PostgreSQL
database.

    .venv/bin/python bench/nginx_hosts.py [--size 10000] [--workers 2] [--connections 8] [--seconds 8] [--rounds 3]

Makes a PostgreSQL database of its own on 127.0.0.1:5432 (dropped at the end), fills it as bench/register_bench.py
does, and runs the same stack as tests/test_nginx.py: nginx with TLS in front of `--workers` gunicorn workers per
app host. For one host and then two, it logs in through nginx as a supervisor and drives the list page with wrk
(Debian's package) over HTTPS, in `--rounds` rounds taken in turn, and prints requests per second (median, lowest and
highest round) and the median p99. Everything runs on 127.0.0.1 and for a bounded time.
"""
import argparse
import re
import shutil
import statistics as stats
import sys
import tempfile
from pathlib import Path

import requests as http

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.import_register import prepare  # noqa: E402
from bench.register_bench import fill  # noqa: E402
from bench.throughput import EMAIL, PASSWORD, wrk  # noqa: E402
from tests.nginx_stack import Stack  # noqa: E402
from tests.postgres_server import own_database  # noqa: E402
from tracker import clock  # noqa: E402
from tracker.extensions import db  # noqa: E402

PAGE = "/requests"


def login_cookie(stack: Stack) -> str:
    """A supervisor's session through nginx, as a browser gets it (the form, its token, the Referer)."""
    browser = http.Session()
    browser.verify, browser.trust_env = str(stack.certificate), False
    form = browser.get(f"{stack.base}/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    answer = browser.post(f"{stack.base}/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token},
                          headers={"Referer": f"{stack.base}/login"}, allow_redirects=False)
    if answer.status_code != 302:
        raise SystemExit(f"the benchmark could not log in through nginx: {answer.status_code}")
    return "; ".join(f"{name}={value}" for name, value in browser.cookies.items())


def measure(database: str, hosts: int, args) -> tuple[list[float], list[float]]:
    """Requests per second and p99 (ms) of each round, with `hosts` app hosts behind nginx."""
    stack = Stack(Path(tempfile.mkdtemp(prefix="tracker-nginx-bench-")), database, hosts=hosts, workers=args.workers)
    stack.start()
    try:
        cookie = login_cookie(stack)
        wrk(stack.base + PAGE, cookie, args.connections, 2)  # warms every worker
        rates, p99 = [], []
        for _round in range(args.rounds):
            rate, latency = wrk(stack.base + PAGE, cookie, args.connections, args.seconds)
            rates.append(rate)
            p99.append(latency)
        return rates, p99
    finally:
        stack.stop()
        shutil.rmtree(stack.folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app host")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None or shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        raise SystemExit("wrk and nginx are needed: apt-get install wrk nginx")
    with own_database() as url:
        database = url.render_as_string(hide_password=False)
        app = prepare(database)
        fill(app, args.size, clock.today_local())
        with app.app_context():
            db.session.execute(db.text("ANALYZE"))
            db.session.commit()
            db.engine.dispose()
        results = {hosts: measure(database, hosts, args) for hosts in (1, 2)}
    print(f"\nPostgreSQL, {args.size:,} requests; nginx with TLS in front of gunicorn ({args.workers} sync workers per "
          f"host), wrk {args.connections} connections, {args.rounds} rounds of {args.seconds} s, list page")
    print(f"{'app hosts':<12}{'req/s median':>14}{'(low-high)':>16}{'p99 ms':>9}")
    for hosts, (rates, p99) in results.items():
        print(f"{hosts:<12}{stats.median(rates):>14.0f}{f'({min(rates):.0f}-{max(rates):.0f})':>16}"
              f"{stats.median(p99):>9.0f}")
    one, two = (stats.median(results[hosts][0]) for hosts in (1, 2))
    print(f"two hosts / one host: {two / one:.2f}")


if __name__ == "__main__":
    main()
