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
from tracker.web.templating import date_filter


def request_rows(items, today: date) -> Markup:
    """The table rows of `items`, each request's registration number linked to its page; "" for none."""
    words = {name: escape(gettext(text)) for name, text in (
        ("kind", "Kind"), ("country", "Country"), ("sent", "Sent"), ("due", "Due"), ("basis", "Legal basis"),
        ("prosecutor", "Prosecutor"))}
    reciprocity = escape(gettext("Reciprocity"))
    language = labels.language()
    kind_names = labels.in_language(labels.KIND)
    out = []
    for item in items:
        marks = deadline_badges(item, today)
        basis = escape(item.treaty.short(language)) if item.treaty else reciprocity
        out.append(
            f'<tr>\n  <td class="rq-ref"><a href="{escape(request_link(item.id))}">{escape(item.reference)}</a></td>\n'
            f'  <td class="rq-kind" data-label="{words["kind"]}">{escape(kind_names[item.kind])}</td>\n'
            f'  <td class="rq-country" data-label="{words["country"]}">'
            f'{escape(labels.country_name(item.country_code, language))}</td>\n'
            f'  <td class="rq-status">{status_badge(item)}</td>\n'
            f'  <td class="rq-sent{"" if item.sent_on else " rq-none"}" data-label="{words["sent"]}">'
            f'{escape(date_filter(item.sent_on))}</td>\n'
            f'  <td class="rq-due{"" if item.due_on or marks else " rq-none"}" data-label="{words["due"]}">'
            f'<span class="rq-due-date">{escape(date_filter(item.due_on))}</span>{marks}</td>\n'
            f'  <td class="rq-basis" data-label="{words["basis"]}">{basis}</td>\n'
            f'  <td class="rq-owner" data-label="{words["prosecutor"]}">{escape(item.owner.name)}</td>\n</tr>')
    # Every part above taken from data is escaped; the badges are Markup built escaped (badges.py).
    return Markup("\n".join(out))  # nosec B704
