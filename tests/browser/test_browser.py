"""End-to-end in Debian's chromium, driven by Playwright, against the app served on 127.0.0.1.

Each flow runs in kk, ru and en; screenshots go to test-artifacts/browser/.
"""
import io
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext, ngettext
from openpyxl import load_workbook

from tests.browser.conftest import ARTIFACTS
from tests.browser.pages import csp_violations, log_in, shot, text
from tests.factories import PASSWORD, TODAY, make_request, make_user
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.models import Request

pytestmark = pytest.mark.browser
LANGUAGES = ["kk", "ru", "en"]


def assert_accessible(page):
    """Every control, link and image has an accessible name; no page needs sideways scrolling."""
    unnamed = page.evaluate(ACCESSIBLE_NAMES)
    assert unnamed == [], f"{page.url}: {unnamed}"


# The names a screen reader would announce, computed the way the accessible-name rules order them.
ACCESSIBLE_NAMES = """() => {
  const named = (el) => {
    if (el.getAttribute('aria-label')) return true;
    const by = el.getAttribute('aria-labelledby');
    if (by && by.split(' ').some(id => (document.getElementById(id)?.textContent || '').trim())) return true;
    if (el.id && [...document.querySelectorAll('label')].some(l => l.htmlFor === el.id && l.textContent.trim())) return true;
    if (el.closest('label') && el.closest('label').textContent.trim()) return true;
    if (el.getAttribute('title') || el.getAttribute('alt')) return true;
    if (['submit', 'button'].includes(el.type) && el.value) return true;
    return (el.textContent || '').trim().length > 0;
  };
  const items = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, img, svg[role=img], [role=img]');
  return [...items].filter(el => !named(el)).map(el => el.outerHTML.slice(0, 120));
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_prosecutor_records_a_detention_sends_the_request_and_closes_the_release_deadline_with_receipt(
        browser, live_server, language):
    prosecutor = make_user(Role.PROSECUTOR, name="Айгүл Сейітқали", language=Language(language))
    context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = csp_violations(page)
    page.goto(f"{live_server}/login")
    assert page.get_attribute("html", "lang") == language  # before login: the browser's language
    assert_accessible(page)
    shot(page, f"{language}-01-login")
    log_in(page, live_server, prosecutor)

    page.get_by_role("link", name=text(language, "New request")).click()
    page.get_by_role("link", name=text(language, "Extradition request")).click()
    detained = TODAY - timedelta(days=25)
    page.fill("#reference", f"2-{language}/0042")
    page.select_option("#country_code", "KG")
    page.fill("#case_number", "217500031000042")
    page.fill("#person_name", "Ахметов Ерлан Бауыржанұлы")
    page.fill("#person_name_latin", "Akhmetov Yerlan")
    page.fill("#detained_on", detained.isoformat())
    assert_accessible(page)
    shot(page, f"{language}-02-new-extradition-request")
    with page.expect_navigation():
        page.get_by_role("button", name=text(language, "Save")).click()

    db.session.rollback()
    request = db.session.scalar(sa.select(Request).where(Request.reference == f"2-{language}/0042"))
    assert request is not None and request.status == Status.DRAFT and request.kind == Kind.EXTRADITION
    release = request.release_due_on
    assert release == detained + timedelta(days=39)  # the day of detention is day 1 of 40
    deadlines = page.locator("#deadlines-heading").locator("xpath=..")
    assert text(language, "Foreign release deadline") in deadlines.inner_text()
    assert release.strftime("%d.%m.%Y") in deadlines.inner_text()
    warning = text(language, "The person may be released abroad soon: send the extradition request so that it is "
                             "received before the release deadline.")
    assert warning in page.inner_text("main")
    assert_accessible(page)
    shot(page, f"{language}-03-release-deadline")

    page.click("#status-action > summary")  # the action forms open from their names
    page.select_option("#to", "sent")
    page.fill("#effective_on", TODAY.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name=text(language, "Change status")).click()
    with force_locale(language):
        from tracker.labels import STATUS
        sent_label = str(STATUS[Status.SENT])
    assert text(language, "Status changed to “%(status)s”.", status=sent_label) in page.inner_text("body")
    db.session.rollback()
    request = db.session.get(Request, request.id)
    assert (request.status, request.sent_on, request.release_due_on) == (Status.SENT, TODAY, release)
    # Sent is not received: the release deadline still counts, and says so.
    deadlines = page.locator("#deadlines-heading").locator("xpath=..")
    assert text(language, "Foreign release deadline") in deadlines.inner_text()
    with force_locale(language):
        days_left = ngettext("in %(num)d day", "in %(num)d days", (release - TODAY).days)
    assert days_left in deadlines.inner_text()
    assert text(language, "The person may be released abroad soon: get the requested state to confirm receipt of "
                          "the extradition request before the release deadline, and record it here.") in page.inner_text("main")
    assert_accessible(page)
    shot(page, f"{language}-04-sent-still-counting")

    page.click("#event-action > summary")
    page.select_option("#event", "received_abroad")
    page.fill("#event-on", TODAY.isoformat())
    page.fill("#event-reference", "PGO-KG 15/2231")
    page.fill("#event-note", "Нота МИД КР")
    with page.expect_navigation():
        page.get_by_role("button", name=text(language, "Record"), exact=True).click()
    with force_locale(language):
        from tracker.labels import EVENT
        from tracker.domain.history import EventType
        recorded = gettext("Recorded: %(event)s.", event=str(EVENT[EventType.RECEIVED_ABROAD]))
    assert recorded in page.inner_text("body")
    deadlines = page.locator("#deadlines-heading").locator("xpath=..")
    assert text(language, "Foreign release deadline") not in deadlines.inner_text()
    db.session.rollback()
    request = db.session.get(Request, request.id)
    assert (request.received_abroad_on, request.release_due_on, request.critical) == (TODAY, None, False)
    assert_accessible(page)
    shot(page, f"{language}-05-received-abroad")
    assert violations == []
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_supervisor_follows_a_pending_figure_to_the_list_and_exports_it(browser, live_server, language):
    prosecutor = make_user(Role.PROSECUTOR, name="Дмитрий Иванов")
    supervisor = make_user(Role.SUPERVISOR, name="Сауле Бекова", language=Language(language))
    for number in range(3):
        make_request(prosecutor, reference=f"RU-{number}", country_code="RU", sent_on=date(2026, 6, 1 + number))
    make_request(prosecutor, reference="KG-1", country_code="KG", sent_on=date(2026, 7, 1),
                 statuses=[(Status.PENDING, date(2026, 7, 20))])
    make_request(prosecutor, reference="RU-done", country_code="RU", sent_on=date(2026, 5, 1),
                 statuses=[(Status.EXECUTED, date(2026, 8, 1))])
    context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    violations = csp_violations(page)
    log_in(page, live_server, supervisor)
    assert "/reports/pending-by-country" in page.url
    assert page.get_attribute("html", "lang") == language
    assert_accessible(page)
    shot(page, f"{language}-05-pending-by-country")

    with force_locale(language):
        from tracker.labels import country_name
        russia = country_name("RU", language)
    row = page.locator("tbody tr", has=page.get_by_role("rowheader", name=russia))
    figure = row.locator("td").nth(3).locator("a")  # total open, after MLA, extradition and transfer
    assert figure.inner_text() == "3"
    with page.expect_navigation():
        figure.click()
    assert "country=RU" in page.url and "pending=1" in page.url
    with force_locale(language):
        count = ngettext("%(num)d request", "%(num)d requests", 3)
    assert page.inner_text("#request-count") == count
    assert page.locator("table tbody tr").count() == 3
    assert_accessible(page)
    shot(page, f"{language}-06-filtered-list")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX").click()
    target = ARTIFACTS / f"{language}-requests.xlsx"
    download_info.value.save_as(target)
    # Read from bytes and closed: a read-only workbook left open is collected later, in another test.
    workbook = load_workbook(io.BytesIO(target.read_bytes()), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    assert rows[0][0] == text(language, "Registration number")
    assert sorted(r[0] for r in rows[1:]) == ["RU-0", "RU-1", "RU-2"]
    assert violations == []
    context.close()


PHONE_PAGES = {Role.PROSECUTOR: ["/login", "/my-work", "/requests", "/requests/{id}", "/requests/new/extradition"],
               Role.SUPERVISOR: ["/reports/pending-by-country", "/reports/statistics", "/import/requests"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_fit_a_phone_screen(browser, live_server, language):
    prosecutor = make_user(Role.PROSECUTOR, name="Нурлан Омаров", language=Language(language))
    supervisor = make_user(Role.SUPERVISOR, name="Сауле Бекова", language=Language(language))
    item = make_request(prosecutor, Kind.EXTRADITION, reference="PHONE-1", country_code="KG")
    for user in (prosecutor, supervisor):
        context = browser.new_context(locale=language, viewport={"width": 375, "height": 740}, is_mobile=True,
                                      has_touch=True)
        page = context.new_page()
        if user is prosecutor:
            page.goto(f"{live_server}/login")
        log_in(page, live_server, user)
        for path in PHONE_PAGES[user.role]:
            page.goto(live_server + path.format(id=item.id))
            if path == "/login":
                continue
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} is {overflow}px wider than the phone"
            assert_accessible(page)
            name = re.sub(r"\W+", "-", path.format(id="detail")).strip("-")
            shot(page, f"{language}-phone-{user.role.value}-{name}")
        context.close()


def test_a_prosecutor_works_with_the_keyboard_alone(browser, live_server):
    prosecutor = make_user(Role.PROSECUTOR, name="Айгүл Сейітқали", language=Language.KK)
    make_request(prosecutor, reference="KEY-1")
    context = browser.new_context(locale="kk", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"  # skip link comes first

    def tab_to(selector, limit=40):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#email")
    page.keyboard.type(prosecutor.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert not page.url.endswith("/login")
    tab_to("a[href='/requests']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/requests")
    tab_to("a[href$='/requests/%d']" % db.session.scalar(sa.select(Request.id)))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "KEY-1" in page.inner_text("h1")
    focus_visible = page.evaluate("""() => {
        const link = document.querySelector('a.navbar-brand'); link.focus();
        const style = getComputedStyle(link); return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
    }""")
    assert focus_visible
    shot(page, "kk-keyboard-detail")
    context.close()



def test_a_russian_supervisor_downloads_the_statistics_and_reads_the_same_figures(browser, live_server):
    import csv

    from tests.factories import category
    prosecutor = make_user(Role.PROSECUTOR, name="Дмитрий Иванов")
    supervisor = make_user(Role.SUPERVISOR, name="Сауле Бекова", language=Language.RU)
    fraud, pyramid, other = (category(code) for code in ("fraud", "financial_pyramid", "other"))
    for number, (cat, steps) in enumerate([
            (fraud, [(Status.EXECUTED, date(2025, 6, 1))]), (fraud, [(Status.RETURNED, date(2025, 5, 1))]),
            (pyramid, []), (pyramid, [(Status.WITHDRAWN, date(2025, 7, 1))]), (other, [])]):
        make_request(prosecutor, reference=f"STAT-{number}", crime_category_id=cat.id,
                     sent_on=date(2025, 3, 1 + number), statuses=steps)
    make_request(prosecutor, Kind.EXTRADITION, reference="STAT-E", crime_category_id=fraud.id,
                 sent_on=date(2025, 4, 1), statuses=[(Status.RELEASED_ABROAD, date(2025, 4, 25))])
    context = browser.new_context(locale="ru", viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    log_in(page, live_server, supervisor)
    page.goto(f"{live_server}/reports/statistics?start=2025-01-01&end=2025-12-31&as_of=2025-12-31")
    # Two crime categories at once, ticked in the filter as a user would.
    page.click("#r-category > summary")
    page.get_by_label(fraud.name_ru, exact=True).check()
    page.get_by_label(pyramid.name_ru, exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name=text("ru", "Show")).click()
    assert page.url.count("crime_category_id=") == 2
    paragraph = page.inner_text("#statistics-paragraph")
    assert paragraph.startswith("В 2025 году") and "мошенничествах и финансовых пирамидах" in paragraph
    mla_total = page.locator("#stats-mla ~ div table tr.table-secondary").inner_text().split("\t")
    assert mla_total[:2] == [text("ru", "Total"), "4"]
    page_figures = [int(cell) for cell in mla_total[1:]]
    assert sum(page_figures[1:]) == page_figures[0]
    shot(page, "ru-07-statistics")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX").click()
    workbook = load_workbook(io.BytesIO(download_info.value.path().read_bytes()), read_only=True)
    sheet_rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV (;)").click()
    raw = download_info.value.path().read_text(encoding="utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    context.close()

    for rows in (sheet_rows, csv_rows):
        flat = " ".join(str(cell) for row in rows for cell in row if cell is not None)
        assert "01.01.2025 – 31.12.2025" in flat and "31.12.2025" in flat
        assert fraud.name_ru in flat and pyramid.name_ru in flat and other.name_ru not in flat
        totals = [row for row in rows if len(row) > 2 and row[1] == text("ru", "Total")]
        assert [row[0] for row in totals] == [text("ru", "MLA request"), text("ru", "Extradition request")]
        figures = [int(cell) for cell in totals[0][2:] if cell not in (None, "")]
        assert figures == page_figures
    # Separated by semicolons: the table's heading line reads as its thirteen headings with ";" and not with ",".
    heading = next(line for line in raw.splitlines() if line.startswith(text("ru", "Kind")))
    assert len(next(csv.reader([heading], delimiter=";"))) == 13 and len(next(csv.reader([heading]))) != 13
