"""How the register's lists look and lead: one palette of statuses with icons, red only for what is late, the release
deadline flagged within its window, the sort shown in the headings, every active filter a removable chip that the
filter form keeps, a page past the last one said so, and a menu that marks where the user is."""
import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest

from tests.factories import NOW, TODAY, make_request, make_user
from tracker.domain.deadlines import RELEASE_WINDOW_DAYS
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.services.requests import change_status
from tracker.web.badges import STATUS_ICONS

STATIC = Path(__file__).resolve().parents[2] / "tracker" / "static"


def _rule(css: str, selector: str) -> str:
    """The declarations of the first rule for exactly `selector` in `css`."""
    match = re.search(r"(?:^|\})\s*" + re.escape(selector) + r"\s*\{([^}]*)\}", css, re.MULTILINE)
    assert match, f"no rule for {selector}"
    return match.group(1)


def _colour(declarations: str, name: str) -> str:
    """The value of the colour property `name` ("background" or "color") in a rule's declarations."""
    match = re.search(r"(?:^|;|\s)" + name + r"\s*:\s*([^;]+);", declarations)
    assert match, f"no {name} in {declarations}"
    return match.group(1).strip().lower()


def _luminance(hex_colour: str) -> float:
    """The relative luminance of #rrggbb as WCAG defines it."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    """The contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _is_red(hex_colour: str) -> bool:
    """A colour whose hue a reader takes for red (hue within 20° of 0°, saturated enough to show)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    high, low = max(r, g, b), min(r, g, b)
    if high == low or (high - low) / high < 0.35 or high != r:
        return False
    hue = (60 * (g - b) / (high - low)) % 360
    return hue < 20 or hue > 340


def test_every_status_has_its_own_icon_and_colour_readable_and_never_red():
    css = (STATIC / "tracker.css").read_text()
    sprite = (STATIC / "bootstrap-icons.svg").read_text()
    assert set(STATUS_ICONS) == set(Status)
    assert len(set(STATUS_ICONS.values())) == len(Status)  # no two statuses share an icon
    for icon in set(STATUS_ICONS.values()) | {"exclamation-triangle-fill", "exclamation-octagon-fill", "stopwatch"}:
        assert f'id="{icon}"' in sprite, icon
    looks = {}
    for status in Status:
        rule = _rule(css, f".status-{status.value}")
        background, text = _colour(rule, "background"), _colour(rule, "color")
        assert _contrast(background, text) >= 4.5, status  # WCAG AA for the badge's small text
        assert not _is_red(background) and not _is_red(text), status
        looks[status] = (background, text)
    assert len(set(looks.values())) == len(Status)  # no two statuses share a colour
    # Red is kept for what is late: overdue and a missed release deadline.
    for late in (".badge-overdue", ".badge-critical"):
        rule = _rule(css, late)
        assert _is_red(_colour(rule, "background")) and _contrast(_colour(rule, "background"), "#ffffff") >= 4.5


def _rows(page: str) -> dict[str, str]:
    """Each row of the list by its registration number: the row's text with its tags."""
    return {match.group(2): match.group(0) for match in
            re.finditer(r'<tr>\s*<td class="rq-ref"><a href="([^"]+)">([^<]+)</a>.*?</tr>', page, re.DOTALL)}


def test_list_rows_show_the_status_with_its_icon_and_flag_release_deadlines_only_within_the_window(client, auth):
    owner = make_user()
    detained = {"near": TODAY - timedelta(days=40 - 6), "far": TODAY - timedelta(days=5),
                "missed": TODAY - timedelta(days=45)}
    for name, day in detained.items():
        make_request(owner, Kind.EXTRADITION, reference=f"REL-{name}", sent_on=None, detained_on=day)
    make_request(owner, reference="LATE-1", sent_on=TODAY - timedelta(days=200),
                 statuses=[(Status.PENDING, TODAY - timedelta(days=190))])
    make_request(owner, reference="DONE-1", statuses=[(Status.EXECUTED, date(2026, 10, 1))])
    auth.login(owner)
    rows = _rows(client.get("/requests").get_data(as_text=True))

    assert 'class="badge status-badge status-draft"' in rows["REL-near"] and "#pencil" in rows["REL-near"]
    assert 'class="badge status-badge status-executed"' in rows["DONE-1"] and "#check-circle" in rows["DONE-1"]
    assert "badge-release" in rows["REL-near"] and "release deadline in" in rows["REL-near"]
    assert "badge-critical" in rows["REL-missed"] and "release deadline missed" in rows["REL-missed"]
    # 35 days ahead is outside the window of RELEASE_WINDOW_DAYS: no badge crowds the row.
    assert RELEASE_WINDOW_DAYS < 35
    assert "release deadline" not in rows["REL-far"]
    assert "badge-overdue" in rows["LATE-1"] and "days overdue" in rows["LATE-1"]
    assert "badge-overdue" not in rows["DONE-1"] and "badge-critical" not in rows["DONE-1"]


