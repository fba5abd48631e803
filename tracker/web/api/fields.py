"""API fields declared once: used to validate input and to write the OpenAPI description."""
import re
from dataclasses import dataclass

from flask_babel import gettext as _

from tracker.web.params import parse_date

ALPHA2 = re.compile(r"^[A-Z]{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Field:
    """One JSON field: its type, limits and whether null is allowed."""

    type: str  # string, date, integer, boolean, email, alpha2
    max_length: int | None = None
    enum: tuple[str, ...] | None = None
    nullable: bool = False
    minimum: int | None = None
    maximum: int | None = None
    description: str = ""

    def schema(self) -> dict:
        """The OpenAPI 3.0 schema of the field."""
        base = {"date": {"type": "string", "format": "date"}, "email": {"type": "string", "format": "email"},
                "alpha2": {"type": "string", "pattern": ALPHA2.pattern}, "integer": {"type": "integer"},
                "boolean": {"type": "boolean"}}.get(self.type, {"type": "string"})
        schema = dict(base)
        if self.max_length:
            schema["maxLength"] = self.max_length
        if self.enum:
            schema["enum"] = list(self.enum)
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.nullable:
            schema["nullable"] = True
        if self.description:
            schema["description"] = self.description
        return schema

    def parse(self, value):
        """The value as Python, or raises ValueError with a message in the user's language."""
        if value is None:
            if self.nullable:
                return None
            raise ValueError(_("This field cannot be null."))
        return getattr(self, f"_parse_{self.type}")(value)

    def _parse_string(self, value):
        if not isinstance(value, str):
            raise ValueError(_("Expected text."))
        value = value.strip()
        if self.max_length and len(value) > self.max_length:
            raise ValueError(_("At most %(num)d characters.", num=self.max_length))
        if self.enum and value not in self.enum:
            raise ValueError(_("Expected one of: %(values)s.", values=", ".join(self.enum)))
        if "\x00" in value:
            raise ValueError(_("Text cannot contain NUL characters."))
        if not _is_unicode_text(value):
            raise ValueError(_("Text cannot contain unpaired surrogates (invalid Unicode characters)."))
        return value

    def _parse_email(self, value):
        value = self._parse_string(value)
        if not EMAIL.match(value):
            raise ValueError(_("This is not a valid email address."))
        return value.lower()

    def _parse_alpha2(self, value):
        value = self._parse_string(value)
        if not ALPHA2.match(value):
            raise ValueError(_("Expected a two-letter country code such as RU."))
        return value

    def _parse_date(self, value):
        if not isinstance(value, str):
            raise ValueError(_("Expected a date as YYYY-MM-DD."))
        return parse_date(value)

    def _parse_integer(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(_("Expected a whole number."))
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise ValueError(_("Out of range."))
        return value

    def _parse_boolean(self, value):
        if not isinstance(value, bool):
            raise ValueError(_("Expected true or false."))
        return value


def _is_unicode_text(value: str) -> bool:
    """False for text holding a lone surrogate (JSON allows "\\ud800"), which no database can store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_object(body, fields: dict[str, Field | None], *, required=()) -> tuple[dict, dict]:
    """The known fields of a JSON object, parsed, and a message per bad or missing field.

    A field declared as None is passed through unparsed, for the caller to read.
    """
    values, errors = {}, {}
    for name in required:
        if name not in body:
            errors[name] = _("This field is required.")
    for name, value in body.items():
        if name not in fields:
            errors[name] = _("Unknown field.")
            continue
        field = fields[name]
        if field is None:  # a nested object the caller parses itself
            values[name] = value
            continue
        try:
            values[name] = field.parse(value)
        except ValueError as error:
            errors[name] = str(error)
    return values, errors


def object_schema(fields: dict[str, Field], *, required=()) -> dict:
    """The OpenAPI schema of an object made of these fields."""
    schema = {"type": "object", "additionalProperties": False,
              "properties": {name: field.schema() for name, field in fields.items()}}
    if required:
        schema["required"] = list(required)
    return schema
