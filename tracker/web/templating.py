"""Filters and names the templates use: dates as dd.MM.yyyy, labels, country names."""
import functools
from datetime import date, datetime

from flask import Flask, g, request, url_for
from flask_babel import format_date, format_datetime
from markupsafe import Markup, escape

from tracker import clock
from tracker.domain.people import can_administer, can_create_request, can_edit_request, can_reassign
from tracker import labels
from tracker.domain.deadlines import RULE_OF
from tracker.services.deadlines import rule_book
from tracker.web.field_cache import field_key, keep_field, kept_field
from tracker.web.badges import (deadline_badges, icon, non_working_day, release_flag, request_link, status_badge,
                                 status_icon)
from tracker.web.access import init_login
from tracker.web.report_rows import bucket_title, pending_table_body
from tracker.web.report_links import with_query
from tracker.web.chrome import page_head, page_scripts, page_top

DATE_FORMAT = "dd.MM.yyyy"

def date_filter(value: date | None) -> str:
    """A date as dd.MM.yyyy, whatever the language. A plain date (a list shows two a row) is written directly, as
    Babel writes that pattern; a moment goes through Babel, which first moves it to Almaty time."""
    if not value:
        return ""
    if type(value) is date:
        return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
    return format_date(value, DATE_FORMAT)


def datetime_filter(value: datetime | None) -> str:
    """A moment as dd.MM.yyyy HH:mm in Almaty time."""
    return format_datetime(value, f"{DATE_FORMAT} HH:mm") if value else ""


def page_args() -> dict[str, list[str]]:
    """The current page's query arguments, a list of values each (kind=mla&kind=extradition keeps both), without
    the names url_for keeps for itself ("endpoint", "_external", "_anchor"...), which no page of the register reads
    and which would otherwise make building the page's links fail."""
    return {name: values for name, values in request.args.to_dict(flat=False).items()
            if name != "endpoint" and not name.startswith("_")}


def url_with(**changes) -> str:
    """The current page's address with some query arguments replaced (None removes one), as
    url_for(request.endpoint, **view_args, **args) writes it. A list's headings and pager write a dozen: the page's
    path is found once per request and each query joined to it."""
    args = page_args()
    args.update({key: value for key, value in changes.items() if value is not None})
    for key in [key for key, value in changes.items() if value is None]:
        args.pop(key, None)
    view_args = request.view_args or {}
    if any(name in view_args for name in args):
        return url_for(request.endpoint, **view_args, **args)  # as it always answered such an address
    if "page_path" not in g:
        g.page_path = url_for(request.endpoint, **view_args)
    return with_query(g.page_path, args)


def deadline_source(item) -> str:
    """The legal source of the rule behind a digest line's deadline, as the request page names it."""
    if item.deadline is None:
        return ""
    if "rule_book" not in g:
        g.rule_book = rule_book()
    setting = g.rule_book.setting(item.kind, RULE_OF[item.deadline], treaty_id=item.treaty_id,
                                  country_code=item.country_code)
    return labels.legal_source(setting)


def choice_boxes(box_id: str, name: str, options, selected) -> Markup:
    """The check boxes of a multiple choice (macros/ui.html's multi_choice): one per (value, title) of `options`,
    ticked when its value is among `selected`, then one ticked box for each chosen value no longer offered.

    Built here rather than in a template loop (a loop in Jinja took a quarter of the request list's time), and kept:
    the same choice in the same language gives the same boxes on every page until the reference data changes, which
    changes `options`.
    """
    return _choice_boxes(str(box_id), str(name), tuple(options), tuple(str(value) for value in selected))


@functools.lru_cache(maxsize=512)
def _choice_boxes(box_id: str, name: str, options: tuple, selected: tuple) -> Markup:
    chosen = set(selected)
    boxes = []
    for number, (value, title) in enumerate(options, start=1):
        boxes.append(_BOX.format(name=escape(name), value=escape(value), id=escape(f"{box_id}-{number}"),
                                 checked=" checked" if str(value) in chosen else "", title=escape(title)))
    known = {str(value) for value, _title in options}
    for number, value in enumerate((value for value in selected if value not in known), start=1):
        boxes.append(_BOX.format(name=escape(name), value=escape(value), id=escape(f"{box_id}-x{number}"),
                                 checked=" checked", title=escape(value)))
    # Every part above is escaped.
    return Markup("".join(boxes))  # nosec B704


def chosen_titles(options, selected) -> list[str]:
    """The titles of the options among `selected`, in the options' order."""
    chosen = {str(value) for value in selected}
    return [title for value, title in options if str(value) in chosen]


_BOX = ('\n      <div class="form-check"><input class="form-check-input" type="checkbox" name="{name}" value="{value}" '
        'id="{id}"{checked}>\n        <label class="form-check-label" for="{id}">{title}</label></div>')


def _today_for_templates() -> dict:
    """`today` in the Almaty calendar for every template."""
    return {"today": clock.today_local()}


def init_app(app: Flask) -> None:
    """Registers the filters and globals, and the login requirement."""
    from tracker.web.list_rows import request_rows  # these read dates with this module's filter
    from tracker.web.request_list import REPORT_FILTERS, active_filters, filter_panel

    init_login(app)
    app.context_processor(_today_for_templates)
    app.add_template_filter(date_filter, "d")
    app.add_template_filter(datetime_filter, "dt")
    app.jinja_env.globals.update(
        labels=labels, country_name=labels.country_name, current_language=labels.language, url_with=url_with, page_args=page_args,
        can_edit_request=can_edit_request, can_reassign=can_reassign, can_administer=can_administer,
        can_create_request=can_create_request, non_working_day=non_working_day,
        deadline_source=deadline_source, status_icon=status_icon, release_flag=release_flag, icon=icon,
        status_badge=status_badge, deadline_badges=deadline_badges, request_link=request_link,
        active_filters=active_filters, report_filters=REPORT_FILTERS, choice_boxes=choice_boxes, chosen_titles=chosen_titles,
        field_key=field_key, kept_field=kept_field, keep_field=keep_field,
        pending_table_body=pending_table_body, bucket_title=bucket_title, request_rows=request_rows,
        page_head=page_head, page_top=page_top, page_scripts=page_scripts, filter_panel=filter_panel,
    )
