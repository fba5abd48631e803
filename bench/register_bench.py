"""How the register's pages and jobs hold up as it grows.

    .venv/bin/python bench/register_bench.py [--sizes 10000,100000,1000000] [--database-url URL] [--repeat 7]
                                             [--keep FOLDER] [--only TEXT]

For each size, fills an empty database with that many realistic requests (both kinds, ~40 countries,
sent over ten years, statuses along the workflow and most of the old ones closed, two or three history
entries each), then prints the median and p95
time of: the request list (a filtered list's first, 50th and last pages; every request's 50th, middle and last
pages, the middle one by its number, by Next, by Previous and by the pager's number three pages away, and by its
number oldest change first; text searches), a request's page, pending by country, statistics as
of a date, the nightly setting of the list's stretches, the weekly digest run (contents and mails built, nothing sent), and the XLSX export of up
to 100,000 rows with its peak memory; the SQL statements each page runs; and, for pending by country and
the statistics, the page's time over the statements it runs on the requests table, run directly in SQL. Without --database-url it uses a
temporary SQLite file; a PostgreSQL URL's public schema is dropped and rebuilt, so use a scratch database.
With --keep, the SQLite files stay in FOLDER (bench-SIZE.db) and a later run measures them again
without filling; with a PostgreSQL URL, --keep skips the fill when the database already holds SIZE
requests. --only measures just the lines whose name contains TEXT.
"""
import argparse
import html
import os
import random
import re
import statistics as stats
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.import_register import CATEGORIES, prepare  # noqa: E402
from tracker import clock, create_app  # noqa: E402
from tracker.domain.statuses import Kind, Status, open_statuses  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.models import CrimeCategory, Request, RequestEvent, User  # noqa: E402
from tracker.services.deadlines import rule_book  # noqa: E402
from tracker.services.demo import COUNTRIES, PEOPLE  # noqa: E402
from tracker.services import list_positions  # noqa: E402
from tracker.services.digests import send_weekly_digests  # noqa: E402
from tracker.services.requests import ExistingRequest, register_existing  # noqa: E402
from tracker.services.text_search import count_search_terms  # noqa: E402

MLA = [(Status.SENT, 0), (Status.PENDING, 20), (Status.SUPPLEMENT_REQUESTED, 60), (Status.EXECUTED, 120),
       (Status.PARTIALLY_EXECUTED, 90), (Status.REFUSED, 150), (Status.RETURNED, 100), (Status.WITHDRAWN, 30)]
EXTRADITION = [(Status.SENT, 0), (Status.PENDING, 15), (Status.GRANTED, 45), (Status.EXTRADITED, 80),
               (Status.REFUSED, 60), (Status.RELEASED_ABROAD, 35)]
OPEN = set(open_statuses(Kind.MLA)) | set(open_statuses(Kind.EXTRADITION))
BATCH = 2000


def still_open(age_days: int) -> float:
    """The share of requests still open at this age: most are answered within a year, few after three."""
    if age_days < 90:
        return 0.9
    if age_days < 365:
        return 0.5
    if age_days < 3 * 365:
        return 0.2
    return 0.04


def pick_status(rng, paths, age_days: int):
    """A status along the workflow, open with the probability for the request's age, and its delay after sending."""
    wanted_open = rng.random() < still_open(age_days)
    return rng.choice([(status, after) for status, after in paths if (status in OPEN) == wanted_open])


def fill(app, size: int, today: date, seed: int = 11) -> None:
    """`size` requests over ten years, in batches through the same bulk path the import uses."""
    rng = random.Random(seed)
    with app.app_context():
        owners = list(db.session.scalars(sa.select(User.id).where(User.email.like("p%@bench.example"))))
        actor = db.session.scalar(sa.select(User).where(User.email == "chief@bench.example"))
        categories = dict(db.session.execute(sa.select(CrimeCategory.code, CrimeCategory.id)).all())
        rules = rule_book()
        for start in range(0, size, BATCH):
            items = []
            for number in range(start + 1, min(size, start + BATCH) + 1):
                extradition = rng.random() < 0.3
                sent_on = today - timedelta(days=rng.randint(0, 3650))
                status, after = pick_status(rng, EXTRADITION if extradition else MLA, (today - sent_on).days)
                status_on = min(today, sent_on + timedelta(days=after))
                fields = {"reference": f"{sent_on.year}/{number:07d}", "country_code": rng.choice(COUNTRIES),
                          "authority": "", "treaty_id": None, "case_number": f"{sent_on.year % 100:02d}75{number:011d}",
                          "crime_category_id": categories[rng.choice(CATEGORIES)], "articles": "ст. 190",
                          "summary": "Допросить свидетеля", "in_custody": False}
                if extradition:
                    person, latin = rng.choice(PEOPLE)
                    fields |= {"person_name": person, "person_name_latin": latin,
                               "detained_on": sent_on - timedelta(days=10)}
                    if (today - sent_on).days < 60 and rng.random() < 0.3:
                        # Still being prepared while the person is held abroad: the release deadline runs.
                        fields["detained_on"] = today - timedelta(days=rng.randint(0, 50))
                        sent_on, status, status_on = None, Status.DRAFT, fields["detained_on"]
                items.append(ExistingRequest(Kind.EXTRADITION if extradition else Kind.MLA, fields,
                                             rng.choice(owners), sent_on, status, status_on, "bench"))
            register_existing(actor, items, rules=rules, arrest_limits={}, today=today, now=clock.now())
            db.session.commit()
        maintained()


