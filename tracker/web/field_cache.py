"""Form fields no one has filled in, written once per web worker for their exact inputs.

The request's page offers its actions (a status change, a reminder, an event, an extension, a reassignment, a
document) as forms, empty and collapsed; writing their ~25 fields through Bootstrap-Flask's render_field and
WTForms' widgets took about 40 % of the page (py-spy, 10,000 requests). An empty field's HTML is a function of
what the key below holds: the field's kind, id and name, its label, description, flags and render_kw in the page's
language, its value (a default such as today's date) and its choices, and what the template passes. A field that
holds what a user sent, or an error, is never kept: it is written anew, with the user's input and the message.
"""
from flask_babel import get_locale

from tracker.web.kept import Kept, kept

# Fields a worker keeps at once; the least recently used is dropped first.
KEPT = 1024


def field_key(field, options: dict) -> tuple | None:
    """What an empty field's HTML depends on; None for a field that is not empty (sent data, errors) or whose choices
    are grouped (not kept, to keep the key plain)."""
    if field.raw_data is not None or field.errors:
        return None
    if getattr(field, "has_groups", lambda: False)():
        return None
    written = (tuple((str(value), str(label), bool(chosen)) for value, label, chosen, *_rest in field.iter_choices())
               if hasattr(field, "iter_choices") else None)
    return (str(get_locale()), type(field).__name__, field.id, field.name, str(field.label.text),
            str(field.description), repr(field.render_kw), repr(field.flags), repr(field.data), written,
            repr(sorted(options.items())))


def kept_field(key: tuple | None):
    """The field's HTML written before for the same key, or None."""
    return None if key is None else _kept().get(key)


def keep_field(key: tuple | None, written):
    """`written` (the field's HTML), kept under `key` unless that is None; returned as is."""
    if key is not None:
        _kept().put(key, written)
    return written


def _kept() -> Kept:
    return kept("kept_fields", KEPT)
