"""The API's bodies as pydantic models: one declaration per body validates what comes in, shapes what goes out and
is the OpenAPI description of both (tracker/web/api/openapi.py). Field limits come from tracker.domain.limits, as
the database columns, the forms and the import take theirs; messages stay in the caller's language."""
import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from flask_babel import gettext as _
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from tracker.domain import limits
from tracker.domain.access import MASK
from tracker.web.api.contract import CHANNELS, DEADLINES, EVENTS, GROUNDS, KINDS, STATUSES
from tracker.web.params import parse_date

ALPHA2 = re.compile(r"^[A-Z]{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_unicode_text(value: str) -> bool:
    """False for text holding a lone surrogate (JSON allows "\\ud800"), which no database can store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text(value):
    """Text as stored: stripped, without NUL characters or lone surrogates, which no database can store."""
    if not isinstance(value, str):
        raise ValueError(_("Expected text."))
    if "\x00" in value:
        raise ValueError(_("Text cannot contain NUL characters."))
    if not is_unicode_text(value):
        raise ValueError(_("Text cannot contain unpaired surrogates (invalid Unicode characters)."))
    return value.strip()


def _one_of(values: tuple[str, ...]):
    def check(value):
        if _text(value) not in values:
            raise ValueError(_("Expected one of: %(values)s.", values=", ".join(values)))
        return value.strip()
    return check


def _day(value):
    if not isinstance(value, str):
        raise ValueError(_("Expected a date as YYYY-MM-DD."))
    return parse_date(value)


def _alpha2(value):
    value = _text(value)
    if not ALPHA2.match(value):
        raise ValueError(_("Expected a two-letter country code such as RU."))
    return value


def _email(value):
    value = _text(value)
    if not EMAIL.match(value) or len(value) > limits.EMAIL:
        raise ValueError(_("This is not a valid email address."))
    return value.lower()


def Text(limit: int, description: str = ""):  # noqa: N802  (a type, as the models read it)
    """Text of at most `limit` characters."""
    return Annotated[str, BeforeValidator(_text), Field(max_length=limit, description=description or None)]


def OneOf(values: tuple[str, ...], description: str = ""):  # noqa: N802
    """One of these codes."""
    return Annotated[Literal[values], BeforeValidator(_one_of(values)), Field(description=description or None)]


Day = Annotated[date, BeforeValidator(_day)]
Alpha2 = Annotated[str, BeforeValidator(_alpha2), Field(pattern=ALPHA2.pattern)]
Email = Annotated[str, BeforeValidator(_email), Field(json_schema_extra={"format": "email"},
                                                      max_length=limits.EMAIL)]
YesNo = Annotated[bool, Strict()]
Version = Annotated[int, Strict(), Field(ge=1, description="The version read; a stale one gives 409")]


class Body(BaseModel):
    """A body the API reads: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


class PersonInput(Body):
    """The person sought by an extradition request."""

    name: Text(limits.PERSON_NAME, "Name of the person sought, in Cyrillic letters")
    name_latin: Text(limits.PERSON_NAME, "Name in Latin letters") = ""
    birth_date: Day | None = None
    citizenship: Alpha2 | None = None


class PersonPatch(Body):
    """Changes to the person sought: the fields given replace the stored ones."""

    name: Text(limits.PERSON_NAME, "Name of the person sought, in Cyrillic letters") = ""
    name_latin: Text(limits.PERSON_NAME, "Name in Latin letters") = ""
    birth_date: Day | None = None
    citizenship: Alpha2 | None = None


class RequestFields(Body):
    """The fields of a request a PATCH may change."""

    reference: Text(limits.REFERENCE, "Our registration number, unique") = ""
    country: Annotated[Alpha2, Field(description="Requested country, ISO 3166 alpha-2")] = ""
    authority: Text(limits.AUTHORITY, "Requested (foreign) authority") = ""
    treaty: Text(limits.CODE, "Treaty code; null for reciprocity") | None = None
    case_number: Text(limits.CASE_NUMBER, "Criminal case (ERDR) number") = ""
    crime_category: Text(limits.CODE, "Crime category code") = ""
    articles: Text(limits.ARTICLES, "Criminal Code articles") = ""
    summary: Text(limits.SUMMARY) = ""
    in_custody: Annotated[YesNo, Field(description="A person in the case is in custody")] = False
    detained_on: Annotated[Day | None, Field(description="Extradition: date the person was detained abroad")] = None
    arrest_notified_on: Annotated[Day | None, Field(
        description="Extradition: date we were notified of the arrest abroad, where the treaty counts its limit "
                    "from the notification")] = None


class RequestPatch(RequestFields):
    """A PATCH: only the fields it names change; it carries the version read, here or in If-Match."""

    person: PersonPatch | None = None
    version: Version = None


class RequestInput(RequestFields):
    """A new request: a draft, or sent on `sent_on`."""

    reference: Text(limits.REFERENCE, "Our registration number, unique")
    kind: OneOf(KINDS)
    country: Annotated[Alpha2, Field(description="Requested country, ISO 3166 alpha-2")]
    case_number: Text(limits.CASE_NUMBER, "Criminal case (ERDR) number")
    crime_category: Text(limits.CODE, "Crime category code")
    sent_on: Annotated[Day | None, Field(description="Date sent; null registers a draft")] = None
    owner: Annotated[Email | None, Field(description="Responsible prosecutor; supervisors may set it")] = None
    person: PersonInput | None = None


class Transition(Body):
    """A status change."""

    to: OneOf(STATUSES)
    on: Annotated[Day, Field(description="Effective date; default today")] = None
    note: Text(limits.NOTE) = ""
    ground: OneOf(GROUNDS) | None = None
    term_on: Annotated[Day | None, Field(description="Supplement requested: the date the requested state set for "
                                                     "our answer; null applies the rule's term")] = None
    version: Version = None


class Reminder(Body):
    """A reminder sent to the foreign authority."""

    on: Annotated[Day, Field(description="Day the reminder was sent; default today")] = None
    channel: OneOf(CHANNELS)
    note: Text(limits.NOTE) = ""
    version: Version = None


class Event(Body):
    """Something the foreign side or we did that is not a status change."""

    event: OneOf(EVENTS)
    on: Annotated[Day, Field(description="Day it happened; default today")] = None
    note: Text(limits.NOTE, "How it was confirmed, or a note") = ""
    reference: Text(limits.FOREIGN_REFERENCE, "The foreign side's reference number") = ""
    version: Version = None


class Extension(Body):
    """An open deadline moved later, with the reason."""

    deadline: OneOf(DEADLINES)
    new_due_on: Day
    reason: Text(limits.NOTE)
    foreign_decision: Text(limits.FOREIGN_DECISION, "The foreign decision that moved a release deadline: "
                                                    "authority, number and date (required for `release`)") = ""
    version: Version = None


class Reassignment(Body):
    """The request handed to another prosecutor."""

    owner: Annotated[Email, Field(description="Email of the new responsible prosecutor, of a unit the caller sees")]
    note: Text(limits.NOTE, "Why the request changes hands") = ""
    version: Version = None


INPUTS = ("RequestInput", "RequestPatch", "Transition", "Reminder", "Event", "Extension", "Reassignment")


# ---- What the API answers ----------------------------------------------------------------------------------------

class Answer(BaseModel):
    """A body the API writes."""


class Person(Answer):
    """The person sought. The administrator's token gets no personal data: the mask in place of a name, Latin
    name or citizenship that is set, and a null birth date."""

    name: str
    name_latin: str
    birth_date: date | None
    citizenship: str | None


class Deadline(Answer):
    """One open deadline: when it is due, days left, and the rule and legal source behind it."""

    code: Literal[DEADLINES]
    due_on: date
    days_left: Annotated[int, Field(description="Negative once the deadline has passed")]
    rule: Annotated[str, Field(description="The deadline rule's code, or foreign_term for a term the requested "
                                           "state set")]
    source: Annotated[str | None, Field(description="The legal source the rule names")]
    non_working_day: Annotated[bool, Field(description="The last day is a non-working day (a custody limit does "
                                                       "not move)")]
    moved_from: Annotated[date | None, Field(description="Office practice moved off this non-working day")]


class DuplicateWarning(Answer):
    """A registered request that may be the same as the one just registered: it shares the person sought (a name in
    either alphabet and the date of birth) or the criminal case number. Said, never refused."""

    code: Literal["possible_duplicate"]
    request: Annotated[int, Field(description="Its id (a request the caller may not see answers 404: the id and "
                                              "number say only that it exists)")]
    reference: Annotated[str, Field(description="Its registration number")]
    matched_on: list[Literal["person", "case_number"]]


class ImportWarning(DuplicateWarning):
    """A new row of the file that may duplicate a registered request (`request`) or an earlier row of the same file
    (`matched_row`, with `request` null)."""

    request: Annotated[int | None, Field(description="The registered request's id; null for an earlier row of the file")]
    row: Annotated[int, Field(description="The file's line of the new row")]
    matched_row: Annotated[int | None, Field(description="The earlier line of the file it may duplicate")]


class Request(Answer):
    """A request as the caller may read it, with its open deadlines."""

    id: int
    reference: str
    kind: Literal[KINDS]
    country: str
    authority: str
    treaty: str | None
    case_number: str
    crime_category: str
    articles: str
    summary: str
    sent_on: date | None
    status: Literal[STATUSES]
    status_on: date
    owner: str
    due_on: date | None
    overdue: bool
    in_custody: bool
    version: int
    deadlines: list[Deadline]
    critical: Annotated[bool, Field(description="A release deadline has passed and the requested state has not "
                                                "confirmed receipt")]
    acknowledged_on: date | None
    foreign_reference: str
    received_abroad_on: date | None
    extradition_arrest_on: date | None
    surrendered_on: date | None
    custody_days_abroad: Annotated[int | None, Field(description="Detention to surrender, both days counted")]
    refusal_ground: Literal[GROUNDS] | None
    origin_request_id: Annotated[int | None, Field(description="Transfer: the refused extradition request it came "
                                                               "from")]
    person: Annotated[Person, Field(description="Extradition requests only")] = None
    detained_on: Annotated[date | None, Field(description="Extradition requests only")] = None
    arrest_notified_on: Annotated[date | None, Field(description="Extradition requests only")] = None
    warnings: Annotated[list[DuplicateWarning], Field(
        description="Only in the answer to a registration: the registered requests it may duplicate")] = None


class RequestPage(Answer):
    """One page of the list."""

    items: list[Request]
    page: Annotated[int | None, Field(description="The page number asked for; null when paging by cursor")]
    per_page: int
    total: Annotated[int, Field(ge=0)]
    pages: Annotated[int, Field(ge=0)]
    next_cursor: Annotated[str | None, Field(description="Pass as `cursor` for the next page; null on the last "
                                                         "page")]


class HistoryEntry(Answer):
    """One entry of a request's history."""

    id: int
    event: str
    recorded_at: Annotated[datetime, Field(description="UTC, with its offset")]
    author: str
    effective_on: date | None
    from_status: str | None
    to_status: str | None
    ground: Literal[GROUNDS] | None
    channel: Literal[CHANNELS] | None
    deadline: str | None
    deadline_from: date | None
    note: str
    changes: Annotated[dict[str, list[str | None]], Field(description=(
        "Each changed field's [old, new] values as text, named as in the request's body (`country`, `treaty`, "
        "`crime_category`, `owner`, `person.name`, ...) with reference data by code and people by email; for a "
        f"caller without personal data, {MASK} in place of a person's name, Latin name, birth date or "
        "citizenship"))]
    reference: str | None
    foreign_decision: str | None


class History(Answer):
    """A request's history, oldest first."""

    items: list[HistoryEntry]


class Me(Answer):
    """Who the token belongs to, and what they may read."""

    email: str
    name: str
    role: Literal["prosecutor", "supervisor", "central", "admin"]
    language: Literal["kk", "ru", "en"]
    unit: str
    sees_every_unit: bool
    sees_personal_data: Annotated[bool, Field(description=f"False for administrators, who get {MASK} instead")]


class Error(Answer):
    """Problem details (RFC 9457), sent as application/problem+json in the Accept-Language language."""

    type: Annotated[str, Field(description="urn:mla-tracker:problem:CODE, the same in every language")]
    title: Annotated[str, Field(description="What kind of problem, in words")]
    status: Annotated[int, Field(description="The HTTP status")]
    detail: Annotated[str, Field(description="What happened this time")]
    code: Annotated[str, Field(description="The kind of problem as a code: invalid, conflict, precondition_failed, "
                                           "precondition_required, not_found, ...")]
    errors: Annotated[dict[str, str], Field(description="A message per field or parameter, nested fields by path "
                                                        "(`person.name`)")]
    current: Annotated[Request, Field(description="409 and 412 on a change: the request as it is now")] = None
    rows: Annotated[list[dict[str, Any]], Field(description="An import refused: the problems of each row")] = None


# The answers declared here; tracker/web/api/schemas_reference.py declares those of reference data and the two main
# reports, schemas_more.py the rest.
ANSWERS = ("Request", "RequestPage", "History", "Me", "Error")


def answer(model: type[Answer], data) -> dict:
    """`data` (a dict, or a list of them) as `model` declares it, as JSON values: what the API sends is what its
    description says, or the call fails here rather than a client later."""
    if isinstance(data, list):
        return [answer(model, item) for item in data]
    return model.model_validate(data).model_dump(mode="json", exclude_unset=True)
