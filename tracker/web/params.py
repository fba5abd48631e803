"""Reading what an address carries, the same way for the pages and the API: each query parameter checked against
its type and range with a message in the user's language, ids in paths bounded to what the database can hold,
and no NUL character anywhere in a query or a form."""
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from flask import Flask, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.routing.converters import IntegerConverter

from tracker import labels
from tracker.domain.date_range import in_date_range

# The largest value of an integer column on PostgreSQL: a larger id names nothing, and asking for it fails there.
MAX_ID = 2**31 - 1
MAX_PAGE = 100_000
# How many times one parameter may repeat (kind=mla&kind=extradition...).
MAX_VALUES = 300
TRUE, FALSE = ("true", "1"), ("false", "0")


@dataclass(frozen=True)
class Param:
    """One query parameter: its type and limits, how a page names it, and how the API describes it."""

    type: str  # integer, date, boolean, string, alpha2, email
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    several: bool = False  # may be repeated: any of the values
    literals: tuple[str, ...] = ()  # words taken as they are besides the type's values (treaty=reciprocity)
    label: object = ""  # the page's name for it in a message
    description: str = ""

    def schema(self) -> dict:
        """The OpenAPI 3.0 schema of the parameter."""
        schema = {"integer": {"type": "integer"}, "boolean": {"type": "boolean"},
                  "date": {"type": "string", "format": "date"}, "alpha2": {"type": "string", "pattern": "^[A-Z]{2}$"},
                  "email": {"type": "string", "format": "email"}}.get(self.type, {"type": "string"})
        schema = dict(schema)
        for key, value in (("enum", list(self.enum) if self.enum else None), ("minimum", self.minimum),
                           ("maximum", self.maximum), ("maxLength", self.max_length)):
            if value is not None:
                schema[key] = value
        if self.several:
            return {"type": "array", "items": schema, "maxItems": MAX_VALUES, "description": self.description}
        if self.description:
            schema["description"] = self.description
        return schema

    def parse(self, raw: str):
        """One value as Python, or raises ValueError with a message in the user's language."""
        if raw in self.literals:
            return raw
        return getattr(self, f"_{self.type}")(raw)

    def _integer(self, raw):
        if not (raw.isascii() and raw.isdigit()):  # "²".isdigit(), yet int("²") fails
            raise ValueError(_("Expected a whole number."))
        number = int(raw) if len(raw) <= 12 else None  # longer ones are out of any range here
        if number is None or (self.minimum is not None and number < self.minimum) or \
                (self.maximum is not None and number > self.maximum):
            raise ValueError(_("Expected a number from %(minimum)d to %(maximum)d.", minimum=self.minimum or 0,
                               maximum=self.maximum if self.maximum is not None else MAX_ID))
        return number

    def _boolean(self, raw):
        if raw not in TRUE + FALSE:
            raise ValueError(_("Expected true or false."))
        return raw in TRUE

    def _date(self, raw):
        return parse_date(raw)

    def _string(self, raw):
        if "\x00" in raw:
            raise ValueError(_("Text cannot contain NUL characters."))
        if self.enum is not None and raw not in self.enum:
            raise ValueError(_("Expected one of: %(values)s.", values=", ".join(self.enum)))
        if self.max_length is not None and len(raw) > self.max_length:
            raise ValueError(_("At most %(num)d characters.", num=self.max_length))
        return raw

    def _alpha2(self, raw):
        code = raw.strip().upper()
        if len(code) != 2 or not (code.isascii() and code.isalpha()):
            raise ValueError(_("Expected a two-letter country code such as RU."))
        return code

    def _email(self, raw):
        value = self._string(raw.strip())
        if value.count("@") != 1 or any(c.isspace() for c in value):
            raise ValueError(_("This is not a valid email address."))
        return value.lower()


def parse_date(raw: str) -> date:
    """A date written YYYY-MM-DD within the years the register accepts, or ValueError with the message."""
    try:
        if len(raw) != 10 or not raw.isascii():
            raise ValueError(raw)
        day = date.fromisoformat(raw)
    except ValueError:
        raise ValueError(_("Expected a date as YYYY-MM-DD.")) from None
    if not in_date_range(day):
        raise ValueError(str(labels.error_message("date_out_of_range")))
    return day


