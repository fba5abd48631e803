"""The register's pages at the desk (1366 px) and on a phone (375 px), in Debian's chromium through Playwright.

On a phone the lists are cards that show registration number, status and due date without sideways scrolling, and
the report tables reflow; at the desk no page of any role is wider than the window in kk, ru or en; the main pages
pass axe-core's accessibility rules with nothing serious or critical. Screenshots of the main pages in kk and ru
at both widths go to test-artifacts/browser/ on every run.
"""
import re
from datetime import timedelta
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext

from tests.browser.conftest import ARTIFACTS
from tests.browser.pages import log_in, shot
from tests.factories import TODAY, make_request, make_user
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PHONE = {"width": 375, "height": 740}
DESK = {"width": 1366, "height": 900}
# Endpoints of GET routes without arguments that answer with something else than a page: files, the login form
# (a logged-in user is sent on) and the API. Downloads are named *export*.
# The last four: a DOCX download, and the checks and metrics that load balancers and Prometheus read.
NOT_PAGES = ("static", "bootstrap.static", "auth.login", "letters.statistics_letter", "health.healthz",
             "health.readyz", "health.prometheus_metrics")
REPORTS = ["/reports/pending-by-country", "/reports/statistics", "/reports/workload", "/reports/treaties",
           "/reports/execution-times"]


@pytest.fixture
def register():
    """A user of each role and a register with what makes rows long: overdue, a release deadline near and one
    missed, long treaty names, a final status."""
    names = {Role.PROSECUTOR: "Айгүл Сейітқали", Role.SUPERVISOR: "Сауле Бекова",
             Role.CENTRAL: "Ерлан Тоқаев-Жұмабаев", Role.ADMIN: "Марат Жунусов"}
    users = {role: make_user(role, name=names[role]) for role in Role}
    prosecutor = users[Role.PROSECUTOR]
    long_ago = TODAY - timedelta(days=200)
    items = [
        make_request(prosecutor, reference="МСП-2026-0101", country_code="RU", sent_on=long_ago,
                     statuses=[(Status.PENDING, long_ago + timedelta(days=10))]),
        make_request(prosecutor, Kind.EXTRADITION, reference="ВЫД-2026-0102", country_code="KG", sent_on=None,
                     detained_on=TODAY - timedelta(days=34)),
        make_request(prosecutor, Kind.EXTRADITION, reference="ВЫД-2026-0103", country_code="TR", sent_on=None,
                     detained_on=TODAY - timedelta(days=45)),
        make_request(prosecutor, reference="МСП-2025-0104", country_code="ES", sent_on=TODAY - timedelta(days=400),
                     statuses=[(Status.EXECUTED, TODAY - timedelta(days=30))]),
        make_request(prosecutor, Kind.TRANSFER, reference="ПУП-2026-0105", country_code="BY",
                     sent_on=TODAY - timedelta(days=20)),
    ]
    return users, items


def _context(browser, language, viewport, **options):
    """A browser window of the given size whose pages speak `language`."""
    return browser.new_context(locale=language, viewport=viewport, is_mobile=viewport is PHONE,
                               has_touch=viewport is PHONE, **options)


# What a reader of a list or a report must see: every cell of the rows and totals, the chart's names and the
# headings that sort (the other headings are read to screen readers only, on a phone).
CELLS = "main tbody td, main tbody th, main tfoot td, main tfoot th, main .chart-name, main th.sortable"


def _overflow(page) -> int:
    """How many pixels the page is wider than its window."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


# Elements whose box reaches past the window's right or left edge (inside a frame that scrolls sideways, say).
OUTSIDE = """(selector) => [...document.querySelectorAll(selector)].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > document.documentElement.clientWidth + 0.5 || box.left < -0.5);
  }).map(el => el.outerHTML.slice(0, 100))"""


def _shown_in_window(page, locator) -> bool:
    """True when the element is visible and lies within the window's width."""
    box = locator.bounding_box()
    return locator.is_visible() and box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_lists_and_reports_fit_a_phone_with_the_urgent_facts_first(browser, live_server, register, language):
    users, items = register
    context = _context(browser, language, PHONE)
    page = context.new_page()
    log_in(page, live_server, users[Role.SUPERVISOR], language)
    for path, listed in [("/requests", items), ("/requests?sort=due_on&dir=asc&kind=mla&kind=extradition&overdue=0",
                                                 [item for item in items if item.kind != Kind.TRANSFER])]:
        page.goto(live_server + path)
        assert _overflow(page) <= 0, path
        assert page.evaluate(OUTSIDE, CELLS) == [], path
        assert page.locator("tbody tr .rq-ref").count() == len(listed)
        for item in listed:
            row = page.locator("tbody tr", has=page.get_by_role("link", name=item.reference, exact=True))
            for cell in (row.locator(".rq-ref a"), row.locator(".rq-status .status-badge")):
                assert _shown_in_window(page, cell), (path, item.reference)
            if item.due_on:
                due = row.locator(".rq-due")
                assert _shown_in_window(page, due) and item.due_on.strftime("%d.%m.%Y") in due.inner_text()
            # Registration number, status and due date come first: above the kind, country and the rest.
            top = row.locator(".rq-ref").bounding_box()["y"]
            assert row.locator(".rq-status").bounding_box()["y"] <= top + 4
            assert row.locator(".rq-kind").bounding_box()["y"] > top
        assert not page.locator("details.filter-panel").evaluate("el => el.open")  # the filters wait behind a button
    shot(page, f"{language}-375-supervisor-requests-filtered")
    chips = page.locator(".filter-chips a.filter-chip")
    assert chips.count() == 3  # two kinds and nothing for overdue=0
    assert all(_shown_in_window(page, chips.nth(n)) for n in range(chips.count()))

    for path in REPORTS + ["/my-work"]:
        page.goto(live_server + path)
        assert _overflow(page) <= 0, path
        assert page.evaluate(OUTSIDE, CELLS) == [], path
        name = re.sub(r"\W+", "-", path).strip("-")
        shot(page, f"{language}-375-supervisor-{name}")
    # The chart's names are text of the page's size, not squeezed into a drawing.
    page.goto(live_server + REPORTS[0])
    sizes = page.locator(".country-chart .chart-name").evaluate_all(
        "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))")
    assert sizes and min(sizes) >= 14
    context.close()

    context = _context(browser, language, PHONE)
    page = context.new_page()
    log_in(page, live_server, users[Role.PROSECUTOR], language)
    for path in ["/my-work", "/requests", f"/requests/{items[0].id}"]:
        page.goto(live_server + path)
        assert _overflow(page) <= 0, path
        if path != f"/requests/{items[0].id}":
            overdue = page.locator("tbody tr", has=page.get_by_role("link", name=items[0].reference, exact=True)).first
            assert _shown_in_window(page, overdue.locator(".badge-overdue"))
        name = re.sub(r"\W+", "-", path.replace(str(items[0].id), "detail")).strip("-")
        shot(page, f"{language}-375-prosecutor-{name}")
    context.close()


