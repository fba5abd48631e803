"""The chart of the pending-by-country report: one bar per country, stacked by kind, with its overdue requests.

Drawn as HTML with small SVG bars (the page's security policy allows no inline styles), so names wrap on a
phone and every figure stays text. The table under it remains the full record; the chart shows every country,
or the countries with most pending requests and one bar for all the others.
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext

from tracker import labels
from tracker.domain.statuses import Kind
from tracker.web.report_links import list_address

KINDS = (Kind.MLA, Kind.EXTRADITION, Kind.TRANSFER)
TOP = 15  # countries drawn on their own when there are more than TOP + 1; the rest share one bar


@dataclass
class Segment:
    """The part of a bar for one kind: its count, and where it starts and how wide it is, in percent."""

    kind: Kind
    count: int
    x: float
    width: float


@dataclass
class Bar:
    """One country, or all the countries outside the top ones, as a bar."""

    name: str
    url: str | None
    total: int
    overdue: int | None
    overdue_width: float = 0.0
    segments: list[Segment] = field(default_factory=list)
    summary: str = ""
    shortened: bool = False  # longer than the widest country's bar: drawn full width, with a break


@dataclass
class Chart:
    """The bars, in the table's order, and what the caption says of them."""

    bars: list[Bar]
    countries: int
    others: int
    overdue_known: bool


def pending_chart(report, base_args: dict | None) -> Chart | None:
    """The chart of `report`, or None when no request is pending.

    With `base_args` (the list's arguments of the report's filters, given when the report is as of today) each
    country's bar links to its pending requests in the list; as of a past day the list could not show what was
    pending then, so the bar leads to the country's row in the table. The others' bar leads to the table.
    """
    rows = report.rows
    if not rows:
        return None
    shown, rest = (rows, []) if len(rows) <= TOP + 1 else (rows[:TOP], rows[TOP:])
    bars = [_country_bar(row, base_args) for row in shown]
    if rest:
        bars.append(_others_bar(rest, report.overdue_known))
    # The scale is the widest country's: many small countries together would otherwise squeeze every bar.
    widest = max(bar.total for bar in bars[:len(shown)]) or 1
    for bar, counts in zip(bars, [_kind_counts([row]) for row in shown] + ([_kind_counts(rest)] if rest else [])):
        bar.shortened = bar.total > widest
        _lay_out(bar, counts, bar.total if bar.shortened else widest)
    return Chart(bars=bars, countries=len(rows), others=len(rest), overdue_known=report.overdue_known)


def _country_bar(row, base_args):
    """A country's bar, linked to its pending requests (or to its row in the table)."""
    if base_args is None:
        url = f"#country-{row.country_code}"
    else:
        url = list_address({**base_args, "country": row.country_code, "pending": 1})
    return Bar(name=labels.country_name(row.country_code), url=url, total=row.total, overdue=row.overdue)


def _others_bar(rows, overdue_known):
    """One bar for the countries outside the top ones, named with how many they are."""
    overdue = sum(row.overdue or 0 for row in rows) if overdue_known else None
    name = ngettext("Others (%(num)d country)", "Others (%(num)d countries)", len(rows))
    return Bar(name=name, url="#pending-table", total=sum(row.total for row in rows), overdue=overdue)


def _kind_counts(rows) -> dict:
    """Pending requests of each kind in `rows`."""
    return {kind: sum(getattr(row, kind.value) for row in rows) for kind in KINDS}


def _lay_out(bar, counts, widest):
    """Lays the bar's segments out in percent of the widest bar, and says in words what it shows."""
    at = 0.0
    for kind in KINDS:
        width = 100 * counts[kind] / widest
        if counts[kind]:
            bar.segments.append(Segment(kind, counts[kind], at, width))
        at += width
    bar.overdue_width = 100 * (bar.overdue or 0) / widest
    names = labels.in_language(labels.KIND)
    kinds = ", ".join(f"{names[s.kind]}: {s.count}" for s in bar.segments)
    summary = ngettext("%(num)d pending request", "%(num)d pending requests", bar.total) + f" ({kinds})"
    if bar.overdue is not None:
        summary += "; " + _("overdue: %(num)d", num=bar.overdue)
    bar.summary = summary
