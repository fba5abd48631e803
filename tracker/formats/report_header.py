"""The header above an exported report: what it is, the period and day it counts, the filters, when it was made."""
from datetime import date, datetime

from flask_babel import gettext as _

from tracker import clock, labels
from tracker.domain.statuses import Kind
from tracker.services import queries
from tracker.services.queries import RECIPROCITY

DAY = "%d.%m.%Y"


def chosen(value) -> tuple:
    """A filter's chosen values as a tuple, whether it holds several, one or none."""
    if value is None or value == "":
        return ()
    if isinstance(value, (tuple, list, set, frozenset)):
        return tuple(value)
    return (value,)


def filter_description(filters, language: str | None = None) -> list[tuple[str, str]]:
    """(label, text) pairs in the user's language for the filters a report applies, each listing every value
    chosen: kinds, countries, legal bases, crime categories, prosecutor; one pair saying so when none is set.

    Names are read only for the filters that are set, and only those filters' values.
    """
    language = language or labels.language()
    pairs = []
    kinds = chosen(filters.kind)
    if kinds:
        pairs.append((_("Kind"), ", ".join(str(labels.KIND[Kind(kind)]) for kind in kinds)))
    countries = chosen(getattr(filters, "country", None))
    if countries:
        pairs.append((_("Country"), ", ".join(labels.country_name(code, language) for code in countries)))
    treaties = chosen(filters.treaty)
    if treaties:
        pairs.append((_("Legal basis"), ", ".join(_treaty_names(treaties, language))))
    categories = chosen(filters.crime_category_id)
    if categories:
        names = {category.id: category.name(language) for category in queries.crime_categories()}
        pairs.append((_("Crime category"), ", ".join(names.get(int(value), str(value)) for value in categories)))
    owners = chosen(filters.owner_id)
    if owners:
        names = queries.user_names(owners)
        pairs.append((_("Prosecutor"), ", ".join(names.get(int(value), str(value)) for value in owners)))
    return pairs or [(_("Filters"), _("none: every request counts"))]


def _treaty_names(values, language: str) -> list[str]:
    """Short names of the chosen legal bases (treaty ids as text, or reciprocity)."""
    by_id = {str(treaty.id): treaty for treaty in queries.treaties(active_only=False)}
    return [str(labels.RECIPROCITY) if value == RECIPROCITY
            else by_id[str(value)].short(language) if str(value) in by_id else str(value) for value in values]


def report_header(title: str, *, as_of: date, made_at: datetime, filters: list[tuple[str, str]],
                  period: tuple[date, date] | None = None) -> list[list[str]]:
    """The rows above a report's table: its title; the period it covers, if it has one; the day its figures
    stand as of; the filters; and when it was made, in Almaty time."""
    rows = [[str(title)]]
    if period is not None:
        start, end = period
        rows.append([_("Period"), f"{start.strftime(DAY)} – {end.strftime(DAY)}"])
    rows.append([_("As of"), as_of.strftime(DAY)])
    rows += [[label, text] for label, text in filters]
    moment = made_at.astimezone(clock.ALMATY).strftime(f"{DAY} %H:%M")
    rows.append([_("Produced"), _("%(moment)s, Almaty time", moment=moment)])
    return rows
