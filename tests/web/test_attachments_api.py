"""The API's documents: uploads checked by their content, the list, the download, and who may do which."""
import io
import json

import pytest
import sqlalchemy as sa

from tests.factories import make_request, make_unit, make_user
from tests.test_attachments_core import DOCX_BYTES, EXAMPLES, PDF
from tracker import clock
from tracker.domain.access import MASK
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import Attachment, PersonalDataRead, TokenScope
from tracker.services import attachments as service
from tracker.services.attachment_store import AttachmentStore
from tracker.services.users import issue_api_token

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100


@pytest.fixture
def store(app, tmp_path, monkeypatch):
    """An empty store of documents of this test's own."""
    monkeypatch.setitem(app.config, "ATTACHMENTS_PATH", str(tmp_path / "store"))
    return AttachmentStore(tmp_path / "store")


def _headers(user, scope=TokenScope.WRITE, language="en"):
    db.session.commit()
    token = issue_api_token(user, scope=scope)
    db.session.commit()
    return {"Authorization": f"Bearer {token}", "Accept-Language": language}


def _upload(client, item, headers, files, **fields):
    """POSTs `files` ([(name, bytes)]) with `fields` as multipart/form-data."""
    data = {name: str(value) for name, value in fields.items()}
    data["file"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post(f"/api/v1/requests/{item.id}/attachments", data=data, headers=headers,
                       content_type="multipart/form-data")


def _stored_files(root) -> list:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def _kept() -> int:
    """How many documents the register holds, as the app wrote them (the test's reading transaction ends first)."""
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count(Attachment.id)))


@pytest.mark.parametrize("media_type", sorted(EXAMPLES))
def test_each_kept_type_is_uploaded_described_and_served_back(client, store, media_type):
    owner = make_user()
    item = make_request(owner)
    headers = _headers(owner)
    content = EXAMPLES[media_type]
    added = _upload(client, item, headers, [("Ответ МВД.bin", content)], kind="reply", language="ru",
                    note="по факсу", document_date=clock.today_local().isoformat())
    assert added.status_code == 201, added.get_json()
    body = added.get_json()
    assert (body["kind"], body["media_type"], body["size"], body["language"], body["note"]) == (
        "reply", media_type, len(content), "ru", "по факсу")
    assert body["filename"].startswith("Ответ МВД.bin.") and body["uploaded_by"] == owner.email
    assert body["removed_at"] is None and body["event"] is None
    assert added.headers["Location"] == body["content"] == f"/api/v1/attachments/{body['id']}/content"
    assert store.path_of(body["sha256"]).read_bytes() == content

    downloaded = client.get(body["content"], headers=headers)
    assert downloaded.status_code == 200 and downloaded.data == content
    assert downloaded.headers["Content-Type"].split(";")[0] == media_type
    assert downloaded.headers["ETag"] == f'"{body["sha256"]}"'
    assert downloaded.headers["X-Content-Type-Options"] == "nosniff"
    assert downloaded.headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%D0%9E%D1%82%D0%B2%D0%B5%D1%82" in downloaded.headers["Content-Disposition"]


def test_several_files_are_kept_at_once_and_listed_oldest_first(client, store):
    owner = make_user()
    item = make_request(owner)
    headers = _headers(owner)
    added = _upload(client, item, headers, [("letter.pdf", PDF), ("translation.docx", DOCX_BYTES)],
                    kind="translation")
    assert added.status_code == 201, added.get_json()
    items = added.get_json()["items"]
    assert [one["filename"] for one in items] == ["letter.pdf", "translation.docx"]
    assert added.headers["Location"] == f"/api/v1/requests/{item.id}/attachments"
    listed = client.get(added.headers["Location"], headers=headers)
    assert listed.status_code == 200 and listed.get_json()["items"] == items


@pytest.mark.parametrize(("files", "field"), [
    ([("report.pdf", EXECUTABLE)], "file"),                                  # an executable named as a PDF
    ([("fine.pdf", PDF), ("setup.docx", EXECUTABLE)], "file"),                # one bad file refuses the others
    ([("empty.pdf", b"")], "file"),
    ([], "file"),
])
def test_a_refused_file_keeps_nothing_and_says_why(client, store, files, field):
    owner = make_user()
    item = make_request(owner)
    refused = _upload(client, item, _headers(owner, language="ru"), files, kind="reply")
    assert refused.status_code == 422, refused.get_json()
    assert refused.mimetype == "application/problem+json" and list(refused.get_json()["errors"]) == [field]
    assert refused.get_json()["errors"][field] and refused.headers["Content-Language"] == "ru"
    assert _stored_files(store.root) == [] and _kept() == 0


