"""The whole register's live requests counted by stretches of the list's default order (list_positions.py, migration
4b7d2e9c1a58): the database keeps the counts through every change, however it is written; every place of the list is
found from its stretch, in either order, and a page of the whole register holds the rows a plain OFFSET gives; the
count is exact on every page, on both databases; the check finds a count gone wrong and the rebuild sets it right."""
import random
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.factories import NOW, make_request, make_unit, make_user
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import PositionBlock, PositionChange, Request
from tracker.services import list_positions
from tracker.services.list_order import ordering

LIVE = Request.deleted_at.is_(None)
TRIGGERS = {"requests_positions_insert", "requests_positions_update", "requests_positions_delete"}


def _count(html: str) -> str:
    return re.search(r'id="request-count">\s*([^<]*?)\s*<', html).group(1)


def _listed(newest_first: bool) -> list[int]:
    """The live requests' ids in the list's default order, read past no kept count."""
    return list(db.session.scalars(ordering("updated", newest_first).apply(sa.select(Request.id).where(LIVE))))


def _live() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Request).where(LIVE))


def _set(request_id: int, **values) -> None:
    """A change written in SQL, around the app, as a script or a hand at the console would."""
    db.session.execute(sa.update(Request).where(Request.id == request_id).values(**values))


def test_the_triggers_are_there_at_head():
    if db.engine.dialect.name == "postgresql":
        found = set(db.session.scalars(sa.text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'requests'::regclass")))
        assert TRIGGERS | {"requests_positions_truncated"} <= found
    else:
        found = set(db.session.scalars(sa.text("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                               "AND tbl_name = 'requests'")))
        assert TRIGGERS <= found


@pytest.mark.parametrize("seed", range(4))
def test_every_place_of_the_register_is_found_from_its_stretch(seed):
    rng = random.Random(seed)
    owner = make_user()
    ids = [make_request(owner, reference=f"P-{number:02d}").id for number in range(24)]
    # A few moments, so that many requests share one, as a nightly refresh or an import leaves them.
    moments = [NOW - timedelta(hours=hours) for hours in range(6)]
    for request_id in ids:
        _set(request_id, updated_at=rng.choice(moments))
    db.session.commit()
    list_positions.rebuild(rows_per_block=rng.choice([1, 3, 5]))
    db.session.commit()
    assert list_positions.differences() == []
    for round_ in range(4):
        for request_id in rng.sample(ids, 8):
            change = rng.choice(["moved", "newest", "deleted", "back", "deleted and moved"])
            if change == "moved":
                _set(request_id, updated_at=rng.choice(moments))
            elif change == "newest":
                _set(request_id, updated_at=NOW + timedelta(minutes=round_))
            elif change == "deleted":
                _set(request_id, deleted_at=NOW)
            elif change == "back":
                _set(request_id, deleted_at=None)
            else:
                _set(request_id, deleted_at=NOW, updated_at=rng.choice(moments))
        db.session.commit()
        assert list_positions.differences() == []
        assert list_positions.live_requests() == _live()
        for newest_first in (True, False):
            expected = _listed(newest_first)
            for place in range(len(expected) + 2):
                start = list_positions.start_of(place, newest_first)
                if place >= len(expected):
                    assert start is None
                    continue
                query = sa.select(Request.id).where(LIVE, *([] if start.stretch is None else [start.stretch]))
                found = db.session.scalars(ordering("updated", newest_first).apply(query)
                                           .offset(start.skip).limit(1)).all()
                assert found == [expected[place]], (round_, newest_first, place)


def test_a_change_within_the_newest_stretch_adds_no_row():
    owner = make_user()
    request = make_request(owner, reference="P-1")
    list_positions.rebuild()
    db.session.commit()
    rows = db.session.scalar(sa.select(sa.func.count()).select_from(PositionChange))
    _set(request.id, updated_at=NOW + timedelta(minutes=5))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PositionChange)) == rows
    _set(request.id, deleted_at=NOW)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PositionChange)) == rows + 1
    assert list_positions.live_requests() == 0


def test_requests_changed_at_one_moment_stay_in_one_stretch():
    owner = make_user()
    ids = [make_request(owner, reference=f"P-{number}").id for number in range(5)]
    for request_id in ids:
        _set(request_id, updated_at=NOW)
    _set(ids[0], updated_at=NOW - timedelta(days=1))
    db.session.commit()
    assert list_positions.rebuild(rows_per_block=2) == 2
    db.session.commit()
    assert [count for _moment, count in list_positions.blocks()] == [1, 4]
    assert list_positions.differences() == []


def test_the_whole_register_is_paged_from_its_stretches_and_counted_exactly(app, client, auth, monkeypatch,
                                                                           count_queries):
    monkeypatch.setitem(app.config, "LIST_EXACT_COUNT_UP_TO", 3)
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 2)
    owner = make_user()
    ids = [make_request(owner, reference=f"WR-{number:02d}").id for number in range(13)]
    for number, request_id in enumerate(ids):
        _set(request_id, updated_at=NOW - timedelta(hours=number // 3))
    db.session.commit()
    list_positions.rebuild(rows_per_block=3)
    db.session.commit()
    # Changed since the stretches were set: one moves to the newest, two are deleted, one is added.
    _set(ids[10], updated_at=NOW + timedelta(minutes=1))
    _set(ids[2], deleted_at=NOW)
    _set(ids[7], deleted_at=NOW)
    make_request(owner, reference="WR-13")
    db.session.commit()
    auth.login(make_user(Role.SUPERVISOR))
    references = dict(db.session.execute(sa.select(Request.id, Request.reference)).all())
    placed = []
    found_from = list_positions.start_of
    monkeypatch.setattr(list_positions, "start_of", lambda place, newest_first: placed.append(
        (place, newest_first)) or found_from(place, newest_first))
    for newest_first, direction in ((True, ""), (False, "&dir=asc")):
        expected = [references[request_id] for request_id in _listed(newest_first)]
        assert len(expected) == 12
        placed.clear()
        for page in range(1, 8):
            with count_queries() as statements:
                html = client.get(f"/requests?page={page}{direction}&_={page}").get_data(as_text=True)
            assert re.findall(r">(WR-\d\d)<", html) == expected[(page - 1) * 2:page * 2], (direction, page)
            # Exact on every page, on either database, and never by counting the requests.
            assert _count(html) == "12 requests"
            assert not [s for s in statements if re.search(r"count\(\*\)", s) and "FROM requests" in s], statements
        # Every page after the first, the last and the one past it included, was placed by its stretch.
        assert placed == [((page - 1) * 2, newest_first) for page in range(2, 8)]
    # A filter, or a reader who sees only their units, is counted as before: exactly the first time, then "about"
    # that many for a minute.
    assert _count(client.get("/requests?kind=mla&_=first").get_data(as_text=True)) == "12 requests"
    assert _count(client.get("/requests?kind=mla&_=again").get_data(as_text=True)) == "about 12 requests"
    make_unit("Unit of international cooperation", members=[owner])
    auth.logout()
    auth.login(owner)
    assert _count(client.get("/requests?_=own").get_data(as_text=True)) == "12 requests"
    assert _count(client.get("/requests?_=own-again").get_data(as_text=True)) == "about 12 requests"


def test_a_count_gone_wrong_is_found_and_set_right(app):
    owner = make_user()
    for number in range(3):
        make_request(owner, reference=f"P-{number}")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["report", "check-positions"]).exit_code == 0
    first = db.session.scalar(sa.select(PositionBlock.id).order_by(PositionBlock.starts_at).limit(1))
    db.session.execute(sa.insert(PositionChange).values(block_id=first, change=5))
    db.session.commit()
    checked = runner.invoke(args=["report", "check-positions"])
    assert checked.exit_code == 1
    assert "says 8 live requests and holds 3" in checked.output
    assert runner.invoke(args=["report", "rebuild-positions"]).exit_code == 0
    db.session.rollback()  # the job wrote in a session of its own: this one's reads begin again
    assert runner.invoke(args=["report", "check-positions"]).exit_code == 0
    assert list_positions.live_requests() == 3


def test_a_register_without_its_first_stretch_is_found_wrong():
    owner = make_user()
    make_request(owner, reference="P-1")
    db.session.execute(sa.delete(PositionChange))
    db.session.execute(sa.delete(PositionBlock))
    db.session.commit()
    # A request still changes: the register keeps working, and the check says where the count is wrong.
    make_request(owner, reference="P-2")
    assert [(item.kept, item.counted) for item in list_positions.differences()] == [(0, 2)]


def test_writers_of_different_requests_do_not_wait_for_each_other():
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite takes one writer at a time anyway")
    owner = make_user()
    first, second = (make_request(owner, reference=f"P-{number}").id for number in range(2))
    _set(first, updated_at=NOW - timedelta(days=2))
    _set(second, updated_at=NOW - timedelta(days=1))
    db.session.commit()
    assert list_positions.rebuild(rows_per_block=1) == 2
    db.session.commit()
    with db.engine.connect() as one, db.engine.connect() as other:
        # One moves a request from the first stretch into the newest, the other changes one within the newest and
        # deletes it: both count changes to the newest stretch, and neither waits for the other's open transaction.
        one.execute(sa.update(Request).where(Request.id == first).values(updated_at=NOW + timedelta(minutes=1)))
        other.exec_driver_sql("SET lock_timeout = '2s'")
        other.execute(sa.update(Request).where(Request.id == second).values(updated_at=NOW + timedelta(minutes=2)))
        other.execute(sa.update(Request).where(Request.id == second).values(deleted_at=NOW))
        other.commit()
        one.commit()
    assert list_positions.differences() == [] and list_positions.live_requests() == 1


def test_moments_written_in_other_forms_are_placed_as_the_list_sorts_them():
    """Moments written around the app in forms of their own: before every stretch, and on SQLite as texts the app
    does not write ("T" between date and time, an offset). The stretches are set and counted as the list sorts the
    moments, and every place is found."""
    owner = make_user()
    ids = [make_request(owner, reference=f"P-{number}").id for number in range(6)]
    sqlite = db.engine.dialect.name == "sqlite"
    written = ["0001-01-01 00:00:00", "1960-05-01 10:00:00", "2026-11-01T12:00:03", "2026-11-01 12:00:03+00:00",
               "2026-11-01T12:00:03Z", "2026-11-01 12:00:04"]
    for request_id, moment in zip(ids, written, strict=True):
        if sqlite:
            db.session.execute(sa.text("UPDATE requests SET updated_at = :moment WHERE id = :id"),
                               {"moment": moment, "id": request_id})
        else:
            db.session.execute(sa.text("UPDATE requests SET updated_at = CAST(:moment AS timestamptz) WHERE id = :id"),
                               {"moment": moment.replace("Z", "+00:00"), "id": request_id})
    db.session.commit()
    assert list_positions.differences() == []
    for rows_per_block in (1, 2):
        list_positions.rebuild(rows_per_block=rows_per_block)
        db.session.commit()
        assert list_positions.differences() == [] and list_positions.live_requests() == 6
        for newest_first in (True, False):
            expected = _listed(newest_first)
            for place, request_id in enumerate(expected):
                start = list_positions.start_of(place, newest_first)
                query = sa.select(Request.id).where(LIVE, *([] if start.stretch is None else [start.stretch]))
                assert db.session.scalars(ordering("updated", newest_first).apply(query)
                                          .offset(start.skip).limit(1)).all() == [request_id]


def test_the_stretches_are_read_in_any_time_zone_of_the_database_session():
    owner = make_user()
    make_request(owner, reference="P-1")
    make_request(owner, reference="P-2")
    if db.engine.dialect.name == "postgresql":
        # Far west of UTC, where a stretch starting at the year 1 read as a date BC, which the driver cannot read: the
        # first stretch starts at no moment now.
        db.session.execute(sa.text("SET TIME ZONE 'America/New_York'"))
    assert list_positions.start_of(1, True) is not None and list_positions.differences() == []
