"""Reference data as pages show it (countries named and sorted in a language, treaties, crime categories), kept in
each web worker and built again only when an administrator changed the data.

Every change to countries, treaties and crime categories gives the reference data a new version in its transaction
(tracker.models.reference.ReferenceVersion); a page reads that one row, once, and finds what it needs under the
version it read. Rebuilding the choices on every page (some 250 countries loaded, named through CLDR and sorted)
took a third of the request list's time.
"""
import threading
from collections.abc import Callable

import sqlalchemy as sa
from flask import current_app, g

from tracker.extensions import db
from tracker.models import ReferenceVersion

# Versions kept per app, the latest built: one is in use; the one before serves a page that read it just before a
# change.
KEPT_VERSIONS = 2


def reference_version() -> str:
    """The reference version, read once per page (or command)."""
    if "reference_version" not in g:
        g.reference_version = db.session.scalar(sa.select(ReferenceVersion.version)) or ""
    return g.reference_version


def cached(name: str, language: str, build: Callable[[], object]):
    """What `build` returns for `name` in `language` under the current reference version: built once per version
    in this process and shared by every page since. `build` must return something no caller changes (tuples)."""
    store = current_app.extensions.setdefault("reference_cache", _Store())
    return store.get(reference_version(), (name, language), build)


class _Store:
    """Values by reference version, the versions built longest ago dropped."""

    def __init__(self):
        self._lock = threading.Lock()
        # Insertion-ordered: the versions in the order first built.
        self._versions: dict[str, dict] = {}

    def get(self, version: str, key: tuple, build: Callable[[], object]):
        values = self._versions.get(version)
        if values is not None and key in values:
            return values[key]
        value = build()
        with self._lock:
            self._versions.setdefault(version, {})[key] = value
            for old in list(self._versions)[:-KEPT_VERSIONS]:
                del self._versions[old]
        return value
