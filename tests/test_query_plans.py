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


def test_the_page_after_a_known_row_is_sought_in_the_sorts_index():
    """"Next" in the list sorted by the last change: the database seeks the row in the index of that column rather
    than reading the list from its start."""
    from tracker.services.list_order import ordering as list_ordering
    from tracker.services.queries import RequestFilters, filtered_requests
    item = make_request(make_user())
    ordering = list_ordering("updated", True)
    query = ordering.apply(filtered_requests(RequestFilters(access=SYSTEM)).with_only_columns(Request.id)
                           .where(ordering.after((item.updated_at, item.id)))).limit(25)
    plan = plan_of(query)
    # Sought (a range of the index), not scanned in order with each row tested.
    assert ("SEARCH requests USING INDEX ix_requests_live_updated_at (updated_at<" in plan
            or "Index Cond: (updated_at <=" in plan), plan
