"""A large export in Debian's chromium: asked for from the register's list, followed on its page as a job worker makes
it (the page redraws itself, no reload), then downloaded; the Content-Security-Policy is never broken."""
import io
import threading

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import ARTIFACTS
from tests.browser.pages import csp_violations, log_in
from tests.factories import make_request, make_user
from tracker.domain.people import Language, Role
from tracker.extensions import db
from tracker.jobs.worker import run_worker

pytestmark = pytest.mark.browser


def test_a_large_export_is_followed_on_its_page_and_downloaded(app, browser, live_server, monkeypatch):
    monkeypatch.setitem(app.config, "EXPORT_DIRECT_ROWS", 2)
    owner = make_user(Role.SUPERVISOR, language=Language.KK)
    for number in range(6):
        make_request(owner, reference=f"JB-{number}")
    db.session.commit()
    context = browser.new_context(locale="kk", accept_downloads=True)
    page = context.new_page()
    violations = csp_violations(page)
    log_in(page, live_server, owner)
    page.goto(f"{live_server}/requests")
    with page.expect_navigation():
        page.locator("a[href*='format=xlsx']").first.click()
    assert "/jobs/" in page.url and page.locator("[data-job-state='queued']").count() == 1
    page.evaluate("window.stillTheSamePage = true")
    stop = threading.Event()
    worker = threading.Thread(target=run_worker, args=(app,), kwargs={"stop": stop, "poll": 0.2}, daemon=True)
    worker.start()
    try:
        link = page.wait_for_selector("#job-progress a[download]", timeout=20_000)
    finally:
        stop.set()
        worker.join(timeout=30)
    assert page.evaluate("window.stillTheSamePage") is True  # redrawn by jobs.js, not reloaded
    assert page.locator("#job-cancel").count() == 0 and page.locator("#job-bar").get_attribute("value") == "100"
    with page.expect_download() as downloading:
        link.click()
    download = downloading.value
    saved = ARTIFACTS / f"job-{download.suggested_filename}"
    download.save_as(saved)
    workbook = load_workbook(io.BytesIO(saved.read_bytes()), read_only=True)
    references = sorted(row[0] for row in workbook.worksheets[0].iter_rows(min_row=2, values_only=True))
    assert references == [f"JB-{number}" for number in range(6)]
    assert violations == []
    context.close()