@pytest.mark.parametrize(("fields", "field"), [
    ({"kind": "letter"}, "kind"), ({}, "kind"), ({"kind": "reply", "language": "xx"}, "language"),
    ({"kind": "reply", "document_date": "2999-01-01"}, "document_date"),
    ({"kind": "reply", "document_date": "01.02.2026"}, "document_date"),
    ({"kind": "reply", "note": "x" * 5001}, "note"), ({"kind": "reply", "event": "99999"}, "event"),
    ({"kind": "reply", "owner": "x"}, "owner"),
])
def test_bad_fields_are_named(client, store, fields, field):
    owner = make_user()
    item = make_request(owner)
    refused = _upload(client, item, _headers(owner), [("a.pdf", PDF)], **fields)
    assert refused.status_code == 422 and field in refused.get_json()["errors"], refused.get_json()
    assert _stored_files(store.root) == []


def test_a_document_can_belong_to_an_entry_of_the_requests_history(client, store):
    owner = make_user()
    item = make_request(owner)
    headers = _headers(owner)
    entry = client.get(f"/api/v1/requests/{item.id}/history", headers=headers).get_json()["items"][0]["id"]
    added = _upload(client, item, headers, [("a.pdf", PDF)], kind="reply", event=entry)
    assert added.status_code == 201 and added.get_json()["event"] == entry
    db.session.commit()  # the test's reading transaction ends before it writes (SQLite)
    other = make_request(owner)
    wrong = _upload(client, other, headers, [("a.pdf", PDF)], kind="reply", event=entry)
    assert wrong.status_code == 422 and "event" in wrong.get_json()["errors"]


def test_an_oversized_file_or_upload_is_413_and_keeps_nothing(app, client, store, monkeypatch):
    owner = make_user()
    item = make_request(owner)
    headers = _headers(owner)
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 1000)
    large = PDF + b"\x00" * 1000
    one = _upload(client, item, headers, [("small.pdf", PDF), ("large.pdf", large)], kind="reply")
    assert one.status_code == 413 and "file" in one.get_json()["errors"]
    monkeypatch.setitem(app.config, "ATTACHMENT_MAX_BYTES", 10_000)
    monkeypatch.setitem(app.config, "ATTACHMENT_UPLOAD_MAX_BYTES", 5_000)
    whole = _upload(client, item, headers, [(f"{n}.pdf", large) for n in range(6)], kind="reply")
    assert whole.status_code == 413 and whole.get_json()["code"] == "too_large"
    assert _stored_files(store.root) == []
    assert _upload(client, item, headers, [("ok.pdf", large)], kind="reply").status_code == 201


def test_a_path_in_the_name_is_dropped_and_nothing_is_written_outside_the_store(client, store, tmp_path):
    owner = make_user()
    item = make_request(owner)
    added = _upload(client, item, _headers(owner), [("../../../evil/../../passwd.pdf", PDF)], kind="other")
    assert added.status_code == 201 and added.get_json()["filename"] == "passwd.pdf"
    digest = added.get_json()["sha256"]
    assert _stored_files(tmp_path) == [store.path_of(digest)]
    assert client.get(added.get_json()["content"], headers=_headers(owner)).headers["Content-Disposition"] == \
        "attachment; filename=\"passwd.pdf\"; filename*=UTF-8''passwd.pdf"


def test_json_instead_of_multipart_is_415(client, store):
    owner = make_user()
    item = make_request(owner)
    refused = client.post(f"/api/v1/requests/{item.id}/attachments", json={"kind": "reply"}, headers=_headers(owner))
    assert refused.status_code == 415 and refused.get_json()["code"] == "unsupported_media_type"


