"""The marks pages repeat on every row: icons, a request's status badge and the badges beside its due date.

Built in Python rather than as template macros: a list of 25 requests called some 110 macros, and calling a macro in
Jinja costs more than what it writes (half of the list page's rendering). What they write is the same as the macros
wrote, and every part taken from data is escaped.
"""
import functools
from datetime import date

from flask import g, url_for
from flask_babel import gettext, ngettext
from markupsafe import Markup, escape

from tracker import labels
from tracker.domain.deadlines import RELEASE_WINDOW_DAYS
from tracker.domain.statuses import Status
from tracker.services.deadlines import work_calendar

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


def status_icon(status: Status) -> str:
    """The name of the icon shown beside `status` wherever its badge appears."""
    return STATUS_ICONS[Status(status)]


def _sprite() -> str:
    """The address of the icons' sprite, built once per request."""
    if "icon_sprite" not in g:
        g.icon_sprite = url_for("static", filename="bootstrap-icons.svg")
    return g.icon_sprite


@functools.lru_cache(maxsize=2048)
def _svg(sprite: str, name: str, label: str, css_class: str) -> Markup:
    spoken = f'role="img" aria-label="{escape(label)}"' if label else 'aria-hidden="true" focusable="false"'
    # Every part taken from a caller is escaped.
    return Markup(f'<svg class="bi {escape(css_class)}" width="16" height="16" fill="currentColor" {spoken}>'  # nosec B704
                  f'<use href="{escape(sprite)}#{escape(name)}"></use></svg>')


def icon(name: str, label=None, **attributes) -> Markup:
    """An icon of Bootstrap Icons from the app's own sprite: hidden from screen readers unless given a `label`, since
    the text beside it says the same. Templates call it as `icon('search', class='text-muted')`."""
    return _svg(_sprite(), str(name), str(label) if label else "", str(attributes.get("class", "")))


def status_badge(item) -> Markup:
    """A request's status: its own colour and icon beside its name."""
    return _status_badge(Status(item.status), labels.language(), _sprite())


@functools.lru_cache(maxsize=256)
def _status_badge(status: Status, _language: str, sprite: str) -> Markup:
    title = labels.in_language(labels.STATUS)[status]
    # The status's value is one of the enumeration's; its title is escaped.
    return Markup(f'<span class="badge status-badge status-{status.value}">'  # nosec B704
                  f'{_svg(sprite, STATUS_ICONS[status], "", "")} {escape(title)}</span>')


def deadline_badges(item, today: date) -> Markup:
    """The marks of a request's urgency beside its due date: due on a non-working day, overdue (red), release
    deadline near (amber) or missed (red, critical)."""
    marks = []
    if non_working_day(item.due_on):
        marks.append(_badge("badge-quiet", "calendar-x", gettext("non-working day")))
    if item.is_open and item.due_on and item.due_on < today:
        days = (today - item.due_on).days
        marks.append(_badge("badge-overdue", "exclamation-triangle-fill",
                            ngettext("%(num)d day overdue", "%(num)d days overdue", days)))
    left = release_flag(item, today)
    if left is not None and left < 0:
        marks.append(_badge("badge-critical", "exclamation-octagon-fill",
                            ngettext("release deadline missed %(num)d day ago",
                                     "release deadline missed %(num)d days ago", -left)))
    elif left is not None:
        marks.append(_badge("badge-release", "stopwatch",
                            ngettext("release deadline in %(num)d day", "release deadline in %(num)d days", left)))
    return Markup(" ").join(marks)


def _badge(css_class: str, icon_name: str, text: str) -> Markup:
    # The class and the icon are this module's own words; the text is escaped.
    return Markup(f'<span class="badge {css_class}">{icon(icon_name)} {escape(text)}</span>')  # nosec B704


def request_link(request_id: int) -> str:
    """The address of a request's page; a list builds 25 of them, and only the number differs."""
    if "request_link" not in g:
        first = url_for("requests.detail", request_id=0)
        g.request_link = first[:-1] if first.endswith("/0") else None
    if g.request_link is None:
        return url_for("requests.detail", request_id=request_id)
    return f"{g.request_link}{int(request_id)}"


def non_working_day(day: date | None) -> bool:
    """True when `day` is not a working day in Kazakhstan; the calendar is read once per request or job, on the
    first call (with None, only read), so a list costs the same queries whether its page has rows or not."""
    if "work_calendar" not in g:
        g.work_calendar = work_calendar()
    return day is not None and not g.work_calendar.is_working(day)


def release_flag(item, today: date) -> int | None:
    """Days left to `item`'s foreign release deadline (negative once missed) when the lists should flag it: within
    the release window or passed; else None."""
    if item.release_due_on is None or not item.is_open:
        return None
    left = (item.release_due_on - today).days
    return left if left <= RELEASE_WINDOW_DAYS else None
