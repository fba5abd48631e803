"""Translatable names of statuses, kinds, roles and the messages for service error codes."""
import functools

from babel import Locale
from flask import g, has_app_context
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.domain.attachments import AttachmentKind
from tracker.domain.collation import sort_key
from tracker.domain.date_range import EARLIEST_DATE, LATEST_DATE
from tracker.domain.deadlines import OFFICE_PRACTICE as OFFICE_PRACTICE_SOURCE
from tracker.domain.deadlines import DeadlineCode, ReleaseEnd, RuleCode, Scope
from tracker.domain.history import EventType, ReminderChannel
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, RefusalGround, Status
from tracker.domain.tokens import TokenState
from tracker.models import ArrestStart, TokenScope, TreatyScope, TreatyStatus
from tracker.services.country_names import official_names

KIND = {Kind.MLA: _l("MLA request"), Kind.EXTRADITION: _l("Extradition request"),
        Kind.TRANSFER: _l("Transfer of proceedings")}
STATUS = {
    Status.DRAFT: _l("Draft"), Status.SENT: _l("Sent"), Status.PENDING: _l("Under consideration"),
    Status.SUPPLEMENT_REQUESTED: _l("Supplement requested"), Status.PARTIALLY_EXECUTED: _l("Partially executed"),
    Status.EXECUTED: _l("Executed"), Status.GRANTED: _l("Extradition granted"), Status.EXTRADITED: _l("Extradited"),
    Status.SURRENDER_POSTPONED: _l("Surrender postponed"), Status.TEMPORARILY_SURRENDERED: _l("Temporarily surrendered"),
    Status.ACCEPTED: _l("Proceedings accepted"),
    Status.REFUSED: _l("Refused"), Status.RETURNED: _l("Returned for completion"),
    Status.RELEASED_ABROAD: _l("Released abroad"), Status.WITHDRAWN: _l("Withdrawn"),
}
GROUND = {
    RefusalGround.NATIONAL: _l("National of the requested state"),
    RefusalGround.POLITICAL: _l("Political offence"),
    RefusalGround.LIMITATION: _l("Limitation period expired"),
    RefusalGround.DOUBLE_JEOPARDY: _l("Double jeopardy"),
    RefusalGround.INSUFFICIENT_DOCUMENTS: _l("Insufficient documents"),
    RefusalGround.NO_DUAL_CRIMINALITY: _l("No dual criminality"),
    RefusalGround.DEATH_PENALTY_OR_TORTURE: _l("Risk of death penalty or torture"),
    RefusalGround.ASYLUM: _l("Asylum granted"),
    RefusalGround.OTHER: _l("Other ground"),
}
EVENT = {
    EventType.CREATED: _l("Registered"), EventType.EDITED: _l("Edited"),
    EventType.STATUS_CHANGED: _l("Status changed"), EventType.REASSIGNED: _l("Reassigned"),
    EventType.CORRECTION: _l("Correction"), EventType.REMINDER_SENT: _l("Reminder sent"),
    EventType.DEADLINE_EXTENDED: _l("Deadline extended"),
    EventType.RECEIVED_ABROAD: _l("Request received by the requested state"),
    EventType.EXTRADITION_ARREST: _l("Extradition arrest applied"),
    EventType.ACKNOWLEDGED: _l("Receipt acknowledged by the foreign side"),
    EventType.PARTIAL_EXECUTION: _l("Partly executed"),
    EventType.OUTCOME_NOTIFIED: _l("Outcome notified to the requested state"),
    EventType.ATTACHMENT_REMOVED: _l("Document removed"),
}
ATTACHMENT_KIND = {
    AttachmentKind.REQUEST_AS_SENT: _l("Request as sent"), AttachmentKind.TRANSLATION: _l("Translation"),
    AttachmentKind.ACKNOWLEDGEMENT: _l("Acknowledgement of receipt"), AttachmentKind.REPLY: _l("Reply"),
    AttachmentKind.EXECUTED_MATERIALS: _l("Executed materials"), AttachmentKind.NOTE_VERBALE: _l("Note verbale"),
    AttachmentKind.REMINDER: _l("Reminder letter"), AttachmentKind.SUPPLEMENT: _l("Supplementary information"),
    AttachmentKind.OTHER: _l("Other document"),
}
DEADLINE = {
    DeadlineCode.RELEASE: _l("Foreign release deadline"), DeadlineCode.FOLLOW_UP: _l("Follow-up (no acknowledgement)"),
    DeadlineCode.REMINDER: _l("Reminder to the foreign authority"),
    DeadlineCode.SUPPLEMENT: _l("Our answer to the supplement request"),
    DeadlineCode.SURRENDER: _l("Surrender of the person (after the grant)"),
    DeadlineCode.OUTCOME_NOTICE: _l("Notify the requested state of the outcome"),
}
RULE = {
    RuleCode.ARREST_LIMIT: _l("Provisional arrest limit (days after detention)"),
    RuleCode.FOLLOW_UP: _l("Follow-up if unacknowledged (days after sending)"),
    RuleCode.FIRST_REMINDER: _l("First reminder if not executed (days after sending)"),
    RuleCode.REMINDER_INTERVAL: _l("Next reminder (days after the last one)"),
    RuleCode.ESCALATION: _l("Escalate to the supervisor (days after sending)"),
    RuleCode.LONG_PENDING: _l("Long-pending (days after sending)"),
    RuleCode.SUPPLEMENT_ANSWER: _l("Answer to a supplement request (days)"),
    RuleCode.SUPPLEMENT_ANSWER_CUSTODY: _l("Answer to a supplement request, person in custody (days)"),
    RuleCode.SURRENDER_WINDOW: _l("Surrender window (days after the grant)"),
    RuleCode.OUTCOME_NOTICE: _l("Outcome notice to the requested state (days after extradition or refusal)"),
}
RELEASE_END = {
    ReleaseEnd.RECEIPT: _l("the requested state received the request"),
    ReleaseEnd.ARREST: _l("the requested state applied extradition arrest"),
    ReleaseEnd.RECEIPT_OR_ARREST: _l("receipt of the request or extradition arrest, whichever is first"),
}
# The default unit's name until an administrator gives it one.
WHOLE_OFFICE = _l("Whole office")
FOREIGN_TERM = _l("Term set by the requested state")
OFFICE_PRACTICE = _l("Office practice")
RECIPROCITY = _l("Reciprocity")
SCOPE_OF_RULE = {Scope.DEFAULT: _l("Default"), Scope.TREATY: _l("Treaty"), Scope.COUNTRY: _l("Country")}
CHANNEL = {
    ReminderChannel.LETTER: _l("Letter"), ReminderChannel.DIPLOMATIC: _l("Through diplomatic channels"),
    ReminderChannel.EMAIL: _l("Email"), ReminderChannel.FAX: _l("Fax"), ReminderChannel.PHONE: _l("Phone"),
    ReminderChannel.OTHER: _l("Other"),
}
ROLE = {Role.PROSECUTOR: _l("Prosecutor"), Role.SUPERVISOR: _l("Supervisor"), Role.CENTRAL: _l("Central authority"),
        Role.ADMIN: _l("Administrator")}
