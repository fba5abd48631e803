"""`flask backup` and `flask attachments ...`: the documents backed up with a manifest, restored only from a backup
that checks out whole, checked against their checksums, and purged after the retention period."""
import hashlib
from datetime import timedelta

import pytest

from tests.factories import make_request, make_user
from tests.test_attachments_core import DOCX_BYTES, EXAMPLES, PDF
from tracker import clock
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.services import attachments as service
from tracker.services.attachment_store import AttachmentStore

PNG = EXAMPLES["image/png"]


@pytest.fixture
def store(app, tmp_path, monkeypatch):
    """An empty store of documents of this test's own."""
    monkeypatch.setitem(app.config, "ATTACHMENTS_PATH", str(tmp_path / "store"))
    return AttachmentStore(tmp_path / "store")


def _documents(store, *contents, removed_days_ago=None):
    """A request with a document of each content; withdrawn that many days ago when said."""
    owner, supervisor = make_user(), make_user(Role.SUPERVISOR)
    item = make_request(owner)
    kept = [service.add_attachment(owner, item, filename=f"document-{number}.bin", content=content, kind="reply",
                                   now=clock.now(), store=store) for number, content in enumerate(contents)]
    if removed_days_ago is not None:
        for document in kept:
            service.remove_attachment(supervisor, document, reason="ошибочно приложен",
                                      now=clock.now() - timedelta(days=removed_days_ago))
    db.session.commit()
    return item, kept


def _tamper(path, content=b"%PDF-1.7 changed"):
    path.chmod(0o640)
    path.write_bytes(content)


