"""Administrators' changes to reference data."""
from datetime import date

import sqlalchemy as sa

from tracker.domain.deadlines import ReleaseEnd, RuleCode, Scope
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models import Country, CrimeCategory, DeadlineRule, Request, Treaty
from tracker.services.deadlines import refresh_deadlines
from tracker.services.errors import FieldErrors

TREATY_FIELDS = ("code", "short_name", "short_name_kk", "short_name_ru", "title_kk", "title_ru", "title_en", "multilateral", "scope", "signed_on",
                 "in_force_on", "arrest_limit_days", "notes", "active")
CATEGORY_FIELDS = ("code", "name_kk", "name_ru", "name_en", "articles", "position", "phrase_kk", "phrase_ru",
                   "phrase_en")
COUNTRY_FIELDS = ("eaeu", "cis", "authority_name", "authority_address", "authority_email", "authority_phone")


def save_treaty(treaty: Treaty | None, data: dict, party_codes: list[str], *, today: date) -> Treaty:
    """Creates or updates a treaty; the code must be unique. A changed arrest limit recomputes its requests."""
    _require_unique(Treaty, "code", data["code"], treaty)
    old_limit = treaty.arrest_limit_days if treaty else None
    treaty = treaty or Treaty()
    for name in TREATY_FIELDS:
        setattr(treaty, name, data[name])
    with db.session.no_autoflush:  # one flush, so the audit log records the whole change as one entry
        treaty.parties = list(db.session.scalars(sa.select(Country).where(Country.code.in_(party_codes))))
    db.session.add(treaty)
    db.session.flush()
    if treaty.arrest_limit_days != old_limit:
        refresh_deadlines(today, condition=Request.treaty_id == treaty.id)
    return treaty


def save_rule(rule: DeadlineRule | None, *, kind: Kind, code: RuleCode, scope: Scope, treaty_id: int | None,
              country_code: str | None, days: int, note: str, today: date, source: str | None = None,
              counts_first_day: bool = True, ends_with: ReleaseEnd = ReleaseEnd.RECEIPT_OR_ARREST) -> DeadlineRule:
    """Sets a rule's days, legal source and counting (a new override, or a change) and recomputes the requests
    it governs. A `source` of None keeps the one recorded."""
    if rule is None:
        if (scope == Scope.TREATY and not treaty_id) or (scope == Scope.COUNTRY and not country_code):
            raise FieldErrors({"target": "target_required"})
        treaty_id = treaty_id if scope == Scope.TREATY else None
        country_code = country_code if scope == Scope.COUNTRY else None
        key = DeadlineRule.key_for(scope, treaty_id, country_code)
        taken = db.session.scalar(sa.select(DeadlineRule.id).where(
            DeadlineRule.kind == kind, DeadlineRule.code == code, DeadlineRule.scope_key == key))
        if taken:
            raise FieldErrors({"code": "duplicate_rule"})
        rule = DeadlineRule(kind=kind, code=code, scope=scope, treaty_id=treaty_id, country_code=country_code,
                            scope_key=key)
        db.session.add(rule)
    rule.days, rule.note = days, note or ""
    if source is not None:
        rule.source = source
    rule.counts_first_day, rule.ends_with = counts_first_day, ends_with
    db.session.flush()
    refresh_deadlines(today, condition=_governed_by(rule))
    return rule


def delete_override(rule: DeadlineRule, *, today: date) -> None:
    """Removes a treaty or country override; the default then applies again. Defaults cannot be removed."""
    if rule.scope == Scope.DEFAULT:
        raise FieldErrors({"code": "default_rule"})
    condition = _governed_by(rule)
    db.session.delete(rule)
    db.session.flush()
    refresh_deadlines(today, condition=condition)


def _governed_by(rule: DeadlineRule):
    """The requests a rule row can apply to."""
    condition = Request.kind == rule.kind
    if rule.scope == Scope.TREATY:
        condition = sa.and_(condition, Request.treaty_id == rule.treaty_id)
    elif rule.scope == Scope.COUNTRY:
        condition = sa.and_(condition, Request.country_code == rule.country_code)
    return condition


def save_crime_category(category: CrimeCategory | None, data: dict) -> CrimeCategory:
    """Creates or updates a crime category; the code must be unique."""
    _require_unique(CrimeCategory, "code", data["code"], category)
    category = category or CrimeCategory()
    for name in CATEGORY_FIELDS:
        value = data[name]
        setattr(category, name, value if value is not None else (0 if name == "position" else ""))
    db.session.add(category)
    db.session.flush()
    return category


def save_country(country: Country, data: dict) -> None:
    """Updates a country's flags and central authority contacts."""
    for name in COUNTRY_FIELDS:
        setattr(country, name, data[name] or ("" if isinstance(getattr(country, name), str) else False))
    db.session.flush()


def _require_unique(model, column, value, current):
    """Raises FieldErrors when another row already has `value` in `column`."""
    query = sa.select(model).where(getattr(model, column) == value)
    other = db.session.scalar(query)
    if other is not None and other is not current:
        raise FieldErrors({column: "duplicate_code"})