LANGUAGE = {Language.KK: "Қазақша", Language.RU: "Русский", Language.EN: "English"}
TOKEN_SCOPE = {TokenScope.READ: _l("Read only"), TokenScope.WRITE: _l("Read and write")}
TOKEN_STATE = {TokenState.ACTIVE: _l("Active"), TokenState.EXPIRED: _l("Expired"), TokenState.REVOKED: _l("Revoked")}
SCOPE = {TreatyScope.MLA: _l("Legal assistance"), TreatyScope.EXTRADITION: _l("Extradition"),
         TreatyScope.TRANSFER: _l("Transfer of proceedings"),
         TreatyScope.SENTENCED_PERSONS: _l("Transfer of sentenced persons")}
TREATY_STATUS = {TreatyStatus.IN_FORCE: _l("In force"), TreatyStatus.SIGNED: _l("Signed, not in force"),
                 TreatyStatus.TERMINATED: _l("Terminated")}
ARREST_START = {ArrestStart.DETENTION: _l("from the detention"),
                ArrestStart.NOTIFICATION: _l("from the notification of the arrest")}
# Why a treaty cannot be the basis of a request, with the facts named (see tracker.services.treaties).
TREATY_REFUSAL = {
    "treaty_scope": lambda p: _("%(treaty)s does not cover requests of this kind.", **p),
    "treaty_not_in_force": lambda p: (
        _("%(treaty)s is not in force for Kazakhstan on %(day)s.", **p) if not p["since"] else
        _("%(treaty)s is in force for Kazakhstan only from %(since)s.", **p)),
    "treaty_terminated": lambda p: _("%(treaty)s was terminated on %(since)s.", **p),
    "not_a_party": lambda p: _("%(country)s is not a party to %(treaty)s.", **p),
    "party_not_yet": lambda p: _("%(treaty)s applies between Kazakhstan and %(country)s only from %(since)s; "
                                 "the request is sent on %(day)s.", **p),
    "party_no_longer": lambda p: _("%(treaty)s stopped applying between Kazakhstan and %(country)s on %(since)s.",
                                   **p),
    "treaty_superseded": lambda p: _("Between Kazakhstan and %(country)s, %(treaty)s is replaced by %(by)s from "
                                     "%(since)s.", **p),
    "unknown_treaty": lambda p: _("This treaty is not in the register."),
}
FIELD = {
    "reference": _l("Registration number"), "country_code": _l("Requested country"),
    "authority": _l("Requested authority"), "treaty_id": _l("Legal basis"), "case_number": _l("Criminal case number"),
    "crime_category_id": _l("Crime category"), "articles": _l("Criminal Code articles"), "summary": _l("Summary"),
    "sent_on": _l("Date sent"), "owner_id": _l("Responsible prosecutor"), "owner": _l("Responsible prosecutor"),
    "person_name": _l("Person sought (Cyrillic)"), "person_name_latin": _l("Person sought (Latin letters)"),
    "person_birth_date": _l("Date of birth"), "person_citizenship": _l("Citizenship"),
    "detained_on": _l("Detained abroad on"), "arrest_notified_on": _l("Notified of the arrest on"), "decision": _l("Decision of the requested state"),
    "surrendered_on": _l("Surrendered on"), "in_custody": _l("A person in the case is in custody"),
    "received_abroad_on": _l("Received by the requested state on"), "acknowledged_on": _l("Receipt acknowledged on"),
    "foreign_reference": _l("Foreign reference number"), "refusal_ground": _l("Refusal ground"),
    "extradition_arrest_on": _l("Extradition arrest on"), "custody_days_abroad": _l("Days in custody abroad"),
    "outcome_notified_on": _l("Outcome notified on"),
}
ERROR = {
    "home_country": _l("Requests go abroad: choose a foreign country."),
    "duplicate_reference": _l("A request with this registration number already exists."),
    "unknown_treaty": _l("This treaty is not in the register."),
    "treaty_scope": _l("This treaty does not cover requests of this kind."),
    "not_a_party": _l("The requested country is not a party to this treaty."),
    "future_date": _l("This date is in the future."),
    "date_out_of_range": _l("Enter a date within the years %(first)d to %(last)d.", first=EARLIEST_DATE.year,
                            last=LATEST_DATE.year),
    "before_previous": _l("The date is earlier than the current status's date."),
    "not_assignable": _l("Only an active prosecutor or supervisor can be responsible for a request."),
    "own_requests_only": _l("A prosecutor registers requests of their own; only a supervisor names another "
                            "responsible prosecutor."),
    "final": _l("The request has a final status; it can no longer change."),
    "not_allowed": _l("This status change is not allowed from the current status."),
    "ground_required": _l("A refusal needs its ground."),
    "ground_not_applicable": _l("A ground is given only for a refusal."),
    "invalid_email": _l("This is not a valid email address."),
    "duplicate_email": _l("A user with this email already exists."),
    "short_password": _l("The password must have at least 10 characters."),
    "lookalike_email": _l("This email looks the same as another user's; use an address that reads differently."),
    "simple_password": _l("The password repeats too few different characters."),
    "common_password": _l("This password is among the most common ones; choose one that is hard to guess."),
    "password_has_email": _l("The password must not contain the user's email address or part of it."),
    "password_has_name": _l("The password must not contain the user's name."),
    "last_admin": _l("This is the only active administrator: make another user an administrator first."),
    "required": _l("This field is required."),
    "duplicate_code": _l("This code is already used."),
    "not_digits": _l("The case number usually has digits only; check it."),
    "unusual_length": _l("An ERDR case number usually has 15 digits; check it."),
    "reference_unusual_form": _l("Registration numbers here read like МСП-2026-0104 (kind, year, number); check "
                                 "this one."),
    "reference_other_prefix": _l("This registration number has another kind's prefix; check it."),
    "no_such_deadline": _l("The request has no such open deadline."),
    "not_later": _l("The new date must be later than the current due date."),
    "not_with_foreign_side": _l("This is recorded only for open requests that have been sent."),
    "before_sending": _l("The date is earlier than the date the request was sent."),
    "duplicate_rule": _l("This rule already has a setting for this scope."),
    "target_required": _l("Choose the treaty or the country the override is for."),
    "default_rule": _l("A default rule cannot be removed; change its days instead."),
    "foreign_decision_required": _l("Name the foreign decision that moved this deadline: authority, number and date."),
    "term_not_applicable": _l("A term is given only when the requested state asks for supplementary information."),
    "term_before_request": _l("The term cannot be earlier than the date of the request for supplementary information."),
    "not_a_refused_extradition": _l("A transfer of proceedings is started from a refused extradition request."),
    "event_not_for_kind": _l("This event is not recorded for requests of this kind."),
    "no_outcome_yet": _l("The outcome is notified after extradition or refusal."),
    "already_recorded": _l("This has already been recorded for the request."),
    "too_long": _l("This text is too long."),
    "party_format": _l("Write each party as CODE, CODE:FROM or CODE:FROM:UNTIL, dates as YYYY-MM-DD or DD.MM.YYYY."),
    "unknown_country": _l("No country has this code."),
    "party_dates": _l("A party's end date must be later than its start date."),
    "party_twice": _l("A country is listed twice."),
    "one_limit_unit": _l("Give the limit in days or in months, not both."),
    "release_supervisor_only": _l("Only a supervisor moves the release deadline, with the foreign decision that moved it."),
    "duplicate_unit_name": _l("A unit with this name already exists."),
    "not_a_supervisor": _l("Only an active supervisor can head a unit."),
    "duplicate_token_name": _l("You already have an active token with this name."),
    "not_a_choice": _l("Choose one of the listed options."),
    "file_missing": _l("Choose at least one file."),
    "file_empty": _l("The file is empty."),
    "file_too_large": _l("The file is larger than the register accepts for one document."),
    "file_type": _l("The register keeps PDF, DOCX, XLSX, ODT, JPEG, PNG and TIFF documents; this file is none of "
                    "them, whatever its name says."),
    "file_macros": _l("Documents with macros are not kept: save it as a plain DOCX or XLSX, or as PDF."),
    "unknown_kind": _l("Choose what the document is."),
    "unknown_language": _l("Give the language as a two-letter code, such as kk, ru or en."),
    "unknown_event": _l("This history entry belongs to another request."),
    "already_removed": _l("This document has already been removed."),
    "reason_required": _l("Say why the document is removed."),
}