def _backup(runner, app, tmp_path):
    """`flask backup` on SQLite, else `flask attachments backup`; the documents' folder."""
    if db.engine.url.get_backend_name() == "sqlite":
        result = runner.invoke(args=["backup", str(tmp_path / "copy.db")])
        folder = tmp_path / "copy.db.attachments"
    else:
        folder = tmp_path / "documents-backup"
        result = runner.invoke(args=["attachments", "backup", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_the_backup_copies_every_document_with_a_manifest(runner, app, store, tmp_path):
    _item, kept = _documents(store, PDF, DOCX_BYTES, PDF)
    folder = _backup(runner, app, tmp_path)
    digests = sorted({document.sha256 for document in kept})
    manifest = (folder / "MANIFEST.sha256").read_text().splitlines()
    assert manifest == [f"{digest}  {digest[:2]}/{digest[2:4]}/{digest}" for digest in digests]
    for line in manifest:
        digest, path = line.split("  ")
        copy = folder / path
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == digest
        assert copy.stat().st_ino != store.path_of(digest).stat().st_ino, "a copy, not a link"
    again = runner.invoke(args=["attachments", "backup", str(folder)])
    assert again.exit_code != 0 and "exists" in again.output


def test_a_damaged_document_is_left_out_of_the_backup_and_named(runner, store, tmp_path):
    _item, (sound, damaged) = _documents(store, PDF, PNG)
    _tamper(store.path_of(damaged.sha256))
    result = runner.invoke(args=["attachments", "backup", str(tmp_path / "backup")])
    assert result.exit_code == 1 and damaged.sha256 in result.output
    assert (tmp_path / "backup" / "MANIFEST.sha256").read_text().split() == [
        sound.sha256, f"{sound.sha256[:2]}/{sound.sha256[2:4]}/{sound.sha256}"]


def test_a_good_backup_is_restored_into_an_emptied_store(runner, app, store, tmp_path, monkeypatch):
    _item, kept = _documents(store, PDF, DOCX_BYTES)
    folder = _backup(runner, app, tmp_path)
    monkeypatch.setitem(app.config, "ATTACHMENTS_PATH", str(tmp_path / "new-store"))
    assert runner.invoke(args=["attachments", "check"]).exit_code == 1  # the new store is empty
    result = runner.invoke(args=["attachments", "restore", str(folder)])
    assert result.exit_code == 0, result.output
    assert "every document the register knows is in place" in result.output
    restored = AttachmentStore(tmp_path / "new-store")
    assert [restored.path_of(document.sha256).read_bytes() for document in kept] == [PDF, DOCX_BYTES]
    checked = runner.invoke(args=["attachments", "check"])
    assert checked.exit_code == 0 and "every document matches" in checked.output


def test_a_tampered_backup_is_refused_whole_and_names_the_bad_file(runner, app, store, tmp_path, monkeypatch):
    _item, (first, second) = _documents(store, PDF, DOCX_BYTES)
    folder = _backup(runner, app, tmp_path)
    bad = f"{second.sha256[:2]}/{second.sha256[2:4]}/{second.sha256}"
    _tamper(folder / bad)
    monkeypatch.setitem(app.config, "ATTACHMENTS_PATH", str(tmp_path / "new-store"))
    result = runner.invoke(args=["attachments", "restore", str(folder)])
    assert result.exit_code == 1 and f"bad: {bad}: checksum" in result.output
    assert first.sha256 not in result.output and "nothing was restored" in result.output
    assert not (tmp_path / "new-store").exists() or not any((tmp_path / "new-store").rglob("*")), "nothing copied"


@pytest.mark.parametrize("change", ["manifest line", "unlisted file", "no manifest", "traversal"])
def test_a_backup_whose_manifest_does_not_match_is_refused(runner, app, store, tmp_path, monkeypatch, change):
    _item, (document,) = _documents(store, PDF)
    folder = _backup(runner, app, tmp_path)
    manifest = folder / "MANIFEST.sha256"
    if change == "manifest line":
        manifest.write_text(manifest.read_text().replace(document.sha256, "0" * 64, 1))
    elif change == "unlisted file":
        manifest.write_text("")
    elif change == "no manifest":
        manifest.unlink()
    else:
        manifest.write_text(f"{document.sha256}  ../../{document.sha256}\n")
    monkeypatch.setitem(app.config, "ATTACHMENTS_PATH", str(tmp_path / "new-store"))
    result = runner.invoke(args=["attachments", "restore", str(folder)])
    assert result.exit_code == 1 and "bad: " in result.output and "nothing was restored" in result.output
    assert not (tmp_path / "new-store").exists()


def test_the_restore_names_documents_the_backup_lacks_and_repairs_damaged_ones(runner, app, store, tmp_path):
    _item, (early,) = _documents(store, PDF)
    folder = tmp_path / "backup"
    assert runner.invoke(args=["attachments", "backup", str(folder)]).exit_code == 0
    _item, (late,) = _documents(store, PNG)  # kept after the backup was taken
    _tamper(store.path_of(early.sha256))
    store.remove(late.sha256)
    result = runner.invoke(args=["attachments", "restore", str(folder)])
    assert result.exit_code == 1, result.output
    assert "1 copied (1 replacing damaged ones)" in result.output
    assert f"{late.id}\t{late.request.reference}\tdocument-0.bin.png\tmissing" in result.output
    assert store.path_of(early.sha256).read_bytes() == PDF


def test_the_check_finds_a_changed_file(runner, store):
    item, (document, other) = _documents(store, PDF, DOCX_BYTES)
    assert runner.invoke(args=["attachments", "check"]).exit_code == 0
    _tamper(store.path_of(document.sha256))
    result = runner.invoke(args=["attachments", "check"])
    assert result.exit_code == 1
    assert f"{document.id}\t{item.reference}\tdocument-0.bin.pdf\tchecksum" in result.output
    assert other.filename not in result.output


def test_the_purge_respects_the_retention_period_and_is_an_administrators(runner, app, store, monkeypatch):
    monkeypatch.setitem(app.config, "ATTACHMENT_RETENTION_DAYS", 30)
    _item, (old,) = _documents(store, PDF, removed_days_ago=31)
    _item, (recent,) = _documents(store, PNG, removed_days_ago=29)
    _item, (kept,) = _documents(store, DOCX_BYTES)
    prosecutor = make_user()
    refused = runner.invoke(args=["attachments", "purge", "--as", prosecutor.email])
    assert refused.exit_code != 0 and "administrator" in refused.output
    assert runner.invoke(args=["attachments", "purge"]).exit_code != 0, "no administrator yet"
    admin = make_user(Role.ADMIN)
    result = runner.invoke(args=["attachments", "purge", "--as", admin.email])
    assert result.exit_code == 0, result.output
    assert f"purged {old.id}\t" in result.output and f"purged {recent.id}\t" not in result.output
    assert not store.exists(old.sha256) and store.exists(recent.sha256) and store.exists(kept.sha256)
    db.session.rollback()
    assert db.session.get(type(old), old.id).purged_at is not None
    assert runner.invoke(args=["attachments", "check"]).exit_code == 0, "a purged document is no longer checked"
