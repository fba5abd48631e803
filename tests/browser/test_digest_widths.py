"""The weekly digest in Debian's chromium, in kk and ru, at 375 and 1366 px: the "My digest" page shows the whole
digest styled as the e-mail is, and the e-mail itself is one column no wider than 600 px.

Screenshots go to test-artifacts/browser/.
"""
from datetime import timedelta

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.pages import csp_violations, log_in
from tests.factories import TODAY, make_request, make_user
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, Status
from tracker.jobs import tasks as jobs

pytestmark = pytest.mark.browser
WIDTHS = (375, 1366)


def _office(language):
    """A prosecutor with overdue work and a missed release deadline, and a supervisor, both in `language`."""
    owner = make_user(language=Language(language), email=f"pros-{language}@prokuror.example", name="Айгүл Сейітқали")
    boss = make_user(Role.SUPERVISOR, language=Language(language), email=f"boss-{language}@prokuror.example",
                     name="Сауле Бекова")
    for number, days in enumerate((120, 200, 300)):
        sent = TODAY - timedelta(days=days)
        make_request(owner, reference=f"МСП-2026-00012{number}", sent_on=sent, country_code="KG",
                     statuses=[(Status.PENDING, sent + timedelta(days=5))])
    make_request(owner, Kind.EXTRADITION, reference="ВЫД-2026-000124", sent_on=None, country_code="KG",
                 detained_on=TODAY - timedelta(days=45))
    return owner, boss


def _summary_cells_display(page):
    """How the summary tables lay out their figures: 'table-cell' side by side, 'inline-block' one row per block."""
    return page.evaluate("[...new Set([...document.querySelectorAll('.digest-td-number')]"
                         ".map(td => getComputedStyle(td).display))]")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_my_digest_shows_the_whole_digest_at_375_and_1366_px(browser, live_server, language):
    owner, boss = _office(language)
    for user, role in ((owner, "prosecutor"), (boss, "supervisor")):
        for width in WIDTHS:
            context = browser.new_context(locale=language, viewport={"width": width, "height": 700})
            page = context.new_page()
            violations = csp_violations(page)
            log_in(page, live_server, user)
            page.goto(f"{live_server}/digest")
            assert page.get_attribute("html", "lang") == language
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert page.locator("iframe").count() == 0
            digest = page.locator("article .digest")
            # Whole: nothing of the digest is cut off or scrolls inside a box.
            assert page.evaluate("""() => [...document.querySelectorAll('article, article *')]
                .every(el => el.scrollHeight <= el.clientHeight + 1 || getComputedStyle(el).overflowY === 'visible')""")
            assert "ВЫД-2026-000124" in digest.inner_text()
            # Styled as the mail: its font, its width, the missed deadline in red.
            assert "Arial" in digest.evaluate("el => getComputedStyle(el).fontFamily")
            assert digest.bounding_box()["width"] <= 600
            assert page.locator(".digest-urgent").first.evaluate("el => getComputedStyle(el).color") == "rgb(176, 42, 55)"
            if role == "supervisor":
                assert _summary_cells_display(page) == (["inline-block"] if width < 600 else ["table-cell"])
            assert violations == []
            page.screenshot(path=str(ARTIFACTS / f"digest-page-{role}-{language}-{width}.png"), full_page=True)
            context.close()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_digest_mail_is_one_column_under_600_px(app, browser, smtp_server, language):
    owner, boss = _office(language)
    assert jobs.send_digests(app, today=TODAY).sent == 2
    for user, role in ((owner, "prosecutor"), (boss, "supervisor")):
        html = smtp_server.inbox.to(user.email)[0].get_body(preferencelist=("html",)).get_content()
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 700})
            page = context.new_page()
            page.set_content(html)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert page.locator(".digest").bounding_box()["width"] <= min(600, width)
            # Every request of the prosecutor's digest starts at the same left edge: one column at any width.
            lefts = {round(box["x"]) for box in (item.bounding_box() for item in page.locator(".digest-item").all())}
            assert len(lefts) == 1
            if role == "supervisor":
                assert _summary_cells_display(page) == (["inline-block"] if width < 600 else ["table-cell"])
            page.screenshot(path=str(ARTIFACTS / f"digest-mail-{role}-{language}-{width}.png"), full_page=True)
            context.close()
