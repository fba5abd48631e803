"""What every request page asks is answered from an index, not by reading the whole register."""
import sqlalchemy as sa

from tests.factories import make_request, make_user
from tests.plans import plan_of
from tracker.models import Request
from tracker.services.access import SYSTEM
from tracker.services.queries import transfers_from


def test_the_transfers_started_from_a_request_are_found_by_an_index():
    origin = make_request(make_user())
    query = sa.select(Request).where(Request.origin_request_id == origin.id)
    assert "ix_requests_origin_request_id" in plan_of(query)
    assert transfers_from(origin.id, SYSTEM) == []