def test_the_sorted_column_says_so_in_its_heading(client, auth):
    owner = make_user()
    make_request(owner, reference="S-1")
    auth.login(owner)
    page = client.get("/requests?sort=due_on&dir=asc").get_data(as_text=True)
    sorted_headings = re.findall(r'<th scope="col" class="sortable sorted" aria-sort="(\w+)">\s*<a [^>]*>([^<]+?)\s*<', page)
    assert sorted_headings == [("ascending", "Due")]
    assert 'aria-label="sorted ascending"' in page and "#arrow-up" in page
    # Following the heading again turns the order round.
    assert 'href="/requests?sort=due_on&amp;dir=desc"' in page
    page = client.get("/requests?sort=due_on&dir=desc").get_data(as_text=True)
    assert re.findall(r'aria-sort="(\w+)"', page) == ["descending"]
    # The default order is not a column: it is said in words above the list.
    page = client.get("/requests").get_data(as_text=True)
    assert "aria-sort" not in page and "Sorted by last change, newest first." in page


def _chips(page: str) -> dict[str, str]:
    """The active-filter chips of a page: their text, and the address each leads to."""
    return {re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip(): unescape(href) for href, text in
            re.findall(r'<a class="filter-chip" href="([^"]+)"[^>]*>(.*?)</a>', page, re.DOTALL)}


def test_drill_down_filters_are_shown_as_chips_and_kept_by_the_filter_form(client, auth):
    supervisor = make_user(Role.SUPERVISOR)
    make_request(supervisor, reference="RU-1", country_code="RU", sent_on=date(2026, 3, 1))
    auth.login(supervisor)
    query = "country=RU&country=KG&pending=1&sent_from=2026-01-01&sent_to=2026-06-30&kind=mla&sort=due_on&dir=asc"
    page = client.get(f"/requests?{query}").get_data(as_text=True)
    chips = _chips(page)
    assert set(chips) == {"Country: Russia", "Country: Kyrgyzstan", "Pending abroad (sent, not final)",
                          "Sent from: 01.01.2026", "Sent to: 30.06.2026", "Kind: MLA request"}
    # Each chip removes its own value and keeps the rest.
    assert chips["Country: Kyrgyzstan"] == ("/requests?country=RU&pending=1&sent_from=2026-01-01&sent_to=2026-06-30"
                                           "&kind=mla&sort=due_on&dir=asc")
    assert "sent_to" not in chips["Sent to: 30.06.2026"] and "sent_from=2026-01-01" in chips["Sent to: 30.06.2026"]
    # The filter form holds every one of them, so applying it again keeps them.
    for field in ('type="hidden" name="sent_from" value="2026-01-01"', 'type="hidden" name="sent_to" value="2026-06-30"',
                  'name="pending" value="1" checked', 'name="country" value="RU" id="f-country-',
                  'type="hidden" name="sort" value="due_on"', 'type="hidden" name="dir" value="asc"'):
        assert field in page, field
    assert re.search(r'name="country" value="KG" id="f-country-\d+" checked', page)
    assert 'href="/requests">Remove all filters</a>' in page


def test_report_pages_show_their_filters_as_chips(client, auth):
    supervisor = make_user(Role.SUPERVISOR)
    auth.login(supervisor)
    page = client.get(f"/reports/workload?kind=extradition&owner_id={supervisor.id}&start=2026-01-01").get_data(
        as_text=True)
    chips = _chips(page)
    assert set(chips) == {"Kind: Extradition request", f"Prosecutor: {supervisor.name}"}
    assert chips["Kind: Extradition request"] == f"/reports/workload?owner_id={supervisor.id}&start=2026-01-01"


def test_a_filter_for_someone_who_left_stays_in_the_form(client, auth, app):
    supervisor = make_user(Role.SUPERVISOR)
    gone = make_user(name="Ушедший Прокурор")
    gone.active = False
    db.session.commit()
    auth.login(supervisor)
    page = client.get(f"/requests?owner_id={gone.id}").get_data(as_text=True)
    assert f'<option value="{gone.id}" selected>Ушедший Прокурор</option>' in page
    assert "Prosecutor: Ушедший Прокурор" in _chips(page)


