"""The list and detail pages issue the same number of SQL statements whatever the number of rows."""
from datetime import date

from flask import current_app

from tests.factories import NOW, TODAY, make_request, make_user
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.services.requests import change_status

PAGES = ["/my-work", "/requests", "/requests?kind=mla&open_only=1&sort=country&dir=asc", "/requests?text=q-0&page=2"]


def _fill(owner, start, stop):
    """Requests numbered start..stop-1 of both kinds, each with three history entries."""
    for number in range(start, stop):
        make_request(owner, Kind.EXTRADITION if number % 3 == 0 else Kind.MLA, reference=f"Q-{number:04d}",
                     statuses=[(Status.PENDING, date(2026, 9, 10))])


def _statements(client, count_queries, url, *, cold=False):
    """How many SQL statements rendering `url` runs (as a first page after a change would: `cold`). The page is
    written, not shown again as a worker kept it (tests/web/test_kept_pages.py counts those)."""
    current_app.extensions.pop("kept_pages", None)
    with count_queries(cold=cold) as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


def test_list_and_dashboard_cost_the_same_at_30_and_200_requests(client, auth, count_queries):
    owner = make_user()
    first = make_request(owner, reference="Q-first")
    # 30: the search's second page holds requests at both sizes (an empty page names no country).
    _fill(owner, 1, 30)
    # Read before the login ends the test's transaction: the request page writes its read to the log, after which
    # a transaction that read earlier could not write on SQLite.
    pages = PAGES + [f"/requests/{first.id}"]
    auth.login(make_user(Role.SUPERVISOR))
    # Counted in a worker that has served the pages before: the filters' choices are built once per worker.
    for url in pages:
        client.get(url)
    at_30 = {url: _statements(client, count_queries, url) for url in pages}
    _fill(owner, 30, 200)
    at_200 = {url: _statements(client, count_queries, url) for url in pages}
    assert at_30 == at_200
    # The dashboard's sections (critical, overdue, pending abroad, drafts) cost a page and a count each; the request
    # page reads its documents besides its history.
    assert max(at_30.values()) <= 13, at_30


def test_detail_costs_the_same_with_2_and_40_history_entries(client, auth, count_queries):
    owner = make_user()
    short, long = make_request(owner), make_request(owner)
    for number in range(19):
        for status in (Status.SUPPLEMENT_REQUESTED, Status.PENDING):
            change_status(owner, long, status, effective_on=date(2026, 9, 2), note=str(number), ground=None,
                          expected_version=long.version, today=TODAY, now=NOW)
    db.session.commit()
    assert len(long.events) == 40
    auth.login(owner)
    assert _statements(client, count_queries, f"/requests/{short.id}", cold=True) == \
        _statements(client, count_queries, f"/requests/{long.id}", cold=True)


REPORTS = ["/reports/pending-by-country", "/reports/pending-by-country?as_of=2026-09-20",
           "/reports/pending-by-country?format=csv", "/reports/statistics?start=2026-01-01",
           "/reports/workload?start=2026-01-01", "/reports/workload?start=2026-01-01&format=xlsx",
           "/reports/treaties?start=2026-01-01", "/reports/execution-times?start=2026-01-01"]
COUNTRIES = ["RU", "KG", "UZ", "TR", "AE", "CN", "US", "DE", "GB", "FR", "IT", "ES", "PL", "LT", "GE", "AM", "BY",
             "UA", "IN", "KR", "RS", "CY"]


def _fill_for_reports(owners, start, stop):
    """Requests in many countries (more than the chart draws on its own) of every kind and outcome: drafts,
    pending, executed, refused, changed after the past as-of day."""
    for number in range(start, stop):
        kind = (Kind.MLA, Kind.EXTRADITION, Kind.TRANSFER)[number % 3] if number % 7 else Kind.MLA
        outcome = {0: [], 1: [(Status.PENDING, date(2026, 9, 10))], 2: [(Status.REFUSED, date(2026, 9, 25))],
                   3: [(Status.EXECUTED if kind == Kind.MLA else Status.REFUSED, date(2026, 10, 1))]}[number % 4]
        make_request(owners[number % len(owners)], kind, reference=f"P-{number:04d}",
                     country_code=COUNTRIES[number % len(COUNTRIES)], sent_on=None if number % 11 == 5 else
                     date(2026, 9, 1), statuses=[] if number % 11 == 5 else outcome)


def test_every_report_page_costs_the_same_at_10_and_200_requests(client, auth, count_queries):
    owners = [make_user(), make_user(), make_user(Role.SUPERVISOR)]
    _fill_for_reports(owners, 0, 10)
    auth.login(make_user(Role.SUPERVISOR))
    at_10 = {url: _statements(client, count_queries, url, cold=True) for url in REPORTS}
    _fill_for_reports(owners, 10, 200)
    at_200 = {url: _statements(client, count_queries, url, cold=True) for url in REPORTS}
    assert at_10 == at_200
    assert max(at_10.values()) <= 12, at_10
