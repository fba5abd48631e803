"""The request page's empty action forms, kept by the worker for what they are made of
(tracker/web/request_page.py, actions_section): a page served from what was kept is the page written afresh, for
any request, user and language, a change the forms show is shown at once, and each session gets its own CSRF token."""
import re
from datetime import date, timedelta

import pytest
from flask import current_app

from tests.conftest import csrf_token_from
from tests.factories import NOW, TODAY, make_request, make_user
from tracker import clock
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.services.requests import editable_fields, update_request

LANGUAGES = ("kk", "ru", "en")


def _actions(html):
    """The actions section of a request page, tokens left out (each page's own)."""
    found = re.search(r'<section class="mb-3" aria-labelledby="actions-heading">.*?</section>', html, re.S)
    section = found.group(0) if found else ""
    return re.sub(r'(name="csrf_token"[^>]*value=")[^"]+', r"\1", section)


def _register():
    """Requests of each kind at several points of their life, owned by two prosecutors."""
    first, second = make_user(name="Ахметов Ерлан"), make_user(name="Жумабаев Нурлан")
    items = [
        make_request(first, sent_on=TODAY - timedelta(days=100)),
        make_request(first, sent_on=TODAY - timedelta(days=20), statuses=[(Status.PENDING, TODAY - timedelta(days=5))]),
        make_request(second, sent_on=TODAY - timedelta(days=400), statuses=[(Status.EXECUTED, TODAY - timedelta(days=3))]),
        make_request(second, Kind.EXTRADITION, sent_on=TODAY - timedelta(days=10),
                     detained_on=TODAY - timedelta(days=12)),
        make_request(first, Kind.EXTRADITION, sent_on=None, detained_on=TODAY - timedelta(days=3)),
        make_request(second, Kind.TRANSFER, sent_on=TODAY - timedelta(days=50),
                     statuses=[(Status.PENDING, TODAY - timedelta(days=2))]),
    ]
    return first, second, items


def test_kept_forms_are_the_forms_written_afresh_for_every_request_user_and_language(app, client, auth):
    first, second, items = _register()
    supervisor = make_user(Role.SUPERVISOR)
    compared = 0
    for user in (supervisor, first, second):
        auth.login(user)
        for language in LANGUAGES:
            client.post("/language", data={"language": language})
            for item in items:
                kept = client.get(f"/requests/{item.id}").get_data(as_text=True)
                # The same page written afresh: what the worker keeps is set aside, then put back for the next page.
                store = app.extensions.pop("request_actions")
                fresh = client.get(f"/requests/{item.id}").get_data(as_text=True)
                app.extensions["request_actions"] = store
                assert _actions(kept) == _actions(fresh), (user.name, language, item.reference)
                compared += bool(_actions(fresh))
        auth.logout()
    # A prosecutor is offered no form on a colleague's request, and a final status offers no status change.
    assert compared > len(items) * len(LANGUAGES)


def test_a_status_change_shows_its_new_choices_and_version_at_once(client, auth):
    owner = make_user()
    item = make_request(owner, sent_on=TODAY - timedelta(days=30))
    auth.login(owner)
    client.post("/language", data={"language": "en"})
    before = client.get(f"/requests/{item.id}").get_data(as_text=True)
    assert 'value="pending"' in _actions(before)
    answer = client.post(f"/requests/{item.id}/status", data={
        "to": "pending", "effective_on": (TODAY - timedelta(days=1)).isoformat(), "note": "", "version": item.version})
    assert answer.status_code == 302
    db.session.commit()  # the test's reading transaction ends: it would not see the page's change
    db.session.refresh(item)
    after = _actions(client.get(f"/requests/{item.id}").get_data(as_text=True))
    assert f'id="status-version" name="version" type="hidden" value="{item.version}"' in after
    assert 'value="pending"' not in re.search(r'<select[^>]*name="to".*?</select>', after, re.S).group(0)
    # The next change, made with what the page now offers, is taken (not refused as made on an old version).
    answer = client.post(f"/requests/{item.id}/status", data={
        "to": "executed", "effective_on": TODAY.isoformat(), "note": "", "version": item.version})
    assert answer.status_code == 302
    db.session.commit()
    db.session.refresh(item)
    assert item.status == Status.EXECUTED


