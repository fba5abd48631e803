"""Documents kept in the content-addressed store: what is accepted by its content, how names are cleaned, removal
as a history entry, the purge after the retention period and the checksum check."""
import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from tracker.domain.attachments import DOCX, ODT, XLSX, RefusedFile, clean_filename, media_type_of
from tracker.domain.history import EventType
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.services import attachments
from tracker.services.attachment_store import AttachmentStore
from tracker.services.errors import FieldErrors, NotPermitted
from tests.factories import make_request, make_user

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def zipped(parts: dict[str, bytes]) -> bytes:
    """An archive of these parts, as Office and OpenDocument files are."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_BYTES = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
EXAMPLES = {
    "application/pdf": PDF,
    DOCX: DOCX_BYTES,
    XLSX: zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
    ODT: zipped({"mimetype": ODT.encode(), "content.xml": b"<office:document-content/>"}),
    "image/jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20,
    "image/png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
    "image/tiff": b"II*\x00" + b"\x00" * 20,
}


@pytest.mark.parametrize("media_type", sorted(EXAMPLES))
def test_each_kept_type_is_told_by_its_content(media_type):
    assert media_type_of(EXAMPLES[media_type]) == media_type


@pytest.mark.parametrize(("content", "code"), [
    (b"MZ\x90\x00\x03" + b"\x00" * 60, "file_type"),                       # a Windows executable
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 20, "file_type"),                   # a Linux executable
    (zipped({"payload.exe": b"MZ"}), "file_type"),                           # an archive that is no document
    (zipped({"[Content_Types].xml": b"", "word/document.xml": b"", "word/vbaProject.bin": b""}), "file_macros"),
    (b"PK\x03\x04 broken", "file_type"),
    (b"", "file_empty"),
])
def test_what_is_not_a_kept_document_is_refused_whatever_its_name(content, code):
    with pytest.raises(RefusedFile) as refused:
        media_type_of(content)
    assert refused.value.code == code


@pytest.mark.parametrize(("given", "media_type", "kept"), [
    ("../../etc/passwd", "application/pdf", "passwd.pdf"),
    ("C:\\Users\\me\\Отчёт.PDF", "application/pdf", "Отчёт.PDF"),
    (".htaccess", "image/png", "htaccess.png"),
    ("invoice.pdf.exe", "application/pdf", "invoice.pdf.exe.pdf"),
    ("a\x00b\r\n.docx", DOCX, "ab.docx"),
    ("", "image/tiff", "document.tif"),
    ("/", "image/jpeg", "document.jpg"),
])
def test_names_are_never_trusted(given, media_type, kept):
    assert clean_filename(given, media_type) == kept


def test_a_long_name_keeps_its_extension():
    assert clean_filename("я" * 400 + ".pdf", "application/pdf") == "я" * 196 + ".pdf"


@pytest.fixture
def store(tmp_path):
    return AttachmentStore(tmp_path / "documents")


def test_the_same_content_is_one_file_never_written_over(store):
    first = store.put(PDF)
    path = store.path_of(first)
    assert path.read_bytes() == PDF and store.put(PDF) == first
    assert [p.name for p in path.parent.iterdir()] == [first]  # no temporary file left behind
    assert store.check(first) is None


def test_a_document_is_kept_described_and_refused_documents_keep_nothing(store):
    owner = make_user(Role.PROSECUTOR)
    item = make_request(owner)
    kept = attachments.add_attachment(owner, item, filename="../reply.pdf", content=PDF, kind="reply",
                                      language="zh", note=" by fax ", now=NOW, store=store)
    assert (kept.filename, kept.media_type, kept.size, kept.language, kept.note) == (
        "reply.pdf", "application/pdf", len(PDF), "zh", "by fax")
    assert store.path_of(kept.sha256).read_bytes() == PDF
    for change, field in ((dict(content=b"MZ" + b"\x00" * 10), "file"), (dict(kind="letter"), "kind"),
                          (dict(language="xx"), "language"),
                          (dict(document_date=NOW.date() + timedelta(days=5)), "document_date"),
                          (dict(content=PDF * 100, max_bytes=len(PDF) * 10), "file")):
        arguments = dict(filename="x.pdf", content=PDF, kind="reply", now=NOW, store=store) | change
        with pytest.raises(FieldErrors) as refused:
            attachments.add_attachment(owner, item, **arguments)
        assert list(refused.value.errors) == [field]
    assert len(attachments.attachments_of(item)) == 1


def test_another_prosecutor_may_not_add_documents(store):
    item = make_request(make_user(Role.PROSECUTOR))
    with pytest.raises(NotPermitted):
        attachments.add_attachment(make_user(Role.PROSECUTOR), item, filename="a.pdf", content=PDF, kind="reply",
                                   now=NOW, store=store)


def test_removal_is_a_history_entry_by_a_supervisor_and_the_purge_waits_for_the_retention_period(store):
    owner, supervisor = make_user(Role.PROSECUTOR), make_user(Role.SUPERVISOR)
    item = make_request(owner)
    document = attachments.add_attachment(owner, item, filename="a.pdf", content=PDF, kind="reply", now=NOW,
                                          store=store)
    twin = attachments.add_attachment(owner, item, filename="copy.pdf", content=PDF, kind="other", now=NOW,
                                      store=store)
    with pytest.raises(NotPermitted):
        attachments.remove_attachment(owner, document, reason="wrong file", now=NOW)
    with pytest.raises(FieldErrors):
        attachments.remove_attachment(supervisor, document, reason=" ", now=NOW)
    entry = attachments.remove_attachment(supervisor, document, reason="wrong file", now=NOW)
    assert (entry.event, entry.note, document.removal_event_id) == (EventType.ATTACHMENT_REMOVED, "wrong file", entry.id)
    assert attachments.attachment_counts([item.id]) == {item.id: 1}

    assert attachments.purge_removed(now=NOW + timedelta(days=29), retention_days=30, store=store) == []
    assert attachments.purge_removed(now=NOW + timedelta(days=31), retention_days=30, store=store) == [document]
    assert store.exists(document.sha256), "the twin still needs the same file"
    attachments.remove_attachment(supervisor, twin, reason="duplicate", now=NOW)
    attachments.purge_removed(now=NOW + timedelta(days=31), retention_days=30, store=store)
    assert not store.exists(twin.sha256)
    db.session.rollback()


def test_the_check_finds_a_changed_and_a_missing_file(store):
    owner = make_user(Role.PROSECUTOR)
    item = make_request(owner)
    changed = attachments.add_attachment(owner, item, filename="a.pdf", content=PDF, kind="reply", now=NOW, store=store)
    missing = attachments.add_attachment(owner, item, filename="b.docx", content=DOCX_BYTES, kind="reply", now=NOW,
                                         store=store)
    assert attachments.check_store(store) == []
    path = store.path_of(changed.sha256)
    path.chmod(0o640)
    path.write_bytes(PDF + b"tampered")
    store.path_of(missing.sha256).unlink()
    found = {(attachment.id, problem.problem) for attachment, problem in attachments.check_store(store)}
    assert found == {(changed.id, "checksum"), (missing.id, "missing")}
