"""The request's page: a refused action shows the page again with what was typed and the errors, the fields that
apply only to one choice, the saved version of an edit conflict in words, the case-number warning once."""
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext
from wtforms.i18n import get_translations

from tests.factories import category, make_request, make_user, treaty, working_day
from tracker import clock
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.labels import country_name, error_message
from tracker.models import Request

LANGUAGES = ["kk", "ru"]


class Page(HTMLParser):
    """What a user sees of a page's forms: each control's value by id, the error shown beside each control, the
    links of the error summaries, and which action panels are open."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.values, self.errors, self.summary, self.open, self.ids = {}, {}, [], set(), set()
        self._last, self._select, self._textarea, self._feedback, self._link = None, None, None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        classes = (attributes.get("class") or "").split()
        if tag == "details" and "open" in attributes:
            self.open.add(attributes.get("id"))
        elif tag in ("input", "select", "textarea") and attributes.get("type") != "hidden":
            self._last = attributes.get("id")
            if tag == "input":
                self.values[self._last] = attributes.get("value", "")
            elif tag == "select":
                self._select = self._last
                self.values[self._last] = None
            else:
                self._textarea = self._last
                self.values[self._last] = ""
        elif tag == "option" and self._select and "selected" in attributes:
            self.values[self._select] = attributes.get("value")
        elif tag == "div" and "invalid-feedback" in classes:
            self._feedback = ""
        elif tag == "a" and (attributes.get("href") or "").startswith("#") and "alert-link" in classes:
            self._link = [attributes["href"], ""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            # As a browser reads it: a newline right after <textarea> is not part of the text.
            self.values[self._textarea] = self.values[self._textarea].removeprefix("\r\n").removeprefix("\n")
            self._textarea = None
        elif tag == "div" and self._feedback is not None:
            self.errors.setdefault(self._last, []).append(self._feedback.strip())
            self._feedback = None
        elif tag == "a" and self._link is not None:
            self.summary.append((self._link[0], self._link[1].strip()))
            self._link = None

    def handle_data(self, data):
        if self._textarea is not None:
            self.values[self._textarea] += data
        if self._feedback is not None:
            self._feedback += data
        if self._link is not None:
            self._link[1] += data


def _in(language, message, **values):
    """A message as the page shows it in `language`."""
    with force_locale(language):
        return gettext(message, **values)


def _wtforms(language, message):
    """One of WTForms' own messages in `language`, as the forms show it."""
    return get_translations([language]).gettext(message)


def _error(language, code):
    """A service error's message in `language`."""
    with force_locale(language):
        return str(error_message(code))


