"""Reference data as pages show it (countries named and sorted in a language, treaties, crime categories) and as
deadlines are computed with (the rules, the calendar of non-working days, the treaties' arrest limits), kept in each
process and built again only when an administrator changed the data.

Every change to reference data (tracker.models.reference.ReferenceData) gives it a new version in the same
transaction (tracker.models.reference.ReferenceVersion); a page reads that one row, once, and finds what it needs
under the version it read. Rebuilding the choices on every page (some 250 countries loaded, named through CLDR and
sorted) took a third of the request list's time; the rules and the calendar, read again for every request page and
every change, a twentieth of the request page's.
"""
import threading
from collections.abc import Callable

import sqlalchemy as sa
from flask import current_app, g

from tracker.extensions import db
from tracker.models import ReferenceVersion, RegisterVersion
from tracker.models.reference import changes_reference_data

# Versions kept per app, the latest built: one is in use; the one before serves a page that read it just before a
# change.
KEPT_VERSIONS = 2


def reference_version() -> str:
    """The reference version, read once per page (or job, or command).

    It must be read before any reference data the page uses: on PostgreSQL each statement sees what was committed
    when it began, and the ORM keeps the objects a page loaded as they were. A version read after them could be one a
    change committed meanwhile gave, and what was built then from the objects loaded before it would be kept under
    that version, the old data under the new version, until the next change. Read first, the version is at worst
    older than what the page reads after it, and what is built is kept under a version no later page reads. So a page
    reads it with the logged-in user (tracker.web.access.load_user), an API call with its token, a job before its
    own row."""
    if "reference_version" not in g:
        g.reference_version = db.session.scalar(sa.select(ReferenceVersion.version)) or ""
    return g.reference_version


def first_with_version(statement: sa.Select):
    """The first row's entity of `statement`, the statement a page (or an API call) begins with, or None; the
    reference version and the register's version are read in the same statement, and so the same snapshot, and
    taken as the page's versions when a row was found (unless they were read already)."""
    found = db.session.execute(statement.add_columns(
        sa.select(ReferenceVersion.version).scalar_subquery(),
        sa.select(RegisterVersion.version).scalar_subquery())).first()
    if found is None:
        return None
    if "reference_version" not in g:
        g.reference_version = found[1] or ""
    if "register_version" not in g:
        g.register_version = found[2] or ""
    return found[0]


def register_version() -> str:
    """The register's version (tracker.models.RegisterVersion) as the page's first statement read it, or "" when it
    was not read there (a page without a logged-in user) or the database has none: nothing is then kept by it.

    Never read later in the page: on PostgreSQL a version read after the page's data could be one a change committed
    meanwhile gave, and the data read before it would be kept under it."""
    return g.get("register_version", "")


def current(name: str, build: Callable[[], object]):
    """As cached(), for what deadlines are computed with (the rules, the calendar, the treaties' limits): a change to
    reference data this session holds and has not written yet is written first (giving the new version), so the
    computation that follows it uses it."""
    _write_pending_changes()
    return cached(name, "", build)


def cached(name: str, language: str, build: Callable[[], object]):
    """What `build` returns for `name` in `language` under the current reference version: built once per version
    in this process and shared by every page since. `build` must return something no caller changes (tuples).

    Before something is built, a change to reference data this session holds and has not written yet is written,
    giving the new version: what is built (whose query would write the change anyway) is kept under that version,
    never under the one before, and is forgotten with it if the change is rolled back. A page showing what was kept
    writes nothing (a form refused by an administrator's page, say, shows the choices as they are)."""
    store = current_app.extensions.setdefault("reference_cache", _Store())
    found = store.find(reference_version(), (name, language))
    if found is not _MISSING:
        return found
    _write_pending_changes()
    return store.get(reference_version(), (name, language), build)


def _write_pending_changes() -> None:
    """Writes this session's changes to reference data not yet written (and so gives them a new version)."""
    session = db.session()
    if any(changes_reference_data(obj, session) for objects in (session.new, session.dirty, session.deleted)
           for obj in objects):
        session.flush()


_MISSING = object()


class _Store:
    """Values by reference version, the versions built longest ago dropped."""

    def __init__(self):
        self._lock = threading.Lock()
        # Insertion-ordered: the versions in the order first built.
        self._versions: dict[str, dict] = {}

    def find(self, version: str, key: tuple):
        """What is kept for `key` under `version`, or _MISSING."""
        values = self._versions.get(version)
        return values.get(key, _MISSING) if values is not None else _MISSING

    def get(self, version: str, key: tuple, build: Callable[[], object]):
        found = self.find(version, key)
        if found is not _MISSING:
            return found
        value = build()
        with self._lock:
            self._versions.setdefault(version, {})[key] = value
            for old in list(self._versions)[:-KEPT_VERSIONS]:
                del self._versions[old]
        return value
