"""The private calendar feed written as iCalendar (RFC 5545): one all-day event per open deadline, no person named."""
from collections.abc import Callable
from datetime import datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event, vDuration

from tracker import labels
from tracker.services.deadline_register import OpenDeadline

CALENDAR_NAME = "MLA Tracker"
PRODID = "-//MLA Tracker//Due dates//EN"
# Calendars poll a subscribed feed on their own schedule; this asks them not to wait longer than a few hours.
REFRESH_INTERVAL = timedelta(hours=4)
UID_DOMAIN = "mla-tracker"


def due_dates_calendar(deadlines: list[OpenDeadline], *, feed_id: int, language: str, now: datetime,
                       link: Callable[[int], str]) -> bytes:
    """The feed's text: each deadline on its last day, named in `language`, with a `link(request_id)` to the
    request. Only what a colleague may see over one's shoulder goes in: the deadline, our reference, the country,
    the kind and status; never the person sought, their birth date or the case's facts."""
    with force_locale(language):
        calendar = Calendar.new(name=CALENDAR_NAME, prodid=PRODID, uid=f"feed-{feed_id}@{UID_DOMAIN}",
                                description=_("Due dates of requests in MLA Tracker"),
                                refresh_interval=REFRESH_INTERVAL)
        # Outlook reads its own name for the same request.
        calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
        for entry in deadlines:
            calendar.add_component(_event(entry, language, now, link))
    return calendar.to_ical()


def _event(entry: OpenDeadline, language: str, now: datetime, link: Callable[[int], str]) -> Event:
    """One deadline as an all-day event. Its UID stays the same from fetch to fetch, so a calendar moves the event
    when the deadline is extended instead of showing it twice."""
    request, deadline = entry.request, entry.deadline
    address = link(request.id)
    summary = _("%(deadline)s: %(reference)s (%(country)s)", deadline=labels.DEADLINE[deadline.code],
                reference=request.reference, country=labels.country_name(request.country_code, language))
    description = "\n".join((f"{labels.KIND[request.kind]} · {labels.STATUS[request.status]}", address))
    event = Event.new(uid=f"request-{request.id}-{deadline.code.value}@{UID_DOMAIN}", summary=summary,
                      description=description, url=address, stamp=now, start=deadline.due_on,
                      end=deadline.due_on + timedelta(days=1))
    # A deadline is no appointment: it leaves the day free in free/busy lookups.
    event.add("transp", "TRANSPARENT")
    return event
