"""Filters and names the templates use: dates as dd.MM.yyyy, labels, country names."""
from datetime import date, datetime, timedelta

from flask import Flask, g, request, url_for
from flask_babel import format_date, format_datetime

from tracker import clock
from tracker.domain.people import can_administer, can_create_request, can_edit_request, can_reassign
from tracker import labels
from tracker.domain.deadlines import RULE_OF
from tracker.services.deadlines import rule_book, work_calendar
from tracker.web.access import init_login

DATE_FORMAT = "dd.MM.yyyy"


def date_filter(value: date | None) -> str:
    """A date as dd.MM.yyyy, whatever the language."""
    return format_date(value, DATE_FORMAT) if value else ""


def datetime_filter(value: datetime | None) -> str:
    """A moment as dd.MM.yyyy HH:mm in Almaty time."""
    return format_datetime(value, f"{DATE_FORMAT} HH:mm") if value else ""


def url_with(**changes) -> str:
    """The current page's address with some query arguments replaced (None removes one)."""
    args = request.args.to_dict(flat=False)  # a repeated argument (kind=mla&kind=extradition) keeps every value
    args.update({key: value for key, value in changes.items() if value is not None})
    for key in [key for key, value in changes.items() if value is None]:
        args.pop(key, None)
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def non_working_day(day: date | None) -> bool:
    """True when `day` is not a working day in Kazakhstan; the calendar is read once per request or job, on the
    first call (with None, only read), so a list costs the same queries whether its page has rows or not."""
    if "work_calendar" not in g:
        g.work_calendar = work_calendar()
    return day is not None and not g.work_calendar.is_working(day)


def deadline_source(item) -> str:
    """The legal source of the rule behind a digest line's deadline, as the request page names it."""
    if item.deadline is None:
        return ""
    if "rule_book" not in g:
        g.rule_book = rule_book()
    setting = g.rule_book.setting(item.kind, RULE_OF[item.deadline], treaty_id=item.treaty_id,
                                  country_code=item.country_code)
    return labels.legal_source(setting)


def _today_for_templates() -> dict:
    """`today` in the Almaty calendar for every template."""
    return {"today": clock.today_local()}


def init_app(app: Flask) -> None:
    """Registers the filters and globals, and the login requirement."""
    init_login(app)
    app.context_processor(_today_for_templates)
    app.add_template_filter(date_filter, "d")
    app.add_template_filter(datetime_filter, "dt")
    app.jinja_env.globals.update(
        labels=labels, country_name=labels.country_name, current_language=labels.language, url_with=url_with,
        can_edit_request=can_edit_request, can_reassign=can_reassign, can_administer=can_administer,
        can_create_request=can_create_request, timedelta=timedelta, non_working_day=non_working_day,
        deadline_source=deadline_source,
    )
