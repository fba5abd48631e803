"""The pager's numbers a few pages from the current one carry its keys: the page is read from the current page's first
or last row, the pages between skipped, instead of past an offset from the list's start."""
import re
from datetime import timedelta
from html import unescape

import pytest
import sqlalchemy as sa

from tests.factories import NOW, TODAY, make_request, make_user
from tracker.domain.people import Role
from tracker.domain.statuses import Status
from tracker.extensions import db
from tracker.models import Request
from tracker.services.requests import change_status


def _refs(html: str) -> list[str]:
    return re.findall(r">(PK-\d\d)<", html.split("<tbody>")[1].split("</tbody>")[0])


def _numbers(html: str) -> dict[int, str]:
    """The pager's page numbers and their addresses."""
    return {int(number): unescape(href) for href, number in re.findall(
        r'<a class="page-link" href="([^"]+)"\s*(?:aria-current="page")?>(\d+)</a>', html)}


def _make(app, monkeypatch, count: int = 30):
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 3)
    owner = make_user(Role.SUPERVISOR)
    made = [make_request(owner, reference=f"PK-{number:02d}") for number in range(count)]
    db.session.commit()
    return owner, made


@pytest.mark.parametrize("sort, direction", [("updated", "desc"), ("updated", "asc"), ("reference", "asc"),
                                             ("reference", "desc"), ("id", "desc"), ("id", "asc")])
def test_every_number_of_the_pager_reads_the_rows_its_number_gives(app, client, auth, monkeypatch, sort, direction):
    owner, _made = _make(app, monkeypatch)
    auth.login(owner)
    base = f"/requests?sort={sort}&dir={direction}"
    by_number = {page: _refs(client.get(f"{base}&page={page}").get_data(as_text=True)) for page in range(1, 11)}
    assert sorted(sum(by_number.values(), [])) == [f"PK-{n:02d}" for n in range(30)]
    # Page 5 reached by "Next" from page 4, as a reader walking the list would.
    html = client.get(f"{base}&page=4").get_data(as_text=True)
    html = client.get(unescape(re.search(r'href="([^"]+)">Next</a>', html).group(1))).get_data(as_text=True)
    numbers = _numbers(html)
    assert sorted(numbers) == [1, 3, 4, 5, 6, 7, 8, 10]
    for number, address in numbers.items():
        assert _refs(client.get(address).get_data(as_text=True)) == by_number[number], (number, address)
    # The numbers beside page 5 carry its keys alone, those further away the keys and the page they were read on;
    # page 1 is read from the list's start and the last page from its end, with neither.
    assert "before=" in numbers[4] and "before=" in numbers[3] and "after=" in numbers[6] and "after=" in numbers[8]
    assert "from_page" not in numbers[4] + numbers[6] and "from_page=5" in numbers[3] and "from_page=5" in numbers[8]
    assert not re.search("after=|before=|from_page=", numbers[1] + numbers[10])
    # The downloads of a page reached by a key are the whole list's, and say so by their address.
    keyed = client.get(numbers[8]).get_data(as_text=True)
    downloads = re.findall(r'href="(/requests/export[^"]*)"', keyed)
    assert len(downloads) == 3 and not re.search("page=|after=|before=|from_page=", " ".join(downloads)), downloads


def test_a_page_a_few_away_is_placed_by_the_key_while_the_list_changes_before_it(app, client, auth, monkeypatch):
    owner, made = _make(app, monkeypatch)
    auth.login(owner)
    base = "/requests?status=sent&sort=reference&dir=asc"
    html = client.get(f"{base}&page=5").get_data(as_text=True)
    assert _refs(html) == ["PK-12", "PK-13", "PK-14"]
    numbers = _numbers(html)
    # Meanwhile a colleague records that the first request is being executed abroad: it leaves the list of sent ones.
    change_status(owner, made[0], Status.PENDING, effective_on=TODAY, note="", ground=None,
                  expected_version=made[0].version, today=TODAY, now=NOW + timedelta(minutes=1))
    db.session.commit()
    # Pages 7 and 3 follow and precede page 5 as it was shown: no request is passed over or shown twice.
    assert _refs(client.get(numbers[7]).get_data(as_text=True)) == ["PK-18", "PK-19", "PK-20"]
    assert _refs(client.get(numbers[3]).get_data(as_text=True)) == ["PK-06", "PK-07", "PK-08"]
    # Read by their numbers alone, the pages have moved by the request that left.
    assert _refs(client.get(f"{base}&page=7").get_data(as_text=True)) == ["PK-19", "PK-20", "PK-21"]


@pytest.mark.parametrize("from_page", ["1", "7", "20", "5&before=x"])
def test_a_key_from_a_page_too_far_or_on_the_wrong_side_is_passed_over(app, client, auth, monkeypatch, from_page):
    owner, _made = _make(app, monkeypatch)
    auth.login(owner)
    base = "/requests?sort=reference&dir=asc"
    after = _numbers(client.get(f"{base}&page=5").get_data(as_text=True))[6]
    key = re.search(r"after=([^&]+)", after).group(1)
    # The key of page 5's last row, with a page it cannot be from: page 7 is read by its number.
    response = client.get(f"{base}&page=7&after={key}&from_page={from_page}")
    assert response.status_code == 200
    assert _refs(response.get_data(as_text=True)) == ["PK-18", "PK-19", "PK-20"]