@pytest.mark.parametrize("language", ("kk", "ru"))
def test_each_session_posts_with_its_own_token_from_a_kept_page(app, monkeypatch, language):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    supervisor = make_user(Role.SUPERVISOR, language=Language(language))
    other = make_user(Role.SUPERVISOR, language=Language(language))
    item = make_request(make_user(), sent_on=date(2026, 9, 1))
    db.session.commit()
    tokens = []
    for user in (supervisor, other):
        browser = app.test_client()
        token = csrf_token_from(browser.get("/login").get_data(as_text=True))
        assert browser.post("/login", data={"email": user.email, "password": "correct horse battery",
                                            "csrf_token": token}).status_code == 302
        page = browser.get(f"/requests/{item.id}").get_data(as_text=True)
        in_forms = set(re.findall(r'name="csrf_token" type="hidden" value="([^"]+)"', page))
        assert len(in_forms) == 1, in_forms
        tokens.append((browser, in_forms.pop()))
    (first_browser, first_token), (second_browser, second_token) = tokens
    assert first_token != second_token
    # The second session's page came from what the first one's left: its token is still its own, and it works.
    db.session.refresh(item)
    answer = second_browser.post(f"/requests/{item.id}/reminders", data={
        "sent_on": date(2026, 10, 1).isoformat(), "channel": "email", "note": "", "version": item.version,
        "csrf_token": second_token})
    assert answer.status_code == 302
    refused = first_browser.post(f"/requests/{item.id}/reminders", data={
        "sent_on": date(2026, 10, 2).isoformat(), "channel": "email", "note": "", "version": item.version + 1,
        "csrf_token": second_token})
    assert refused.status_code == 400


def test_an_edit_gives_the_forms_the_new_version_at_once(client, auth):
    owner = make_user()
    item = make_request(owner, sent_on=TODAY - timedelta(days=60), statuses=[(Status.PENDING, TODAY - timedelta(days=50))])
    auth.login(owner)
    version = lambda page: re.search(r'id="status-version" name="version" type="hidden" value="(\d+)"',  # noqa: E731
                                     _actions(page)).group(1)
    assert version(client.get(f"/requests/{item.id}").get_data(as_text=True)) == str(item.version)
    # Edited elsewhere (another prosecutor's tab, the API): the status and the owner stay, the version moves on.
    db.session.commit()  # the test's reading transaction ends: the page wrote its read of personal data since
    update_request(owner, item, {**{name: getattr(item, name) for name in editable_fields(item.kind)},
                                 "summary": "Допросить двух свидетелей"},
                   expected_version=item.version, today=TODAY, now=NOW)
    db.session.commit()
    page = client.get(f"/requests/{item.id}").get_data(as_text=True)
    assert version(page) == str(item.version)
    answer = client.post(f"/requests/{item.id}/status", data={
        "to": "executed", "effective_on": TODAY.isoformat(), "note": "", "version": version(page)})
    assert answer.status_code == 302


def test_forms_kept_under_a_day_are_dated_that_day_when_the_clock_passes_midnight_during_the_page(client, auth,
                                                                                                  monkeypatch):
    owner = make_user()
    item = make_request(owner, sent_on=TODAY - timedelta(days=30))
    auth.login(owner)
    # The forms kept, not the whole page (which is kept under the day read before it, and so is never shown on a
    # day after the one it was written on: a clock does not go back).
    monkeypatch.setitem(current_app.config, "KEEP_PAGES", False)
    day = clock.today_local()
    calls = []

    def passing_midnight():
        calls.append(1)
        return day if len(calls) == 1 else day + timedelta(days=1)
    monkeypatch.setattr(clock, "today_local", passing_midnight)
    client.get(f"/requests/{item.id}")
    monkeypatch.setattr(clock, "today_local", lambda: day)
    page = client.get(f"/requests/{item.id}").get_data(as_text=True)  # the same day, from the kept forms
    dates = re.findall(r'name="(?:effective_on|sent_on|on)" required type="date" value="([^"]+)"', _actions(page))
    assert len(dates) == 3 and set(dates) == {day.isoformat()}
