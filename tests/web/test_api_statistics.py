"""The statistics API: rows of sent and disjoint outcomes that add up, several values per filter, and the
paragraph in the caller's language."""
from datetime import date

from tests.factories import category, make_request, make_user
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.services.reports import OUTCOMES
from tracker.services.users import issue_api_token

URL = "/api/v1/reports/statistics?from=2025-01-01&to=2025-12-31&as_of=2025-12-31"


def _register():
    owner = make_user()
    fraud, pyramid, other = (category(code).id for code in ("fraud", "financial_pyramid", "other"))
    make_request(owner, reference="F1", crime_category_id=fraud, sent_on=date(2025, 2, 1),
                 statuses=[(Status.EXECUTED, date(2025, 5, 1))])
    make_request(owner, reference="F2", crime_category_id=fraud, sent_on=date(2025, 3, 1),
                 statuses=[(Status.RETURNED, date(2025, 4, 1))])
    make_request(owner, reference="P1", crime_category_id=pyramid, sent_on=date(2025, 3, 1), country_code="KG")
    make_request(owner, reference="O1", crime_category_id=other, sent_on=date(2025, 3, 1))
    make_request(owner, Kind.EXTRADITION, reference="E1", crime_category_id=fraud, sent_on=date(2025, 4, 1),
                 statuses=[(Status.RELEASED_ABROAD, date(2025, 4, 20))])


def _get(client, query="", language="en"):
    token = issue_api_token(make_user(Role.SUPERVISOR))
    db.session.commit()
    return client.get(URL + query, headers={"Authorization": f"Bearer {token}", "Accept-Language": language})


def test_rows_carry_sent_and_outcomes_that_add_up(client):
    _register()
    body = _get(client).get_json()
    assert {(row["kind"], row["crime_category"], row["sent"]) for row in body["rows"]} == {
        ("mla", "fraud", 2), ("mla", "financial_pyramid", 1), ("mla", "other", 1), ("extradition", "fraud", 1)}
    for row in body["rows"]:
        assert set(row["outcomes"]) == set(OUTCOMES[Kind(row["kind"])])
        assert sum(row["outcomes"].values()) == row["sent"]
    assert body["totals"]["mla"] == {"sent": 4, "outcomes": {"executed": 1, "partially_executed": 0, "pending": 2,
                                                             "refused": 0, "returned": 1, "withdrawn": 0}}
    assert body["totals"]["extradition"]["outcomes"]["released_abroad"] == 1
    assert body["text"].startswith("In 2025")


def test_several_crime_categories_countries_and_kinds_in_one_report(client):
    _register()
    body = _get(client, "&crime_category=fraud&crime_category=financial_pyramid").get_json()
    assert body["totals"]["mla"]["sent"] == 3 and body["totals"]["extradition"]["sent"] == 1
    body = _get(client, "&country=KG&country=RU&kind=mla").get_json()
    assert body["totals"]["mla"]["sent"] == 4 and body["totals"]["extradition"]["sent"] == 0
    body = _get(client, "&country=KG").get_json()
    assert body["totals"]["mla"]["sent"] == 1


def test_the_paragraph_follows_accept_language_and_bad_filters_get_a_message(client):
    _register()
    ru = _get(client, "&crime_category=fraud&crime_category=financial_pyramid", language="ru").get_json()["text"]
    assert ru.startswith("В 2025 году") and "мошенничествах и финансовых пирамидах" in ru
    kk = _get(client, language="kk").get_json()["text"]
    assert kk.startswith("2025 жылы")
    named = _get(client, "&sender=true", language="ru").get_json()["text"]
    assert "Генеральной прокуратурой" in named
    bad = _get(client, "&crime_category=fraud&crime_category=no-such&kind=letter", language="ru")
    assert bad.status_code == 422
    assert set(bad.get_json()["errors"]) == {"crime_category", "kind"}
    assert "no-such" in bad.get_json()["errors"]["crime_category"]
