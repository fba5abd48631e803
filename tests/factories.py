"""Small factories that build users and requests through the real services."""
import itertools
from datetime import date

import sqlalchemy as sa

from tracker import clock
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, RefusalGround, Status
from tracker.extensions import db
from tracker.models import CrimeCategory, Treaty, Unit
from tracker.services.access import SYSTEM
from tracker.services.reports import ReportFilters
from tracker.services.requests import change_status, create_request
from tracker.services.users import create_user

PASSWORD = "correct horse battery"
# Reports over the whole register, as the command line and the nightly jobs read it.
EVERYTHING = ReportFilters(access=SYSTEM)
# Requests are registered "now": deadlines computed at creation count from the real Almaty date.
NOW = clock.now()
TODAY = clock.today_local()
_numbers = itertools.count(1)


def make_user(role=Role.PROSECUTOR, *, email=None, name=None, language=Language.EN):
    """A committed user with the test password."""
    number = next(_numbers)
    user = create_user(email or f"user{number}@prokuror.example", name or f"User {number}", role, language, PASSWORD,
                       now=NOW)
    db.session.commit()
    return user


def category(code="fraud"):
    """A seeded crime category by code."""
    return db.session.scalar(sa.select(CrimeCategory).where(CrimeCategory.code == code))


def treaty(code):
    """A seeded treaty by code."""
    return db.session.scalar(sa.select(Treaty).where(Treaty.code == code))


def request_fields(kind=Kind.MLA, **overrides):
    """Valid fields of a request; override any. The case numbers made here (2199…) are never one a test types
    (2175…): a test that registers a request with its own case number would otherwise be warned of a duplicate
    whenever the earlier tests happened to have made as many requests as that number's last digits."""
    number = next(_numbers)
    data = {
        "reference": f"REF-{number:05d}", "country_code": "RU", "authority": "Генеральная прокуратура РФ",
        "treaty_id": None, "case_number": f"2199000310{number:05d}", "crime_category_id": category().id,
        "articles": "ст. 190 ч. 4", "summary": "Допросить свидетеля",
    }
    if kind == Kind.EXTRADITION:
        data |= {"person_name": "Ахметов Ерлан", "person_name_latin": "Akhmetov Yerlan",
                 "person_birth_date": date(1985, 3, 1), "person_citizenship": "KZ", "detained_on": date(2026, 10, 20),
                 "decision": "", "surrendered_on": None}
    data.update(overrides)
    return data


def make_request(owner, kind=Kind.MLA, *, sent_on=date(2026, 9, 1), statuses=(), **overrides):
    """A committed request of `owner`, sent on `sent_on`, then moved through `statuses` as (status, date) pairs."""
    request = create_request(owner, kind, request_fields(kind, **overrides), owner=owner, sent_on=sent_on,
                             today=TODAY, now=NOW)
    for status, on in statuses:
        ground = RefusalGround.OTHER if status == Status.REFUSED else None
        change_status(owner, request, status, effective_on=on, note="", ground=ground,
                      expected_version=request.version, today=TODAY, now=NOW)
    db.session.commit()
    return request


def working_day(day: date) -> date:
    """`day`, or the first working day after it in Kazakhstan's seeded calendar: where office practice lands."""
    from tracker.services.deadlines import work_calendar

    return work_calendar().next_working(day)


def make_unit(name, *, heads=(), members=()):
    """A committed unit headed by `heads`, with `members` moved into it."""
    unit = Unit(name=name, heads=list(heads))
    db.session.add(unit)
    db.session.flush()
    for member in members:
        member.unit = unit
    db.session.commit()
    return unit


def move_to(user, unit):
    """Makes `user` a member of `unit`."""
    user.unit = unit
    db.session.commit()


def make_finished_job(user):
    """A finished export job of `user`, its file a short CSV, as a job worker leaves it."""
    import io

    from tracker.web.job_work import REQUESTS_EXPORT
    from tracker.services import jobs as queue

    db.session.commit()  # on SQLite, a write after the test's reads may otherwise find its snapshot stale
    job = queue.enqueue(REQUESTS_EXPORT, user, [("format", "csv")], "en", clock.now())
    db.session.commit()
    made = queue.JobFile(io.BytesIO(b"\xef\xbb\xbfReference\r\nJ-1\r\n"), "requests.csv", "text/csv")
    queue.finish(job.id, queue.Outcome(file=made), clock.now())
    return db.session.get(type(job), job.id)
