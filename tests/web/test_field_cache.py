"""The request page's empty action fields are written once per worker and kept (tracker/web/field_cache.py): what is
kept is what would be written anew, in the page's language, for the request's own choices, and a field holding what
a user sent, or an error, is never kept."""
import re
from datetime import date

import pytest

from tests.factories import make_request, make_user
from tracker.domain.people import Language
from tracker.domain.statuses import Kind, Status


def _forms(html: str) -> str:
    """The page's action sections, without the tokens that differ on every page."""
    start, end = html.index('<section class="mb-3" aria-labelledby="actions-heading">'), html.index("</section>", html.index('aria-labelledby="actions-heading"'))
    return re.sub(r'name="csrf_token" type="hidden" value="[^"]+"|value="[^"]+" name="csrf_token"', "", html[start:end])


def _fresh_page(app, client, path: str) -> str:
    """The page written with nothing kept."""
    app.extensions.pop("kept_fields", None)
    return client.get(path).get_data(as_text=True)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_kept_fields_are_those_written_anew_in_each_language(app, client, auth, language):
    owner = make_user(language=Language(language))
    request = make_request(owner, Kind.EXTRADITION, sent_on=date(2026, 9, 1))
    auth.login(owner)
    first = _fresh_page(app, client, f"/requests/{request.id}")
    assert len(app.extensions["kept_fields"]), "the empty fields were kept"
    again = client.get(f"/requests/{request.id}").get_data(as_text=True)
    assert _forms(again) == _forms(first)


def test_each_language_and_each_requests_choices_have_their_own_fields(app, client, auth):
    owner = make_user(language=Language.KK)
    sent = make_request(owner, Kind.EXTRADITION, sent_on=date(2026, 9, 1))
    pending = make_request(owner, Kind.EXTRADITION, sent_on=date(2026, 9, 1), statuses=[(Status.PENDING, date(2026, 9, 5))])
    mla = make_request(owner, sent_on=date(2026, 9, 1))
    auth.login(owner)
    app.extensions.pop("kept_fields", None)
    pages = {}
    for language in ("kk", "ru"):
        client.post("/language", data={"language": language})
        for item in (sent, pending, mla):
            pages[language, item.id] = _forms(client.get(f"/requests/{item.id}").get_data(as_text=True))
    for (language, request_id), kept in pages.items():
        client.post("/language", data={"language": language})
        assert kept == _forms(_fresh_page(app, client, f"/requests/{request_id}")), (language, request_id)
    assert pages["kk", sent.id] != pages["ru", sent.id]
    assert pages["kk", sent.id] != pages["kk", pending.id] != pages["kk", mla.id]


def test_what_a_user_sent_is_never_kept_nor_shown_on_the_next_page(app, client, auth):
    owner = make_user()
    request = make_request(owner, sent_on=date(2026, 9, 1))
    auth.login(owner)
    client.get(f"/requests/{request.id}")
    refused = client.post(f"/requests/{request.id}/reminders", data={
        "sent_on": "31.02.2026", "channel": "diplomatic", "note": "Напоминание № 77/15", "version": request.version})
    assert refused.status_code == 422
    shown = refused.get_data(as_text=True)
    assert "Напоминание № 77/15" in shown and "31.02.2026" in shown and "is-invalid" in shown
    after = client.get(f"/requests/{request.id}").get_data(as_text=True)
    assert "Напоминание № 77/15" not in after and "31.02.2026" not in after and "is-invalid" not in after
    assert _forms(after) == _forms(_fresh_page(app, client, f"/requests/{request.id}"))


def test_only_an_empty_field_without_an_error_has_a_key(app):
    from werkzeug.datastructures import MultiDict

    from tracker.web.field_cache import field_key
    from tracker.web.request_forms import ReminderForm
    with app.test_request_context("/"):
        fresh = ReminderForm(formdata=None, meta={"csrf": False})
        assert field_key(fresh.note, {}) is not None and field_key(fresh.sent_on, {"rows": 2}) is not None
        sent = ReminderForm(formdata=MultiDict({"sent_on": "", "note": ""}), meta={"csrf": False})
        sent.channel.choices = [("letter", "Letter")]
        sent.validate()
        assert sent.sent_on.errors and field_key(sent.sent_on, {}) is None
        assert not sent.note.errors and field_key(sent.note, {}) is None  # it holds what was sent, even if empty
