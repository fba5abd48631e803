"""Letters on the pages: offered on the request's page, the blanks listed before download, the reminder recorded
with its letter, need-to-know and the administrator, the statistics reply, and the administrators' templates."""
import io
from datetime import date

import pytest
import sqlalchemy as sa
from docx import Document

from tests.factories import make_request, make_user
from tracker.domain.history import EventType
from tracker.domain.people import Role
from tracker.domain.statuses import Kind, Status
from tracker.extensions import db
from tracker.formats import letters as letter_files
from tracker.models import Attachment, AuditEntry, PersonalDataRead, RequestEvent
from tracker.services.units import create_unit

DOCX = letter_files.DOCX_TYPE


def text(response) -> str:
    return letter_files.document_text(response.data)


def test_the_request_page_offers_the_letters_of_the_request_as_it_stands(client, auth):
    owner = make_user()
    draft = make_request(owner, sent_on=None)
    sent = make_request(owner, sent_on=date(2026, 6, 1))
    auth.login(owner)
    page = client.get(f"/requests/{draft.id}").get_data(as_text=True)
    assert f"/requests/{draft.id}/letters/request" in page and "/letters/reminder" not in page
    page = client.get(f"/requests/{sent.id}").get_data(as_text=True)
    assert f"/requests/{sent.id}/letters/reminder" in page and "/letters/supplement_cover" not in page


def test_the_blanks_are_listed_before_download_and_the_file_is_the_letter(client, auth):
    owner = make_user()
    item = make_request(owner, Kind.EXTRADITION, sent_on=None, summary="")
    auth.login(owner)
    page = client.get(f"/requests/{item.id}/letters/request?lang=kk")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "[көрсетілмеген: істің мән-жайы]" in body and "[көрсетілмеген: сұралатын әрекеттер]" in body
    download = client.get(f"/requests/{item.id}/letters/request/file?lang=kk")
    assert download.status_code == 200 and download.mimetype == DOCX
    assert "attachment" in download.headers["Content-Disposition"]
    assert "Ахметов Ерлан" in text(download) and "[көрсетілмеген: істің мән-жайы]" in text(download)
    db.session.rollback()  # a fresh read of what the server wrote
    reads = db.session.scalars(sa.select(PersonalDataRead).where(PersonalDataRead.request_id == item.id)).all()
    assert any(read.channel == "export" for read in reads)


def test_unknown_letters_and_letters_not_offered_are_not_found(client, auth):
    owner = make_user()
    item = make_request(owner, sent_on=None)
    auth.login(owner)
    assert client.get(f"/requests/{item.id}/letters/love-letter").status_code == 404
    assert client.get(f"/requests/{item.id}/letters/reminder").status_code == 404
    assert client.get(f"/requests/{item.id}/letters/request/file?format=exe").status_code == 404


def test_another_units_prosecutor_gets_404_and_the_administrator_403(client, auth):
    owner = make_user()
    item = make_request(owner, Kind.EXTRADITION)
    admin = make_user(Role.ADMIN)
    unit = create_unit("Отдел экстрадиции")
    db.session.commit()
    stranger = make_user()
    stranger.unit_id = unit.id
    db.session.commit()
    auth.login(stranger)
    assert client.get(f"/requests/{item.id}/letters/request").status_code == 404
    assert client.get(f"/requests/{item.id}/letters/request/file").status_code == 404
    auth.logout()
    auth.login(admin)
    assert "/letters/request" not in client.get(f"/requests/{item.id}").get_data(as_text=True)
    assert client.get(f"/requests/{item.id}/letters/request").status_code == 403
    assert client.get(f"/requests/{item.id}/letters/reminder/file").status_code == 403


def test_recording_the_reminder_as_sent_attaches_the_letter_to_the_history_entry(client, auth):
    owner = make_user()
    item = make_request(owner, sent_on=date(2026, 6, 1))
    auth.login(owner)
    page = client.get(f"/requests/{item.id}/letters/reminder?lang=ru").get_data(as_text=True)
    assert "reminder-sent" in page
    refused = client.post(f"/requests/{item.id}/letters/reminder/sent?lang=ru",
                          data={"sent_on": "2026-05-01", "channel": "letter", "note": "курьером",
                                "version": item.version})
    assert refused.status_code == 422
    assert "курьером" in refused.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Attachment)) == 0
    done = client.post(f"/requests/{item.id}/letters/reminder/sent?lang=ru",
                       data={"sent_on": "2026-12-01", "channel": "letter", "note": "курьером",
                             "version": item.version})
    assert done.status_code == 302
    db.session.rollback()
    entry = db.session.scalar(sa.select(RequestEvent).where(RequestEvent.request_id == item.id,
                                                            RequestEvent.event == EventType.REMINDER_SENT))
    attachment = db.session.scalar(sa.select(Attachment).where(Attachment.event_id == entry.id))
    assert attachment.filename == f"reminder-{item.reference}-ru.docx" and attachment.language == "ru"


