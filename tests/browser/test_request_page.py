"""The request's page in Debian's chromium: a refused action keeps what was typed and says what is wrong beside the
field and in a summary above the form; the refusal ground shows only with a refusal; on a phone the deadlines and
the actions come before the request's details. In kk and ru; screenshots go to test-artifacts/browser/."""
from datetime import timedelta

import pytest
from flask_babel import force_locale
from wtforms.i18n import get_translations

from tests.browser.pages import csp_violations, log_in, shot, text
from tests.browser.test_browser import assert_accessible
from tests.factories import make_request, make_user, working_day
from tracker import clock
from tracker.domain.people import Language
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.labels import error_message
from tracker.models import Request

pytestmark = pytest.mark.browser
LANGUAGES = ["kk", "ru"]
WIDE, PHONE = {"width": 1366, "height": 900}, {"width": 375, "height": 740}


# What sticks out of the screen to the right, so that the page scrolls sideways.
WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 40))"""


def refused(language, code):
    """A service error's message in `language`."""
    with force_locale(language):
        return str(error_message(code))


def open_page(browser, base, user, item, viewport=WIDE, **options):
    """A logged-in page showing the request, and the list collecting complaints about the CSP."""
    context = browser.new_context(locale=user.language.value, viewport=viewport, **options)
    page = context.new_page()
    violations = csp_violations(page)
    log_in(page, base, user)
    page.goto(f"{base}/requests/{item.id}")
    return context, page, violations


def open_action(page, name):
    """Opens an action's form by its name, as a user clicks it."""
    page.click(f"#{name}-action > summary")


def submit(page, form_id, button):
    """Sends an action's form with its button and waits for the answer."""
    with page.expect_navigation():
        page.locator(f"#{form_id}").get_by_role("button", name=button).click()


def assert_refused(page, language, field_id, label, message):
    """The page says what is wrong beside the field and, as a link to it, in the summary, which has the focus."""
    feedback = page.locator(f"#{field_id} ~ .invalid-feedback")
    assert feedback.inner_text() == message
    summary = page.locator("[data-error-summary]")
    assert summary.locator("h2").inner_text() == text(language, "There is a problem")
    link = summary.get_by_role("link", name=f"{label}: {message}")
    assert link.get_attribute("href") == f"#{field_id}"
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    link.click()
    assert page.evaluate("document.activeElement.id") == field_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refusal_without_its_ground_keeps_everything_typed(browser, live_server, language):
    owner = make_user(name="Айгүл Сейітқали", language=Language(language))
    item = make_request(owner, reference="МСП-2026-0417")
    context, page, violations = open_page(browser, live_server, owner, item)
    assert page.locator("#status-action").get_attribute("open") is None
    assert not page.locator("#to").is_visible()
    open_action(page, "status")
    ground = page.locator("#ground")
    assert page.locator("#to").is_visible() and not ground.is_visible()  # "under consideration" comes first
    page.select_option("#to", "refused")
    assert ground.is_visible() and ground.input_value() == ""
    page.fill("#effective_on", "2026-09-15")
    page.fill("#status-note", "Нота № 15/2231 от 14.09.2026")
    submit(page, "status-action", text(language, "Change status"))

    assert page.locator("#status-action").get_attribute("open") == ""
    assert page.locator("#to").input_value() == "refused"
    assert page.locator("#effective_on").input_value() == "2026-09-15"
    assert page.locator("#status-note").input_value() == "Нота № 15/2231 от 14.09.2026"
    assert ground.is_visible()
    assert_refused(page, language, "ground", text(language, "Refusal ground"), refused(language, "ground_required"))
    assert page.title().startswith(text(language, "Error"))
    assert_accessible(page)
    shot(page, f"{language}-request-page-refusal-without-ground")

    # A ground chosen, the same form is sent again as it stands and the refusal is recorded.
    page.select_option("#ground", "no_dual_criminality")
    submit(page, "status-action", text(language, "Change status"))
    assert page.locator("[data-error-summary]").count() == 0
    db.session.rollback()
    saved = db.session.get(Request, item.id)
    assert (saved.status.value, saved.refusal_ground.value, saved.events[-1].note) == \
        ("refused", "no_dual_criminality", "Нота № 15/2231 от 14.09.2026")
    assert violations == []
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reminder_with_a_bad_date_keeps_everything_typed(browser, live_server, language):
    owner = make_user(language=Language(language))
    item = make_request(owner, sent_on=clock.today_local() - timedelta(days=100))
    context, page, violations = open_page(browser, live_server, owner, item, viewport=PHONE, is_mobile=True)
    open_action(page, "reminder")
    tomorrow = (clock.today_local() + timedelta(days=1)).isoformat()
    page.fill("#sent_on", tomorrow)
    page.select_option("#channel", "diplomatic")
    page.fill("#reminder-note", "Нота МИД № 12-3/456")
    submit(page, "reminder-action", text(language, "Record reminder"))

    assert page.locator("#reminder-action").get_attribute("open") == ""
    assert page.locator("#sent_on").input_value() == tomorrow
    assert page.locator("#channel").input_value() == "diplomatic"
    assert page.locator("#reminder-note").input_value() == "Нота МИД № 12-3/456"
    assert_refused(page, language, "sent_on", text(language, "Reminder sent on"), refused(language, "future_date"))
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    shot(page, f"{language}-request-page-reminder-bad-date-phone")
    db.session.rollback()
    assert len(db.session.get(Request, item.id).events) == 2
    assert violations == []
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_extension_without_a_reason_keeps_everything_typed(browser, live_server, language):
    owner = make_user(language=Language(language))
    item = make_request(owner, sent_on=clock.today_local() - timedelta(days=35))
    new_due = working_day(clock.today_local() + timedelta(days=20)).isoformat()
    context, page, violations = open_page(browser, live_server, owner, item)
    open_action(page, "extend")
    page.select_option("#deadline", "follow_up")
    page.fill("#new_due_on", new_due)
    submit(page, "extend-action", text(language, "Extend"))

    assert page.locator("#deadline").input_value() == "follow_up"
    assert page.locator("#new_due_on").input_value() == new_due
    required = get_translations([language]).gettext("This field is required.")
    assert_refused(page, language, "reason", text(language, "Reason"), required)
    shot(page, f"{language}-request-page-extension-without-reason")
    db.session.rollback()
    assert len(db.session.get(Request, item.id).events) == 2
    assert violations == []
    context.close()


