"""The rows of pending by country's table, written in Python.

Each country's row holds up to ten figures, each a link to the list narrowed to the requests it counts; with
some forty countries a template macro per figure and an address encoded from scratch for each were most of the
page's time. Here every part of an address (the report's filters, "country=RU", "kind=mla", an age bucket's
dates) is encoded once per page and the figures' addresses are joined from those parts. They are the addresses
`list_address` writes, and every part taken from data is escaped.
"""
from datetime import timedelta
from urllib.parse import urlencode

from flask_babel import gettext
from markupsafe import Markup, escape

from tracker import labels
from tracker.formats.report_tables import bucket_title as bucket_range
from tracker.web.report_links import URL_SAFE, list_address


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


def pending_rows(report, base: dict, buckets, live: bool) -> Markup:
    """The table rows of `report` (tracker.services.reports.PendingByCountry): per country its name, open requests
    by kind, in all and overdue, the oldest age, and the age buckets. As of today a figure other than zero links
    to its requests in the list; as of a past day the list could not show them, and figures are plain."""
    address = Addresses(base)
    words = {name: escape(text) for name, text in (
        ("mla", gettext("MLA requests")), ("extradition", gettext("Extradition requests")),
        ("transfer", gettext("Transfers of proceedings")), ("total", gettext("Total open")),
        ("overdue", gettext("Overdue")), ("oldest", gettext("Oldest, days")))}
    bucket_words = [escape(bucket_title(low, high)) for low, high in buckets]
    bucket_args = [{"sent_to": (report.as_of - timedelta(days=low)).isoformat(),
                    **({"sent_from": (report.as_of - timedelta(days=high)).isoformat()} if high else {})}
                   for low, high in buckets]
    language = labels.language()

    def figure(value, args) -> str:
        if live and value:
            return f'<a href="{escape(address(args))}">{value}</a>'
        return "—" if value is None else str(value)

    out = []
    for row in report.rows:
        code = row.country_code
        country = {"country": code}
        cells = [(words["mla"], "", figure(row.mla, {**country, "kind": "mla"})),
                 (words["extradition"], "", figure(row.extradition, {**country, "kind": "extradition"})),
                 (words["transfer"], "", figure(row.transfer, {**country, "kind": "transfer"})),
                 (words["total"], "", figure(row.total, country)),
                 (words["overdue"], " text-danger fw-bold" if row.overdue else "",
                  figure(row.overdue, {**country, "overdue": 1})),
                 (words["oldest"], "", str(row.oldest_days))]
        cells += [(bucket_words[index], "", figure(count, {**country, **bucket_args[index]}))
                  for index, count in enumerate(row.buckets)]
        out.append(f'<tr id="country-{escape(code)}"><th scope="row">{escape(labels.country_name(code, language))}</th>'
                   + "".join(f'<td class="text-end{extra}" data-label="{word}">{value}</td>'
                             for word, extra, value in cells) + "</tr>")
    # Names, words and addresses are escaped above; figures are integers.
    return Markup("\n".join(out))  # nosec B704

