"""Links from the figures of the reports to the request list filtered to the same requests.

Each link narrows the list with its own filters to exactly what the figure counts, so following it shows as
many requests as the figure says: pending abroad is the list's `pending=1` (sent and not final), overdue adds
`overdue=1` (past the due date today), drafts are `status=draft`, requests sent in a period are
`sent_from`/`sent_to`. A figure the list cannot reproduce (executed in a period) has no link.
"""
from dataclasses import dataclass, fields
from urllib.parse import urlencode

from flask import g, url_for

from tracker.services.queries import RECIPROCITY
from tracker.services.reports import ReportFilters


@dataclass(frozen=True)
class Linked:
    """A figure of a report page with the address of the requests it counts."""

    value: object
    url: str

    def __str__(self) -> str:
        return str(self.value)


def list_args(filters: ReportFilters) -> dict:
    """A report's filters as the request list's query arguments; several values repeat the argument. Whose report
    it is stays out: the list applies the reader's own access."""
    found = {}
    for field in fields(filters):
        if field.name == "access":
            continue
        value = getattr(filters, field.name)
        if isinstance(value, tuple):
            if value:
                found[field.name] = [getattr(item, "value", item) for item in value]
        elif value:
            found[field.name] = value
    return found


def list_url(count: int, scope: dict, **more) -> str | None:
    """The request list narrowed to `scope` and `more` (which replaces what `scope` says of the same filter), for a
    figure other than zero."""
    return list_address({**scope, **more}) if count else None


def list_address(args: dict) -> str:
    """The request list's address with `args` as its query, as url_for("requests.index", **args) writes it (a list
    of values repeats the argument; None leaves it out), the path found once per request: a report links some
    400 figures, and url_for took a sixth of its page's time."""
    if "list_address" not in g:
        g.list_address = url_for("requests.index")
    return with_query(g.list_address, args)


def with_query(path: str, args: dict) -> str:
    """`path` with `args` as its query, as url_for writes the arguments that are not part of a route's path (a list
    of values repeats the argument; None leaves it out)."""
    query = [(name, item) for name, value in args.items()
             for item in (value if isinstance(value, (list, tuple)) else (value,)) if item is not None]
    # The characters werkzeug leaves unquoted in a query.
    return f"{path}?{urlencode(query, safe=URL_SAFE)}" if query else path


URL_SAFE = "!$'()*,/:;?@"


def linked_rows(rows: list[list], links: list[list] | None) -> list[list]:
    """The rows of a report table with each figure that has an address made a link; exports keep the plain rows."""
    if links is None:
        return rows
    return [[Linked(value, url) if url else value for value, url in zip(row, row_links, strict=True)]
            for row, row_links in zip(rows, links, strict=True)]


def workload_links(rows, filters: ReportFilters) -> list[list]:
    """Addresses of the workload table's cells (`workload_table`), its totals row last: pending, drafts and
    overdue per prosecutor and in total; executed in the period has none, as the list has no such filter."""
    base = list_args(filters)

    def cells(scope, pending, drafts, overdue):
        return [None, list_url(pending, scope, pending=1), list_url(drafts, scope, status="draft"),
                list_url(overdue, scope, pending=1, overdue=1), None]
    found = [cells(dict(base, owner_id=r.owner_id), r.pending, r.drafts, r.overdue) for r in rows]
    found.append(cells(base, sum(r.pending for r in rows), sum(r.drafts for r in rows),
                       sum(r.overdue for r in rows)))
    return found


def treaty_links(rows, filters: ReportFilters, start, end) -> list[list]:
    """Addresses of the treaty table's cells (`treaty_table`), its totals row last: the requests sent in the period
    on each legal basis, of each kind and in all."""
    period = dict(list_args(filters), sent_from=start.isoformat(), sent_to=end.isoformat())

    def cells(scope, mla, extradition, transfer, total):
        return [None, list_url(mla, scope, kind="mla"), list_url(extradition, scope, kind="extradition"),
                list_url(transfer, scope, kind="transfer"), list_url(total, scope)]
    found = [cells(dict(period, treaty=str(r.treaty.id) if r.treaty else RECIPROCITY), r.mla, r.extradition,
                   r.transfer, r.total) for r in rows]
    found.append(cells(period, sum(r.mla for r in rows), sum(r.extradition for r in rows),
                       sum(r.transfer for r in rows), sum(r.total for r in rows)))
    return found
