"""How long a register import takes and how much memory it needs.

    .venv/bin/python bench/import_register.py [--rows 10000] [--database-url URL]

Builds a realistic register (both kinds, some 40 countries, statuses along the workflow, extradition
details) as CSV and as XLSX, then imports each into an empty database and prints the wall time and the
peak memory the import allocated (tracemalloc, measured in a second run so tracing does not slow the
timed one). Without --database-url it uses a temporary SQLite file. A PostgreSQL URL's public schema
is dropped and rebuilt: point it only at a scratch database.
"""
import argparse
import csv
import io
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_babel import force_locale
from flask_migrate import upgrade
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker import clock, create_app  # noqa: E402
from tracker.domain.people import Language, Role  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.formats.imports import COLUMNS, import_requests  # noqa: E402
from tracker.models import Request, RequestEvent, User  # noqa: E402
from tracker.services.demo import AUTHORITIES, COUNTRIES, PEOPLE  # noqa: E402
from tracker.services.seed import seed_reference_data  # noqa: E402
from tracker.services.users import create_user  # noqa: E402

MLA_PATHS = [("sent", 0), ("pending", 20), ("supplement_requested", 60), ("executed", 120),
             ("partially_executed", 90), ("refused", 150), ("returned", 100), ("withdrawn", 30)]
EXTRADITION_PATHS = [("sent", 0), ("pending", 15), ("granted", 45), ("extradited", 80), ("refused", 60),
                     ("released_abroad", 35)]
CATEGORIES = ["fraud", "financial_pyramid", "informatisation", "organised_group", "money_laundering", "other"]


def register_rows(count: int, owners: list[str], today: date, seed: int = 7):
    """`count` rows in the import's columns, as an office's spreadsheet would hold them."""
    rng = random.Random(seed)
    for number in range(1, count + 1):
        extradition = rng.random() < 0.3
        country = rng.choice(COUNTRIES)
        sent_on = today - timedelta(days=rng.randint(200, 5 * 365))
        status, after = rng.choice(EXTRADITION_PATHS if extradition else MLA_PATHS)
        person, latin = rng.choice(PEOPLE) if extradition else ("", "")
        yield {
            "reference": f"3-{sent_on.year}/{number:06d}", "kind": "extradition" if extradition else "mla",
            "country": country, "authority": AUTHORITIES.get(country, ""), "treaty": "",
            "case_number": f"{sent_on.year % 100:02d}7500031{number:06d}", "crime_category": rng.choice(CATEGORIES),
            "articles": "ст. 190 ч. 4", "summary": "Допросить свидетеля, истребовать банковские сведения",
            "sent_on": sent_on.strftime("%d.%m.%Y"), "status": status,
            "status_on": (sent_on + timedelta(days=after)).isoformat() if after else "",
            "owner": rng.choice(owners), "person_name": person, "person_name_latin": latin,
            "person_birth_date": "1985-03-01" if extradition else "", "person_citizenship": "KZ" if extradition else "",
            "detained_on": (sent_on - timedelta(days=10)).isoformat() if extradition else "",
        }


def as_csv(rows) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def as_xlsx(rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Register")
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([row[c] for c in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def prepare(url: str):
    """An app on an empty, migrated, seeded database with one supervisor and five prosecutors."""
    if url.startswith("postgresql"):
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        seed_reference_data()
        now = clock.now()
        create_user("chief@bench.example", "Chief", Role.SUPERVISOR, Language.RU, "bench-password", now=now)
        for n in range(5):
            create_user(f"p{n}@bench.example", f"Prosecutor {n}", Role.PROSECUTOR, Language.RU, "bench-password",
                        now=now)
        db.session.commit()
    return app


def empty_register(app):
    with app.app_context():
        db.session.execute(sa.delete(RequestEvent))
        db.session.execute(sa.delete(Request))
        db.session.commit()


def run_once(app, data: bytes, filename: str):
    """Imports the file (into an empty register) and commits; returns the report and the seconds it took."""
    with app.app_context(), force_locale("en"):
        actor = db.session.scalar(sa.select(User).where(User.email == "chief@bench.example"))
        started = time.perf_counter()
        report = import_requests(filename, data, actor=actor, dry_run=False, today=clock.today_local(),
                                 now=clock.now())
        assert report.written, report.problems[:5]
        db.session.commit()
        return report, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["TRACKER_INSTANCE_PATH"] = folder
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = prepare(url)
        owners = [f"p{n}@bench.example" for n in range(5)]
        rows = list(register_rows(args.rows, owners, clock.today_local()))
        files = {"csv": as_csv(rows), "xlsx": as_xlsx(rows)}
        print(f"database: {url.split(':')[0]}; rows: {args.rows}")
        print(f"{'file':<6}{'size MB':>9}{'seconds':>10}{'rows/s':>10}{'peak MB (tracemalloc)':>24}")
        for fmt, data in files.items():
            empty_register(app)
            report, seconds = run_once(app, data, f"register.{fmt}")
            empty_register(app)
            tracemalloc.start()
            run_once(app, data, f"register.{fmt}")
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"{fmt:<6}{len(data) / 1e6:>9.1f}{seconds:>10.2f}{len(report.new) / seconds:>10.0f}"
                  f"{peak / 1e6:>24.1f}")
        print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
