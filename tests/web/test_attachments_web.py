"""Documents on the request's page: several uploaded at once, refusals shown beside the field with the description
kept, downloads only to whoever may see the request and its personal data (each one logged), names masked for the
administrator, and removal by a supervisor as an entry of the history with the file kept on disk."""
import io
from datetime import date

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext

from tests.factories import make_request, make_user, working_day
from tests.test_attachments_core import EXAMPLES, PDF
from tests.web.test_request_page import Page
from tracker import clock
from tracker.domain.access import MASK
from tracker.domain.attachments import EXTENSIONS
from tracker.domain.history import EventType
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.labels import error_message
from tracker.models import Attachment, PersonalDataRead, RequestEvent, Unit
from tracker.services.attachment_store import AttachmentStore
from tracker.services.attachments import add_attachment

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 54  # a Windows program, named report.pdf below


@pytest.fixture
def store(app, tmp_path, monkeypatch):
    """An empty store of documents of the test's own."""
    monkeypatch.setitem(app.config, "ATTACHMENTS_PATH", str(tmp_path / "store"))
    return AttachmentStore(tmp_path / "store")


@pytest.fixture
def owner():
    return make_user(Role.PROSECUTOR, email="owner@prokuror.example")


@pytest.fixture
def item(owner):
    return make_request(owner, reference="ДОК-1")