def test_the_statistics_reply_follows_the_pages_filters_and_language(client, auth):
    owner = make_user()
    make_request(owner, sent_on=date(2025, 2, 1), statuses=[(Status.EXECUTED, date(2025, 5, 1))])
    supervisor = make_user(Role.SUPERVISOR)
    auth.login(supervisor)
    page = client.get("/reports/statistics?start=2025-01-01&end=2025-12-31&as_of=2025-12-31").get_data(as_text=True)
    assert "/reports/statistics/letter?lang=kk" in page.replace("&amp;", "&")
    letter = client.get("/reports/statistics/letter?lang=ru&start=2025-01-01&end=2025-12-31&as_of=2025-12-31")
    assert letter.status_code == 200 and letter.mimetype == DOCX
    assert "В 2025 году" in text(letter)
    assert client.get("/reports/statistics/letter?start=2025-13-01").status_code == 400
    auth.logout()
    auth.login(owner)
    assert client.get("/reports/statistics/letter").status_code == 403


def template(*texts) -> bytes:
    document = Document()
    for line in texts:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_administrator_replaces_a_template_and_goes_back_to_the_built_in_one(app, client, auth, tmp_path,
                                                                                monkeypatch):
    monkeypatch.setitem(app.config, "LETTER_TEMPLATES_PATH", str(tmp_path))
    admin = make_user(Role.ADMIN)
    auth.login(admin)
    assert "/admin/letters/reminder/kk.docx" in client.get("/admin/letters").get_data(as_text=True)
    built_in = client.get("/admin/letters/reminder/kk.docx")
    assert built_in.mimetype == DOCX and "{{ awaited }}" in text(built_in)
    broken = client.post("/admin/letters/reminder/kk", data={"file": (io.BytesIO(template("{{ awaited }")), "r.docx")},
                         content_type="multipart/form-data")
    assert broken.status_code == 422 and "template-refused" in broken.get_data(as_text=True)
    assert not (tmp_path / "reminder.kk.docx").exists()
    good = template("Еске салу: {{ reference }}, {{ awaited }}")
    done = client.post("/admin/letters/reminder/kk", data={"file": (io.BytesIO(good), "r.docx")},
                       content_type="multipart/form-data")
    assert done.status_code == 302 and (tmp_path / "reminder.kk.docx").read_bytes() == good
    assert client.get("/admin/letters/reminder/kk.docx").data == good
    assert client.post("/admin/letters/reminder/kk/default").status_code == 302
    assert not (tmp_path / "reminder.kk.docx").exists()
    db.session.rollback()
    logged = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.entity == "letter_templates")).all()
    assert [(entry.entity_id, entry.action) for entry in logged] == [("reminder.kk", "update"), ("reminder.kk", "delete")]
    assert client.get("/admin/letters/love/kk.docx").status_code == 404


def test_only_administrators_manage_templates(client, auth):
    auth.login(make_user(Role.SUPERVISOR))
    assert client.get("/admin/letters").status_code == 403
    assert client.post("/admin/letters/reminder/kk/default").status_code == 403


def test_pdf_is_offered_only_with_libreoffice(app, client, auth, monkeypatch):
    owner = make_user()
    item = make_request(owner)
    auth.login(owner)
    monkeypatch.setitem(app.config, "SOFFICE", "/nonexistent/soffice")
    monkeypatch.setenv("PATH", "/nonexistent")
    assert "download-pdf" not in client.get(f"/requests/{item.id}/letters/request").get_data(as_text=True)
    assert client.get(f"/requests/{item.id}/letters/request/file?format=pdf").status_code == 404


def test_a_letter_converts_to_pdf_through_libreoffice(app, client, auth):
    with app.app_context():
        if letter_files.soffice() is None:
            pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui): PDF is not offered")
    owner = make_user()
    item = make_request(owner)
    auth.login(owner)
    assert "download-pdf" in client.get(f"/requests/{item.id}/letters/request").get_data(as_text=True)
    answer = client.get(f"/requests/{item.id}/letters/request/file?format=pdf&lang=ru")
    assert answer.status_code == 200 and answer.mimetype == letter_files.PDF_TYPE
    assert answer.data.startswith(b"%PDF")