def test_a_retry_with_the_same_idempotency_key_keeps_one_document(client, store):
    owner = make_user()
    item = make_request(owner)
    headers = {**_headers(owner), "Idempotency-Key": "upload-1"}
    first = _upload(client, item, headers, [("a.pdf", PDF)], kind="reply")
    # A client draws a new multipart boundary for each attempt: the retry is still the same call.
    again = client.post(f"/api/v1/requests/{item.id}/attachments", headers=headers, content_type=(
        "multipart/form-data; boundary=another-boundary"), data=(
        b'--another-boundary\r\nContent-Disposition: form-data; name="kind"\r\n\r\nreply\r\n'
        b'--another-boundary\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n" + PDF + b"\r\n--another-boundary--\r\n"))
    assert first.status_code == again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    other = _upload(client, item, headers, [("a.pdf", PDF + b"%another")], kind="reply")
    assert other.status_code == 422 and "Idempotency-Key" in other.get_json()["errors"]
    assert _kept() == 1


def _office_with_a_document(store):
    """A prosecutor of the economic unit with a request and a kept document of it, another unit's prosecutor, the
    administrator and a supervisor."""
    owner, outsider = make_user(), make_user()
    make_unit("Экономические преступления", members=[owner])
    item = make_request(owner)
    document = service.add_attachment(owner, item, filename="Паспорт Ахметова.pdf", content=PDF, kind="other",
                                      note="копия паспорта", now=clock.now(), store=store)
    db.session.commit()
    return {"owner": owner, "outsider": outsider, "admin": make_user(Role.ADMIN), "item": item,
            "document": document, "supervisor": make_user(Role.CENTRAL)}


def test_another_units_prosecutor_finds_neither_the_request_nor_its_documents(client, store):
    office = _office_with_a_document(store)
    item, document = office["item"], office["document"]
    headers = _headers(office["outsider"])
    assert client.get(f"/api/v1/requests/{item.id}/attachments", headers=headers).status_code == 404
    assert client.get(f"/api/v1/attachments/{document.id}/content", headers=headers).status_code == 404
    assert _upload(client, item, headers, [("a.pdf", PDF)], kind="reply").status_code == 404
    assert client.get("/api/v1/attachments/999999/content", headers=headers).status_code == 404


def test_the_administrator_sees_documents_masked_and_downloads_none(client, store):
    office = _office_with_a_document(store)
    headers = _headers(office["admin"])
    listed = client.get(f"/api/v1/requests/{office['item'].id}/attachments", headers=headers)
    [shown] = listed.get_json()["items"]
    assert (shown["filename"], shown["note"], shown["content"]) == (MASK, MASK, None)
    assert "Ахметов" not in listed.get_data(as_text=True)
    refused = client.get(f"/api/v1/attachments/{office['document'].id}/content", headers=headers)
    assert refused.status_code == 403 and PDF not in refused.data
    assert _upload(client, office["item"], headers, [("a.pdf", PDF)], kind="reply").status_code == 403


def test_a_read_token_cannot_upload(client, store):
    owner = make_user()
    item = make_request(owner)
    refused = _upload(client, item, _headers(owner, TokenScope.READ), [("a.pdf", PDF)], kind="reply")
    assert refused.status_code == 403 and _stored_files(store.root) == []


def test_every_download_and_list_is_logged_as_a_read_of_the_request(client, store):
    office = _office_with_a_document(store)
    headers = _headers(office["supervisor"])
    item, document = office["item"], office["document"]
    url = f"/api/v1/attachments/{document.id}/content"
    for _ in range(2):
        assert client.get(url, headers=headers).status_code == 200
    assert client.get(f"/api/v1/requests/{item.id}/attachments", headers=headers).status_code == 200
    db.session.rollback()
    reads = db.session.execute(sa.select(PersonalDataRead.channel, PersonalDataRead.request_id, PersonalDataRead.path)
                               .where(PersonalDataRead.user_id == office["supervisor"].id)
                               .order_by(PersonalDataRead.id)).all()
    assert reads == [("api", item.id, url), ("api", item.id, url),
                     ("api", item.id, f"/api/v1/requests/{item.id}/attachments")]


def test_a_withdrawn_document_is_listed_but_no_longer_served(client, store):
    office = _office_with_a_document(store)
    document = db.session.merge(office["document"])
    service.remove_attachment(office["supervisor"], document, reason="не тот файл", now=clock.now())
    db.session.commit()
    headers = _headers(office["owner"])
    [shown] = client.get(f"/api/v1/requests/{office['item'].id}/attachments", headers=headers).get_json()["items"]
    assert shown["removed_at"] is not None and shown["content"] is None
    gone = client.get(f"/api/v1/attachments/{document.id}/content", headers=headers)
    assert gone.status_code == 404 and json.loads(gone.data)["code"] == "not_found"


def test_a_damaged_or_missing_file_is_not_served(client, store):
    office = _office_with_a_document(store)
    document, headers = office["document"], _headers(office["owner"])
    path = store.path_of(document.sha256)
    path.chmod(0o640)
    path.write_bytes(PDF.replace(b"1.7", b"1.4"))
    damaged = client.get(f"/api/v1/attachments/{document.id}/content", headers=headers)
    assert damaged.status_code == 404 and PDF[:8] not in damaged.data
    path.unlink()
    assert client.get(f"/api/v1/attachments/{document.id}/content", headers=headers).status_code == 404
