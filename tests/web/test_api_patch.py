"""An API PATCH changes only the fields it names: every other field of the request, and its history, stay."""
from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_request, make_user
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import Request
from tracker.services.users import issue_api_token

# A new value for each patchable field, and the columns it may change besides the ones it names.
NEW_VALUES = {
    "reference": ("PATCHED-1", ("reference",)),
    "country": ("BY", ("country_code",)),
    "authority": ("Прокуратура Республики Беларусь", ("authority",)),
    "treaty": ("minsk-1993", ("treaty_id",)),
    "case_number": ("217500031099999", ("case_number",)),
    "crime_category": ("financial_pyramid", ("crime_category_id",)),
    "articles": ("ст. 217 ч. 2", ("articles",)),
    "summary": ("Истребовать выписки", ("summary",)),
    "in_custody": (True, ("in_custody",)),
}
EXTRADITION_VALUES = {
    "detained_on": ("2026-10-25", ("detained_on",)),
    "arrest_notified_on": ("2026-10-26", ("arrest_notified_on",)),
    "person": ({"name_latin": "Akhmetov Y."}, ("person_name_latin",)),
}
# Written by the request's life, never by what a PATCH names; deadlines follow the facts they are counted from.
MOVING = {"version", "updated_at", "search_text", "due_on", "due_deadline", "overdue", "critical", "release_due_on",
          "escalated", "long_pending"}


def _columns(request_id):
    db.session.rollback()
    row = db.session.get(Request, request_id)
    return {column.key: getattr(row, column.key) for column in sa.inspect(Request).column_attrs}


def _extradited(owner):
    return make_request(owner, Kind.EXTRADITION, country_code="KG", decision="Решение Генпрокуратуры РФ № 12",
                        person_birth_date=date(1980, 5, 6), statuses=[(Status.PENDING, date(2026, 9, 5)),
                                                                       (Status.GRANTED, date(2026, 10, 1)),
                                                                       (Status.EXTRADITED, date(2026, 11, 2))])


CASES = ([(Kind.MLA, name) for name in NEW_VALUES] + [(Kind.TRANSFER, name) for name in NEW_VALUES]
         + [(Kind.EXTRADITION, name) for name in NEW_VALUES | EXTRADITION_VALUES])


@pytest.mark.parametrize("kind,field", CASES, ids=[f"{k.value}-{f}" for k, f in CASES])
def test_a_patch_changes_the_field_it_names_and_nothing_else(client, kind, field):
    owner = make_user()
    request = (_extradited(owner) if kind == Kind.EXTRADITION
               else make_request(owner, kind, country_code="KG", articles="ст. 190", in_custody=False))
    headers = {"Authorization": f"Bearer {issue_api_token(owner)}", "Accept-Language": "en"}
    db.session.commit()
    before = _columns(request.id)
    value, changed = (NEW_VALUES | EXTRADITION_VALUES)[field]
    response = client.patch(f"/api/v1/requests/{request.id}", json={field: value, "version": before["version"]},
                            headers=headers)
    assert response.status_code == 200, response.json
    after = _columns(request.id)
    differing = {name for name in before if before[name] != after[name]} - MOVING
    assert differing == set(changed), {name: (before[name], after[name]) for name in differing}
    edited = db.session.get(Request, request.id).events[-1]
    assert set(edited.changes) == set(changed)
