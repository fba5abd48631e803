"""How long a register import takes, how much memory it needs, and what hostile workbooks cost before refusal.

    .venv/bin/python bench/import_register.py [--rows 50000] [--runs 3] [--database-url URL] [--only NAME,...]

Builds a realistic register (both kinds, some 40 countries, statuses along the workflow, extradition details,
summaries of a few hundred characters: 50,000 rows make a 26 MB CSV) and the largest files the import accepts:
the upload limit's worth of CSV, IMPORT_MAX_ROWS short rows, and IMPORT_MAX_ROWS rows as XLSX with inline texts
(openpyxl) and with shared texts (XlsxWriter, as Excel writes). Then hostile workbooks: a 5 kB one declaring
every cell of Excel, a zip bomb of 2 GB of sheet XML, thousands of parts, and a sheet of nothing but empty cells.

Each import runs in a fresh process (so its peak memory is its own) into an empty register and commits; the
table gives the median and the range over the runs of the wall time, rows per second and the process's peak
resident memory (VmHWM: the interpreter, the app and the file included), and what the import added to it.
Without --database-url it uses a temporary SQLite file. A PostgreSQL URL's public schema is dropped and rebuilt:
point it only at a scratch database.
"""
import argparse
import csv
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
import xlsxwriter
from flask_babel import force_locale
from flask_migrate import upgrade
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker import clock, create_app  # noqa: E402
from tracker.domain.people import Language, Role  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.formats.imports import COLUMNS, import_requests  # noqa: E402
from tracker.models import User  # noqa: E402
from tracker.services.demo import AUTHORITIES, COUNTRIES, PEOPLE  # noqa: E402
from tracker.services.seed import seed_reference_data  # noqa: E402
from tracker.services.users import create_user  # noqa: E402

MLA_PATHS = [("sent", 0), ("pending", 20), ("supplement_requested", 60), ("executed", 120),
             ("partially_executed", 90), ("refused", 150), ("returned", 100), ("withdrawn", 30)]
EXTRADITION_PATHS = [("sent", 0), ("pending", 15), ("granted", 45), ("extradited", 80), ("refused", 60),
                     ("released_abroad", 35)]
CATEGORIES = ["fraud", "financial_pyramid", "informatisation", "organised_group", "money_laundering", "other"]
SUMMARIES = [
    "Допросить в качестве свидетеля гражданина {n}, истребовать сведения о банковских счетах и движении денежных "
    "средств за период с 2019 по 2023 год, копии учредительных документов компании и договоров поставки",
    "Провести выемку документов финансово-хозяйственной деятельности, установить конечных бенефициаров "
    "компании, получившей денежные средства по договору займа № {n}, и допросить её руководителя",
    "Установить местонахождение разыскиваемого, сообщить о возможности его задержания и выдачи, представить "
    "сведения о гражданстве и наличии у него статуса беженца или иного вида защиты",
]


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
            "articles": "ст. 190 ч. 4", "summary": rng.choice(SUMMARIES).format(n=number),
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
        sheet.append([row.get(c, "") for c in COLUMNS])
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
        db.session.close()
        if url.startswith("sqlite"):  # everything into the database file, so that a copy of it is complete
            raw = db.engine.raw_connection()
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
            raw.close()
        db.engine.dispose()
    return app



def as_shared_xlsx(rows) -> bytes:
    """The rows as Excel writes them: texts in the shared strings part (XlsxWriter's default)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("Register")
    sheet.write_row(0, 0, COLUMNS)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, [row.get(c, "") for c in COLUMNS])
    workbook.close()
    return buffer.getvalue()


def short_rows(count: int, owners: list[str], today: date):
    """`count` rows with only the required columns filled, the most rows per megabyte."""
    for number in range(1, count + 1):
        yield {"reference": f"S-{number}", "kind": "mla", "country": "RU", "case_number": f"2175000{number:08d}",
               "crime_category": "fraud", "sent_on": (today - timedelta(days=number % 900 + 1)).isoformat(),
               "owner": owners[number % len(owners)]}


def csv_up_to(rows, limit: int) -> bytes:
    """As many of the rows as fit in `limit` bytes of CSV."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=";")
    writer.writeheader()
    size, parts = len(buffer.getvalue().encode("utf-8")), [buffer.getvalue()]
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        line = buffer.getvalue()
        size += len(line.encode("utf-8"))
        if size > limit:
            break
        parts.append(line)
    return "".join(parts).encode("utf-8")


def hostile_files() -> dict[str, bytes]:
    """Workbooks built to exhaust a server, each of which the import must refuse."""
    from tests.hostile_workbooks import sheet_xml, workbook
    heading = [["reference", "kind", "country", "case_number", "crime_category"]]
    files = {"dimension bomb": workbook(sheet_xml(heading + [["H-1", "mla", "RU", "217500031000123", "fraud"]],
                                                  dimension="A1:XFD1048576"))}
    head, tail = sheet_xml(heading).split("</sheetData>")

    def zip_bomb(stream):
        stream.write(head.encode())
        filler = b" " * (1 << 20)
        for _ in range(2048):
            stream.write(filler)
        stream.write(b"</sheetData>" + tail.encode())

    files["zip bomb (2 GB of XML)"] = workbook("", write_sheet=zip_bomb)
    files["10,000 parts"] = workbook(sheet_xml(heading), extra_parts=[(f"xl/media/p{n}.xml", "")
                                                                      for n in range(10_000)])
    rng = random.Random(3)
    cells = "".join(f'<c s="{rng.randrange(10**6)}"/>' for _ in range(100_000)).encode()

    def empty_cells(stream):  # some 200 MB of empty cells in one row: under every limit, parsed to the end
        stream.write(head.replace("</row>", "").encode())
        for _ in range(140):
            stream.write(cells)
        stream.write(b"</row></sheetData>" + tail.encode())

    files["200 MB of empty cells"] = workbook("", write_sheet=empty_cells)
    return files


