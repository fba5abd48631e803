"""Walking the list by "Next" and "Previous" while other users change it: every request still in the list is reached,
and page 1 is the list's start."""
import re
from datetime import timedelta
from html import unescape

from tests.factories import NOW, TODAY, make_request, make_user
from tracker.domain.people import Role
from tracker.domain.statuses import Status
from tracker.extensions import db
from tracker.services.requests import change_status


def _refs(html):
    return re.findall(r">(NX-\d\d)<", html.split("<tbody>")[1].split("</tbody>")[0])


def _link(html, name):
    found = re.search(r'<li class="page-item ">\s*<a class="page-link" href="([^"#]+)">%s</a>' % name, html)
    return found and unescape(found.group(1))


def test_next_reaches_every_request_left_after_one_before_the_page_left_the_list(app, client, auth, monkeypatch):
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 4)
    owner = make_user(Role.SUPERVISOR)
    made = [make_request(owner, reference=f"NX-{n:02d}") for n in range(13)]
    auth.login(owner)
    html = client.get("/requests?status=sent&sort=reference&dir=asc").get_data(as_text=True)
    assert _refs(html) == ["NX-00", "NX-01", "NX-02", "NX-03"]
    html = client.get(_link(html, "Next")).get_data(as_text=True)
    assert _refs(html) == ["NX-04", "NX-05", "NX-06", "NX-07"]
    db.session.commit()
    # Meanwhile a colleague records that the first request is being executed abroad: it leaves the list of sent ones.
    change_status(owner, made[0], Status.PENDING, effective_on=TODAY, note="", ground=None,
                  expected_version=made[0].version, today=TODAY, now=NOW + timedelta(minutes=1))
    db.session.commit()
    html = client.get(_link(html, "Next")).get_data(as_text=True)
    assert _refs(html) == ["NX-08", "NX-09", "NX-10", "NX-11"]
    # Twelve requests are left, three pages by the count; the thirteenth follows this page all the same.
    html = client.get(_link(html, "Next")).get_data(as_text=True)
    assert _refs(html) == ["NX-12"] and "past the last page" not in html
    assert _link(html, "Next") is None


def test_previous_back_to_page_one_shows_the_requests_registered_meanwhile(app, client, auth, monkeypatch):
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 4)
    owner = make_user(Role.SUPERVISOR)
    for n in range(9):
        make_request(owner, reference=f"NX-{n:02d}")
    auth.login(owner)
    html = client.get("/requests").get_data(as_text=True)
    html = client.get(_link(html, "Next")).get_data(as_text=True)
    html = client.get(_link(html, "Next")).get_data(as_text=True)
    assert _refs(html) == ["NX-00"]
    for n in (50, 51):  # registered meanwhile: the newest changes, the top of the default order
        make_request(owner, reference=f"NX-{n}")
    html = client.get(_link(html, "Previous")).get_data(as_text=True)
    assert _refs(html) == ["NX-04", "NX-03", "NX-02", "NX-01"]
    html = client.get(_link(html, "Previous")).get_data(as_text=True)
    assert 'aria-current="page">1<' in html and _link(html, "Previous") is None
    assert _refs(html) == ["NX-51", "NX-50", "NX-08", "NX-07"]


def test_next_to_a_page_emptied_meanwhile_says_it_is_past_the_last_page(app, client, auth, monkeypatch):
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 4)
    owner = make_user(Role.SUPERVISOR)
    made = [make_request(owner, reference=f"NX-{n:02d}") for n in range(9)]
    auth.login(owner)
    client.post("/language", data={"language": "en"})
    html = client.get("/requests?status=sent&sort=reference&dir=asc").get_data(as_text=True)
    html = client.get(_link(html, "Next")).get_data(as_text=True)
    assert _refs(html) == ["NX-04", "NX-05", "NX-06", "NX-07"]
    following = _link(html, "Next")
    db.session.commit()
    # The one request after this page leaves the list before "Next" is followed.
    change_status(owner, made[8], Status.PENDING, effective_on=TODAY, note="", ground=None,
                  expected_version=made[8].version, today=TODAY, now=NOW + timedelta(minutes=1))
    db.session.commit()
    html = client.get(following).get_data(as_text=True)
    assert _refs(html) == [] and "Page 3 is past the last page of this list." in html
    assert "Go to the last page (2)" in html


def _numbers(html):
    return [int(n) for n in re.findall(r'<a class="page-link" href="[^"]+"\s*(?:aria-current="page")?>(\d+)</a>', html)]


def test_the_last_page_reached_by_next_offers_no_page_number_past_it(app, client, auth, monkeypatch):
    """Requests registered before the page's key meanwhile: the count has more pages, but none follows this one by
    key, and a page number past it would be read by position and show rows already seen."""
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 4)
    owner = make_user(Role.SUPERVISOR)
    for n in range(10, 18):
        make_request(owner, reference=f"NX-{n:02d}")
    auth.login(owner)
    client.post("/language", data={"language": "en"})
    following = _link(client.get("/requests?sort=reference&dir=asc").get_data(as_text=True), "Next")
    for n in range(6):
        make_request(owner, reference=f"NX-{n:02d}")
    html = client.get(following).get_data(as_text=True)
    assert _refs(html) == ["NX-14", "NX-15", "NX-16", "NX-17"]
    assert _link(html, "Next") is None and max(_numbers(html)) == 2
