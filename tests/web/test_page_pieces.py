"""The pieces pages repeat, built in Python and kept for speed (tracker/web/badges.py, report_links.list_address,
the templates' translations, dates): they write what url_for and Flask-Babel would, in the language of the moment."""
from datetime import date

import pytest
from flask import render_template_string, url_for
from flask_babel import force_locale, format_date
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import make_request, make_user
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Status
from tracker.web.badges import icon, request_link, status_badge
from tracker.web.report_links import list_address
from tracker.web.templating import DATE_FORMAT, date_filter


@pytest.mark.parametrize("args", [
    {},
    {"pending": 1},
    {"country": "KZ", "kind": ["mla", "extradition"], "pending": 1},
    {"text": "Әлия & co/ 50% ?#", "owner_id": 7, "sent_to": date(2026, 3, 1).isoformat()},
    {"treaty": ["reciprocity", "12"], "status": None, "overdue": 1, "note": "!$'()*,/:;?@ +"},
])
def test_the_list_address_is_what_url_for_writes(app, args):
    with app.app_context(), app.test_request_context("/reports/pending-by-country"):
        assert list_address(args) == url_for("requests.index", **args)


def test_a_request_link_is_what_url_for_writes(app):
    # Each in an app context of its own, as each request has: what is found once is kept for the request.
    with app.app_context(), app.test_request_context("/requests"):
        for number in (1, 42, 2_000_000):
            assert request_link(number) == url_for("requests.detail", request_id=number)
    with app.app_context(), app.test_request_context("/requests", base_url="http://host/office/"):
        assert request_link(5) == url_for("requests.detail", request_id=5) == "/office/requests/5"


def test_an_icons_label_and_class_are_escaped(app):
    with app.test_request_context("/"):
        spoken = str(icon("search", '<b>"x"</b>', **{"class": '"><script>'}))
        hidden = str(icon("search"))
    assert "<b>" not in spoken and "&lt;b&gt;&#34;x&#34;&lt;/b&gt;" in spoken and "<script>" not in spoken
    assert 'role="img"' in spoken and 'aria-hidden="true"' in hidden and "#search" in hidden


def test_templates_and_badges_speak_the_language_of_the_moment(app):
    item = type("Row", (), {"status": Status.PENDING})()
    page = "{{ _('Register') }} {{ ngettext('%(num)d request', '%(num)d requests', 3) }}"
    with app.test_request_context("/"):
        with force_locale("ru"):
            russian = (render_template_string(page), str(status_badge(item)))
            with force_locale("kk"):
                kazakh = (render_template_string(page), str(status_badge(item)))
            again = (render_template_string(page), str(status_badge(item)))
        with force_locale("en"):
            english = (render_template_string(page), str(status_badge(item)))
    assert russian == again
    assert russian[0] == "Реестр 3 запроса" and "На рассмотрении" in russian[1]
    assert kazakh[0].startswith("Тізілім") and "Қаралуда" in kazakh[1]
    assert english == ("Register 3 requests", english[1]) and "Under consideration" in english[1]
    assert len({russian[1], kazakh[1], english[1]}) == 3


def test_the_list_names_statuses_and_kinds_in_each_users_language(client, auth):
    owner = make_user()
    make_request(owner, statuses=[(Status.PENDING, date(2026, 9, 10))])
    for language, status, kind in ((Language.RU, "На рассмотрении", "Международное следственное поручение"),
                                   (Language.KK, "Қаралуда", "Халықаралық тергеу тапсырмасы"),
                                   (Language.EN, "Under consideration", "MLA request"),
                                   (Language.RU, "На рассмотрении", "Международное следственное поручение")):
        auth.login(make_user(Role.SUPERVISOR, language=language))
        row = client.get("/requests").get_data(as_text=True).split("<tbody>")[1]
        assert f"{status}</span>" in row and f">{kind}</td>" in row, language
        auth.logout()


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1, 1, 1)), language=st.sampled_from(["kk", "ru", "en"]))
def test_a_date_is_written_as_babel_writes_dd_mm_yyyy(app, day, language):
    with app.test_request_context("/requests"), force_locale(language):
        assert date_filter(day) == format_date(day, DATE_FORMAT)


QUERY_NAMES = st.sampled_from(["page", "sort", "dir", "kind", "country", "text", "after", "request_id", "x y", "é"])
QUERY_VALUES = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8)


@settings(max_examples=300, deadline=None)
@given(query=st.lists(st.tuples(QUERY_NAMES, QUERY_VALUES), max_size=5),
       changes=st.dictionaries(QUERY_NAMES, st.one_of(st.none(), st.integers(1, 99), QUERY_VALUES), max_size=3),
       path=st.sampled_from(["/requests", "/requests/7", "/reports/pending-by-country", "/admin/audit"]),
       root=st.sampled_from(["", "/office"]))
def test_an_address_with_changed_arguments_is_what_url_for_writes(app, query, changes, path, root):
    """url_with joins the arguments to the page's path found once; url_for builds the whole address each time."""
    from urllib.parse import urlencode

    from tracker.web.templating import page_args, url_with
    with app.app_context(), app.test_request_context(f"{path}?{urlencode(query)}", base_url=f"http://host{root}/"):
        from flask import request
        args = page_args()
        args.update({key: value for key, value in changes.items() if value is not None})
        for key in [key for key, value in changes.items() if value is None]:
            args.pop(key, None)
        try:
            expected = url_for(request.endpoint, **(request.view_args or {}), **args)
        except TypeError:
            expected = TypeError  # an argument named as the route's own: url_for refuses it, and so does url_with
        try:
            found = url_with(**changes)
        except TypeError:
            found = TypeError
        assert found == expected
