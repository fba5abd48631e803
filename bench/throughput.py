"""Requests per second of the main pages under gunicorn, against a bare route of the same app.

    .venv/bin/python bench/throughput.py [--size 10000] [--database-url URL] [--keep FOLDER] [--workers 2]
                                         [--connections 4] [--seconds 10] [--rounds 3] [--exports]

Fills a database as bench/register_bench.py does (or reuses one with --keep), starts gunicorn with `--workers` sync
workers on 127.0.0.1, logs in as a supervisor and drives each page with wrk (Debian's package) at `--connections`
concurrent clients for `--seconds`, in `--rounds` rounds that take the pages in turn, so that a slow spell of this
shared machine falls on every page alike. It prints, per page, the median requests per second with the lowest and
highest round, the median p99 latency, and the ratio of the median to the bare route's; then the median rate and
ratio of a second gunicorn writing every page afresh (KEEP_PAGES=false), and the list while the register changes ten
times a second.

The bare route is added by this script's own app factory and answers "ok": it passes the same login check, session
and headers as every page, so the ratio says what a page costs beyond the framework's own work.

With --exports it then measures the list page while two XLSX exports of the whole register are made, by two job
workers and, for comparison, by the web workers themselves (a second gunicorn that streams every export), and prints
the list's rate against its rate alone.
"""
import argparse
import os
import re
import shutil
import signal
import socket
import statistics as stats
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import requests as http
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.import_register import prepare  # noqa: E402
from bench.register_bench import fill, reuse  # noqa: E402
from tracker import clock, create_app  # noqa: E402
from tracker.domain.statuses import Kind  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.models import Request  # noqa: E402

# The supervisor bench/import_register.py's prepare() creates.
EMAIL, PASSWORD = "chief@bench.example", "bench-password"


def bench_app():
    """The app as gunicorn serves it, with the bare route."""
    app = create_app()

    @app.route("/bench/bare")
    def bare():
        return "ok"

    return app


def pages_of(url: str) -> list[tuple[str, str]]:
    """(name, path) of the pages measured."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        some = db.session.scalar(sa.select(Request.id).where(Request.kind == Kind.EXTRADITION)
                                 .order_by(Request.id.desc()).limit(1))
        db.engine.dispose()
    return [("bare route", "/bench/bare"),
            ("request list, page 1", "/requests"),
            ("request list, open extradition to RU", "/requests?kind=extradition&country=RU&open_only=1"),
            ("pending by country", "/reports/pending-by-country"),
            ("request page", f"/requests/{some}")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench_env(url: str, instance: str, **settings) -> dict:
    """The environment of the app's processes in this run."""
    return dict(os.environ, TRACKER_SQLALCHEMY_DATABASE_URI=url, TRACKER_INSTANCE_PATH=instance,
                TRACKER_SECRET_KEY="bench-secret-key-for-this-run-only",
                **{f"TRACKER_{name}": str(value) for name, value in settings.items()})


def start_gunicorn(url: str, instance: str, workers: int, port: int, **settings) -> subprocess.Popen:
    env = bench_env(url, instance, **settings)
    server = subprocess.Popen(  # nosec B603: a fixed command line on 127.0.0.1
        [str(Path(sys.executable).with_name("gunicorn")), "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--timeout", "180", "--log-level", "warning", "bench.throughput:bench_app()"],
        cwd=Path(__file__).resolve().parent.parent, env=env)
    for _ in range(100):
        try:
            http.get(f"http://127.0.0.1:{port}/login", timeout=5)
            return server
        except http.RequestException:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def session_cookie(base: str) -> str:
    """A logged-in supervisor's cookie header, logged in through the form as a browser would."""
    browser = http.Session()
    form = browser.get(f"{base}/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    answer = browser.post(f"{base}/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token},
                          allow_redirects=False)
    if answer.status_code != 302:
        raise SystemExit(f"the benchmark could not log in: {answer.status_code}")
    return "; ".join(f"{name}={value}" for name, value in browser.cookies.items())


