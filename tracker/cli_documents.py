"""`flask attachments ...`: the documents kept beside the register checked against their SHA-256, purged after the
retention period, backed up file by file with a manifest, and restored only from a backup that checks out whole."""
import hashlib
import os
import re
import sys
import tempfile
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from tracker import clock
from tracker.domain.people import Role
from tracker.extensions import db
from tracker.models import User
from tracker.services import attachments as service
from tracker.services.attachment_store import AttachmentStore, current_store
from tracker.services.users import find_user

attachments_cli = AppGroup("attachments", help="Documents of requests kept beside the register: check them, purge "
                                               "withdrawn ones, back them up and restore them.")
# The list of a backup's files in sha256sum's format ("DIGEST  PATH"), so that `sha256sum -c` checks it too.
MANIFEST = "MANIFEST.sha256"
DIGEST = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1024 * 1024


def file_digest(path: Path) -> str:
    """The SHA-256 of a file, read a chunk at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def relative_path(digest: str) -> str:
    """Where a document lives inside a store or a backup, as the store lays it out (ab/cd/abcd…)."""
    return f"{digest[:2]}/{digest[2:4]}/{digest}"


def stored_digests(root: Path) -> list[str]:
    """The digests of the files laid out as documents under `root`; temporary files of uploads under way are not."""
    if not root.is_dir():
        return []
    return sorted(path.name for path in root.glob("??/??/*")
                  if DIGEST.match(path.name) and path.is_file() and path.relative_to(root).as_posix() ==
                  relative_path(path.name))


def back_up_documents(store: AttachmentStore, target: Path) -> list[str]:
    """Copies every document of `store` into the new folder `target`, file by file (a hard link would share the
    damage of the original), with MANIFEST.sha256; returns the digests of files whose content no longer matches
    their name, which are named and left out rather than copied as if they were sound."""
    target.mkdir(parents=True)
    damaged, lines = [], []
    for digest in stored_digests(store.root):
        copy = target / relative_path(digest)
        copy.parent.mkdir(parents=True, exist_ok=True)
        if _copy_and_hash(store.path_of(digest), copy) != digest:
            copy.unlink()
            damaged.append(digest)
            continue
        lines.append(f"{digest}  {relative_path(digest)}\n")
    _write_durably(target / MANIFEST, "".join(lines).encode())
    return damaged


def _copy_and_hash(source: Path, target: Path) -> str:
    """Copies a file, flushed to disk, and returns the SHA-256 of what was read."""
    digest = hashlib.sha256()
    with open(source, "rb") as reader, open(target, "wb") as writer:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
            writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return digest.hexdigest()


def _write_durably(path: Path, content: bytes) -> None:
    """Writes a small file through a temporary name, so that a crash leaves the old one or the new one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    with os.fdopen(handle, "wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


def backup_problems(source: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The digests a backup folder holds, checked whole before anything is copied: each file's SHA-256 against its
    name and the manifest, the manifest's paths against the layout (no path leads outside the folder), and no file
    the manifest does not list. Returns the digests and the problems as (path, what is wrong)."""
    manifest = source / MANIFEST
    if not manifest.is_file():
        return [], [(str(manifest), "no manifest")]
    listed, problems = {}, []
    for number, line in enumerate(manifest.read_text("utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        digest, _sep, path = line.partition(" ")
        path = path.lstrip(" *")  # sha256sum writes "  " (text mode) or " *" (binary mode)
        if not DIGEST.match(digest) or path != relative_path(digest):
            problems.append((f"{MANIFEST}:{number}", "not a line of the manifest"))
            continue
        listed[digest] = path
    for digest, path in sorted(listed.items()):
        found = source / path
        if not found.is_file():
            problems.append((path, "missing"))
        elif file_digest(found) != digest:
            problems.append((path, "checksum"))
    for digest in stored_digests(source):
        if digest not in listed:
            problems.append((relative_path(digest), "not in the manifest"))
    return sorted(listed), problems


def restore_documents(source: Path, store: AttachmentStore) -> tuple[int, int]:
    """Puts the (checked) documents of a backup into the store: a file already there whole stays; one whose content
    no longer matches its name is replaced by the backup's sound copy. Returns (copied, repaired)."""
    copied = repaired = 0
    for digest in stored_digests(source):
        problem = store.check(digest)
        if problem is None:
            continue
        if problem.problem == "checksum":
            store.remove(digest)
            repaired += 1
        content = (source / relative_path(digest)).read_bytes()
        if hashlib.sha256(content).hexdigest() != digest:  # changed since the check: stop rather than keep it
            raise click.ClickException(f"{relative_path(digest)} changed while it was being restored")
        store.put(content)
        copied += 1
    return copied, repaired


def _report_store_problems(problems) -> None:
    for attachment, problem in problems:
        click.echo(f"{attachment.id}\t{attachment.request.reference}\t{attachment.filename}\t{problem.problem}")


@attachments_cli.command("check")
def check_command():
    """Checks every kept document's file against its SHA-256: prints each one missing or changed (id, request,
    file name, problem) and exits with status 1 when there is any."""
    problems = service.check_store()
    _report_store_problems(problems)
    if problems:
        click.echo(f"{len(problems)} document(s) missing or changed; restore them from a backup "
                   "(flask attachments restore)")
        sys.exit(1)
    click.echo("every document matches its checksum")


@attachments_cli.command("purge")
@click.option("--as", "admin_email", default=None,
              help="Email of the administrator purging; default: the first active administrator.")
def purge_command(admin_email):
    """Deletes for good the files of documents withdrawn more than ATTACHMENT_RETENTION_DAYS ago; the register keeps
    their rows, marked purged, so a request's history still names them."""
    admin = find_user(admin_email) if admin_email else db.session.scalar(
        sa.select(User).where(User.role == Role.ADMIN, User.active).order_by(User.id))
    if admin is None or not admin.active or admin.role != Role.ADMIN:
        raise click.UsageError("the purge is an administrator's: give an active administrator (--as EMAIL)")
    days = current_app.config["ATTACHMENT_RETENTION_DAYS"]
    purged = service.purge_removed(now=clock.now(), retention_days=days)
    for attachment in purged:
        click.echo(f"purged {attachment.id}\t{attachment.request.reference}\t{attachment.filename}\t"
                   f"withdrawn {attachment.removed_at:%Y-%m-%d}")
    db.session.commit()
    click.echo(f"{len(purged)} document(s) withdrawn more than {days} days ago purged by {admin.email}")


@attachments_cli.command("backup")
@click.argument("target", type=click.Path(file_okay=False))
def backup_command(target):
    """Copies the documents into the new folder TARGET with MANIFEST.sha256 (`flask backup` copies the database and
    the documents together)."""
    target = Path(target)
    if target.exists():
        raise click.UsageError(f"{target} exists; choose a new folder")
    report_document_backup(back_up_documents(current_store(), target), target)


def report_document_backup(damaged: list[str], target: Path) -> None:
    """Says where the documents went, and exits 1 naming each file left out because it was damaged."""
    copied = len(stored_digests(target))
    click.echo(f"{copied} document file(s) copied to {target} (checksums in {MANIFEST})")
    if damaged:
        for digest in damaged:
            click.echo(f"not copied, its content no longer matches its checksum: {relative_path(digest)}")
        click.echo("run `flask attachments check` to see which documents they are, and restore them")
        sys.exit(1)


@attachments_cli.command("restore")
@click.argument("source", type=click.Path(exists=True, file_okay=False))
def restore_command(source):
    """Puts the documents of the backup folder SOURCE (written by `flask backup` as DEST.attachments, or by
    `flask attachments backup`) into the configured store.

    Restore the database first, then the documents: this command ends by checking every document the restored
    database knows, and names those the backup lacked. Every file of the backup is checked against its name and
    MANIFEST.sha256 before anything is copied; on any mismatch it names each bad file, copies nothing and exits
    with status 1.
    """
    digests, problems = backup_problems(Path(source))
    if problems:
        for path, problem in problems:
            click.echo(f"bad: {path}: {problem}")
        click.echo("nothing was restored")
        sys.exit(1)
    store = current_store()
    copied, repaired = restore_documents(Path(source), store)
    click.echo(f"{len(digests)} document file(s) in the backup: {copied} copied ({repaired} replacing damaged "
               f"ones), the others already in {store.root}")
    remaining = service.check_store(store)
    if remaining:
        click.echo("documents the register knows but neither the store nor the backup holds whole:")
        _report_store_problems(remaining)
        sys.exit(1)
    click.echo("every document the register knows is in place")
