"""The audit log in the reader's words: each record named as people know it (a request by its registration number,
a user by email, a treaty by code), each field as its form names it, each value as a name in the reader's
language (languages, roles, countries, crime categories, treaties, yes/no, dates as dd.MM.yyyy). The audit page
shows entries through `describe_entries`; an export of the log would write the same lines."""
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from babel import Locale
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.fields.core import UnboundField

from tracker import labels
from tracker.domain.access import MASK, Access
from tracker.domain.deadlines import DeadlineCode, ReleaseEnd, RuleCode, Scope
from tracker.domain.people import Language, Role
from tracker.domain.statuses import Kind, RefusalGround, Status
from tracker.extensions import db
from tracker.models import ArrestStart, AuditEntry, TokenScope, TreatyStatus
from tracker.services.audit_records import mapper_of, records_by_key
from tracker.web.admin_forms import CountryForm, CrimeCategoryForm, DeadlineRuleForm, TreatyForm, UnitForm, UserForm
from tracker.web.templating import date_filter, datetime_filter

# The records the log keeps, by table name; the first seven can be chosen in the page's filter.
ENTITIES = {"requests": _l("Requests"), "users": _l("Users"), "treaties": _l("Treaties"),
            "countries": _l("Countries"), "crime_categories": _l("Crime categories"),
            "deadline_rules": _l("Deadline rules"), "units": _l("Units"), "treaty_parties": _l("Treaty parties"),
            "api_tokens": _l("API tokens"), "webhooks": _l("Webhooks")}
# Where each form of the administrator's pages names the fields of a table.
FORMS = {"users": (UserForm,), "treaties": (TreatyForm,), "countries": (CountryForm, CrimeCategoryForm),
         "crime_categories": (CrimeCategoryForm,), "deadline_rules": (DeadlineRuleForm,), "units": (UnitForm,)}
# Fields no form shows, by table ("" for every table).
OTHER_FIELDS = {
    "": {"code": _l("Code"), "name": _l("Name"), "active": _l("Active"), "created_at": _l("Created")},
    "requests": {**labels.FIELD, "kind": _l("Kind"), "status": _l("Status"), "status_on": _l("Status date"),
                 "last_sent_on": _l("Sent again on"), "supplement_due_on": labels.FOREIGN_TERM,
                 "origin_request_id": _l("Started from request"), "deleted_at": _l("Deleted on")},
    "users": {"password_hash": _l("Password")},
    "treaties": {"parties": _l("Parties"), **{f"covers_{scope.value}": name for scope, name in labels.SCOPE.items()}},
    "treaty_parties": {"treaty_id": _l("Treaty"), "country_code": _l("Country"), "applies_from": _l("Applies from"),
                       "applies_until": _l("Applies until")},
    "units": {"is_default": _l("Default unit")},
    "api_tokens": {"user_id": _l("User"), "scope": _l("Access"), "expires_at": _l("Expires"),
                   "revoked_at": _l("Revoked")},
    "webhooks": {"url": _l("Address"), "events": _l("Events"), "secret": _l("Secret"),
                 "created_by_id": _l("Created by")},
}
# Keys and bookkeeping the record's name already says, or the system derives.
HIDDEN_FIELDS = {"id", "scope_key"}
ENUM_NAMES = {Kind: labels.KIND, Status: labels.STATUS, RefusalGround: labels.GROUND, Role: labels.ROLE,
              TreatyStatus: labels.TREATY_STATUS, ArrestStart: labels.ARREST_START, RuleCode: labels.RULE,
              Scope: labels.SCOPE_OF_RULE, ReleaseEnd: labels.RELEASE_END, TokenScope: labels.TOKEN_SCOPE,
              DeadlineCode: labels.DEADLINE}
# Pages of the records that have one.
RECORD_PAGES = {"requests": ("requests.detail", "request_id", int), "users": ("admin.user", "user_id", int),
                "treaties": ("admin.treaty", "treaty_id", int), "countries": ("admin.country", "code", str),
                "crime_categories": ("admin.crime_category", "category_id", int),
                "deadline_rules": ("admin.deadline_rule", "rule_id", int), "units": ("admin.unit", "unit_id", int)}


@dataclass(frozen=True)
class Change:
    """One field's old and new value, in words; `named` is False for a field known by its key only."""

    field: str
    old: str
    new: str
    named: bool = True


@dataclass
class AuditLine:
    """One audit entry as the page shows it."""

    entry: AuditEntry
    entity: str
    record: str
    link: str | None
    changes: list[Change] = field(default_factory=list)


def describe_entries(entries, access: Access) -> list[AuditLine]:
    """The entries in words for a reader with `access` (personal data of persons sought masked as it masks them),
    with a fixed number of queries: one per table the entries name."""
    records = records_by_key(_keys_named(entries))
    describer = _Describer(records, labels.language())
    return [describer.line(entry, access) for entry in entries]


