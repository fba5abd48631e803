"""The rows of a table of requests (the register's list, the dashboard's tables), written in Python.

A row names its request's kind, country, status, dates, legal basis and prosecutor, each cell labelled for the
stacked cards a phone shows (tracker.css, .request-list); written by a template loop, 25 rows were a third of the
list page's rendering. What they write is what that loop wrote, and every part taken from data is escaped.
"""
from datetime import date

from flask_babel import gettext
from markupsafe import Markup, escape

from tracker import labels
from tracker.web.badges import deadline_badges, request_link, status_badge
from tracker.web.kept import kept, page_context
from tracker.web.templating import date_filter


# Rows a worker keeps (about 1 kB each): those of the pages its users read lately.
KEPT_ROWS = 4096


def request_rows(items, today: date) -> Markup:
    """The table rows of `items`, each request's registration number linked to its page; "" for none.

    Each row is written once per worker for what it is made of and kept: the request's id, registration number,
    kind, country, status, dates sent, due and of release, legal basis and owner, with the page's language, day,
    reference data (the names of treaties, countries and prosecutors, and the calendar of non-working days) and the
    root of the addresses of the request pages and icons (kept.page_context). A change to any of them gives another row."""
    language = labels.language()
    page = (*page_context(), today)
    store = kept("list_rows", KEPT_ROWS)
    out = []
    for item in items:
        key = (page, item.id, item.reference, item.kind, item.country_code, item.status, item.sent_on, item.due_on,
               item.release_due_on, item.treaty_id, item.owner_id)
        row = store.get(key)
        if row is None:
            row = _row(item, today, language, _words())
            store.put(key, row)
        out.append(row)
    # Every part of a row taken from data is escaped (_row); the badges are Markup built escaped (badges.py).
    return Markup("\n".join(out))  # nosec B704


def _words() -> dict:
    """The words of the rows' labels in the page's language, escaped."""
    return {name: escape(gettext(text)) for name, text in (
        ("kind", "Kind"), ("country", "Country"), ("sent", "Sent"), ("due", "Due"), ("basis", "Legal basis"),
        ("prosecutor", "Prosecutor"), ("reciprocity", "Reciprocity"))}


def _row(item, today: date, language: str, words: dict) -> str:
    """One request's row."""
    marks = deadline_badges(item, today)
    basis = escape(item.treaty.short(language)) if item.treaty else words["reciprocity"]
    return (
        f'<tr>\n  <td class="rq-ref"><a href="{escape(request_link(item.id))}">{escape(item.reference)}</a></td>\n'
        f'  <td class="rq-kind" data-label="{words["kind"]}">{escape(labels.in_language(labels.KIND)[item.kind])}</td>\n'
        f'  <td class="rq-country" data-label="{words["country"]}">'
        f'{escape(labels.country_name(item.country_code, language))}</td>\n'
        f'  <td class="rq-status">{status_badge(item)}</td>\n'
        f'  <td class="rq-sent{"" if item.sent_on else " rq-none"}" data-label="{words["sent"]}">'
        f'{escape(date_filter(item.sent_on))}</td>\n'
        f'  <td class="rq-due{"" if item.due_on or marks else " rq-none"}" data-label="{words["due"]}">'
        f'<span class="rq-due-date">{escape(date_filter(item.due_on))}</span>{marks}</td>\n'
        f'  <td class="rq-basis" data-label="{words["basis"]}">{basis}</td>\n'
        f'  <td class="rq-owner" data-label="{words["prosecutor"]}">{escape(item.owner.name)}</td>\n</tr>')