def child(path: str, filename: str, url: str) -> None:
    """Imports one file in this fresh process and prints what it took as JSON."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context(), force_locale("en"):
        actor = db.session.scalar(sa.select(User).where(User.email == "chief@bench.example"))
        db.session.commit()
        with open(path, "rb") as source:
            data = source.read()
        before = _memory("VmRSS")
        started, cpu = time.perf_counter(), time.process_time()
        report = import_requests(filename, data, actor=actor, dry_run=False, today=clock.today_local(),
                                 now=clock.now())
        if report.written:
            db.session.commit()
        else:
            db.session.rollback()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "new": len(report.new), "written": report.written,
                      "peak": _memory("VmHWM"), "before": before,
                      "problem": report.problems[0].message if report.problems else ""}))


def _memory(field: str) -> int:
    """This process's resident memory now (VmRSS) or at its peak (VmHWM), in bytes.

    Not ru_maxrss: Linux carries it over from the parent through exec, so a child started by a parent holding the
    test files would report the parent's size.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise LookupError(field)


def measure(path: Path, filename: str, url: str, template: Path | None, runs: int) -> list[dict]:
    """`runs` imports of the file, each into an empty register in a fresh process."""
    results = []
    for _ in range(runs):
        if template is not None:  # SQLite: a fresh copy of the prepared database
            database = Path(url.removeprefix("sqlite:///"))
            for leftover in (Path(f"{database}-wal"), Path(f"{database}-shm")):
                leftover.unlink(missing_ok=True)
            database.write_bytes(template.read_bytes())
        else:
            prepare(url)
        done = subprocess.run([sys.executable, __file__, "--child", str(path), "--filename", filename,
                               "--database-url", url], capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def spread(values, fmt="{:.1f}") -> str:
    """The median and, over several runs, the range."""
    median = fmt.format(statistics.median(values))
    return median if len(values) == 1 else f"{median} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--only", default="", help="comma-separated beginnings of the file names to measure")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--filename", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.filename, args.database_url)
        return
    with tempfile.TemporaryDirectory() as folder:
        os.environ["TRACKER_INSTANCE_PATH"] = folder
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = prepare(url)
        template = None
        if url.startswith("sqlite"):
            template = Path(folder) / "template.db"
            template.write_bytes(Path(url.removeprefix("sqlite:///")).read_bytes())
        limit, max_rows = app.config["MAX_CONTENT_LENGTH"], app.config["IMPORT_MAX_ROWS"]
        owners = [f"p{n}@bench.example" for n in range(5)]
        today = clock.today_local()
        files = {}
        with app.app_context():
            rows = list(register_rows(args.rows, owners, today))
            files[f"register.csv ({args.rows:,} rows)"] = as_csv(rows)
            files[f"register.xlsx ({args.rows:,} rows)"] = as_xlsx(rows)
            largest = register_rows(max_rows, owners, today)
            files["largest.csv (the upload limit)"] = csv_up_to(largest, limit)
            files[f"short.csv ({max_rows:,} rows)"] = as_csv(short_rows(max_rows, owners, today))
            most = list(register_rows(max_rows, owners, today))
            files[f"inline.xlsx ({max_rows:,} rows)"] = as_xlsx(most)
            files[f"shared.xlsx ({max_rows:,} rows)"] = as_shared_xlsx(most)
            del rows, most
            files.update({f"hostile.xlsx: {name}": data for name, data in hostile_files().items()})
        wanted = [name.strip() for name in args.only.split(",") if name.strip()]
        print(f"database: {url.split(':')[0]}; runs: {args.runs}; upload limit {limit / 2**20:.0f} MB, "
              f"at most {max_rows:,} rows")
        print(f"{'file':<40}{'MB':>6}{'rows':>8}  {'seconds':<19}{'CPU seconds':<19}{'rows/s':<19}"
              f"{'peak RSS MB':<15}{'import added MB':<16}outcome")
        for name, data in files.items():
            if wanted and not any(name.startswith(w) for w in wanted):
                continue
            path = Path(folder) / "upload"
            path.write_bytes(data)
            filename = "hostile.xlsx" if name.startswith("hostile") else name.split(" ")[0]
            results = measure(path, filename, url, template, args.runs)
            new = results[0]["new"]
            outcome = "imported" if results[0]["written"] else f"refused: {results[0]['problem'][:70]}"
            print(f"{name:<40}{len(data) / 2**20:>6.1f}{new:>8}  {spread([r['seconds'] for r in results]):<19}"
                  f"{spread([r['cpu'] for r in results]):<19}"
                  f"{spread([r['new'] / r['seconds'] for r in results], '{:.0f}'):<19}"
                  f"{spread([r['peak'] / 2**20 for r in results], '{:.0f}'):<15}"
                  f"{spread([(r['peak'] - r['before']) / 2**20 for r in results], '{:.0f}'):<16}{outcome}",
                  flush=True)


if __name__ == "__main__":
    main()
