"""Where the content of documents lives: a folder outside the database, each file named by its SHA-256, written
once (to a temporary name, flushed to disk, then linked into place) and never overwritten."""
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoreProblem:
    """A stored document whose file is missing or whose content no longer has its recorded SHA-256."""

    sha256: str
    problem: str  # "missing" or "checksum"


class AttachmentStore:
    """Content-addressed files under `root`: `ab/cd/abcd…` for the SHA-256 `abcd…`."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def path_of(self, sha256: str) -> Path:
        """Where the file of this digest lives (whether or not it is there)."""
        if len(sha256) != 64 or any(ch not in "0123456789abcdef" for ch in sha256):
            raise ValueError("not a SHA-256 digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, content: bytes) -> str:
        """Keeps `content` and returns its SHA-256. The same content kept twice is one file; a file already there
        is never written over, so a document once stored cannot be changed through the register."""
        digest = hashlib.sha256(content).hexdigest()
        target = self.path_of(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, 0o440)
            try:
                os.link(temporary, target)  # fails rather than replaces when another upload got there first
            except FileExistsError:
                pass
        finally:
            os.unlink(temporary)
        return digest

    def open(self, sha256: str):
        """The stored file opened for reading (binary)."""
        return open(self.path_of(sha256), "rb")

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def remove(self, sha256: str) -> None:
        """Deletes a file for good (an administrator's purge after the retention period)."""
        self.path_of(sha256).unlink(missing_ok=True)

    def check(self, sha256: str) -> StoreProblem | None:
        """None when the file is there with this digest; else what is wrong with it."""
        path = self.path_of(sha256)
        if not path.is_file():
            return StoreProblem(sha256, "missing")
        digest = hashlib.sha256()
        with open(path, "rb") as file:
            while chunk := file.read(CHUNK):
                digest.update(chunk)
        return None if digest.hexdigest() == sha256 else StoreProblem(sha256, "checksum")


def store_root(config) -> str:
    """The folder of documents a configuration names: ATTACHMENTS_PATH, or instance/attachments."""
    return config.get("ATTACHMENTS_PATH") or os.path.join(current_app.instance_path, "attachments")


def current_store() -> AttachmentStore:
    """The running app's store of documents."""
    return AttachmentStore(store_root(current_app.config))