def test_a_page_past_the_last_says_so_and_leads_to_the_last(client, auth):
    owner = make_user()
    for number in range(3):
        make_request(owner, reference=f"P-{number}")
    auth.login(owner)
    page = client.get("/requests?page=999&kind=mla").get_data(as_text=True)
    assert "Page 999 is past the last page of this list." in page
    assert 'href="/requests?page=1&amp;kind=mla">Go to the last page (1)</a>' in page
    assert "Page 999 is past" not in client.get("/requests?page=1").get_data(as_text=True)


def test_a_year_typed_as_letters_is_refused_not_dropped(client, auth):
    owner = make_user()
    make_request(owner, reference="Y-1")
    auth.login(owner)
    page = client.get("/requests").get_data(as_text=True)
    # The field is text, so that what was typed reaches the register rather than being emptied by the browser.
    year_field = re.search(r'<input [^>]*id="f-year"[^>]*>', page).group(0)
    assert 'type="number"' not in year_field and 'inputmode="numeric"' in year_field
    refused = client.get("/requests?year=abc&kind=mla")
    assert refused.status_code == 400
    assert "<li>Year sent: Expected a whole number.</li>" in refused.get_data(as_text=True)


def _menu(page: str) -> list[tuple[str, str, str | None]]:
    """The main menu's items: address, name and aria-current."""
    menu = page[page.index('<ul class="navbar-nav'):page.index("</ul>", page.index('<ul class="navbar-nav'))]
    return [(href, re.sub(r"<[^>]+>|\s+", " ", name).strip(), current) for href, current, name in re.findall(
        r'<a class="nav-link[^"]*" href="([^"]+)"(?: aria-current="(\w+)")?>(.*?)</a>', menu, re.DOTALL)]


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.SUPERVISOR, Role.CENTRAL, Role.ADMIN])
def test_the_menu_marks_where_the_user_is_and_no_two_items_lead_to_the_same_page(client, auth, role):
    user = make_user(role)
    auth.login(user)
    expected = {"/my-work": "My work", "/requests": "Register", "/reports/pending-by-country": "Reports",
                "/requests/new": "New request", "/admin/users": "Administration", "/digest": "My digest",
                "/import/requests": "Import"}
    for path in ["/my-work", "/requests", "/requests/new", "/reports/pending-by-country", "/admin/users", "/digest",
                 "/import/requests", "/reports/statistics", "/admin/treaties", "/requests/new/mla"]:
        response = client.get(path)
        if response.status_code != 200:
            continue
        menu = _menu(response.get_data(as_text=True))
        hrefs = [href for href, _name, _current in menu]
        assert len(hrefs) == len(set(hrefs)), (path, hrefs)
        marked = [(href, current) for href, _name, current in menu if current]
        section = {"/reports/statistics": "/reports/pending-by-country", "/admin/treaties": "/admin/users",
                   "/requests/new/mla": "/requests/new"}.get(path, path)
        assert marked == [(section, "page" if section == path else "true")], (path, menu)
        assert {href: name for href, name, _current in menu}[section] == expected[section]


@pytest.mark.parametrize("query", ["endpoint=x", "kind=mla&_anchor=x", "kind=mla&_external=1&_scheme=javascript",
                                   "_method=POST&sort=due_on"])
