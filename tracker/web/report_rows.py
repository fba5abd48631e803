"""The rows of pending by country's table, written in Python.

Each country's row holds up to ten figures, each a link to the list narrowed to the requests it counts; with
some forty countries a template macro per figure and an address encoded from scratch for each were most of the
page's time. Here every part of an address (the report's filters, "country=RU", "kind=mla", an age bucket's
dates) is encoded once per page and the figures' addresses are joined from those parts. They are the addresses
`list_address` writes, and every part taken from data is escaped.
"""
from datetime import timedelta
from urllib.parse import urlencode

from flask import render_template
from flask_babel import gettext
from markupsafe import Markup, escape

from tracker import labels
from tracker.formats.report_tables import bucket_title as bucket_range
from tracker.services.reports import AGE_BUCKETS
from tracker.web.kept import kept, page_context
from tracker.web.report_chart import pending_chart
from tracker.web.report_links import URL_SAFE, list_address

# Drawings of pending by country a worker keeps: each some 40 kB with forty countries.
KEPT_DRAWINGS = 64


class Addresses:
    """The list's addresses of `base` (the report's filters as the list's arguments) narrowed by other arguments,
    which replace those of `base` with the same name, as `list_address(dict(base, **args))` writes them."""

    def __init__(self, base: dict):
        self.base = base
        self.path = list_address({})
        self.parts: dict[tuple, str] = {}
        self.base_parts = {name: self._part(name, value) for name, value in base.items()}

    def _part(self, name: str, value) -> str:
        # By repr: 1 and True are equal keys of a dict, but are written "1" and "True".
        key = (name, repr(value))
        found = self.parts.get(key)
        if found is None:
            items = value if isinstance(value, (list, tuple)) else (value,)
            found = self.parts[key] = urlencode([(name, item) for item in items if item is not None], safe=URL_SAFE)
        return found

    def __call__(self, args: dict) -> str:
        parts = [self._part(name, args[name]) if name in args else part for name, part in self.base_parts.items()]
        parts += [self._part(name, value) for name, value in args.items() if name not in self.base]
        query = "&".join(part for part in parts if part)
        return f"{self.path}?{query}" if query else self.path


def bucket_title(low: int, high: int | None) -> Markup:
    """An age bucket's heading: "0–90 days", or ">365 days" for the last."""
    return escape(gettext("%(range)s days", range=bucket_range(low, high)))


def pending_figures(report, filters, today, chart_args: dict | None) -> Markup:
    """Pending by country's chart and table (reports/_pending_figures.html) for `report`, `filters` (as the list reads
    them), `today` and `chart_args` (the list's arguments of the report's filters, for the bars' links; None as of a
    past day). Drawing them (some four hundred linked figures) was most of the page's own time; they are drawn again
    only when something they are drawn from differs: a figure, a filter, the day, the language, or the reference
    data (countries' names). The key holds every figure, so a change to a request that moves one is drawn at once."""
    key = (*page_context(), today, report.as_of, report.overdue_known,
           _args_key(filters.as_args()), _args_key(chart_args),
           tuple((row.country_code, row.mla, row.extradition, row.transfer, row.overdue, row.oldest_sent_on,
                  tuple(row.buckets)) for row in report.rows))
    return kept("pending_figures", KEPT_DRAWINGS).get_or_make(key, lambda: Markup(render_template(  # nosec B704
        "reports/_pending_figures.html", report=report, filters=filters, today=today, buckets=AGE_BUCKETS,
        chart=pending_chart(report, chart_args))))


def _args_key(args: dict | None) -> tuple | None:
    """Query arguments as part of a key: by name, each value by its repr (1 and True are written differently)."""
    return None if args is None else tuple(sorted((name, repr(value)) for name, value in args.items()))


def pending_table_body(report, filters, today) -> Markup:
    """The rows of `report` (tracker.services.reports.PendingByCountry) and its totals row: per country its name,
    open requests by kind, in all and overdue, the oldest age, and the age buckets; `filters` are the report's
    (RequestFilters, as the list reads them). As of today a figure other than zero links to its requests in the list
    (pending, narrowed by the report's filters and the figure's own); as of a past day the list could not show them,
    and figures are plain, as are the totals' age buckets (as the page always showed them)."""
    live = report.as_of == today
    address = Addresses(dict(filters.as_args(), pending=1))
    words = {name: escape(text) for name, text in (
        ("mla", gettext("MLA requests")), ("extradition", gettext("Extradition requests")),
        ("transfer", gettext("Transfers of proceedings")), ("total", gettext("Total open")),
        ("overdue", gettext("Overdue")), ("oldest", gettext("Oldest, days")))}
    bucket_words = [escape(bucket_title(low, high)) for low, high in AGE_BUCKETS]
    bucket_args = [{"sent_to": (report.as_of - timedelta(days=low)).isoformat(),
                    **({"sent_from": (report.as_of - timedelta(days=high)).isoformat()} if high else {})}
                   for low, high in AGE_BUCKETS]
    language = labels.language()

    def figure(value, args) -> str:
        if live and value:
            return f'<a href="{escape(address(args))}">{value}</a>'
        return "—" if value is None else str(value)

    def cells(scope, mla, extradition, transfer, total, overdue, oldest, buckets, *, totals=False) -> str:
        found = [(words["mla"], "", figure(mla, {**scope, "kind": "mla"})),
                 (words["extradition"], "", figure(extradition, {**scope, "kind": "extradition"})),
                 (words["transfer"], "", figure(transfer, {**scope, "kind": "transfer"})),
                 (words["total"], "", figure(total, scope)),
                 (words["overdue"], " text-danger fw-bold" if overdue and not totals else "",
                  figure(overdue, {**scope, "overdue": 1})),
                 (words["oldest"], "", str(oldest))]
        found += [(bucket_words[index], "",
                   str(count) if totals else figure(count, {**scope, **bucket_args[index]}))
                  for index, count in enumerate(buckets)]
        return "".join(f'<td class="text-end{extra}" data-label="{word}">{value}</td>' for word, extra, value in found)

    rows = [f'<tr id="country-{escape(row.country_code)}"><th scope="row">'
            f'{escape(labels.country_name(row.country_code, language))}</th>'
            + cells({"country": row.country_code}, row.mla, row.extradition, row.transfer, row.total, row.overdue,
                    row.oldest_days, row.buckets) + "</tr>"
            for row in report.rows]
    t = report.totals
    totals = (f'<tr class="table-secondary fw-bold"><th scope="row">{escape(gettext("Total"))}</th>'
              + cells({}, t["mla"], t["extradition"], t["transfer"], t["total"], t["overdue"], t["oldest_days"],
                      t["buckets"], totals=True) + "</tr>")
    # Names, words and addresses are escaped above; figures are integers.
    body = "\n".join(rows)
    return Markup(f"<tbody>\n{body}\n</tbody>\n<tfoot>{totals}</tfoot>")  # nosec B704
