"""Filters and names the templates use: dates as dd.MM.yyyy, labels, country names."""
from datetime import date, datetime, timedelta

from flask import Flask, g, request, url_for
from flask_babel import format_date, format_datetime
from markupsafe import Markup, escape

from tracker import clock
from tracker.domain.people import can_administer, can_create_request, can_edit_request, can_reassign
from tracker import labels
from tracker.domain.deadlines import RELEASE_WINDOW_DAYS, RULE_OF
from tracker.domain.statuses import Status
from tracker.services.deadlines import rule_book, work_calendar
from tracker.web.access import init_login

DATE_FORMAT = "dd.MM.yyyy"

# Each status's icon (Bootstrap Icons, served from tracker/static/bootstrap-icons.svg) beside its name and its colour
# (tracker.css, .status-<value>), so that no status is told apart by colour alone.
STATUS_ICONS = {
    Status.DRAFT: "pencil", Status.SENT: "send", Status.PENDING: "hourglass-split",
    Status.SUPPLEMENT_REQUESTED: "question-circle", Status.PARTIALLY_EXECUTED: "circle-half",
    Status.EXECUTED: "check-circle", Status.GRANTED: "hand-thumbs-up", Status.SURRENDER_POSTPONED: "pause-circle",
    Status.TEMPORARILY_SURRENDERED: "arrow-left-right", Status.EXTRADITED: "person-check",
    Status.ACCEPTED: "check2-square", Status.REFUSED: "x-circle", Status.RETURNED: "arrow-return-left",
    Status.RELEASED_ABROAD: "door-open", Status.WITHDRAWN: "dash-circle",
}


def date_filter(value: date | None) -> str:
    """A date as dd.MM.yyyy, whatever the language."""
    return format_date(value, DATE_FORMAT) if value else ""


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
    """The current page's address with some query arguments replaced (None removes one)."""
    args = page_args()
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


def status_icon(status: Status) -> str:
    """The name of the icon shown beside `status` wherever its badge appears."""
    return STATUS_ICONS[Status(status)]


def release_flag(item, today: date) -> int | None:
    """Days left to `item`'s foreign release deadline (negative once missed) when the lists should flag it: within
    the release window or passed; else None."""
    if item.release_due_on is None or not item.is_open:
        return None
    left = (item.release_due_on - today).days
    return left if left <= RELEASE_WINDOW_DAYS else None


def choice_boxes(box_id: str, name: str, options, selected) -> Markup:
    """The check boxes of a multiple choice (macros/ui.html's multi_choice): one per (value, title) of `options`,
    ticked when its value is among `selected`, then one ticked box for each chosen value no longer offered.

    Built here rather than in a template loop: a loop in Jinja took a quarter of the request list's time.
    """
    chosen = set(selected)
    boxes = []
    for number, (value, title) in enumerate(options, start=1):
        boxes.append(_BOX.format(name=escape(name), value=escape(value), id=escape(f"{box_id}-{number}"),
                                 checked=" checked" if value in chosen else "", title=escape(title)))
    known = {value for value, _title in options}
    for number, value in enumerate((value for value in selected if value not in known), start=1):
        boxes.append(_BOX.format(name=escape(name), value=escape(value), id=escape(f"{box_id}-x{number}"),
                                 checked=" checked", title=escape(value)))
    # Every part above is escaped.
    return Markup("".join(boxes))  # nosec B704


_BOX = ('\n      <div class="form-check"><input class="form-check-input" type="checkbox" name="{name}" value="{value}" '
        'id="{id}"{checked}>\n        <label class="form-check-label" for="{id}">{title}</label></div>')


def _today_for_templates() -> dict:
    """`today` in the Almaty calendar for every template."""
    return {"today": clock.today_local()}


def init_app(app: Flask) -> None:
    """Registers the filters and globals, and the login requirement."""
    from tracker.web.request_list import REPORT_FILTERS, active_filters  # it reads dates with this module's filter

    init_login(app)
    app.context_processor(_today_for_templates)
    app.add_template_filter(date_filter, "d")
    app.add_template_filter(datetime_filter, "dt")
    app.jinja_env.globals.update(
        labels=labels, country_name=labels.country_name, current_language=labels.language, url_with=url_with, page_args=page_args,
        can_edit_request=can_edit_request, can_reassign=can_reassign, can_administer=can_administer,
        can_create_request=can_create_request, timedelta=timedelta, non_working_day=non_working_day,
        deadline_source=deadline_source, status_icon=status_icon, release_flag=release_flag,
        active_filters=active_filters, report_filters=REPORT_FILTERS, choice_boxes=choice_boxes,
    )