def test_query_names_that_links_cannot_carry_are_left_out_not_a_failure(client, auth, query):
    supervisor = make_user(Role.SUPERVISOR)
    make_request(supervisor, reference="Q-1")
    auth.login(supervisor)
    for path in ("/requests", "/reports/workload", "/reports/statistics", "/reports/pending-by-country"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, path
        links = re.findall(r'href="([^"]*)"', response.get_data(as_text=True))
        assert [link for link in links if re.search(r"javascript|_anchor|endpoint=|#x$|_method", link)] == [], path


@pytest.mark.parametrize("sort, direction", [("updated", "desc"), ("updated", "asc"), ("reference", "asc"),
                                             ("reference", "desc"), ("id", "desc"), ("id", "asc"),
                                             ("country", "asc")])
def test_next_links_walk_the_list_by_key_and_read_what_page_numbers_read(app, client, auth, sort, direction,
                                                                          monkeypatch):
    """"Next" starts right after the page's last row (for the sorts that page by key), and walking the list by it
    reads every request once, in the order page numbers give; an altered key falls back to the page's number."""
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", 4)
    owner = make_user(Role.SUPERVISOR)
    for number in range(11):
        make_request(owner, reference=f"K-{number % 4}-{number:02d}")
    db.session.commit()
    auth.login(owner)

    def references(html):
        return re.findall(r">(K-\d-\d\d)<", html)

    by_number = []
    for page in (1, 2, 3):
        by_number += references(client.get(f"/requests?sort={sort}&dir={direction}&page={page}").get_data(as_text=True))
    walked, address, keyed = [], f"/requests?sort={sort}&dir={direction}", []
    while address:
        html = client.get(address).get_data(as_text=True)
        walked += references(html)
        following = re.search(r'<a class="page-link" href="([^"]+)">Next</a>', html)
        address = unescape(following.group(1)) if following and "page=" in following.group(1) else None
        keyed.append(bool(address and "after=" in address))
    assert walked == by_number and sorted(walked) == sorted(f"K-{n % 4}-{n:02d}" for n in range(11))
    assert keyed[:2] == ([True, True] if sort != "country" else [False, False])
    # "Previous" ends right before the page's first row: walking back from the last page reached by "Next" reads the
    # same pages in reverse.
    def previous_of(html):
        found = re.search(r'<a class="page-link" href="([^"]+)">Previous</a>', html)
        return unescape(found.group(1)) if found and "page=" in found.group(1) else None

    pages_back, address = [], previous_of(html)
    to_page_two = address
    while address:
        assert ("before=" in address) == (sort != "country"), address
        html = client.get(address).get_data(as_text=True)
        pages_back.append(references(html))
        address = previous_of(html)
    assert [row for page in reversed(pages_back) for row in page] == by_number[:8]
    if sort != "country":
        # The numbers of the pages on either side carry the same keys as "Previous" and "Next".
        numbers = dict((unescape(number), unescape(href)) for href, number in re.findall(
            r'<a class="page-link" href="([^"]+)"\s*(?:aria-current="page")?>(\d+)</a>',
            client.get(to_page_two).get_data(as_text=True)))
        assert "before=" in numbers["1"] and "after=" in numbers["3"], numbers
        # The key, not the number, places the page: the same key with another page number reads the same rows; but
        # page 1 is always the list's start (whatever joined the list at its top since the key was given).
        moved = client.get(to_page_two.replace("page=2", "page=3")).get_data(as_text=True)
        assert references(moved) == by_number[4:8]
        first = client.get(to_page_two.replace("page=2", "page=1")).get_data(as_text=True)
        assert references(first) == by_number[:4]
        altered = client.get(f"/requests?sort={sort}&dir={direction}&page=2&before=not-a-key")
        assert altered.status_code == 200 and references(altered.get_data(as_text=True)) == by_number[4:8]
    altered = client.get(f"/requests?sort={sort}&dir={direction}&page=2&after=not-a-key")
    assert altered.status_code == 200 and references(altered.get_data(as_text=True)) == by_number[4:8]


def test_a_broad_list_is_counted_once_a_minute_and_said_to_be_about_that_many(app, client, auth, monkeypatch,
                                                                              count_queries):
    from tracker.services import list_counts

    owner = _broad_list(app, auth, monkeypatch, "AB", 8, exact_up_to=5, per_page=3)
    # Every MLA request: a broad list (the whole register, unfiltered, is counted exactly on SQLite, whose count of
    # it costs little: tests/web/test_whole_register_count.py).
    count = lambda html: re.search(r'id="request-count">\s*([^<]*?)\s*<', html).group(1)  # noqa: E731
    first = client.get("/requests?kind=mla").get_data(as_text=True)
    assert count(first) == "8 requests"  # counted exactly: the first time in this worker
    # The same page is shown again as it was written (nothing changed); another page of the list is counted anew.
    assert count(client.get("/requests?kind=mla").get_data(as_text=True)) == "8 requests"
    with count_queries() as statements:
        again = client.get("/requests?kind=mla&page=1").get_data(as_text=True)
    assert count(again) == "about 8 requests"
    # Counting stopped one row past the limit; the whole list was not counted again.
    assert not [s for s in statements if "count(*)" in s and "LIMIT" not in s.upper()]
    # A next page is offered by the row read past this one, not by the count.
    assert _next_offered(again)
    for number in range(8, 10):
        make_request(owner, reference=f"AB-{number:02d}")
    assert count(client.get("/requests?kind=mla").get_data(as_text=True)) == "about 8 requests"
    # A page in the list's second half is read from its end with the exact count, never with the approximate one.
    last = client.get("/requests?kind=mla&page=4").get_data(as_text=True)
    assert count(last) == "10 requests" and re.findall(r"AB-\d\d", last.split("<tbody>")[1]) == ["AB-00"]
    # A minute later the list is counted again.
    monkeypatch.setattr(list_counts, "CACHE_SECONDS", -1)
    assert count(client.get("/requests?kind=mla").get_data(as_text=True)) == "10 requests"
    # A list within the limit is always exact, however often it is shown.
    monkeypatch.setattr(list_counts, "CACHE_SECONDS", 60)
    make_request(owner, Kind.EXTRADITION, reference="AB-99")
    for _ in range(3):
        assert count(client.get("/requests?kind=extradition").get_data(as_text=True)) == "1 request"


def test_every_page_of_an_approximately_counted_list_holds_the_rows_page_numbers_give(app, client, auth,
                                                                                       monkeypatch):
    _broad_list(app, auth, monkeypatch, "PG", 13, exact_up_to=3, per_page=4)
    expected = [f"PG-{number:02d}" for number in range(13)]
    for _ in range(2):  # counted exactly, then approximately
        seen, page = [], 1
        while True:
            html = client.get(f"/requests?kind=mla&sort=reference&dir=asc&page={page}").get_data(as_text=True)
            seen += re.findall(r"PG-\d\d", html.split("<tbody>")[1])
            if not _next_offered(html):
                break
            page += 1
            assert page < 10
        assert seen == expected


def _next_offered(html: str) -> bool:
    """Whether the pager's Next leads somewhere."""
    found = re.search(r'<li class="page-item ([a-z]*)\s*">\s*<a class="page-link" href="([^"]*)">Next</a>', html)
    return found is not None and found.group(1) != "disabled" and found.group(2) != "#"


def _broad_list(app, auth, monkeypatch, prefix: str, size: int, *, exact_up_to: int, per_page: int):
    """`size` MLA requests numbered PREFIX-00 on, in a register whose exact count stops at `exact_up_to`, read by a
    supervisor; their prosecutor."""
    monkeypatch.setitem(app.config, "LIST_EXACT_COUNT_UP_TO", exact_up_to)
    monkeypatch.setitem(app.config, "REQUESTS_PER_PAGE", per_page)
    owner = make_user()
    for number in range(size):
        make_request(owner, reference=f"{prefix}-{number:02d}")
    auth.login(make_user(Role.SUPERVISOR))
    return owner


def test_a_page_of_the_second_half_before_the_last_is_read_without_counting_the_list_anew(app, client, auth,
                                                                                        monkeypatch, count_queries):
    """With a count a minute old, a page of the list's second half before its last is read past the offset from the
    start (counting the list anew to read it from the end costs more); a page the list turns out to end on is
    counted exactly, so that it says how many requests there are and which page is the last."""
    owner = _broad_list(app, auth, monkeypatch, "SH", 13, exact_up_to=3, per_page=2)
    address = "/requests?status=sent&sort=reference&dir=asc"
    count = lambda html: re.search(r'id="request-count">\s*([^<]*?)\s*<', html).group(1)  # noqa: E731
    refs = lambda html: re.findall(r"SH-\d\d", html.split("<tbody>")[1])  # noqa: E731
    by_number = {page: refs(client.get(f"{address}&page={page}").get_data(as_text=True)) for page in range(1, 8)}
    assert sum(by_number.values(), []) == [f"SH-{n:02d}" for n in range(13)]
    for page in (5, 6):
        with count_queries() as statements:
            html = client.get(f"{address}&page={page}&_={page}").get_data(as_text=True)
        assert refs(html) == by_number[page] and count(html) == "about 13 requests"
        assert not [s for s in statements if "count(*)" in s and "LIMIT" not in s.upper()]
    # The last page by the count is read from the end, with the list counted anew.
    with count_queries() as statements:
        html = client.get(f"{address}&page=7").get_data(as_text=True)
    assert refs(html) == ["SH-12"] and count(html) == "13 requests"
    # Four requests leave the list (their execution abroad is recorded): page 5 is now its last, with one request.
    for request in _requests("SH-00", "SH-01", "SH-02", "SH-03"):
        change_status(owner, request, Status.PENDING, effective_on=TODAY, note="", ground=None,
                      expected_version=request.version, today=TODAY, now=NOW + timedelta(minutes=1))
    db.session.commit()
    html = client.get(f"{address}&page=5&_=again").get_data(as_text=True)
    assert refs(html) == ["SH-12"] and count(html) == "9 requests"
    assert not _next_offered(html)
    html = client.get(f"{address}&page=6&_=again").get_data(as_text=True)
    assert "Page 6 is past the last page of this list." in html and "Go to the last page (5)" in html


def _requests(*references):
    from tracker.models import Request
    return [db.session.scalar(db.select(Request).filter_by(reference=reference)) for reference in references]
