"""One meaning of "pending abroad" (sent and not final; drafts counted apart): every count in a supervisor's
weekly digest equals the same count in the pending-by-country report, in the request list and in the API."""
import re
from datetime import timedelta
from urllib.parse import urlsplit

from tests.factories import TODAY, make_request, make_user
from tests.factories import EVERYTHING, SYSTEM
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.mail.digests import summary_link
from tracker.services import reports
from tracker.services.digests import supervisor_digest
from tracker.services.users import issue_api_token


def _register():
    """Two countries and two prosecutors: pending (overdue or not), drafts, a missed release deadline, final ones."""
    first, second = make_user(name="Первый прокурор"), make_user(name="Второй прокурор")
    long_ago, lately = TODAY - timedelta(days=200), TODAY - timedelta(days=3)
    make_request(first, reference="RU-1", country_code="RU", sent_on=long_ago)                     # overdue
    make_request(first, reference="RU-2", country_code="RU", sent_on=lately)
    make_request(first, reference="RU-3", country_code="RU", sent_on=None)                         # a draft
    make_request(first, Kind.EXTRADITION, reference="RU-4", country_code="RU", sent_on=None,
                 detained_on=TODAY - timedelta(days=60))                                          # draft, critical
    make_request(second, reference="RU-5", country_code="RU", sent_on=long_ago,
                 statuses=[(Status.EXECUTED, lately)])                                            # final
    make_request(second, reference="KG-1", country_code="KG", sent_on=long_ago,
                 statuses=[(Status.RETURNED, lately)])                                            # back with us, open
    make_request(second, Kind.TRANSFER, reference="KG-2", country_code="KG", sent_on=lately)
    make_request(second, Kind.EXTRADITION, reference="KG-3", country_code="KG", sent_on=TODAY - timedelta(days=50),
                 detained_on=TODAY - timedelta(days=55))                                          # sent, critical
    return first, second


def _listed(client, url) -> int:
    """How many requests the list page says it holds."""
    parts = urlsplit(url)
    page = client.get(f"{parts.path}?{parts.query}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    found = re.search(r"(\d+) requests?\b", page)
    assert found, url
    return int(found.group(1))


def test_every_digest_count_equals_the_report_and_the_list(app, client, auth):
    _register()
    supervisor = make_user(Role.SUPERVISOR)
    digest = supervisor_digest(TODAY, SYSTEM)
    report = {row.country_code: row for row in reports.pending_by_country(TODAY, TODAY, EVERYTHING).rows}
    auth.login(supervisor)
    with app.test_request_context():
        links = {(row.key, measure): summary_link(measure, row, True) for row in digest.by_country
                 for measure in ("pending", "overdue", "critical", "drafts")}
        links |= {(row.owner_id, measure): summary_link(measure, row, False) for row in digest.by_prosecutor
                  for measure in ("pending", "overdue", "critical", "drafts")}

    assert {row.key for row in digest.by_country} == set(report) == {"RU", "KG"}
    for row in digest.by_country:
        assert row.pending == report[row.key].total
        assert row.overdue == report[row.key].overdue
        for measure in ("pending", "overdue", "critical", "drafts"):
            assert _listed(client, links[(row.key, measure)]) == getattr(row, measure), (row.key, measure)
    for row in digest.by_prosecutor:
        for measure in ("pending", "overdue", "critical", "drafts"):
            assert _listed(client, links[(row.owner_id, measure)]) == getattr(row, measure), (row.key, measure)

    ru = next(row for row in digest.by_country if row.key == "RU")
    kg = next(row for row in digest.by_country if row.key == "KG")
    # Drafts are not pending abroad; a returned request is (sent, not final); final ones are neither.
    assert (ru.pending, ru.drafts, kg.pending, kg.drafts) == (2, 2, 3, 0)
    assert ru.overdue >= 1 and ru.critical == 1 and kg.critical == 1


def test_the_api_and_the_dashboard_count_pending_abroad_the_same_way(app, client, auth):
    first, _second = _register()
    token = issue_api_token(make_user(Role.SUPERVISOR))
    db.session.commit()
    listed = client.get("/api/v1/requests?pending=true&country=RU",
                        headers={"Authorization": f"Bearer {token}"}).get_json()
    report = {row.country_code: row.total for row in reports.pending_by_country(TODAY, TODAY, EVERYTHING).rows}
    assert listed["total"] == report["RU"] == 2
    assert sorted(item["reference"] for item in listed["items"]) == ["RU-1", "RU-2"]
    several = client.get("/api/v1/requests?pending=true&country=RU&country=KG",
                         headers={"Authorization": f"Bearer {token}"}).get_json()
    assert several["total"] == report["RU"] + report["KG"] == 5

    auth.login(first)
    page = client.get("/my-work", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert re.search(r'My requests pending abroad <span class="badge bg-primary">2</span>', page)
    assert re.search(r'My drafts, not sent yet <span class="badge bg-secondary">2</span>', page)