def _events(request_id):
    """The number of history entries the request has in the database now."""
    db.session.rollback()  # end the test's snapshot to see what the requests committed
    return len(db.session.get(Request, request_id).events)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refusal_without_its_ground_is_shown_again_with_everything_typed(client, auth, language):
    owner = make_user(language=Language(language))
    request = make_request(owner, sent_on=date(2026, 9, 1))
    auth.login(owner)
    response = client.post(f"/requests/{request.id}/status", data={
        "to": "refused", "effective_on": "2026-09-15", "ground": "", "note": "Нота № 15/2231 от 14.09",
        "version": request.version})
    assert response.status_code == 422
    page = Page(response.get_data(as_text=True))
    assert (page.values["to"], page.values["effective_on"], page.values["status-note"]) == \
        ("refused", "2026-09-15", "Нота № 15/2231 от 14.09")
    message = _error(language, "ground_required")
    assert page.errors["ground"] == [message]
    assert page.summary == [("#ground", f"{_in(language, 'Refusal ground')}: {message}")]
    assert _in(language, "There is a problem") in response.get_data(as_text=True)
    assert page.open == {"status-action"}
    # The other forms of the page are empty: the status note did not leak into the reminder's or the event's.
    assert page.values["reminder-note"] == page.values["event-note"] == ""
    assert page.values["sent_on"] == page.values["event-on"] == clock.today_local().isoformat()
    assert _events(request.id) == 2
    assert db.session.get(Request, request.id).status == Status.SENT


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reminder_with_a_bad_date_is_shown_again_with_everything_typed(client, auth, language):
    owner = make_user(language=Language(language))
    request = make_request(owner, sent_on=date(2026, 9, 1))
    auth.login(owner)
    tomorrow = (clock.today_local() + timedelta(days=1)).isoformat()
    for typed, message in ((tomorrow, _error(language, "future_date")),
                           ("2026-02-30", _wtforms(language, "Not a valid date value."))):
        response = client.post(f"/requests/{request.id}/reminders", data={
            "sent_on": typed, "channel": "diplomatic", "note": "Нота МИД", "version": request.version})
        assert response.status_code == 422
        page = Page(response.get_data(as_text=True))
        assert (page.values["sent_on"], page.values["channel"], page.values["reminder-note"]) == \
            (typed, "diplomatic", "Нота МИД")
        assert page.errors["sent_on"] == [message]
        assert page.summary == [("#sent_on", f"{_in(language, 'Reminder sent on')}: {message}")]
        assert page.open == {"reminder-action"}
    assert _events(request.id) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_extension_without_a_reason_is_shown_again_with_everything_typed(client, auth, language):
    owner = make_user(language=Language(language))
    today = clock.today_local()
    request = make_request(owner, sent_on=today - timedelta(days=35))
    new_due = working_day(today + timedelta(days=20)).isoformat()
    auth.login(owner)
    response = client.post(f"/requests/{request.id}/extend", data={
        "deadline": "follow_up", "new_due_on": new_due, "reason": "  ", "version": request.version})
    assert response.status_code == 422
    page = Page(response.get_data(as_text=True))
    assert (page.values["deadline"], page.values["new_due_on"]) == ("follow_up", new_due)
    required = _wtforms(language, "This field is required.")
    assert page.errors["reason"] == [required]
    assert page.summary == [("#reason", f"{_in(language, 'Reason')}: {required}")]
    assert page.open == {"extend-action"}
    assert _events(request.id) == 2


def test_an_error_the_service_finds_is_shown_beside_its_field_too(client, auth):
    owner = make_user()
    today = clock.today_local()
    request = make_request(owner, sent_on=today - timedelta(days=35))
    auth.login(owner)
    response = client.post(f"/requests/{request.id}/extend", data={
        "deadline": "follow_up", "new_due_on": (today - timedelta(days=20)).isoformat(), "reason": "Праздники",
        "version": request.version})
    assert response.status_code == 422
    page = Page(response.get_data(as_text=True))
    assert page.errors["new_due_on"] == ["The new date must be later than the current due date."]
    assert page.values["reason"] == "Праздники"
    event = client.post(f"/requests/{request.id}/events", data={
        "event": "acknowledged", "on": "2026-08-01", "reference": "PGO-1", "note": "Письмо",
        "version": request.version})
    assert event.status_code == 422
    page = Page(event.get_data(as_text=True))
    assert page.errors["event-on"] == ["The date is earlier than the date the request was sent."]
    assert (page.values["event"], page.values["event-reference"], page.values["event-note"]) == \
        ("acknowledged", "PGO-1", "Письмо")
    assert page.open == {"event-action"}
    assert _events(request.id) == 2


def test_a_supervisor_s_reassignment_and_a_prosecutor_s_release_extension_are_refused_in_place(client, auth):
    owner, supervisor = make_user(), make_user(Role.SUPERVISOR)
    request = make_request(owner)
    auth.login(supervisor)
    response = client.post(f"/requests/{request.id}/reassign", data={
        "owner_id": "", "note": "Отпуск", "version": request.version})
    assert response.status_code == 422
    page = Page(response.get_data(as_text=True))
    assert page.values["reassign-note"] == "Отпуск" and page.open == {"reassign-action"}
    assert page.summary and page.summary[0][0] == "#owner_id"
    assert _events(request.id) == 2


