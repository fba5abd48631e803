"""A body read against its model (tracker/web/api/schemas.py): the values it gave, or a message per field in the
caller's language, nested fields named by their dotted path."""
from flask_babel import gettext as _
from pydantic import ValidationError

from tracker.web.api.schemas import Body, is_unicode_text


def validate(model: type[Body], body: dict) -> tuple[Body | None, dict[str, str]]:
    """The body as `model`, or None and a message per field in the caller's language, nested fields by path."""
    unreadable = dict(_unreadable_names(body))
    if unreadable:
        return None, unreadable
    try:
        return model.model_validate(body), {}
    except ValidationError as error:
        return None, {_path(problem["loc"]): _message(problem) for problem in error.errors()}


def _unreadable_names(body: dict, prefix: str = ""):
    """Names holding a lone surrogate (JSON allows "\\ud800"): no field has such a name, and pydantic cannot read
    them to say so."""
    for name, value in body.items():
        if not is_unicode_text(name):
            yield prefix + name, _("Unknown field.")
        elif isinstance(value, dict):
            yield from _unreadable_names(value, f"{prefix}{name}.")


def given(values: Body) -> dict:
    """The fields a body named, as Python values (nested bodies as dicts of the fields they named)."""
    return values.model_dump(exclude_unset=True)


def _path(location: tuple) -> str:
    """A field's dotted path, `person.birth_date`."""
    return ".".join(str(part) for part in location)


def _message(problem: dict) -> str:
    """Pydantic's problem in the caller's language."""
    kind, context = problem["type"], problem.get("ctx", {})
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("Unknown field.")
    if problem.get("input", "") is None:
        return _("This field cannot be null.")
    if kind == "value_error":
        return str(context["error"])
    if kind in ("string_too_long", "too_long"):
        return _("At most %(num)d characters.", num=context["max_length"])
    if kind == "int_type":
        return _("Expected a whole number.")
    if kind == "bool_type":
        return _("Expected true or false.")
    if kind in ("greater_than_equal", "less_than_equal"):
        return _("Out of range.")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("Expected an object.")
    return _("This value is not valid.")