def _keys_named(entries) -> dict[str, set[str]]:
    """The keys of the records the entries are about or point at, by table; countries are named without a query."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        wanted[entry.entity].add(entry.entity_id)
        if entry.entity == "treaty_parties":
            wanted["treaties"].add(entry.entity_id.partition("/")[0])
        for key, pair in (entry.changes or {}).items():
            target = _target_table(entry.entity, key)
            for value in pair if target is not None else ():
                if value:
                    wanted[target].update(value.split(", ") if _is_collection(entry.entity, key) else [value])
    wanted.pop("countries", None)
    return wanted


class _Describer:
    """Names records, fields and values with the records read for one page."""

    def __init__(self, records, language):
        self.records, self.language = records, language

    def line(self, entry: AuditEntry, access: Access) -> AuditLine:
        """One entry: its record named and linked, its changes in words."""
        changes = access.shown_changes(entry.changes, entry.entity)
        fields = _field_names(entry.entity)
        shown = [Change(str(fields.get(key, key)), self.value(entry.entity, key, old), self.value(entry.entity, key, new),
                        named=key in fields)
                 for key, (old, new) in changes.items() if key not in HIDDEN_FIELDS]
        # An empty text recorded on creation says nothing ("— → —"); a masked change ("••• → •••") still says one.
        shown = [change for change in shown if (change.old, change.new) != ("—", "—")]
        return AuditLine(entry, str(ENTITIES.get(entry.entity, entry.entity)),
                         self.record_name(entry.entity, entry.entity_id, entry.changes or {}),
                         _record_page(entry), shown)

    def record_name(self, table: str, key: str, changes: dict) -> str:
        """A record as people know it; one deleted since is named from what its entry recorded."""
        if table == "countries":
            return f"{labels.country_name(key, self.language)} ({key})"
        if table == "treaty_parties":
            treaty, _sep, country = key.partition("/")
            return f"{self.record_name('treaties', treaty, {})} · {labels.country_name(country, self.language)}"
        record = self.records.get(table, {}).get(key)
        if record is None:
            recorded = next((value for name in ("reference", "email", "code", "name")
                             for value in (changes.get(name) or [None, None])[::-1] if value), None)
            return recorded or key
        return self._name_of(table, record)

    def _name_of(self, table: str, record) -> str:
        """The name of a record that exists."""
        if table == "requests":
            return record.reference
        if table == "users":
            return record.email
        if table == "treaties":
            return record.code
        if table == "crime_categories":
            return record.name(self.language)
        if table == "units":
            return labels.unit_name(record)
        if table == "deadline_rules":
            where = record.treaty.code if record.treaty else labels.country_name(record.country_code, self.language)
            return f"{labels.RULE[record.code]} · {labels.KIND[record.kind]}" + (f" · {where}" if where else "")
        return str(getattr(record, "name", None) or getattr(record, "url", None) or "")

    def value(self, table: str, key: str, text: str | None) -> str:
        """A recorded value in words; a value that does not read as its column's type is shown as recorded."""
        if text is None or text == "":
            return "—"
        if text == MASK or text == "***":
            return text
        target = _target_table(table, key)
        if target is not None:
            names = [self._pointed(target, part) for part in (text.split(", ") if _is_collection(table, key) else [text])]
            return ", ".join(names)
        column = _column(table, key)
        if column is None:
            return text
        try:
            return self._typed(column, text)
        except (ValueError, KeyError):
            return text

    def _pointed(self, table: str, key: str) -> str:
        """The name of the record a value points at: a user by name, other records as record_name names them."""
        if table == "countries":
            return labels.country_name(key, self.language)
        record = self.records.get(table, {}).get(key)
        if record is None:
            return key
        if table == "users":
            return record.name
        if table == "treaties":
            return record.short(self.language)
        return self._name_of(table, record)

    def _typed(self, column: sa.Column, text: str) -> str:
        """A value by its column's type: yes or no, a date, a moment, a named choice."""
        kind = column.type.impl if isinstance(column.type, sa.types.TypeDecorator) else column.type
        if isinstance(kind, sa.Boolean):
            return {"true": _("yes"), "1": _("yes"), "false": _("no"), "0": _("no")}[text.lower()]
        if isinstance(kind, sa.DateTime):
            return datetime_filter(datetime.fromisoformat(text))
        if isinstance(kind, sa.Date):
            return date_filter(date.fromisoformat(text))
        enum_class = getattr(kind, "enum_class", None)
        if enum_class is Language:
            return Locale.parse(text).get_display_name(self.language).capitalize()
        if enum_class in ENUM_NAMES:
            return str(ENUM_NAMES[enum_class][enum_class(text)])
        return text


@functools.cache
def _field_names(table: str) -> dict[str, object]:
    """Each field of a table as its form names it, else as the log's own names do (lazy texts, read in the page's
    language when shown)."""
    names = dict(OTHER_FIELDS[""])
    for form in FORMS.get(table, ()):
        for attribute, unbound in vars(form).items():
            if isinstance(unbound, UnboundField) and attribute != "submit":
                label = unbound.kwargs.get("label") or (unbound.args[0] if unbound.args else None)
                names[attribute] = label or names.get(attribute)
    return names | OTHER_FIELDS.get(table, {})


def _column(table: str, key: str) -> sa.Column | None:
    """The column a logged field is, or None."""
    found = db.metadata.tables.get(table)
    return found.c.get(key) if found is not None else None


def _target_table(table: str, key: str) -> str | None:
    """The table a field's value points at: a foreign key's, or a collection's (a treaty's parties)."""
    column = _column(table, key)
    if column is not None and column.foreign_keys:
        return next(iter(column.foreign_keys)).column.table.name
    mapper = mapper_of(table)
    relation = mapper.relationships.get(key) if mapper is not None else None
    return relation.mapper.local_table.name if relation is not None else None


def _is_collection(table: str, key: str) -> bool:
    """Whether a field holds a collection's members, written "A, B"."""
    mapper = mapper_of(table)
    relation = mapper.relationships.get(key) if mapper is not None else None
    return relation is not None and relation.uselist


def _record_page(entry: AuditEntry) -> str | None:
    """The address of the record's page, where it has one."""
    page = RECORD_PAGES.get(entry.entity)
    if page is None or (page[2] is int and not entry.entity_id.isdigit()):
        return None
    endpoint, argument, kind = page
    return url_for(endpoint, **{argument: kind(entry.entity_id)})