@pytest.mark.parametrize("value", ["0", "x", "-3", "100001"])
def test_a_from_page_that_cannot_be_read_is_refused(app, client, auth, monkeypatch, value):
    owner, _made = _make(app, monkeypatch, count=4)
    auth.login(owner)
    response = client.get(f"/requests?page=2&from_page={value}")
    assert response.status_code == 400


def test_a_common_search_a_few_pages_away_reads_its_rows(app, client, auth, monkeypatch):
    """A text more requests hold than the search counts, read in the list's order: the pager's numbers a few pages
    away give the rows their numbers give."""
    owner, _made = _make(app, monkeypatch)
    monkeypatch.setitem(app.config, "LIST_SEARCH_COUNTED_UP_TO", 4)
    auth.login(owner)
    base = "/requests?text=PK-&sort=reference&dir=asc"
    by_number = {page: _refs(client.get(f"{base}&page={page}").get_data(as_text=True)) for page in range(1, 11)}
    assert sum(by_number.values(), []) == [f"PK-{n:02d}" for n in range(30)]
    numbers = _numbers(client.get(f"{base}&page=5").get_data(as_text=True))
    # Its count is open-ended ("at least"): the pager offers the next page and no further.
    assert sorted(numbers) == [1, 3, 4, 5, 6] and "from_page=5" in numbers[3]
    numbers[8] = numbers[6].replace("page=6", "page=8") + "&from_page=5"
    for number, address in numbers.items():
        assert _refs(client.get(address).get_data(as_text=True)) == by_number[number], (number, address)


def _count(html: str) -> str:
    return re.search(r'id="request-count">\s*([^<]*?)\s*<', html).group(1)


def _leave(owner, requests) -> None:
    """A colleague records that these requests are being executed abroad: they leave the list of sent ones."""
    for request in requests:
        change_status(owner, request, Status.PENDING, effective_on=TODAY, note="", ground=None,
                      expected_version=request.version, today=TODAY, now=NOW + timedelta(minutes=1))
    db.session.commit()


def test_the_last_page_a_few_away_is_read_from_the_end_with_the_exact_count(app, client, auth, monkeypatch):
    owner, made = _make(app, monkeypatch, count=13)
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 2)
    monkeypatch.setitem(app.config, "LIST_EXACT_COUNT_UP_TO", 3)
    auth.login(owner)
    base = "/requests?status=sent&sort=reference&dir=asc"
    client.get(f"{base}&page=1")  # counted exactly, then kept for a minute
    html = client.get(f"{base}&page=3").get_data(as_text=True)
    assert _count(html) == "about 13 requests"
    numbers = _numbers(html)
    assert not re.search("after=|before=|from_page=", numbers[7]) and "from_page=3" in numbers[6]
    last = client.get(numbers[7]).get_data(as_text=True)
    assert _refs(last) == ["PK-12"] and _count(last) == "13 requests"
    # Requests between page 3 and the page a number leads to leave the list: where the key finds no row, the page is
    # read by its number, and says it is past the last one, as the list is now counted.
    _leave(owner, made[8:12])
    past = client.get(numbers[6]).get_data(as_text=True)
    assert _refs(past) == [] and _count(past) == "9 requests"
    assert "Page 6 is past the last page of this list." in past and "Go to the last page (5)" in past


def test_a_page_a_few_away_whose_rows_moved_away_is_read_by_its_number(app, client, auth, monkeypatch):
    owner, made = _make(app, monkeypatch)
    auth.login(owner)
    base = "/requests?sort=updated&dir=desc"
    numbers = _numbers(client.get(f"{base}&page=5").get_data(as_text=True))
    # The requests of pages 7 to 10 are changed meanwhile and move to the top of the list, before page 5's key.
    moved = sum((_refs(client.get(f"{base}&page={page}&_=before").get_data(as_text=True)) for page in range(7, 11)),
                [])
    db.session.execute(sa.update(Request).where(Request.reference.in_(moved))
                       .values(updated_at=NOW + timedelta(hours=1)))
    db.session.commit()
    for number in (7, 8):
        html = client.get(numbers[number]).get_data(as_text=True)
        assert _refs(html) == _refs(client.get(f"{base}&page={number}&_=now").get_data(as_text=True)) != []
        assert "past the last page" not in html and _count(html) == "30 requests"


def test_a_page_read_back_from_a_key_in_a_list_grown_since_it_was_counted_is_not_past_the_last(app, client, auth,
                                                                                               monkeypatch):
    owner, made = _make(app, monkeypatch, count=13)
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 2)
    monkeypatch.setitem(app.config, "LIST_EXACT_COUNT_UP_TO", 3)
    auth.login(owner)
    base = "/requests?kind=mla&sort=reference&dir=asc"
    client.get(f"{base}&page=1")  # 13 counted, and kept for a minute
    for number in range(13, 21):
        make_request(owner, reference=f"PK-{number:02d}")
    db.session.commit()
    html = client.get(f"{base}&page=6").get_data(as_text=True)
    for _ in range(4):  # to page 10 by "Next"
        html = client.get(unescape(re.search(r'href="([^"]+)">Next</a>', html).group(1))).get_data(as_text=True)
    assert _refs(html) == ["PK-18", "PK-19"]
    numbers = _numbers(html)
    for number in (8, 9):
        page = client.get(numbers[number]).get_data(as_text=True)
        assert _refs(page) == [f"PK-{2 * number - 2:02d}", f"PK-{2 * number - 1:02d}"]
        assert "past the last page" not in page and re.search(r'href="([^"#]+)">Next</a>', page)
