"""The API's two ways of paging read one order: a page read by number, then its next_cursor followed, reads every
request once, in the order page numbers give, requests changed at the same moment included (the nightly refresh
changes many at once)."""
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from tests.factories import make_request, make_user
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import Request
from tracker.services.users import issue_api_token


@pytest.mark.parametrize("sort", ["updated", "-updated", "id", "-id", "reference", "-reference"])
def test_a_page_by_number_then_its_cursors_read_what_page_numbers_read(client, sort):
    owner = make_user(Role.SUPERVISOR)
    made = [make_request(owner, reference=f"PC-{n}") for n in range(7)]
    # Five of them changed at the same moment.
    db.session.execute(sa.update(Request).where(Request.id.in_([r.id for r in made[1:6]]))
                       .values(updated_at=datetime(2026, 10, 1, 10, 0, tzinfo=UTC)))
    headers = {"Authorization": f"Bearer {issue_api_token(owner)}"}
    db.session.commit()

    def page(**args):
        answer = client.get("/api/v1/requests", query_string={"sort": sort, "per_page": 2, **args}, headers=headers)
        assert answer.status_code == 200, answer.get_json()
        body = answer.get_json()
        return [item["reference"] for item in body["items"]], body["next_cursor"]

    by_number = [reference for number in range(1, 5) for reference in page(page=number)[0]]
    assert sorted(by_number) == sorted(f"PC-{n}" for n in range(7))
    for start in (1, 2, 3):
        seen, cursor = page(page=start)
        seen = [reference for number in range(1, start) for reference in page(page=number)[0]] + seen
        while cursor:
            more, cursor = page(cursor=cursor)
            seen += more
        assert seen == by_number, (start, seen)