def test_a_change_that_is_no_longer_offered_returns_to_the_page_with_the_message(client, auth):
    owner = make_user()
    request = make_request(owner, statuses=[(Status.WITHDRAWN, date(2026, 9, 10))])
    auth.login(owner)
    response = client.post(f"/requests/{request.id}/status", data={
        "to": "pending", "effective_on": "2026-09-15", "version": request.version})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Not a valid choice" in page and "This status is final." in page


def test_a_stale_version_is_still_a_conflict_not_a_field_error(client, auth):
    owner = make_user()
    request = make_request(owner)
    auth.login(owner)
    response = client.post(f"/requests/{request.id}/status", data={
        "to": "refused", "effective_on": "2026-09-15", "version": request.version - 1})
    assert response.status_code == 302
    assert "Someone changed this request" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_the_refusal_ground_is_offered_only_where_a_refusal_is(client, auth):
    owner = make_user()
    draft = make_request(owner, sent_on=None)  # a draft is sent or withdrawn, never refused
    sent = make_request(owner)
    auth.login(owner)
    draft_page = client.get(f"/requests/{draft.id}").get_data(as_text=True)
    assert 'name="ground"' not in draft_page and "Only for a refusal." not in draft_page
    sent_page = client.get(f"/requests/{sent.id}").get_data(as_text=True)
    # Without the page's script the ground shows, saying when it applies; the script hides it for other statuses.
    assert 'data-shown-with="to" data-shown-for="refused"' in sent_page and "Only for a refusal." in sent_page
    assert '<script src="/static/request_page.js" defer></script>' in sent_page
    # A ground posted where no refusal is offered is not read: the draft is sent.
    response = client.post(f"/requests/{draft.id}/status", data={
        "to": "sent", "effective_on": clock.today_local().isoformat(), "ground": "political",
        "version": draft.version})
    assert response.status_code == 302
    db.session.rollback()
    saved = db.session.get(Request, draft.id)
    assert (saved.status, saved.refusal_ground) == (Status.SENT, None)


def test_the_action_forms_are_closed_until_a_user_opens_one(client, auth):
    owner = make_user()
    request = make_request(owner)
    auth.login(owner)
    page = Page(client.get(f"/requests/{request.id}").get_data(as_text=True))
    assert page.open == set()
    assert {"status-action", "reminder-action", "event-action", "extend-action"} <= page.ids
    assert page.summary == []


def test_the_edit_conflict_shows_the_saved_version_in_words(client, auth, app):
    owner, supervisor = make_user(), make_user(Role.SUPERVISOR, language=Language.RU)
    minsk = treaty("minsk-1993")
    request = make_request(owner, Kind.EXTRADITION, country_code="KG", treaty_id=minsk.id,
                           crime_category_id=category("financial_pyramid").id)
    version_both_read = request.version
    auth.login(owner)
    form = {"reference": request.reference, "country_code": "KG", "authority": "ГП КР", "treaty_id": str(minsk.id),
            "case_number": request.case_number, "crime_category_id": str(category("financial_pyramid").id),
            "articles": "217", "summary": "Первая правка", "in_custody": "y", "person_name": "Ахметов Ерлан",
            "person_name_latin": "", "person_birth_date": "1985-03-01", "person_citizenship": "KZ",
            "detained_on": "2026-10-20", "version": str(version_both_read)}
    assert client.post(f"/requests/{request.id}/edit", data=form).status_code == 302
    second = app.test_client()
    second.post("/login", data={"email": supervisor.email, "password": "correct horse battery"})
    response = second.post(f"/requests/{request.id}/edit", data=dict(form, summary="Вторая правка"))
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    saved = html[html.index('id="saved-heading"'):html.index("</section>", html.index('id="saved-heading"'))]
    with force_locale("ru"):
        kyrgyzstan, kazakhstan = country_name("KG"), country_name("KZ")
    for shown in (kyrgyzstan, minsk.short("ru"), category("financial_pyramid").name("ru"), "да", "01.03.1985",
                  "20.10.2026", kazakhstan, "Первая правка"):
        assert shown in saved, shown
    for raw in (">KG<", ">KZ<", f">{category('financial_pyramid').id}<", "True", "1985-03-01"):
        assert raw not in saved, raw
    assert Page(html).values["summary"] == "Вторая правка"  # what the supervisor typed stays in the form