def upload(client, item, files, **fields):
    """Posts the upload form of the request's page with these (name, content) files."""
    data = {"kind": "reply", "language": "", "document_date": "", "event": "", "note": ""} | fields
    data["file"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post(f"/requests/{item.id}/attachments", data=data, content_type="multipart/form-data")


def kept(item):
    db.session.rollback()
    return list(db.session.scalars(sa.select(Attachment).where(Attachment.request_id == item.id)
                                   .order_by(Attachment.id)))


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_every_kept_type_is_uploaded_at_once_and_listed(client, auth, store, owner, item):
    auth.login(owner)
    files = [(f"document{index}{EXTENSIONS[media_type][0]}", content)
             for index, (media_type, content) in enumerate(sorted(EXAMPLES.items()))]
    answer = upload(client, item, files, kind="executed_materials", language="zh", document_date="2026-11-02",
                    note="По линии Интерпола")
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/requests/{item.id}#documents")
    documents = kept(item)
    assert sorted(d.media_type for d in documents) == sorted(EXAMPLES)
    assert {(d.kind.value, d.language, d.document_date, d.note, d.uploaded_by_id) for d in documents} == {
        ("executed_materials", "zh", date(2026, 11, 2), "По линии Интерпола", owner.id)}
    assert all(store.path_of(d.sha256).read_bytes() == EXAMPLES[d.media_type] for d in documents)
    page = client.get(f"/requests/{item.id}").get_data(as_text=True)
    assert f"{len(EXAMPLES)} documents added." in page
    listed = page[page.index('id="documents"'):page.index('id="upload-action"')]
    for document in documents:
        assert f'href="/attachments/{document.id}" download>{document.filename}</a>' in listed
    assert listed.count("Executed materials") == len(EXAMPLES)
    assert listed.count("Chinese · dated 02.11.2026 · ") == len(EXAMPLES)


def test_a_document_of_a_history_entry_is_listed_under_that_entry(client, auth, store, owner, item):
    auth.login(owner)
    entry = db.session.scalar(sa.select(RequestEvent).where(RequestEvent.request_id == item.id))
    assert upload(client, item, [("reply.pdf", PDF)], event=str(entry.id)).status_code == 302
    [document] = kept(item)
    assert document.event_id == entry.id
    html = client.get(f"/requests/{item.id}").get_data(as_text=True)
    history = html[html.index('id="history-heading"'):]
    assert f'href="/attachments/{document.id}"' in history and "reply.pdf" in history


@pytest.mark.parametrize(("files", "field_error"), [
    ([("report.pdf", EXECUTABLE)], "“report.pdf”: The register keeps PDF, DOCX"),
    ([("good.pdf", PDF), ("report.pdf", EXECUTABLE)], "“report.pdf”: The register keeps PDF, DOCX"),
    ([], "Choose at least one file."),
])
def test_a_refused_upload_keeps_nothing_and_shows_the_description_again(client, auth, store, owner, item, files,
                                                                         field_error):
    auth.login(owner)
    answer = upload(client, item, files, kind="note_verbale", language="tr", note="Нота МИД")
    assert answer.status_code == 422
    page = Page(answer.get_data(as_text=True))
    assert page.errors["document-file"][0].startswith(field_error)
    assert "#document-file" in [href for href, _text in page.summary]
    assert (page.values["document-kind"], page.values["document-language"], page.values["document-note"]) == (
        "note_verbale", "tr", "Нота МИД")
    assert "upload-action" in page.open and "choose the files again" in answer.get_data(as_text=True)
    assert kept(item) == [] and stored_files(store.root) == []


def test_a_file_over_the_limit_of_a_document_is_refused(app, client, auth, store, owner, item, monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", len(PDF) + 10)
    auth.login(owner)
    answer = upload(client, item, [("small.pdf", PDF), ("big.pdf", PDF + b"\x00" * 100)])
    assert answer.status_code == 422
    assert Page(answer.get_data(as_text=True)).errors["document-file"] == [
        "“big.pdf”: The file is larger than the register accepts for one document."]
    assert kept(item) == [] and stored_files(store.root) == []


def test_a_body_over_the_uploads_limit_gets_the_page_saying_so(app, client, auth, store, owner, item, monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_UPLOAD_MAX_BYTES", 4096)
    auth.login(owner)
    answer = upload(client, item, [("a.pdf", PDF + b"\x00" * 3000), ("b.pdf", PDF + b"\x01" * 3000)])
    assert answer.status_code == 413
    page = Page(answer.get_data(as_text=True))
    assert page.errors["document-file"][0].startswith("The files sent together are larger than 4 KB")
    assert "upload-action" in page.open and kept(item) == []


def test_the_upload_may_be_larger_than_other_forms(app, client, auth, store, owner, item, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 4096)
    auth.login(owner)
    assert upload(client, item, [("a.pdf", PDF + b"\x00" * 6000)]).status_code == 302
    assert client.post(f"/requests/{item.id}/status", data={"note": "x" * 6000}).status_code == 413


def test_a_path_in_the_name_is_dropped_and_nothing_is_written_outside_the_store(client, auth, store, owner, item,
                                                                                 tmp_path):
    auth.login(owner)
    assert upload(client, item, [("../../outside/evil.pdf", PDF)]).status_code == 302
    [document] = kept(item)
    assert document.filename == "evil.pdf"
    assert stored_files(tmp_path) == [store.path_of(document.sha256)]
    download = client.get(f"/attachments/{document.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"] == "attachment; filename=\"evil.pdf\"; filename*=UTF-8''evil.pdf"


def test_the_download_is_strict_and_logged_each_time(client, auth, store, owner, item):
    auth.login(owner)
    upload(client, item, [("Ответ МВД.pdf", PDF)])
    [document] = kept(item)
    before = db.session.scalar(sa.select(sa.func.count()).select_from(PersonalDataRead))
    for _ in range(2):
        answer = client.get(f"/attachments/{document.id}")
        assert answer.status_code == 200 and answer.data == PDF
    assert answer.mimetype == "application/pdf"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Content-Security-Policy"].startswith("sandbox")
    assert "no-store" in answer.headers["Cache-Control"]
    assert "filename*=UTF-8''%D0%9E%D1%82%D0%B2%D0%B5%D1%82%20%D0%9C%D0%92%D0%94.pdf" in \
        answer.headers["Content-Disposition"]
    db.session.rollback()
    reads = list(db.session.scalars(sa.select(PersonalDataRead).order_by(PersonalDataRead.id)))[before:]
    assert [(r.channel, r.request_id, r.path, r.user_id) for r in reads] == [
        ("document", item.id, f"/attachments/{document.id}", owner.id)] * 2


@pytest.fixture
def office(owner, item, store):
    """The owner's request with a document; another unit's prosecutor, the owner's supervisor, the administrator."""
    other_unit = Unit(name="Другой отдел")
    db.session.add(other_unit)
    db.session.commit()
    stranger = make_user(Role.PROSECUTOR, email="stranger@prokuror.example")
    stranger.unit = other_unit
    db.session.commit()
    document = add_attachment(owner, item, filename="Паспорт Искомова.pdf", content=PDF, kind="reply",
                              now=clock.now())
    db.session.commit()
    return {"stranger": stranger, "supervisor": make_user(Role.SUPERVISOR, email="chief@prokuror.example"),
            "admin": make_user(Role.ADMIN, email="admin@prokuror.example"), "document": document}


def test_another_units_prosecutor_sees_neither_the_page_nor_the_file(client, auth, office, item):
    auth.login(office["stranger"])
    assert client.get(f"/requests/{item.id}").status_code == 404
    assert client.get(f"/attachments/{office['document'].id}").status_code == 404
    assert upload(client, item, [("x.pdf", PDF)]).status_code == 404
    assert client.post(f"/attachments/{office['document'].id}/remove",
                       data={f"remove-{office['document'].id}-reason": "x"}).status_code == 404
    assert len(kept(item)) == 1


def test_the_administrator_sees_the_list_masked_and_cannot_download(client, auth, office, item):
    auth.login(office["admin"])
    html = client.get(f"/requests/{item.id}").get_data(as_text=True)
    section = html[html.index('id="documents"'):html.index('id="history-heading"')]
    assert "Паспорт" not in html and MASK in section and "Reply" in section
    assert "/attachments/" not in html and 'id="upload-action"' not in html
    assert client.get(f"/attachments/{office['document'].id}").status_code == 403
    assert upload(client, item, [("x.pdf", PDF)]).status_code == 403


def test_only_a_supervisor_removes_with_a_reason_and_the_file_stays(client, auth, office, owner, item, store):
    document = office["document"]
    auth.login(owner)
    assert "Remove…" not in client.get(f"/requests/{item.id}").get_data(as_text=True)
    assert client.post(f"/attachments/{document.id}/remove",
                       data={f"remove-{document.id}-reason": "Ошибочно"}).status_code == 403
    auth.logout()
    auth.login(office["supervisor"])
    refused = client.post(f"/attachments/{document.id}/remove", data={f"remove-{document.id}-reason": "  "})
    assert refused.status_code == 422
    assert f"remove-{document.id}-reason" in Page(refused.get_data(as_text=True)).errors
    removed = client.post(f"/attachments/{document.id}/remove",
                          data={f"remove-{document.id}-reason": "Загружен не тот файл"})
    assert removed.status_code == 302 and removed.headers["Location"].endswith("#documents")
    [row] = kept(item)
    entry = db.session.get(RequestEvent, row.removal_event_id)
    assert (entry.event, entry.note, entry.author_id) == (EventType.ATTACHMENT_REMOVED, "Загружен не тот файл",
                                                          office["supervisor"].id)
    assert store.path_of(row.sha256).read_bytes() == PDF  # kept until an administrator purges it
    assert client.get(f"/attachments/{document.id}").status_code == 410
    html = client.get(f"/requests/{item.id}").get_data(as_text=True)
    assert f'href="/attachments/{document.id}"' not in html
    assert "Паспорт Искомова.pdf</del>" in html and "Загружен не тот файл" in html
    history = html[html.index('id="history-heading"'):]
    assert "Document removed" in history and "Document: <del>Паспорт Искомова.pdf</del>" in history
    again = client.post(f"/attachments/{document.id}/remove", data={f"remove-{document.id}-reason": "x"})
    assert again.status_code == 302
    assert "This document has already been removed." in client.get(again.headers["Location"]).get_data(as_text=True)
    assert len(db.session.scalars(sa.select(RequestEvent).where(
        RequestEvent.event == EventType.ATTACHMENT_REMOVED)).all()) == 1
    auth.logout()
    auth.login(office["admin"])
    history = client.get(f"/requests/{item.id}").get_data(as_text=True)
    assert "Паспорт" not in history and f"Document: <del>{MASK}</del>" in history


def _in(language, message, **values):
    """A message as the page shows it in `language`; the English text means it is not translated."""
    with force_locale(language):
        translated = gettext(message, **values)
    assert translated != message % values, f"not translated into {language}: {message}"
    return translated


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_section_speaks_the_users_language(client, auth, store, language):
    owner = make_user(Role.PROSECUTOR, language=Language(language))
    item = make_request(owner, Kind.EXTRADITION, sent_on=working_day(date(2026, 9, 1)))
    auth.login(owner)
    done = client.get(upload(client, item, [("ответ.pdf", PDF + b"\x00" * 4000)]).headers["Location"])
    html = done.get_data(as_text=True)
    assert _in(language, "%(num)d document added.", num=1) in html
    assert _in(language, "Documents") in html and _in(language, "%(size)s KB", size="4") in html
    answer = upload(client, item, [("report.exe", EXECUTABLE)], kind="")
    page = Page(answer.get_data(as_text=True))
    assert answer.status_code == 422 and page.errors["document-kind"]
    assert _in(language, "The browser does not keep chosen files after a refusal: choose the files again.") in \
        answer.get_data(as_text=True)
    refused = Page(upload(client, item, [("report.exe", EXECUTABLE)]).get_data(as_text=True))
    with force_locale(language):
        assert refused.errors["document-file"] == [
            _in(language, "“%(name)s”: %(problem)s", name="report.exe", problem=str(error_message("file_type")))]


def test_the_page_costs_the_same_with_one_document_and_ten(client, auth, store, owner, count_queries):
    one, ten = make_request(owner), make_request(owner)
    for item, count in ((one, 1), (ten, 10)):
        for number in range(count):
            add_attachment(owner, item, filename=f"{number}.pdf", content=PDF + bytes([number]), kind="reply",
                           event=item.events[0], now=clock.now())
    db.session.commit()
    pages = f"/requests/{one.id}", f"/requests/{ten.id}"  # read first: the test's own reads are not the page's
    auth.login(owner)

    def statements(url):
        with count_queries(cold=True) as counted:
            assert client.get(url).status_code == 200
        return len(counted)
    assert statements(pages[0]) == statements(pages[1])


def test_a_hostile_or_foreign_name_reaches_the_download_header_encoded():
    from tracker.web.downloads import attachment_disposition

    assert attachment_disposition('Ответ "x"\r\n<b>.pdf') == (
        "attachment; filename=\"_____ _x____b_.pdf\"; "
        "filename*=UTF-8''%D0%9E%D1%82%D0%B2%D0%B5%D1%82%20%22x%22%0D%0A%3Cb%3E.pdf")
