"""Administrators' changes to reference data."""
import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Country, CrimeCategory, Treaty
from tracker.services.errors import FieldErrors

TREATY_FIELDS = ("code", "short_name", "title_kk", "title_ru", "title_en", "multilateral", "scope", "signed_on",
                 "in_force_on", "arrest_limit_days", "notes", "active")
CATEGORY_FIELDS = ("code", "name_kk", "name_ru", "name_en", "articles", "position")
COUNTRY_FIELDS = ("eaeu", "cis", "authority_name", "authority_address", "authority_email", "authority_phone")


def save_treaty(treaty: Treaty | None, data: dict, party_codes: list[str]) -> Treaty:
    """Creates or updates a treaty; the code must be unique."""
    _require_unique(Treaty, "code", data["code"], treaty)
    treaty = treaty or Treaty()
    for name in TREATY_FIELDS:
        setattr(treaty, name, data[name])
    treaty.parties = list(db.session.scalars(sa.select(Country).where(Country.code.in_(party_codes))))
    db.session.add(treaty)
    db.session.flush()
    return treaty


def save_crime_category(category: CrimeCategory | None, data: dict) -> CrimeCategory:
    """Creates or updates a crime category; the code must be unique."""
    _require_unique(CrimeCategory, "code", data["code"], category)
    category = category or CrimeCategory()
    for name in CATEGORY_FIELDS:
        setattr(category, name, data[name] if data[name] is not None else 0)
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