def test_an_edit_in_the_history_is_written_in_words(client, auth):
    owner = make_user(language=Language.RU)
    request = make_request(owner, country_code="KG", crime_category_id=category("fraud").id)
    auth.login(owner)
    form = {"reference": request.reference, "country_code": "UZ", "authority": request.authority, "treaty_id": "",
            "case_number": request.case_number, "crime_category_id": str(category("financial_pyramid").id),
            "articles": request.articles, "summary": request.summary, "in_custody": "y",
            "version": str(request.version)}
    assert client.post(f"/requests/{request.id}/edit", data=form).status_code == 302
    page = client.get(f"/requests/{request.id}").get_data(as_text=True)
    history = page[page.index('id="history-heading"'):]
    with force_locale("ru"):
        assert f"{country_name('KG')}</del> → {country_name('UZ')}" in history
    assert f"{category('fraud').name('ru')}</del> → {category('financial_pyramid').name('ru')}" in history
    assert "нет</del> → да" in history


def test_an_unusual_case_number_is_pointed_out_once(client, auth):
    auth.login(make_user())
    response = client.post("/requests/new/mla", follow_redirects=True, data={
        "reference": "МСП-CASE-1", "country_code": "RU", "treaty_id": "", "case_number": "12-345",
        "crime_category_id": str(category().id), "sent_on": "2026-09-01"})
    assert response.get_data(as_text=True).count("An ERDR case number usually has 15 digits; check it.") == 1
    db.session.rollback()  # end the test's snapshot to see what the request committed
    request_id = db.session.scalar(sa.select(Request.id).where(Request.reference == "МСП-CASE-1"))
    page = client.get(f"/requests/{request_id}").get_data(as_text=True)
    assert page.count("An ERDR case number usually has 15 digits; check it.") == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_request_form_sums_up_its_errors_above_it(client, auth, language):
    auth.login(make_user(language=Language(language)))
    response = client.post("/requests/new/mla", data={
        "reference": "", "country_code": "RU", "treaty_id": "", "case_number": "217500031000123",
        "crime_category_id": str(category().id), "summary": "Допросить свидетеля", "sent_on": "2026-02-30"})
    assert response.status_code == 200
    page = Page(response.get_data(as_text=True))
    assert [href for href, _text in page.summary] == ["#reference", "#sent_on"]
    required = _wtforms(language, "This field is required.")
    assert page.summary[0][1] == f"{_in(language, 'Registration number')}: {required}"
    assert page.values["summary"] == "Допросить свидетеля" and page.values["sent_on"] == "2026-02-30"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Request)) == 0


def test_a_new_request_is_offered_the_next_number_and_an_odd_one_is_pointed_out(client, auth):
    owner = make_user()
    year = clock.today_local().year
    make_request(owner, reference=f"МСП-{year}-0041")
    make_request(owner, Kind.EXTRADITION, reference=f"ВЫД-{year}-0007")
    odd, usual = make_request(owner, reference="12/345"), make_request(owner, reference=f"МСП-{year}-0043")
    auth.login(owner)
    form = client.get("/requests/new/mla", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f'value="МСП-{year}-0044"' in form
    extradition = client.get("/requests/new/extradition", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f'value="ВЫД-{year}-0008"' in extradition
    page = client.get(f"/requests/{odd.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Registration numbers here read like" in page
    fine = client.get(f"/requests/{usual.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Registration numbers here read like" not in fine and "another kind" not in fine