def _pages(app, role, items):
    """Every GET page without arguments, and a request page: what a user of `role` can open from the address bar."""
    paths = sorted({rule.rule for rule in app.url_map.iter_rules() if "GET" in rule.methods and not rule.arguments
                    and rule.endpoint not in NOT_PAGES and not rule.endpoint.startswith("api.")
                    and "export" not in rule.endpoint})
    return paths + [f"/requests/{items[0].id}", f"/requests/{items[1].id}"]


MAIN_PAGES = {Role.PROSECUTOR: ["/my-work", "/requests", "/requests/{id}"],
              Role.SUPERVISOR: REPORTS + ["/requests"],
              Role.ADMIN: ["/admin/users"]}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_no_page_of_any_role_is_wider_than_the_desk_window(browser, live_server, app, register, language):
    users, items = register
    too_wide = []
    for role, user in users.items():
        context = _context(browser, language, DESK)
        page = context.new_page()
        log_in(page, live_server, user, language)
        for path in _pages(app, role, items):
            response = page.goto(live_server + path)
            assert response.status in (200, 403), (role, path, response.status)
            if _overflow(page) > 0:
                too_wide.append((role.value, path, _overflow(page)))
        # The menu keeps to one line: every item and the logout button on the brand's row.
        page.goto(live_server + "/requests")
        page.locator("nav.navbar").screenshot(path=str(ARTIFACTS / f"{language}-1366-{role.value}-menu.png"))
        brand = page.locator(".navbar-brand").bounding_box()
        for item in [page.locator(".navbar-nav .nav-link").last, page.locator("form[action$='/logout'] button")]:
            box = item.bounding_box()
            assert abs((box["y"] + box["height"] / 2) - (brand["y"] + brand["height"] / 2)) < 12, role
        if language != "en":
            for path in MAIN_PAGES.get(role, []):
                page.goto(live_server + path.format(id=items[0].id))
                name = re.sub(r"\W+", "-", path.replace("{id}", "detail")).strip("-")
                shot(page, f"{language}-1366-{role.value}-{name}")
        context.close()
    assert too_wide == []


def _axe(page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
          .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")
    return found


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_main_pages_have_no_serious_accessibility_problems(browser, live_server, register, language):
    users, items = register
    found = {}
    for role, paths in [(Role.PROSECUTOR, ["/my-work", "/requests", "/requests/{id}", "/requests/{extradition}"]),
                        (Role.SUPERVISOR, REPORTS + ["/requests?kind=mla&pending=1"]),
                        (Role.ADMIN, ["/admin/users"])]:
        for viewport in (DESK, PHONE):
            # axe-core is added to the page as a script of its own, which the pages' policy would refuse.
            context = _context(browser, language, viewport, bypass_csp=True)
            page = context.new_page()
            log_in(page, live_server, users[role], language)
            for path in paths:
                page.goto(live_server + path.format(id=items[0].id, extradition=items[1].id))
                problems = _axe(page)
                if problems:
                    found[(role.value, viewport["width"], path)] = problems
            context.close()
    assert not found, "\n".join(f"{where}: {problems}" for where, problems in found.items())


def test_filters_of_a_drill_down_survive_apply_and_a_chip_removes_one(browser, live_server, register):
    users, _items = register
    context = _context(browser, "ru", DESK)
    page = context.new_page()
    log_in(page, live_server, users[Role.SUPERVISOR], "ru")
    page.goto(f"{live_server}/requests?country=RU&pending=1&sent_from={(TODAY - timedelta(days=365)).isoformat()}"
              f"&sent_to={TODAY.isoformat()}")
    assert page.inner_text("#request-count").startswith("1 ")
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").first.click()
    for argument in ("country=RU", "pending=1", "sent_from=", "sent_to="):
        assert argument in page.url, argument
    assert page.inner_text("#request-count").startswith("1 ")
    chip = page.locator("a.filter-chip", has_text="Россия")
    with page.expect_navigation():
        chip.click()
    assert "country=" not in page.url and "pending=1" in page.url
    # A year typed as letters reaches the register, which refuses it with a message rather than dropping it.
    page.fill("#f-year", "abc")
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").first.click()
    with force_locale("ru"):
        message = gettext("Year sent") + ": " + gettext("Expected a whole number.")
    assert message in page.inner_text("main")
    context.close()