def rule_source(rule, treaty=None):
    """Which rule produced a deadline, in words: its scope and its days."""
    if rule is None:
        return FOREIGN_TERM
    if rule.scope == Scope.TREATY:
        where = treaty.short(language()) if treaty is not None and treaty.id == rule.treaty_id else SCOPE_OF_RULE[rule.scope]
    elif rule.scope == Scope.COUNTRY:
        where = country_name(rule.country_code)
    else:
        where = SCOPE_OF_RULE[Scope.DEFAULT]
    return _l("%(rule)s: %(days)d — %(where)s", rule=RULE[rule.code], days=rule.days, where=where)


def legal_source(rule) -> str:
    """The legal source a rule names, in the page's language where it is recorded so (else as the office cites it,
    in Russian); office practice in the page's language, with its internal order when known."""
    if rule is None or not rule.source:
        return ""
    if rule.source == OFFICE_PRACTICE_SOURCE:
        order = getattr(rule, "practice_order", "")
        return f"{OFFICE_PRACTICE} ({order})" if order else str(OFFICE_PRACTICE)
    return getattr(rule, f"source_{language()}", "") or rule.source


def legal_source_language(rule) -> str:
    """The language the shown source is written in, for the page's `lang` attribute."""
    if rule is None or rule.source == OFFICE_PRACTICE_SOURCE or getattr(rule, f"source_{language()}", ""):
        return language()
    return "ru"


