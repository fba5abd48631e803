"""The statuses the database keeps at month ends (MonthEndStatus, migration 0c4f7a2e9b61): the reports as of a month
end read them, and must give the figures the history gives. Runs on SQLite and on PostgreSQL."""
import importlib.util
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from tests.factories import NOW, SYSTEM, TODAY, category, make_request, make_user
from tests.test_statistics_sum import FIRST_DAY, _status_on, histories
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import MonthEnd, MonthEndStatus, RegisterVersion, Request, RequestEvent
from tracker.services import month_ends, reports
from tracker.services.requests import editable_fields, reassign, update_request

MIGRATION = Path(__file__).parent.parent / "migrations" / "versions" / "20261207_0c4f7a2e9b61_month_end_statuses.py"


def _month_ends_between(first: date, last: date) -> list[date]:
    return list(db.session.scalars(sa.select(MonthEnd.month_end).where(MonthEnd.month_end.between(first, last))
                                   .order_by(MonthEnd.month_end)))


def _by_history(monkeypatch, report):
    """`report()` computed as on any other day: each status looked up in the history."""
    with monkeypatch.context() as patched:
        patched.setattr(month_ends, "month_end_kept", lambda as_of: False)
        return report()


def _pending(as_of, filters):
    report = reports.pending_by_country(as_of, TODAY, filters)
    return [(r.country_code, r.mla, r.extradition, r.transfer, r.oldest_sent_on, r.buckets) for r in report.rows]


def _statistics(as_of, filters, start=FIRST_DAY, end=TODAY):
    stats = reports.statistics(start, end, as_of, filters)
    return [(r.kind, r.crime_category_id, r.sent, r.outcomes) for r in stats.rows]


def _statements_of(report) -> list[str]:
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)
    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        report()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    return statements


def _month_end_of(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1) - timedelta(days=1)


@st.composite
def near_month_ends(draw):
    """A history as in test_statistics_sum, with its days often moved to the last day of their month or the first of
    the next: where a status taking effect on the as-of day, or the day after, is counted or not."""
    kind, code, sent_on, steps = draw(histories())

    def moved(day, floor):
        choice = draw(st.sampled_from(("as drawn", "month end", "day after")))
        if choice != "as drawn":
            day = _month_end_of(day) + timedelta(days=1 if choice == "day after" else 0)
        return max(floor, min(TODAY, day))
    sent_on = moved(sent_on, sent_on)
    days, floor = [], sent_on
    for status, day in steps:
        floor = moved(max(day, floor), floor)
        days.append((status, floor))
    return kind, code, sent_on, days


@settings(max_examples=examples(20), deadline=None, suppress_health_check=list(HealthCheck))
@given(register=st.lists(near_month_ends(), min_size=1, max_size=8), pick=st.integers(0, 10_000),
       countries=st.lists(st.sampled_from(("RU", "KG", "TR")), min_size=8, max_size=8))
