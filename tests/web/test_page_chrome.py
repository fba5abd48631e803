"""The menu above every page, kept by the worker for what it is made of (tracker/web/chrome.py): a page served with
what was kept is the page written afresh for every role, language and kind of page; the user's name, the address the
language switch returns to and the CSRF token are each page's own."""
import re
from datetime import timedelta

import pytest

from tests.conftest import csrf_token_from, served_afresh
from tests.factories import TODAY, make_request, make_user
from tracker.domain.people import Language, Role

LANGUAGES = ("kk", "ru", "en")
# Pages of every part of the menu, each with what marks it as the page shown.
PAGES = ("/my-work", "/digest", "/requests?kind=extradition&country=RU", "/requests/{item}", "/requests/new",
         "/reports/pending-by-country", "/reports/workload", "/imports/requests", "/account/tokens",
         "/account/calendar", "/jobs", "/admin/users", "/admin/treaties", "/admin/letters", "/no-such-page")


def _top(html: str) -> str:
    """What the page writes before its content: the head's links and the menu, the CSRF tokens left out (signed
    with the time, they differ from one second to the next)."""
    head = re.search(r"</title>(.*?)</head>", html, re.S).group(1)
    return re.sub(r'(name="csrf_token" value=")[^"]+', r"\1", head + html[html.index("<body>"):html.index('<main id="main"')])


def test_the_kept_menu_is_the_menu_written_afresh_for_every_role_language_and_page(app, client, auth):
    owner = make_user(name="Ахметов Ерлан")
    item = make_request(owner, sent_on=TODAY - timedelta(days=30))
    compared = set()
    for role in Role:
        user = owner if role == Role.PROSECUTOR else make_user(role, name=f"Сейтқали {role.value}")
        auth.login(user)
        for language in LANGUAGES:
            client.post("/language", data={"language": language})
            for path in PAGES:
                path = path.format(item=item.id)
                kept = client.get(path)
                fresh = served_afresh(app, client, path, "page_chrome")
                assert kept.status_code == fresh.status_code, (role, path)
                if kept.mimetype != "text/html":
                    continue  # a role sent elsewhere
                kept_html, fresh_html = kept.get_data(as_text=True), fresh.get_data(as_text=True)
                assert _top(kept_html) == _top(fresh_html), (role, language, path)
                assert f'<html lang="{language}">' in kept_html
                compared.add((role, _top(kept_html)))
        auth.logout()
    # Logged out, the menu is the language switch alone.
    for language in LANGUAGES:
        client.post("/language", data={"language": language})
        kept, fresh = client.get("/login"), served_afresh(app, client, "/login", "page_chrome")
        assert _top(kept.get_data(as_text=True)) == _top(fresh.get_data(as_text=True))
        assert "Log out" not in kept.get_data(as_text=True) and 'name="next" value="/login"' in kept.get_data(as_text=True)
    # The roles' menus differ, and within a role the pages' do (the page shown is marked).
    assert len({role for role, _top_html in compared}) == len(Role)
    assert len(compared) > len(Role) * len(PAGES)


def test_each_user_sees_their_own_name_escaped_and_the_switch_returns_to_their_page(client, auth):
    first = make_user(Role.SUPERVISOR, name="O'Neil <b>&amp;</b>")
    second = make_user(Role.SUPERVISOR, name="Жумабаев Нурлан")
    auth.login(first)
    page = client.get("/requests?kind=mla&country=KG&text=a%22b").get_data(as_text=True)
    assert '<span class="account-name">O&#39;Neil &lt;b&gt;&amp;amp;&lt;/b&gt;</span>' in page
    assert "<b>&amp;</b>" not in page
    assert 'name="next" value="/requests?kind=mla&amp;country=KG&amp;text=a%22b"' in page
    auth.logout()
    auth.login(second)
    page = client.get("/requests").get_data(as_text=True)
    # The same menu, from what the first user's page left: the second user's name, the page's own address.
    assert '<span class="account-name">Жумабаев Нурлан</span>' in page and "Neil" not in _top(page)
    assert 'name="next" value="/requests"' in page


@pytest.mark.parametrize("language", ("kk", "ru"))
def test_each_session_gets_its_own_token_in_the_kept_menu(app, monkeypatch, language):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    users = [make_user(Role.PROSECUTOR, language=Language(language)) for _ in range(2)]
    tokens = []
    for user in users:
        browser = app.test_client()
        token = csrf_token_from(browser.get("/login").get_data(as_text=True))
        assert browser.post("/login", data={"email": user.email, "password": "correct horse battery",
                                            "csrf_token": token}).status_code == 302
        page = browser.get("/requests").get_data(as_text=True)
        top = page[page.index("<body>"):page.index('<main id="main"')]
        in_menu = set(re.findall(r'name="csrf_token" value="([^"]+)"', top))
        assert len(in_menu) == 1, in_menu
        tokens.append((browser, in_menu.pop()))
    (first, first_token), (second, second_token) = tokens
    assert first_token != second_token
    # The second session's menu came from what the first one's left; its token is its own and works.
    assert second.post("/language", data={"language": "en", "next": "/requests",
                                          "csrf_token": second_token}).status_code == 302
    assert first.post("/language", data={"language": "en", "next": "/requests",
                                         "csrf_token": second_token}).status_code == 400
    answer = second.post("/logout", data={"csrf_token": second_token})
    assert answer.status_code == 302 and second.get("/requests").status_code == 302


def test_kept_pieces_served_under_another_root_link_under_that_root(app, client, auth):
    """The same worker answering under two roots (SCRIPT_NAME): the menu, the list's rows and filters, the request
    page's forms and pending by country's figures kept under one are never served under the other."""
    owner = make_user(Role.SUPERVISOR)
    item = make_request(owner, sent_on=TODAY - timedelta(days=30))
    auth.login(owner)
    paths = ("/requests", f"/requests/{item.id}", "/reports/pending-by-country")
    for path in paths:
        assert client.get(path).status_code == 200
    for path in paths:
        html = client.get(path, base_url="http://localhost/office/").get_data(as_text=True)
        addresses = re.findall(r'(?:href|action)="(/[^"]*)"', html)
        assert addresses and [a for a in addresses if not a.startswith("/office/")] == [], path
