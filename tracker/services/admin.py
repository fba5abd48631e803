"""Administrators' changes to reference data."""
from datetime import date

import sqlalchemy as sa

from tracker.domain.deadlines import ReleaseEnd, RuleCode, Scope
from tracker.domain.statuses import Kind
from tracker.extensions import db
from tracker.models import Country, CrimeCategory, DeadlineRule, Request, Treaty, TreatyParty
from tracker.services.deadlines import refresh_deadlines
from tracker.services.errors import FieldErrors
from tracker.services.treaties import parties_from_text

TREATY_FIELDS = ("code", "short_name", "short_name_kk", "short_name_ru", "title_kk", "title_ru", "title_en",
                 "multilateral", "status", "signed_on", "in_force_on", "terminated_on", "arrest_limit_days",
                 "arrest_limit_months", "arrest_counts_from", "source", "confirmed", "notes", "active")
CATEGORY_FIELDS = ("code", "name_kk", "name_ru", "name_en", "articles", "position", "phrase_kk", "phrase_ru",
                   "phrase_en", "scope_kk", "scope_ru", "scope_en")
COUNTRY_FIELDS = ("official_name_kk", "official_name_ru", "official_name_en", "eaeu", "cis", "authority_name",
                  "authority_address", "authority_email", "authority_phone")


def save_treaty(treaty: Treaty | None, data: dict, parties_text: str, *, today: date,
                superseded_codes: list[str] = ()) -> Treaty:
    """Creates or updates a treaty: its fields, scope, parties with their dates and the treaties it replaces.

    The code must be unique and the parties readable; a changed arrest limit recomputes the treaty's requests.
    """
    _require_unique(Treaty, "code", data["code"], treaty)
    countries = set(db.session.scalars(sa.select(Country.code)))
    try:
        parties = parties_from_text(parties_text or "", countries)
    except ValueError as error:
        raise FieldErrors({"parties": str(error)}) from None
    if data["arrest_limit_days"] and data["arrest_limit_months"]:
        raise FieldErrors({"arrest_limit_months": "one_limit_unit"})
    old_limit = (treaty.arrest_limit_days, treaty.arrest_limit_months, treaty.arrest_counts_from) if treaty else None
    treaty = treaty or Treaty()
    for name in TREATY_FIELDS:
        setattr(treaty, name, data[name])
    treaty.scope = data["scope"]
    with db.session.no_autoflush:  # one flush, so the audit log records the whole change together
        current = {p.country_code: p for p in treaty.party_terms}
        kept = {code for code, _since, _until in parties}
        for code, gone in current.items():
            if code not in kept:
                db.session.delete(gone)  # deleted by name, so the audit log sees each party removed
        treaty.party_terms = [_party(current.get(code), code, since, until) for code, since, until in parties]
        treaty.supersedes = list(db.session.scalars(sa.select(Treaty).where(Treaty.code.in_(superseded_codes),
                                                                           Treaty.code != treaty.code)))
    db.session.add(treaty)
    db.session.flush()
    if (treaty.arrest_limit_days, treaty.arrest_limit_months, treaty.arrest_counts_from) != old_limit:
        refresh_deadlines(today, condition=Request.treaty_id == treaty.id)
    return treaty


def _party(existing, code, since, until):
    """A party row kept (so only real changes are audited) or made anew."""
    party = existing or TreatyParty(country_code=code)
    party.applies_from, party.applies_until = since, until
    return party


def save_rule(rule: DeadlineRule | None, *, kind: Kind, code: RuleCode, scope: Scope, treaty_id: int | None,
              country_code: str | None, days: int, note: str, today: date, source: str | None = None,
              counts_first_day: bool = True, ends_with: ReleaseEnd = ReleaseEnd.RECEIPT_OR_ARREST, source_kk: str = "",
              source_en: str = "", practice_order: str = "", moves_to_working_day: bool = False) -> DeadlineRule:
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
        rule.source, rule.source_kk, rule.source_en = source, source_kk, source_en
        rule.practice_order, rule.moves_to_working_day = practice_order, moves_to_working_day
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
    """Updates a country's official names, flags and central authority contacts."""
    for name in COUNTRY_FIELDS:
        setattr(country, name, data[name] or ("" if isinstance(getattr(country, name), str) else False))
    db.session.flush()


def _require_unique(model, column, value, current):
    """Raises FieldErrors when another row already has `value` in `column`."""
    query = sa.select(model).where(getattr(model, column) == value)
    other = db.session.scalar(query)
    if other is not None and other is not current:
        raise FieldErrors({column: "duplicate_code"})