def test_reports_as_of_a_month_end_give_the_history_s_figures(app, monkeypatch, register, pick, countries):
    owner = make_user()
    for (kind, code, sent_on, steps), country in zip(register, countries):
        make_request(owner, kind, sent_on=sent_on, statuses=steps, crime_category_id=category(code).id,
                     country_code=country)
    assert month_ends.differences().none
    days = _month_ends_between(FIRST_DAY, TODAY - timedelta(days=1))
    # Half the time a month end some status of the register took effect in, on or just before.
    own = sorted({_month_end_of(day) for _k, _c, sent_on, steps in register
                  for day in (sent_on, *(on for _s, on in steps))} & set(days))
    as_of = (own if own and pick % 2 else days)[pick // 2 % len(own if own and pick % 2 else days)]
    assert month_ends.month_end_kept(as_of)
    for filters in (reports.ReportFilters(access=SYSTEM, owner_id=owner.id),
                    reports.ReportFilters(access=SYSTEM, owner_id=owner.id, kind=(Kind.EXTRADITION,)),
                    reports.ReportFilters(access=SYSTEM, owner_id=owner.id, country=("KG",))):
        assert _pending(as_of, filters) == _by_history(monkeypatch, lambda: _pending(as_of, filters))
        assert _statistics(as_of, filters) == _by_history(monkeypatch, lambda: _statistics(as_of, filters))

    # And each request in the outcome its own history gives, counted here without the database.
    expected = {}
    for kind, code, sent_on, steps in register:
        if sent_on <= as_of:
            outcome = reports.OUTCOME_OF[_status_on(sent_on, steps, as_of)]
            expected[kind, code, outcome] = expected.get((kind, code, outcome), 0) + 1
    stats = reports.statistics(FIRST_DAY, TODAY, as_of, reports.ReportFilters(access=SYSTEM, owner_id=owner.id))
    found = {(row.kind, stats.categories[row.crime_category_id].code, outcome): count
             for row in stats.rows for outcome, count in row.outcomes.items() if count}
    assert found == expected


def test_a_month_end_report_reads_no_history(app):
    owner = make_user()
    make_request(owner, Kind.MLA, sent_on=date(2025, 1, 10), statuses=[(Status.PENDING, date(2025, 2, 3)),
                                                                         (Status.EXECUTED, date(2025, 9, 1))])
    filters = reports.ReportFilters(access=SYSTEM)
    for report in (lambda: reports.pending_by_country(date(2025, 5, 31), TODAY, filters),
                   lambda: reports.statistics(date(2025, 1, 1), date(2025, 12, 31), date(2025, 5, 31), filters)):
        statements = _statements_of(report)
        assert not [s for s in statements if "request_events" in s]
        assert [s for s in statements if "month_end_statuses" in s]
    # Any other day looks the status up in the history, as before.
    assert [s for s in _statements_of(lambda: reports.pending_by_country(date(2025, 5, 30), TODAY, filters))
            if "request_events" in s]
    assert reports.pending_by_country(date(2025, 5, 31), TODAY, filters).totals["mla"] == 1
    assert reports.pending_by_country(date(2025, 9, 30), TODAY, filters).totals["mla"] == 0


def _edit(actor, request, **changes):
    data = {name: getattr(request, name) for name in editable_fields(request.kind)} | changes
    update_request(actor, request, data, expected_version=request.version, today=TODAY, now=NOW)
    db.session.commit()


def test_the_rows_follow_a_request_s_edits_reassignment_and_deletion(app, monkeypatch):
    supervisor = make_user(Role.SUPERVISOR)
    owner, other = make_user(), make_user()
    request = make_request(owner, Kind.MLA, sent_on=date(2025, 1, 10),
                           statuses=[(Status.PENDING, date(2025, 2, 3)), (Status.EXECUTED, date(2025, 9, 1))])
    as_of = date(2025, 6, 30)

    def figures(**filters):
        chosen = reports.ReportFilters(access=SYSTEM, **filters)
        return _pending(as_of, chosen), _statistics(as_of, chosen)

    assert figures(country=("RU",))[0][0][:2] == ("RU", 1)
    _edit(owner, request, country_code="KG", crime_category_id=category("other").id)
    assert figures(country=("RU",)) == ([], [])
    assert figures(country=("KG",))[0][0][:2] == ("KG", 1)
    assert figures(crime_category_id=(category("other").id,))[1][0][2] == 1
    reassign(supervisor, request, other, note="", expected_version=request.version, now=NOW)
    db.session.commit()
    assert figures(owner_id=owner.id) == ([], [])
    assert figures(owner_id=other.id)[0][0][:2] == ("KG", 1)
    request.deleted_at = NOW
    db.session.commit()
    assert figures() == ([], [])
    assert figures() == _by_history(monkeypatch, figures)
    assert month_ends.differences().none


def test_an_entry_written_at_the_console_with_an_earlier_day_rewrites_the_rows(app, monkeypatch):
    owner = make_user()
    request = make_request(owner, Kind.MLA, sent_on=date(2025, 1, 10),
                           statuses=[(Status.PENDING, date(2025, 2, 3)), (Status.EXECUTED, date(2025, 9, 1))])
    # Around the app and its checks: a refusal said to have taken effect in April, before the execution.
    db.session.execute(sa.insert(RequestEvent).values(
        request_id=request.id, event="status_changed", recorded_at=NOW, author_id=owner.id,
        effective_on=date(2025, 4, 15), from_status="pending", to_status="refused", note="", changes={}))
    db.session.commit()
    assert month_ends.differences().none
    kept = dict(db.session.execute(sa.select(MonthEndStatus.month_end, MonthEndStatus.status)
                                   .where(MonthEndStatus.request_id == request.id)).all())
    assert kept[date(2025, 3, 31)] == Status.PENDING
    assert kept[date(2025, 4, 30)] == kept[date(2025, 8, 31)] == Status.REFUSED
    assert date(2025, 9, 30) not in kept
    filters = reports.ReportFilters(access=SYSTEM)
    assert _statistics(date(2025, 6, 30), filters) == _by_history(
        monkeypatch, lambda: _statistics(date(2025, 6, 30), filters))


def test_check_and_rebuild_commands(app, runner):
    owner = make_user()
    for sent_on in (date(2024, 3, 5), date(2025, 7, 1)):
        make_request(owner, Kind.EXTRADITION, sent_on=sent_on,
                     statuses=[(Status.PENDING, sent_on + timedelta(days=40)),
                               (Status.REFUSED, sent_on + timedelta(days=200))])
    before = db.session.execute(sa.select(MonthEndStatus).order_by(MonthEndStatus.month_end,
                                                                   MonthEndStatus.request_id)).scalars().all()
    before = [(r.month_end, r.request_id, r.status, r.country_code, r.owner_id) for r in before]
    assert len(before) == 6 + 6  # each: the month ends from its sending to its refusal, 200 days later
    result = runner.invoke(args=["report", "check-month-ends"])
    assert result.exit_code == 0 and "agree" in result.output

    # Rows lost and one changed, around the triggers.
    db.session.execute(sa.delete(MonthEndStatus).where(MonthEndStatus.month_end < date(2025, 1, 1)))
    db.session.execute(sa.update(MonthEndStatus).where(MonthEndStatus.month_end == date(2025, 8, 31))
                       .values(status=Status.EXECUTED))
    db.session.commit()
    found = month_ends.differences()
    assert (found.missing, found.extra) == (6 + 1, 1)
    result = runner.invoke(args=["report", "check-month-ends"])
    assert result.exit_code == 1 and "7 rows missing" in result.output

    version = db.session.scalar(sa.select(RegisterVersion.version))
    db.session.rollback()
    result = runner.invoke(args=["report", "rebuild-month-ends"])
    assert result.exit_code == 0 and "12 statuses" in result.output
    # Pages kept from the rows as they were are not shown again.
    assert db.session.scalar(sa.select(RegisterVersion.version)) != version
    after = db.session.execute(sa.select(MonthEndStatus).order_by(MonthEndStatus.month_end,
                                                                  MonthEndStatus.request_id)).scalars().all()
    assert [(r.month_end, r.request_id, r.status, r.country_code, r.owner_id) for r in after] == before


def test_the_migration_s_fill_gives_the_rows_the_triggers_keep(app):
    """The migration fills the table of a register that has a history with its own statement: the same rows."""
    owner = make_user()
    for kind, code, sent_on, steps in [
            (Kind.MLA, "fraud", date(2024, 11, 30), [(Status.PENDING, date(2024, 12, 31)),
                                                     (Status.PARTIALLY_EXECUTED, date(2025, 3, 1))]),
            (Kind.TRANSFER, "other", date(2025, 5, 31), [(Status.ACCEPTED, date(2025, 5, 31))]),
            (Kind.EXTRADITION, "fraud", date(2025, 2, 1), [])]:
        make_request(owner, kind, sent_on=sent_on, statuses=steps, crime_category_id=category(code).id)
    kept = db.session.execute(sa.select(MonthEndStatus.__table__)).all()
    assert kept
    spec = importlib.util.spec_from_file_location("month_end_migration", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    db.session.execute(sa.delete(MonthEndStatus))
    if db.engine.dialect.name == "postgresql":
        schema = db.session.execute(sa.text("SELECT current_schema()")).scalar()
        db.session.execute(sa.text(migration._rows(f'"{schema}".', None)))
    else:
        db.session.execute(sa.text(migration._rows("", None)))
    assert sorted(db.session.execute(sa.select(MonthEndStatus.__table__)).all()) == sorted(kept)
    db.session.rollback()


def test_triggers_are_there_at_head(app):
    if db.engine.dialect.name == "postgresql":
        found = db.session.scalars(sa.text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).all()
    else:
        found = db.session.scalars(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all()
    assert {"request_events_month_end_statuses", "requests_month_end_statuses"} <= set(found)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MonthEnd)) == 1332


@pytest.mark.parametrize("as_of, kept", [(date(2025, 2, 28), True), (date(2024, 2, 29), True),
                                         (date(2024, 2, 28), False), (date(2025, 12, 30), False),
                                         (date(1989, 12, 31), False), (date(1990, 1, 31), True)])
def test_which_days_are_month_ends_kept(app, as_of, kept):
    assert month_ends.month_end_kept(as_of) is kept



def _console_entry(request, author, on, from_status, to_status):
    """A status entry as a script or a hand at the console would write it: no app, no checks."""
    return sa.insert(RequestEvent).values(request_id=request.id, event="status_changed", recorded_at=NOW,
                                          author_id=author.id, effective_on=on, from_status=from_status,
                                          to_status=to_status, note="", changes={})


def test_the_check_finds_requests_that_disagree_with_their_history(app, runner):
    """What the reports rely on besides the rows, broken around the app, is reported (the two paths would differ)."""
    owner = make_user()
    later = make_request(owner, Kind.MLA, sent_on=date(2025, 1, 10), statuses=[(Status.PENDING, date(2025, 2, 3))])
    earlier = make_request(owner, Kind.MLA, sent_on=date(2025, 6, 10))
    assert month_ends.differences().none
    # An entry with a later day that leaves the request's status date as it was; a date sent moved before the history.
    db.session.execute(_console_entry(later, owner, date(2025, 9, 1), "pending", "executed"))
    db.session.execute(sa.update(Request).where(Request.id == earlier.id).values(sent_on=date(2025, 3, 5)))
    db.session.commit()
    found = month_ends.differences()
    assert (found.missing, found.extra, found.status_dates_off, found.sent_before_history) == (0, 0, 1, 1)
    result = runner.invoke(args=["report", "check-month-ends"])
    assert result.exit_code == 1
    assert "1 with a status date other than their latest status entry's day, 1 sent before" in result.output


def test_two_writers_at_the_console_write_one_request_s_rows_one_after_another(app):
    """PostgreSQL: a status entry's trigger locks its request's row, so writers that do not lock it themselves
    (SQL at the console) wait for each other and each reads what the other committed."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite takes one writer at a time")
    owner = make_user()
    request = make_request(owner, Kind.MLA, sent_on=date(2024, 1, 10))
    db.session.commit()

    def one_after_another(first_write, second_write):
        first, second = db.engine.connect(), db.engine.connect()
        try:
            first.begin()
            first.execute(first_write)
            second.begin()
            thread = threading.Thread(target=lambda: (second.execute(second_write), second.commit()))
            thread.start()
            thread.join(timeout=1)
            assert thread.is_alive()  # the second waits for the first's commit
            first.commit()
            thread.join(timeout=30)
            assert not thread.is_alive()
        finally:
            first.close()
            second.close()

    # Two entries: the later one's rows hold the status the earlier one gave.
    one_after_another(_console_entry(request, owner, date(2024, 1, 13), "sent", "pending"),
                      _console_entry(request, owner, date(2024, 3, 20), "pending", "executed"))
    kept = dict(db.session.execute(sa.select(MonthEndStatus.month_end, MonthEndStatus.status)
                                   .where(MonthEndStatus.request_id == request.id)).all())
    assert kept == {date(2024, 1, 31): Status.PENDING, date(2024, 2, 29): Status.PENDING}
    # A change of the request's country and an entry: the entry's rows carry the new country.
    one_after_another(sa.update(Request).where(Request.id == request.id).values(country_code="KG"),
                      _console_entry(request, owner, date(2024, 6, 3), "executed", "returned"))
    db.session.execute(sa.update(Request).where(Request.id == request.id)
                       .values(status=Status.RETURNED, status_on=date(2024, 6, 3)))
    db.session.commit()
    assert set(db.session.scalars(sa.select(MonthEndStatus.country_code)
                                  .where(MonthEndStatus.request_id == request.id))) == {"KG"}
    assert month_ends.differences().none
