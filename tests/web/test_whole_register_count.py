"""The whole register, unfiltered, for a reader who sees every unit: on SQLite counted exactly on every page as every
row less the deleted ones; on PostgreSQL as any broad list (list_counts.py)."""
import re

import pytest
import sqlalchemy as sa

from tests.factories import NOW, make_request, make_unit, make_user
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import Request
from tracker.services.list_counts import live_requests, live_requests_statement


def _count(html: str) -> str:
    return re.search(r'id="request-count">\s*([^<]*?)\s*<', html).group(1)


def _delete(*references: str) -> None:
    db.session.execute(sa.update(Request).where(Request.reference.in_(references)).values(deleted_at=NOW))
    db.session.commit()


def test_the_deleted_requests_are_counted_from_their_own_index():
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's plan: PostgreSQL counts as any broad list")
    statement = str(live_requests_statement().compile(db.engine, compile_kwargs={"literal_binds": True}))
    plan = " ".join(str(row) for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {statement}")))
    assert "USING INDEX ix_requests_deleted_id" in plan, plan


def test_the_live_requests_are_every_request_less_the_deleted_ones():
    owner = make_user()
    for number in range(7):
        make_request(owner, reference=f"WR-{number}")
    db.session.commit()
    assert live_requests() == 7
    _delete("WR-1", "WR-4")
    assert live_requests() == 5 == db.session.scalar(
        sa.select(sa.func.count()).select_from(Request).where(Request.deleted_at.is_(None)))


def test_the_whole_register_is_counted_exactly_on_every_page_on_sqlite(app, client, auth, monkeypatch,
                                                                       count_queries):
    monkeypatch.setitem(app.config, "LIST_EXACT_COUNT_UP_TO", 3)
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 2)
    owner = make_user()
    for number in range(9):
        make_request(owner, reference=f"WR-{number}")
    db.session.commit()
    auth.login(make_user(Role.SUPERVISOR))
    sqlite = db.engine.dialect.name == "sqlite"
    assert _count(client.get("/requests").get_data(as_text=True)) == "9 requests"
    with count_queries() as statements:
        again = client.get("/requests?page=2").get_data(as_text=True)
    if sqlite:
        # Exact again, without reading the list to count it.
        assert _count(again) == "9 requests"
        assert [s for s in statements if "count(*)" in s] == [
            s for s in statements if "WHERE requests.deleted_at IS NOT NULL AND requests.id >=" in s] != []
    else:
        assert _count(again) == "about 9 requests"
    _delete("WR-0", "WR-8")
    make_request(owner, reference="WR-9")
    db.session.commit()
    html = client.get("/requests?page=1&_=after").get_data(as_text=True)
    assert _count(html) == ("8 requests" if sqlite else "about 9 requests")
    # The last page holds what is left past the others, on either database.
    last = client.get("/requests?page=4&_=after").get_data(as_text=True)
    assert _count(last) == "8 requests" and len(re.findall(r">WR-\d<", last)) == 2
    # A filter, or a reader who sees only their units, is counted as before: exactly the first time, then "about"
    # that many for a minute.
    assert _count(client.get("/requests?kind=mla&_=first").get_data(as_text=True)) == "8 requests"
    assert _count(client.get("/requests?kind=mla&_=again").get_data(as_text=True)) == "about 8 requests"
    make_unit("Unit of international cooperation", members=[owner])
    auth.logout()
    auth.login(owner)
    assert _count(client.get("/requests?_=own").get_data(as_text=True)) == "8 requests"
    assert _count(client.get("/requests?_=own-again").get_data(as_text=True)) == "about 8 requests"
