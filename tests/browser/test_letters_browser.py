"""A reminder letter in Debian's chromium: prepared from the request's page, its blanks listed, downloaded, then
recorded as sent; the history shows the reminder and the letter is kept with it."""
from datetime import date

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from tests.browser.conftest import ARTIFACTS
from tests.browser.pages import csp_violations, log_in
from tests.factories import make_request, make_user
from tracker import labels
from tracker.domain.history import EventType
from tracker.domain.people import Language
from tracker.extensions import db
from tracker.formats import letters as letter_files
from tracker.models import Attachment, RequestEvent

pytestmark = pytest.mark.browser


def test_a_reminder_letter_is_downloaded_and_recorded_as_sent(browser, live_server):
    owner = make_user(language=Language.RU)
    item = make_request(owner, sent_on=date(2026, 6, 1))
    context = browser.new_context(locale="ru", accept_downloads=True)
    page = context.new_page()
    violations = csp_violations(page)
    log_in(page, live_server, owner)
    page.goto(f"{live_server}/requests/{item.id}")
    page.select_option("#letter-reminder-lang", "ru")
    with page.expect_navigation():
        page.locator("#letter-reminder").get_by_role("button").click()
    assert "[не указано: номер иностранного органа]" in page.locator("#letter-blanks").inner_text()
    with page.expect_download() as downloading:
        page.click("#download-docx")
    download = downloading.value
    assert download.suggested_filename == f"reminder-{item.reference}-ru.docx"
    saved = ARTIFACTS / download.suggested_filename
    download.save_as(saved)
    text = letter_files.document_text(saved.read_bytes())
    assert item.reference in text and "01.06.2026" in text
    page.fill("#sent_on", "2026-12-01")
    page.select_option("#channel", "email")
    with page.expect_navigation():
        page.locator("#reminder-sent").get_by_role("button").click()
    assert page.url.endswith(f"/requests/{item.id}")
    history = page.locator("#history-heading + .timeline").inner_text()
    with force_locale("ru"):
        assert str(labels.EVENT[EventType.REMINDER_SENT]) in history
    db.session.rollback()
    entry = db.session.scalar(sa.select(RequestEvent).where(RequestEvent.request_id == item.id,
                                                            RequestEvent.event == EventType.REMINDER_SENT))
    assert entry is not None and entry.effective_on == date(2026, 12, 1)
    attachment = db.session.scalar(sa.select(Attachment).where(Attachment.event_id == entry.id))
    assert attachment is not None and attachment.filename == download.suggested_filename
    assert violations == []
    context.close()
