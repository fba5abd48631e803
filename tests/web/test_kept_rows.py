"""The rows of the tables of requests, kept by the worker for what they are made of (tracker/web/list_rows.py): a
page served from kept rows is the page written afresh, for any list, user and language, and a change to what a row
shows (a status, an owner's name, a treaty's name, the day) shows at once."""
import re
from datetime import timedelta
from types import SimpleNamespace

from flask_babel import force_locale
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import served_afresh
from tests.factories import TODAY, make_request, make_user, treaty
from tracker import clock
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, Status, is_open
from tracker.extensions import db
from tracker.services.users import update_user
from tracker.web.list_rows import request_rows

LANGUAGES = ("kk", "ru", "en")
LISTS = ("/requests", "/requests?kind=extradition", "/requests?sort=reference&dir=asc", "/requests?overdue=1",
         "/requests?sort=due_on&page=2&per_page=3", "/my-work")


def _rows(html: str) -> list[str]:
    """The rows of every table of requests on a page."""
    return re.findall(r'<tr>\s*<td class="rq-ref">.*?</tr>', html, re.S)


def _register():
    first, second = make_user(name="Ахметов Ерлан"), make_user(name="Жумабаев Нурлан")
    items = [
        make_request(first, sent_on=TODAY - timedelta(days=100), country_code="KG", treaty_id=treaty("minsk-1993").id),
        make_request(first, sent_on=TODAY - timedelta(days=20), statuses=[(Status.PENDING, TODAY - timedelta(days=5))]),
        make_request(second, sent_on=TODAY - timedelta(days=400), statuses=[(Status.EXECUTED, TODAY - timedelta(days=3))]),
        make_request(second, Kind.EXTRADITION, sent_on=TODAY - timedelta(days=10), detained_on=TODAY - timedelta(days=12)),
        make_request(first, Kind.EXTRADITION, sent_on=None, detained_on=TODAY - timedelta(days=3)),
        make_request(second, Kind.TRANSFER, sent_on=TODAY - timedelta(days=50), country_code="KG"),
        make_request(first, sent_on=TODAY - timedelta(days=3), country_code="CN"),
    ]
    return first, second, items


def test_kept_rows_are_the_rows_written_afresh_for_every_list_user_and_language(app, client, auth):
    first, second, items = _register()
    compared = 0
    for user in (make_user(Role.SUPERVISOR), first):
        auth.login(user)
        for language in LANGUAGES:
            client.post("/language", data={"language": language})
            for path in LISTS:
                kept = _rows(client.get(path).get_data(as_text=True))
                fresh = served_afresh(app, client, path, "list_rows").get_data(as_text=True)
                assert kept == _rows(fresh), (user.name, language, path)
                compared += len(kept)
        auth.logout()
    assert compared > len(items) * len(LANGUAGES)


def _row_of(html: str, reference: str) -> str:
    return next(row for row in _rows(html) if f">{reference}</a>" in row)


def test_a_change_to_what_a_row_shows_shows_at_once(app, client, auth, monkeypatch):
    first, second, items = _register()
    item = items[0]
    auth.login(make_user(Role.SUPERVISOR, language=Language.EN))
    client.post("/language", data={"language": "en"})
    row = _row_of(client.get("/requests").get_data(as_text=True), item.reference)
    assert "Ахметов Ерлан" in row and "Minsk Convention 1993" in row and "status-sent" in row
    db.session.commit()  # the test's reading transaction ends: the page wrote its read of personal data since
    # The owner renamed and the treaty's short name changed (an administrator's edits), the status moved on.
    update_user(first, name="Ахметов Ерлан Серікұлы", role=first.role, language=first.language, active=True,
                password=None)
    treaty("minsk-1993").short_name = "Minsk Convention (1993)"
    db.session.commit()
    row = _row_of(client.get("/requests").get_data(as_text=True), item.reference)
    assert "Ахметов Ерлан Серікұлы" in row and "Minsk Convention (1993)" in row
    owner_page = client.get(f"/requests/{item.id}").get_data(as_text=True)
    assert owner_page
    db.session.commit()
    answer = client.post(f"/requests/{item.id}/status", data={
        "to": "pending", "effective_on": TODAY.isoformat(), "note": "", "version": item.version})
    assert answer.status_code == 302
    row = _row_of(client.get("/requests").get_data(as_text=True), item.reference)
    assert "status-pending" in row and "status-sent" not in row
    # A day later a request whose term ran out that day is overdue by a day; the rows of yesterday are not shown.
    db.session.commit()
    db.session.refresh(item)
    due = item.due_on
    monkeypatch.setattr(clock, "today_local", lambda: due + timedelta(days=1))
    row = _row_of(client.get("/requests").get_data(as_text=True), item.reference)
    assert "1 day overdue" in row
    monkeypatch.setattr(clock, "today_local", lambda: due + timedelta(days=3))
    row = _row_of(client.get("/requests").get_data(as_text=True), item.reference)
    assert "3 days overdue" in row


class _Row:
    """What a row reads of a request, with its treaty's and owner's names made from their ids (as the reference data
    would give them under one reference version)."""

    def __init__(self, values: dict):
        self.__dict__.update(values)
        self.treaty = SimpleNamespace(short=lambda _language: f"Treaty {self.treaty_id}") if self.treaty_id else None
        self.owner = SimpleNamespace(name=f"Prosecutor {self.owner_id}")

    @property
    def is_open(self) -> bool:
        return is_open(self.kind, self.status)


DAYS = st.one_of(st.none(), st.sampled_from([TODAY - timedelta(days=40), TODAY - timedelta(days=1), TODAY,
                                             TODAY + timedelta(days=5), TODAY + timedelta(days=60)]))
ROWS = st.fixed_dictionaries({
    "id": st.integers(1, 2), "reference": st.sampled_from(["1-МП/2026", "2-Э/2026"]),
    "kind": st.sampled_from(list(Kind)), "country_code": st.sampled_from(["KG", "RU"]),
    "status": st.sampled_from([Status.DRAFT, Status.SENT, Status.PENDING, Status.EXECUTED, Status.REFUSED]),
    "sent_on": DAYS, "due_on": DAYS, "release_due_on": DAYS, "treaty_id": st.sampled_from([None, 1, 2]),
    "owner_id": st.integers(1, 2)})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(ROWS, min_size=1, max_size=3), language=st.sampled_from(LANGUAGES))
def test_a_kept_row_is_the_row_written_afresh_whatever_differs(app, rows, language):
    """Rows that differ in any one thing a row shows are never taken for one another: the store is kept across the
    examples, so a key that left something out would give one request's row for another's."""
    items = [_Row(values) for values in rows]
    with app.test_request_context(headers={"Accept-Language": language}):
        with force_locale(language):
            kept = request_rows(items, TODAY)
            store = app.extensions.pop("list_rows")
            try:
                fresh = request_rows(items, TODAY)
            finally:
                app.extensions["list_rows"] = store
    assert kept == fresh