def maintained() -> None:
    """What production keeps up in the background. On PostgreSQL, planner statistics and the visibility map, as
    autovacuum keeps them. Without statistics PostgreSQL plans for an empty table (page 50 of the list took 894 ms
    instead of 50 ms at 100,000 rows); without the visibility map an index-only scan still reads every row it counts
    (pending by country took 306 ms instead of about 75 ms at 1,000,000). On SQLite, the counts of the search
    index's trigrams, as the scheduler makes them every night. On both, the whole register's stretches
    (list_positions.py), as the scheduler sets them every night: a register just filled holds them in one."""
    list_positions.rebuild()
    db.session.commit()
    if db.engine.url.get_backend_name() == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    else:
        count_search_terms()
        db.session.commit()


class Counter:
    """SQL statements run while a page is served."""

    def __init__(self, engine):
        self.count = 0
        sa.event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.count += 1


def timed(action, repeat: int):
    """Median and p95 in milliseconds (after one warm-up call)."""
    action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return stats.median(samples), samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]


def measure(app, size: int, repeat: int, today: date, only: str = "") -> list[tuple[str, str, str, str]]:
    """(what, median ms, p95 ms, SQL statements) for each page and job whose name contains `only`."""
    # Each page is measured as it is written, at every showing: a page kept whole is shown again in about a
    # millisecond whatever the register's size (bench/throughput.py measures pages kept and written afresh).
    app.config["KEEP_PAGES"] = False
    client = app.test_client()
    client.post("/login", data={"email": "chief@bench.example", "password": "bench-password"})
    with app.app_context():
        request_id = db.session.scalar(sa.select(Request.id).where(Request.kind == Kind.EXTRADITION)
                                       .order_by(Request.id.desc()))
        counter = Counter(db.engine)
    as_of = today - timedelta(days=200)
    # The last day of the month before: the as-of day of most official figures, which the reports read from the
    # statuses kept at month ends.
    month_end = as_of.replace(day=1) - timedelta(days=1)
    filtered = "/requests?kind=extradition&country=RU&open_only=1"
    pages = {
        "list: open extradition, RU, page 1": filtered,
        "list: open extradition, RU, page 50": f"{filtered}&page=50",
        "list: open extradition, RU, last page": f"{filtered}&page={last_page(app, client, filtered)}",
        "list: search, a case number": "/requests?text=7500031000123",
        "list: search, a case number one request holds": "/requests?text=7500000000123",
        "list: search, a surname (1 in 8 extraditions)": "/requests?text=Сулейменов",
        "list: everything, page 50": "/requests?page=50",
        "list: everything, middle page": f"/requests?page={max(1, last_page(app, client, '/requests') // 2)}",
        "list: everything, middle page, reached by Next": next_link(client, "/requests?page="
                                                                    f"{max(1, last_page(app, client, '/requests') // 2 - 1)}"),
        "list: everything, middle page, reached by Previous": next_link(
            client, f"/requests?page={last_page(app, client, '/requests') // 2 + 1}", previous=True),
        "list: everything, middle page, by the pager from 3 pages before": pager_number(
            client, f"/requests?page={max(1, last_page(app, client, '/requests') // 2 - 3)}",
            max(1, last_page(app, client, '/requests') // 2)),
        "list: everything, last page": f"/requests?page={last_page(app, client, '/requests')}",
        "list: everything, oldest change first, middle page":
            f"/requests?dir=asc&page={max(1, last_page(app, client, '/requests') // 2)}",
        "request page": f"/requests/{request_id}",
        "pending by country (today)": "/reports/pending-by-country",
        "pending by country (as of a date)": f"/reports/pending-by-country?as_of={as_of.isoformat()}",
        "statistics, last year, as of a date": f"/reports/statistics?start={today.year - 1}-01-01&end={today.year - 1}-12-31"
                                               f"&as_of={as_of.isoformat()}",
        "pending by country (as of a month end)": f"/reports/pending-by-country?as_of={month_end.isoformat()}",
        "statistics, last year, as of a month end": f"/reports/statistics?start={today.year - 1}-01-01"
                                                    f"&end={today.year - 1}-12-31&as_of={month_end.isoformat()}",
    }
    rows = []
    for name, url in pages.items():
        if only not in name:
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counter.count = 0
        client.get(url)
        queries = counter.count
        median, p95 = timed(lambda url=url: client.get(url), repeat)
        rows.append((name, f"{median:.0f}", f"{p95:.0f}", str(queries)))
        if name.startswith(("pending by country", "statistics")):
            rows.append(own_sql_ratio(app, client, url, name, median, repeat))

    if only in "nightly: the list's stretches set again":
        rows.append(positions_rebuild(app, repeat))
    if only in "weekly digest run":
        rows.append(digest_run(app, today, counter, repeat))
    if only in "XLSX export":
        rows.append(xlsx_export(app, client, size, today))
    return rows


def next_link(client, url: str, previous: bool = False) -> str:
    """Where the "Next" link (the pager's last), or the "Previous" one (its first), of the list page at `url` leads."""
    page = client.get(url).get_data(as_text=True)
    pager = r'<ul class="pagination[^"]*">\s*<li[^>]*>\s*<a class="page-link" href="([^"]+)">' if previous else \
        r'<a class="page-link" href="([^"]+)">[^<]+</a></li>\s*</ul>'
    found = re.search(pager, page)
    return html.unescape(found.group(1)) if found else url


def pager_number(client, url: str, number: int) -> str:
    """Where the pager's link to page `number` of the list page at `url` leads."""
    page = client.get(url).get_data(as_text=True)
    found = re.search(r'<a class="page-link" href="([^"]+)"\s*(?:aria-current="page")?>%d</a>' % number, page)
    if found is None:
        raise SystemExit(f"the pager of {url} offers no page {number}")
    return html.unescape(found.group(1))


def last_page(app, client, url: str) -> int:
    """The number of the last page of the list at `url`, as its pager counts."""
    page = client.get(url).get_data(as_text=True)
    numbers = [int(number) for number in re.findall(r"\bpage=(\d+)", page)]
    return max(numbers, default=1)


def own_sql_ratio(app, client, url: str, name: str, page_ms: float, repeat: int):
    """A report page's time over the statements it runs on the requests table and the statuses kept at month ends (its
    aggregates), timed alone one after another on one connection; what the page adds is the rest: the login, the
    filters' choices, rendering. The line's last column is how many such statements the page runs."""
    captured = []

    def capture(connection, cursor, statement, parameters, context, executemany):
        if re.search(r"\bFROM (requests|month_end_statuses)\b", statement):
            captured.append((statement, parameters))
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", capture)
        client.get(url)
        sa.event.remove(db.engine, "before_cursor_execute", capture)

        def direct():
            with db.engine.connect() as connection:
                for statement, parameters in captured:
                    connection.exec_driver_sql(statement, parameters).all()
        direct_ms, _ = timed(direct, repeat)
    return (f"  the same ÷ its aggregates alone ({name.split(' (')[0].split(',')[0]})",
            f"{page_ms / max(direct_ms, 0.01):.1f}×", f"SQL {direct_ms:.1f} ms", f"{len(captured)}")


def positions_rebuild(app, repeat: int):
    """The nightly job that sets the whole register's stretches again (list_positions.rebuild), committed each time;
    the last column is how many stretches it set."""
    stretches = []

    def run():
        with app.app_context():
            stretches.append(list_positions.rebuild())
            db.session.commit()
    median, p95 = timed(run, max(3, repeat // 2))
    return "nightly: the list's stretches set again", f"{median:.0f}", f"{p95:.0f}", f"{stretches[-1]} stretches"


def digest_run(app, today: date, counter: Counter, repeat: int):
    """The weekly run for every recipient: contents queried and mails rendered, nothing sent or kept."""
    from tracker.mail.digests import render_digest
    sizes = []

    def run():
        sizes.clear()
        with app.app_context():
            def deliver(user, content):
                sizes.append(sum(len(part) for part in render_digest(user, content, today)))
            send_weekly_digests(today, clock.now(), deliver=deliver, commit=db.session.flush)
            db.session.rollback()
    counter.count = 0
    run()
    queries = counter.count
    median, p95 = timed(run, max(3, repeat // 2))
    return (f"weekly digest run ({len(sizes)} mails, largest {max(sizes, default=0) / 1000:.0f} kB)",
            f"{median:.0f}", f"{p95:.0f}", str(queries))


def xlsx_export(app, client, size: int, today: date):
    """The list's XLSX export of up to 100,000 rows, asked for as the page's link asks and made as a job worker makes
    it (here, in this process): time, peak memory, file size."""
    from tracker.jobs.worker import run_job
    from tracker.models import Job
    from tracker.services.jobs import claim_next

    export_size = min(size, 100_000)
    export_url = "/requests/export?format=xlsx" + ("" if size <= 100_000 else f"&year={today.year - 1}")

    def export() -> int:
        answer = client.get(export_url)
        if answer.status_code == 200:  # small enough to be sent at once
            return len(answer.get_data())
        job_id = int(answer.headers["Location"].rsplit("/", 1)[1])
        with app.app_context():
            assert claim_next("bench", clock.now()) == job_id
        run_job(app, job_id)
        with app.app_context():
            return db.session.get(Job, job_id).file_size

    started = time.perf_counter()
    file_size = export()
    seconds = time.perf_counter() - started
    tracemalloc.start()  # a second run for memory: tracing slows the first down
    export()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (f"XLSX export ({'all' if size <= 100_000 else 'one year'}, ≤{export_size} rows)",
            f"{seconds * 1000:.0f}", f"peak {peak / 1e6:.0f} MB", f"{file_size / 1e6:.1f} MB file")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", default=None, help="keep and reuse the filled databases")
    parser.add_argument("--only", default="", help="measure only the lines whose name contains this")
    args = parser.parse_args()
    today = clock.today_local()
    sizes = [int(s) for s in args.sizes.split(",")]
    # Each line's median at the first size, for the ratio of every later size's to it.
    at_first: dict[str, float] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["TRACKER_INSTANCE_PATH"] = folder
            keep = Path(args.keep) if args.keep else None
            if args.database_url:
                url = args.database_url
            else:
                url = f"sqlite:///{(keep or Path(folder)) / f'bench-{size}.db'}"
            started = time.perf_counter()
            app = reuse(url, size) if keep else None
            if app is None:
                if url.startswith("sqlite"):
                    Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
                app = prepare(url)
                fill(app, size, today)
            app.config["WTF_CSRF_ENABLED"] = False  # the benchmark logs in without reading the form first
            with app.app_context():
                events = db.session.scalar(sa.select(sa.func.count()).select_from(RequestEvent))
            print(f"\n{url.split(':')[0]}, {size:,} requests, {events:,} history entries "
                  f"(ready in {time.perf_counter() - started:.0f} s)")
            print(f"{'':<52}{'median ms':>10}{'p95 ms':>14}{'SQL':>14}{'÷ page 1':>10}"
                  f"{f'÷ {sizes[0]:,}' if size != sizes[0] else '':>12}")
            rows = measure(app, size, args.repeat, today, args.only)
            medians = {name: float(median) for name, median, _p95, _queries in rows if median.isdigit()}
            for name, median, p95, queries in rows:
                print(f"{name:<52}{median:>10}{p95:>14}{queries:>14}"
                      f"{_ratio(medians.get(name), medians.get(PAGE_ONE) if name.startswith('list: ') else None):>10}"
                      f"{_ratio(medians.get(name), at_first.get(name)) if size != sizes[0] else '':>12}", flush=True)
            if size == sizes[0]:
                at_first.update(medians)
            with app.app_context():
                db.engine.dispose()


# The line the list's other lines are compared with: a text search, the last page and the middle page should cost
# about what page 1 of a filtered list does, at any size.
PAGE_ONE = "list: open extradition, RU, page 1"


def _ratio(value: float | None, base: float | None) -> str:
    return f"{value / base:.1f}×" if value is not None and base else ""


def reuse(url: str, size: int):
    """An app on a database an earlier run filled with `size` requests (migrated to head), or None."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            held = connection.execute(sa.text("SELECT count(*) FROM requests")).scalar()
    except sa.exc.DBAPIError:
        return None
    finally:
        engine.dispose()
    if held != size:
        return None
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        maintained()  # what an upgrade wrote is planned for as the rest is
    return app


if __name__ == "__main__":
    main()
