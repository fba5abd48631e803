"""The office's own names of countries, where Kazakhstan's official usage differs from CLDR's (Кыргызстан, not
Киргизия): administrators keep them on each country's page; labels.country_name shows them."""
import sqlalchemy as sa

from tracker.extensions import db
from tracker.models import Country

LANGUAGES = ("kk", "ru", "en")


def official_names() -> dict[tuple[str, str], str]:
    """Every official name set, by (country code, language), in one query of the few countries that have one."""
    columns = [getattr(Country, f"official_name_{language}") for language in LANGUAGES]
    rows = db.session.execute(sa.select(Country.code, *columns).where(sa.or_(*(column != "" for column in columns))))
    return {(code, language): name.strip() for code, *names in rows
            for language, name in zip(LANGUAGES, names) if name and name.strip()}
