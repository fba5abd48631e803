"""Loads reference data idempotently: only what is missing is added, edits are kept."""
import pycountry
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.domain.deadlines import CUSTODY_RULES, DEFAULT_RULES, DEFAULT_SOURCES, OFFICE_PRACTICE, Scope
from tracker.models import Unit, ArrestStart, CalendarDay, Country, CrimeCategory, DeadlineRule, Treaty, TreatyParty, TreatyStatus
from tracker.services import reference_data as ref
from tracker.services.calendar_register import CALENDAR
from tracker.services.treaty_register import TREATIES


def seed_reference_data() -> dict[str, int]:
    """Adds missing countries, crime categories, treaties, rules and calendar days; returns how many of each."""
    return {
        "countries": _seed_countries(),
        "crime_categories": _seed_crime_categories(),
        "treaties": _seed_treaties(),
        "deadline_rules": _seed_deadline_rules(),
        "calendar_days": _seed_calendar(),
        "units": _seed_default_unit(),
    }


def _seed_default_unit() -> int:
    """The office's default unit, which holds every user until units are set up."""
    from tracker.services.access import default_unit

    known = db.session.scalar(sa.select(sa.func.count()).select_from(Unit))
    default_unit()
    return 0 if known else 1


def _seed_deadline_rules() -> int:
    """The default deadline rules of each kind; overrides are the administrators' to add."""
    known = {(kind, code) for kind, code in db.session.execute(sa.select(DeadlineRule.kind, DeadlineRule.code)
                                                  .where(DeadlineRule.scope == Scope.DEFAULT))}
    added = 0
    for kind, rules in DEFAULT_RULES.items():
        for code, days in rules.items():
            if (kind, code) in known:
                continue
            source, source_kk, source_en = DEFAULT_SOURCES.get(code, (OFFICE_PRACTICE, "", ""))
            db.session.add(DeadlineRule(kind=kind, code=code, scope=Scope.DEFAULT, scope_key="default", days=days,
                                        note="", source=source, source_kk=source_kk, source_en=source_en,
                                        moves_to_working_day=code not in CUSTODY_RULES))
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
                               authority_phone="",
                               **{f"official_name_{language}": name
                                  for (code, language), name in ref.OFFICIAL_NAMES.items() if code == entry.alpha_2}))
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
        scope_kk, scope_ru, scope_en = ref.CATEGORY_SCOPES.get(code, ("", "", ""))
        db.session.add(CrimeCategory(code=code, name_kk=kk, name_ru=ru, name_en=en, articles=articles,
                                     position=position, phrase_kk=phrase_kk, phrase_ru=phrase_ru,
                                     phrase_en=phrase_en, scope_kk=scope_kk, scope_ru=scope_ru, scope_en=scope_en))
        added += 1
    db.session.flush()
    return added


def _seed_treaties() -> int:
    """Kazakhstan's treaties as public sources give them (tracker.services.treaty_register), each with its
    sources and not yet confirmed. A treaty already registered with a source of its own is kept as it is; one
    without (the first seed's rows) is filled in. Returns how many were added."""
    known = {t.code: t for t in db.session.scalars(
        sa.select(Treaty).options(selectinload(Treaty.party_terms), selectinload(Treaty.supersedes)))}
    added, filled = 0, []
    for row in TREATIES:
        treaty = known.get(row["code"])
        if treaty is not None and treaty.source:
            continue
        if treaty is None:
            treaty = known[row["code"]] = Treaty(code=row["code"], active=True)
            db.session.add(treaty)
            added += 1
        _fill_treaty(treaty, row)
        filled.append((treaty, row))
    for treaty, row in filled:
        treaty.supersedes = [known[code] for code in row["supersedes"] if code in known]
    db.session.flush()
    return added


def _fill_treaty(treaty, row):
    """A treaty's fields, parties and limit from one row of the register's data."""
    for name in ("short_name", "short_name_kk", "short_name_ru", "title_kk", "title_ru", "title_en", "multilateral",
                 "signed_on", "in_force_on", "terminated_on", "source", "notes"):
        setattr(treaty, name, row[name])
    treaty.scope = row["scope"]
    treaty.status = TreatyStatus(row["status"])
    treaty.confirmed = False
    number, unit, start = row["arrest_limit"] or (None, "days", "detention")
    treaty.arrest_limit_days = number if unit == "days" else None
    treaty.arrest_limit_months = number if unit == "months" else None
    treaty.arrest_counts_from = ArrestStart(start)
    treaty.party_terms = [TreatyParty(country_code=code, applies_from=since, applies_until=until)
                          for code, since, until in row["parties"]]


def _seed_calendar() -> int:
    """Kazakhstan's non-working weekdays and worked weekend days that are missing (tracker.services.calendar_register)."""
    known = set(db.session.scalars(sa.select(CalendarDay.day)))
    added = 0
    for day, working, (name_kk, name_ru, name_en), source in CALENDAR:
        if day not in known:
            db.session.add(CalendarDay(day=day, working=working, name_kk=name_kk, name_ru=name_ru, name_en=name_en,
                                       source=source))
            added += 1
    db.session.flush()
    return added