def error_message(code):
    """The user's-language message for a service error code, or for a treaty refused as a legal basis."""
    if isinstance(code, str):
        return ERROR.get(code, code)
    lang = language()
    day = lambda value: value.strftime("%d.%m.%Y") if value else ""
    params = {"treaty": code.treaty.short(lang), "country": country_name(code.country, lang), "day": day(code.day),
              "since": day(code.since), "by": code.by.short(lang) if code.by else ""}
    return TREATY_REFUSAL[code.code](params)


def unit_name(unit) -> str:
    """A unit as pages and the command line name it: its name, or "Whole office" for the default unit before an
    administrator names it."""
    return unit.name or str(WHOLE_OFFICE)


def language() -> str:
    """The language code of the current page."""
    return str(get_locale() or "ru")


def in_language(titles: dict) -> dict:
    """One of this module's tables of lazily translated titles (STATUS, KIND...) as text in the page's language: made
    once per language and kept, since a list names a status and a kind on every row."""
    key = (id(titles), language())
    made = _IN_LANGUAGE.get(key)
    if made is None:
        made = _IN_LANGUAGE[key] = {name: str(title) for name, title in titles.items()}
    return made


# The tables in_language() made, by (the table's id, language): a few dozen at most, as the tables are constants.
_IN_LANGUAGE: dict[tuple[int, str], dict] = {}