def test_without_scripts_the_ground_shows_with_its_hint_and_the_refusal_is_still_checked(browser, live_server):
    owner = make_user(language=Language.RU)
    item = make_request(owner)
    context, page, _violations = open_page(browser, live_server, owner, item, java_script_enabled=False)
    open_action(page, "status")
    assert page.locator("#ground").is_visible()
    assert text("ru", "Only for a refusal.") in page.locator("#status-action").inner_text()
    page.select_option("#to", "refused")
    page.fill("#status-note", "Без скриптов")
    submit(page, "status-action", text("ru", "Change status"))
    assert page.locator("#ground ~ .invalid-feedback").inner_text() == refused("ru", "ground_required")
    assert page.locator("#status-note").input_value() == "Без скриптов"
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_deadlines_and_the_actions_come_first(browser, live_server, language):
    owner = make_user(language=Language(language))
    item = make_request(owner, Kind.EXTRADITION, reference="ВЫД-2026-0104", country_code="KG",
                        sent_on=clock.today_local() - timedelta(days=5))
    for viewport, width in ((PHONE, 375), (WIDE, 1366)):
        context, page, violations = open_page(browser, live_server, owner, item, viewport=viewport)
        top = {name: page.locator(selector).bounding_box()["y"] for name, selector in (
            ("deadlines", "#deadlines-heading"), ("actions", "#status-action"), ("facts", ".request-facts"))}
        if width == 375:
            assert top["deadlines"] < top["actions"] < top["facts"], top
        else:
            assert top["deadlines"] < top["actions"] and top["facts"] < top["actions"], top
        heading = page.locator("h1 .reference")
        assert heading.inner_text() == "ВЫД-2026-0104"
        assert heading.evaluate("e => e.getClientRects().length") == 1  # one line, not broken at a hyphen
        # No label of the facts runs into the next one: each fact starts below the end of the one before.
        overlaps = page.evaluate("""() => {
            const terms = [...document.querySelectorAll('.request-facts > dt')];
            return terms.slice(1).filter((term, i) => term.getBoundingClientRect().top
                < terms[i].getBoundingClientRect().bottom + 4).map(term => term.textContent);
        }""")
        assert overlaps == []
        assert page.evaluate(WIDER_THAN_THE_SCREEN) == []
        assert_accessible(page)
        shot(page, f"{language}-request-page-{width}")
        assert violations == []
        context.close()
