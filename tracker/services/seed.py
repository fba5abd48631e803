"""Loads reference data idempotently: only what is missing is added, edits are kept."""
import pycountry
import sqlalchemy as sa
from babel import Locale

from tracker.extensions import db
from tracker.domain.deadlines import DEFAULT_RULES, DEFAULT_SOURCES, OFFICE_PRACTICE, Scope
from tracker.models import Country, CrimeCategory, DeadlineRule, Treaty, TreatyScope
from tracker.services import reference_data as ref


def seed_reference_data() -> dict[str, int]:
    """Adds missing countries, crime categories and treaties; returns how many of each were added."""
    return {
        "countries": _seed_countries(),
        "crime_categories": _seed_crime_categories(),
        "treaties": _seed_treaties(),
        "deadline_rules": _seed_deadline_rules(),
    }


def _seed_deadline_rules() -> int:
    """The default deadline rules of each kind; overrides are the administrators' to add."""
    known = {(kind, code) for kind, code in db.session.execute(sa.select(DeadlineRule.kind, DeadlineRule.code)
                                                  .where(DeadlineRule.scope == Scope.DEFAULT))}
    added = 0
    for kind, rules in DEFAULT_RULES.items():
        for code, days in rules.items():
            if (kind, code) in known:
                continue
            db.session.add(DeadlineRule(kind=kind, code=code, scope=Scope.DEFAULT, scope_key="default", days=days,
                                        note="", source=DEFAULT_SOURCES.get(code, OFFICE_PRACTICE)))
            added += 1
    db.session.flush()
    return added


def _seed_countries() -> int:
    """Every ISO 3166 country by alpha-2 code, with EAEU and CIS membership."""
    known = set(db.session.scalars(sa.select(Country.code)))
    missing = [c for c in pycountry.countries if c.alpha_2 not in known]
    for entry in missing:
        db.session.add(Country(code=entry.alpha_2, name_en=getattr(entry, "common_name", entry.name),
                               eaeu=entry.alpha_2 in ref.EAEU, cis=entry.alpha_2 in ref.CIS,
                               authority_name="", authority_address="", authority_email="",
                               authority_phone=""))
    db.session.flush()
    return len(missing)


def _seed_crime_categories() -> int:
    """The categories the statistics are kept by."""
    known = set(db.session.scalars(sa.select(CrimeCategory.code)))
    added = 0
    for position, (code, kk, ru, en, articles) in enumerate(ref.CRIME_CATEGORIES):
        if code in known:
            continue
        phrase_kk, phrase_ru, phrase_en = ref.CATEGORY_PHRASES.get(code, ("", "", ""))
        db.session.add(CrimeCategory(code=code, name_kk=kk, name_ru=ru, name_en=en, articles=articles,
                                     position=position, phrase_kk=phrase_kk, phrase_ru=phrase_ru,
                                     phrase_en=phrase_en))
        added += 1
    db.session.flush()
    return added


def _seed_treaties() -> int:
    """Multilateral conventions and the bilateral treaties named in the design."""
    known = set(db.session.scalars(sa.select(Treaty.code)))
    countries = {c.code: c for c in db.session.scalars(sa.select(Country))}
    added = 0
    for row in _treaty_rows():
        if row["code"] in known:
            continue
        parties = [countries[code] for code in row.pop("parties")]
        db.session.add(Treaty(**row, parties=parties))
        added += 1
    db.session.flush()
    return added


def _treaty_rows():
    """Yields the constructor arguments of every seeded treaty."""
    for code, short, kk, ru, en, scope, signed, in_force, limit, notes, parties in ref.MULTILATERAL_TREATIES:
        short_kk, short_ru = ref.SHORT_NAMES[code]
        yield dict(code=code, short_name=short, short_name_kk=short_kk, short_name_ru=short_ru, title_kk=kk, title_ru=ru, title_en=en, multilateral=True,
                   scope=TreatyScope(scope), signed_on=signed, in_force_on=in_force, arrest_limit_days=limit,
                   notes=notes, active=True, parties=parties)
    for partner in ref.BILATERAL_PARTNERS:
        names = {lang: Locale.parse(lang).territories[partner] for lang in ("kk", "ru", "en")}
        titles = {lang: ref.BILATERAL_TITLES[lang].format(country=names[lang]) for lang in names}
        yield dict(code=f"bilateral-{partner.lower()}", short_name=f"KZ–{partner} bilateral treaty",
                   short_name_kk=ref.BILATERAL_SHORT_NAMES["kk"].format(country=names["kk"]),
                   short_name_ru=ref.BILATERAL_SHORT_NAMES["ru"].format(country=names["ru"]),
                   title_kk=titles["kk"], title_ru=titles["ru"], title_en=titles["en"], multilateral=False,
                   scope=TreatyScope.BOTH, signed_on=None, in_force_on=None, arrest_limit_days=None,
                   notes=ref.BILATERAL_NOTE, active=True, parties=["KZ", partner])