def country_name(code: str | None, lang: str | None = None) -> str:
    """A country's name in the page's language: the office's official name where an administrator set one, else
    CLDR's."""
    if not code:
        return ""
    lang = lang or language()
    return official_country_names().get((code, lang)) or _territories(lang).get(code, code)


@functools.lru_cache(maxsize=8)
def _territories(lang: str) -> dict[str, str]:
    """CLDR's country names in `lang` (parsing the locale on every name took half of naming a country)."""
    return Locale.parse(lang).territories


def official_country_names() -> dict[tuple[str, str], str]:
    """The official names by (code, language), kept with the other reference data under its version (a page names
    countries many times); outside an application there are none."""
    if not has_app_context():
        return {}
    if "official_country_names" not in g:
        from tracker.services.reference_cache import cached  # it reads the models, which read this module

        g.official_country_names = cached("official country names", "", official_names)
    return g.official_country_names


def forget_official_country_names() -> None:
    """Makes the next country name read the official names again, after an administrator changed them."""
    if has_app_context():
        g.pop("official_country_names", None)


def country_choices(countries, *, exclude=(), lang: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted in the alphabet of the page's language."""
    lang = lang or language()
    pairs = [(c.code, country_name(c.code, lang)) for c in countries if c.code not in exclude]
    return sorted(pairs, key=lambda pair: sort_key(pair[1], lang))


def country_ranks(lang: str) -> dict[str, int]:
    """Each country code named in `lang`, mapped to the place of its name (the official one where set, as
    country_name shows it) in `lang`'s alphabetical order.

    Lists sorted by country (the request list in SQL, the reports in Python) sort by these ranks, so they agree
    with the names shown; a code without a name (shown as the code itself) has no rank.
    """
    official = tuple(sorted((code, name) for (code, language), name in official_country_names().items()
                            if language == lang))
    return _country_ranks(lang, official)


@functools.lru_cache(maxsize=32)
def _country_ranks(lang: str, official: tuple[tuple[str, str], ...]) -> dict[str, int]:
    """The ranks for `lang` with these official names: CLDR's names change only with the installed Babel and the
    official ones seldom, so one computation per language and set of official names serves the process."""
    names = {code: name for code, name in Locale.parse(lang).territories.items()
             if len(code) == 2 and code.isalpha() and code.isupper()}
    names.update(official)
    ordered = sorted(names, key=lambda code: (sort_key(names[code], lang), code))
    return {code: rank for rank, code in enumerate(ordered)}


def country_sort_key(code: str, lang: str | None = None) -> tuple[int, str]:
    """A key that sorts country codes by the countries' names in `lang` (the page's language by default);
    codes without a name follow, by code."""
    ranks = country_ranks(lang or language())
    return ranks.get(code, len(ranks)), code