def read(args, params: dict[str, Param], *, blank_is_absent: bool = False) -> tuple[dict, dict]:
    """The declared parameters present in `args`, parsed, and a message per bad one; undeclared ones are ignored.

    A repeated parameter gives a tuple of its values, each once, in the order given. Pages send an empty value for
    a choice left at "All" (`blank_is_absent`); the API refuses it where its type has no empty value.
    """
    values, errors = {}, {}
    for name, param in params.items():
        given = args.getlist(name)
        if blank_is_absent:
            given = [raw for raw in given if raw.strip()]
        if not given:
            continue
        try:
            if param.several:
                if len(given) > MAX_VALUES:
                    raise ValueError(_("Too many values."))
                values[name] = tuple(dict.fromkeys(param.parse(raw) for raw in given))
            else:
                values[name] = param.parse(given[0])
        except ValueError as error:
            errors[name] = str(error)
    return values, errors


class BadParameters(BadRequest):
    """The address carries values that cannot be read: 400 with a message per parameter, nothing done."""

    def __init__(self, errors: dict[str, str], names: dict | None = None):
        super().__init__()
        self.errors = errors
        self.names = names or {}  # how the page names each parameter

    def messages(self) -> list[str]:
        """Each problem, named as the page names the parameter (a problem of the whole address has no name)."""
        found = []
        for name, message in self.errors.items():
            label = self.names.get(name) or name
            found.append(f"{label}: {message}" if label else message)
        return found


def read_or_refuse(args, params: dict[str, Param]) -> dict:
    """A page's parameters, or BadParameters (400) naming each bad one."""
    values, errors = read(args, params, blank_is_absent=True)
    if errors:
        raise BadParameters(errors, {name: param.label for name, param in params.items()})
    return values


def _numbers_up_to(limit: int) -> str:
    """A regular expression matching the whole numbers from 1 to `limit` written without leading zeros."""
    text = str(limit)
    parts = [f"[1-9][0-9]{{0,{len(text) - 2}}}"] if len(text) > 1 else []
    for position, digit in enumerate(text):
        lowest = 1 if position == 0 else 0
        if int(digit) > lowest:
            parts.append(f"{text[:position]}[{lowest}-{int(digit) - 1}][0-9]{{{len(text) - position - 1}}}")
    return "(?:" + "|".join(parts + [text]) + ")"


class IdConverter(IntegerConverter):
    """`<int:...>` in routes: from 1 to the largest id the database holds, in ASCII digits; anything else matches
    no route (404). The bound is in the pattern itself: a value the pattern took but the converter refused would
    make another method's route answer 405 instead."""

    regex = _numbers_up_to(MAX_ID)

    def __init__(self, map, fixed_digits=0, min=1, max=MAX_ID, signed=False):  # noqa: A002 (werkzeug's names)
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def with_nul(values) -> list[str]:
    """The names in a query or form (a MultiDict) whose name or a value holds a NUL character, which no database
    column can store. A multipart part may come without a name, which the form keeps under None."""
    return [key or "" for key, found in values.lists()
            if "\x00" in (key or "") or any("\x00" in (value or "") for value in found)]


def init_app(app: Flask) -> None:
    """Bounds the ids in every route and refuses NUL characters in queries and forms, before any view runs.

    Call it before the blueprints are registered: their rules take the converter when they are added.
    """
    app.url_map.converters["int"] = IdConverter
    app.register_error_handler(BadParameters, _bad_parameters)

    @app.before_request
    def _refuse_nul_characters():
        names = with_nul(request.args)
        if names:
            message = _("Text cannot contain NUL characters.")
            raise BadParameters({name.replace("\x00", "") or "?": message for name in names})
        if request.mimetype in FORM_TYPES and with_nul(request.form):
            raise BadParameters({"": _("The form contains a NUL character, which cannot be saved; remove it and "
                                       "try again.")})


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _bad_parameters(error: BadParameters):
    """The problems in the user's language: JSON under /api/, else a page offering the same page without them."""
    if request.path.startswith("/api/"):
        from tracker.web.api import error_response

        if "" in error.errors:
            return error_response(400, error.errors[""])
        # As the API answers any parameter it cannot read.
        return error_response(422, _("Some parameters are not valid."), error.errors)
    retry = None
    if request.method == "GET":
        kept = [(name, value) for name, value in request.args.items(multi=True)
                if name not in error.errors and "\x00" not in name + value]
        retry = request.base_url + (f"?{urlencode(kept)}" if kept else "")
    return render_template("errors/parameters.html", messages=error.messages(), retry=retry), 400
