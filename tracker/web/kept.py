"""What a web worker keeps of the HTML it wrote, for inputs it will meet again: the least recently used dropped
first. The key must hold everything the HTML depends on; what is kept is never changed."""
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import current_app, request

from tracker import labels
from tracker.services.reference_cache import reference_version


class Kept:
    """Up to `size` values by key, the least recently used dropped first; safe for a worker's threads."""

    def __init__(self, size: int):
        self.size = size
        self._lock = threading.Lock()
        self._values: OrderedDict = OrderedDict()

    def get(self, key: Hashable):
        """The value kept under `key`, or None."""
        with self._lock:
            found = self._values.get(key)
            if found is not None:
                self._values.move_to_end(key)
            return found

    def put(self, key: Hashable, value) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def get_or_make(self, key: Hashable, make: Callable[[], object]):
        """The value kept under `key`, made and kept if there is none."""
        found = self.get(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

    def __len__(self) -> int:
        return len(self._values)


def page_context() -> tuple:
    """What every kept piece of a page is made of besides its own data, to begin its key with: the page's language,
    the reference data's version (names of countries, treaties, categories and prosecutors; the calendar) and the
    root the app is served under (the addresses of its pages and icons)."""
    return labels.language(), reference_version(), request.script_root


def kept(name: str, size: int) -> Kept:
    """The app's store called `name` (made with `size` on first use)."""
    return current_app.extensions.setdefault(name, Kept(size))
