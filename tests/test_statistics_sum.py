"""Property: on any register, each kind's outcomes add up to the number sent, on every row and in the totals, and
each request counts in the outcome its status had on the as-of day. Runs on SQLite and on PostgreSQL."""
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from tests.factories import TODAY, category, make_request, make_user
from tests.factories import SYSTEM
from tracker.domain.statuses import TRANSITIONS, Kind, Status
from tracker.formats.report_tables import statistics_table, statistics_text
from tracker.services import reports

FIRST_DAY = date(2024, 1, 1)
CATEGORIES = ("fraud", "financial_pyramid", "other")


@st.composite
def histories(draw):
    """One request: kind, category, the day it was sent and the status changes after it, by the kind's workflow."""
    kind = draw(st.sampled_from(list(Kind)))
    sent_on = FIRST_DAY + timedelta(days=draw(st.integers(0, (TODAY - FIRST_DAY).days)))
    steps, status, day = [], Status.SENT, sent_on
    for _ in range(draw(st.integers(0, 4))):
        following = [s for s in TRANSITIONS[kind].get(status, ()) if s != Status.SENT or status == Status.RETURNED]
        if not following:
            break
        status = draw(st.sampled_from(following))
        day = min(TODAY, day + timedelta(days=draw(st.integers(0, 120))))
        steps.append((status, day))
    return kind, draw(st.sampled_from(CATEGORIES)), sent_on, steps


def _status_on(sent_on, steps, day):
    """The status a request had on `day` by its own history: the last change effective by then."""
    status = Status.SENT
    for changed_to, on in steps:
        if on <= day:
            status = changed_to
    return status


@settings(max_examples=examples(25), deadline=None, suppress_health_check=list(HealthCheck))
@given(register=st.lists(histories(), min_size=1, max_size=10),
       start_day=st.integers(0, 900), length=st.integers(0, 500), as_of_day=st.integers(0, 1100))
def test_outcomes_add_up_to_the_number_sent(app, register, start_day, length, as_of_day):
    owner = make_user()  # each example reports on its own prosecutor's requests
    for kind, code, sent_on, steps in register:
        make_request(owner, kind, sent_on=sent_on, statuses=steps, crime_category_id=category(code).id)
    start = FIRST_DAY + timedelta(days=start_day)
    end = start + timedelta(days=length)
    as_of = min(TODAY, FIRST_DAY + timedelta(days=as_of_day))
    stats = reports.statistics(start, end, as_of, reports.ReportFilters(access=SYSTEM, owner_id=owner.id))

    for row in stats.rows:
        assert sum(row.outcomes.values()) == row.sent > 0
        assert set(row.outcomes) == set(reports.OUTCOMES[row.kind])
    expected = {kind: {name: 0 for name in reports.OUTCOMES[kind]} for kind in Kind}
    for kind, _code, sent_on, steps in register:
        if start <= sent_on <= min(end, as_of):
            expected[kind][reports.OUTCOME_OF[_status_on(sent_on, steps, as_of)]] += 1
    for kind in Kind:
        total = stats.totals(kind)
        assert total.sent == sum(expected[kind].values()) == sum(total.outcomes.values())
        assert total.outcomes == expected[kind]

    # The exported table: the filled outcome cells of each row add up to its "sent" cell.
    _headings, rows = statistics_table(stats, "ru")
    for row in rows:
        assert sum(cell for cell in row[3:] if cell is not None) == row[2]
    for language in ("kk", "ru", "en"):
        assert statistics_text(stats, language).endswith(".")