def wrk(url: str, cookie: str, connections: int, seconds: int) -> tuple[float, float]:
    """Requests per second and p99 latency in ms of one wrk run; a run with errors or non-2xx answers stops here."""
    output = subprocess.run(  # nosec B603: a fixed command line against 127.0.0.1
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", "-H", f"Cookie: {cookie}", url],
        capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"{url} answered with errors:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output).groups()
    return rate, float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


# How often the register changes during the list's last measurement.
CHANGES_PER_SECOND = 10


@contextmanager
def register_changing(url: str, per_second: int):
    """A connection of its own changing a request `per_second` times a second (its time of last change, which the
    list is sorted by), as prosecutors recording their work would, while the block runs."""
    engine = sa.create_engine(url)
    stop = threading.Event()

    def change():
        while not stop.wait(1 / per_second):
            with engine.begin() as connection:
                newest = sa.select(sa.func.max(Request.id)).where(Request.deleted_at.is_(None)).scalar_subquery()
                connection.execute(sa.update(Request).where(Request.id == newest).values(updated_at=clock.now()))

    writer = threading.Thread(target=change, daemon=True)
    writer.start()
    try:
        yield
    finally:
        stop.set()
        writer.join()
        engine.dispose()


# Two exports of the whole register, different enough that neither is taken for a second click on the other.
EXPORTS = ("/requests/export?format=xlsx&sort=reference&dir=asc", "/requests/export?format=xlsx&sort=country&dir=desc")


def list_during_exports(base: str, cookie: str, url: str, instance: str, args, *, in_jobs: bool) -> dict:
    """The list page's requests per second while two exports of the whole register are made: by two job workers
    (`in_jobs`), or, as before, streamed by the web workers themselves. wrk starts once both are under way; the
    result says whether both were still going when it ended, and how long the exports took."""
    import requests as http_client
    from concurrent.futures import ThreadPoolExecutor

    workers = []
    if in_jobs:
        workers = [subprocess.Popen(  # nosec B603: a fixed command line
            [sys.executable, "-m", "flask", "--app", "tracker", "worker"], env=bench_env(url, instance),
            cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(2)]
    started = time.monotonic()
    pool = ThreadPoolExecutor(2)
    try:
        def download(path):
            # A job is asked for like the page's link asks (it redirects to the job's page); a direct export is
            # read to its end.
            answer = http_client.get(base + path, headers={"Cookie": cookie}, allow_redirects=False, timeout=600)
            answer.raise_for_status()
            return answer
        exports = [pool.submit(download, path) for path in EXPORTS]
        if in_jobs:
            for export in exports:
                export.result()
            ids = [int(export.result().headers["Location"].rsplit("/", 1)[1]) for export in exports]
            running = lambda: [http_client.get(f"{base}/jobs/{job_id}/status", headers={"Cookie": cookie})  # noqa: E731
                               .json()["state"] for job_id in ids]
            while any(state == "queued" for state in running()):
                time.sleep(0.1)
            still = lambda: all(state == "running" for state in running())  # noqa: E731
        else:
            time.sleep(1.0)
            still = lambda: not any(export.done() for export in exports)  # noqa: E731
        rate, latency = wrk(base + "/requests", cookie, args.connections, args.seconds)
        covered = still()
        if in_jobs:
            while not all(state in ("done", "failed", "cancelled") for state in running()):
                time.sleep(0.2)
        else:
            for export in exports:
                export.result()
        return {"rate": rate, "p99": latency, "covered": covered, "export_seconds": time.monotonic() - started}
    finally:
        pool.shutdown(wait=True)
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--keep", default=None, help="keep and reuse the filled SQLite database in this folder")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--exports", action="store_true",
                        help="also measure the list page during two exports of the whole register, made by job "
                             "workers and, as before, by the web workers")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    instance = tempfile.mkdtemp(prefix="tracker-bench-")
    os.environ["TRACKER_INSTANCE_PATH"] = instance
    folder = Path(args.keep) if args.keep else Path(instance)
    url = args.database_url or f"sqlite:///{folder / f'bench-{args.size}.db'}"
    app = reuse(url, args.size) if args.keep or args.database_url else None
    if app is None:
        if url.startswith("sqlite"):
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        app = prepare(url)
        fill(app, args.size, clock.today_local())
    with app.app_context():
        db.engine.dispose()
    pages = pages_of(url)
    port, afresh_port = free_port(), free_port()
    server = start_gunicorn(url, instance, args.workers, port)
    # The same app writing every page afresh (KEEP_PAGES=false), idle while the other is measured.
    afresh_server = start_gunicorn(url, instance, args.workers, afresh_port, KEEP_PAGES="false")
    try:
        base, afresh_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{afresh_port}"
        cookie = session_cookie(base)
        for _name, path in pages:  # warm every worker's caches and the database's pages
            wrk(base + path, cookie, args.connections, 2)
            wrk(afresh_base + path, cookie, args.connections, 2)
        rates = {name: [] for name, _path in pages}
        p99 = {name: [] for name, _path in pages}
        afresh = {name: [] for name, _path in pages}
        changing = []
        for _round in range(args.rounds):
            for name, path in pages:
                rate, latency = wrk(base + path, cookie, args.connections, args.seconds)
                rates[name].append(rate)
                p99[name].append(latency)
                afresh[name].append(wrk(afresh_base + path, cookie, args.connections, args.seconds)[0])
            with register_changing(url, CHANGES_PER_SECOND):
                changing.append(wrk(base + "/requests", cookie, args.connections, args.seconds)[0])
        during = {True: [], False: []}
        if args.exports:
            for _round in range(args.rounds):
                during[True].append(list_during_exports(base, cookie, url, instance, args, in_jobs=True))
    finally:
        for running in (server, afresh_server):
            running.send_signal(signal.SIGTERM)
            running.wait(timeout=30)
    if args.exports:
        # As before: exports of any size streamed by the web workers themselves.
        server = start_gunicorn(url, instance, args.workers, port, EXPORT_DIRECT_ROWS=10**9)
        try:
            cookie = session_cookie(base)
            wrk(base + "/requests", cookie, args.connections, 2)
            for _round in range(args.rounds):
                during[False].append(list_during_exports(base, cookie, url, instance, args, in_jobs=False))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    bare = stats.median(rates["bare route"])
    print(f"\n{url.split(':')[0]}, {args.size:,} requests; gunicorn {args.workers} sync workers, wrk {args.connections} "
          f"connections, {args.rounds} rounds of {args.seconds} s")
    print(f"{'':<42}{'req/s median':>14}{'(low-high)':>16}{'p99 ms':>9}{'× bare':>9}{'afresh':>9}{'× bare':>9}")
    for name, _path in pages:
        median, written = stats.median(rates[name]), stats.median(afresh[name])
        spread = f"({min(rates[name]):.0f}-{max(rates[name]):.0f})"
        print(f"{name:<42}{median:>14.0f}{spread:>16}{stats.median(p99[name]):>9.1f}{median / bare:>9.2f}"
              f"{written:>9.0f}{written / bare:>9.2f}")
    name = f"request list, page 1, {CHANGES_PER_SECOND} changes a second"
    spread = f"({min(changing):.0f}-{max(changing):.0f})"
    print(f"{name:<42}{stats.median(changing):>14.0f}{spread:>16}{'':>9}{stats.median(changing) / bare:>9.2f}")
    print("afresh: the same page with KEEP_PAGES=false, every page written afresh; the last row: the list while "
          "another connection changes a request that often (each change gives the register a new version)")
    if args.exports:
        alone = stats.median(rates["request list, page 1"])
        print(f"\nrequest list, page 1, during two XLSX exports of all {args.size:,} requests"
              f"{'':<4}{'req/s median':>14}{'(low-high)':>16}{'p99 ms':>9}{'× alone':>9}{'export s':>10}")
        for in_jobs, label in ((False, "exports in the web workers (before)"), (True, "exports by two job workers")):
            runs = during[in_jobs]
            found = [run["rate"] for run in runs]
            spread = f"({min(found):.0f}-{max(found):.0f})"
            note = "" if all(run["covered"] for run in runs) else "  (an export ended before wrk did)"
            print(f"{label:<42}{stats.median(found):>14.0f}{spread:>16}{stats.median(r['p99'] for r in runs):>9.1f}"
                  f"{stats.median(found) / alone:>9.2f}{stats.median(r['export_seconds'] for r in runs):>10.1f}{note}")


if __name__ == "__main__":
    main()
