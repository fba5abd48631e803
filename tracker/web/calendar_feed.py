"""Each user's private calendar feed of due dates, turned on, shown and revoked from their account."""
from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from tracker import clock
from tracker.extensions import db
from tracker.formats.ical import due_dates_calendar
from tracker.services import calendar_feed as service
from tracker.services.calendar_feed import NewFeed

bp = Blueprint("calendar_feed", __name__)

ICAL_TYPE = "text/calendar; charset=utf-8"


@bp.get("/account/calendar")
def index():
    """Whether the user's feed is on, since when and when it was last fetched, with the buttons to change that."""
    return _page()


@bp.post("/account/calendar")
def turn_on():
    """Turns the feed on, or gives it a new address that replaces the old one, and shows the address in this answer
    alone: never in a redirect, a flashed message or the session."""
    new = service.turn_on(current_user, now=clock.now())
    db.session.commit()
    return _page(new)


@bp.post("/account/calendar/off")
def turn_off():
    """Turns the feed off: its address answers 404 from now on."""
    if service.turn_off(current_user, now=clock.now()):
        db.session.commit()
        flash(_("The calendar feed is off: its address no longer answers."), "success")
    return redirect(url_for("calendar_feed.index"))


@bp.get("/calendar/<secret>.ics")
def feed(secret):
    """The feed itself, for calendar programs that send no login: the secret in the address is the key, and an
    unknown or revoked one is not found."""
    found = service.feed_by_secret(secret)
    if found is None:
        # A calendar program reads no page: a plain answer, with no session started for it.
        return Response("Not found\n", status=404, mimetype="text/plain")
    now = clock.now()
    # The write comes first and is committed on its own: the reads that follow then hold no transaction open
    # while the calendar is built.
    service.note_feed_use(found, now)
    db.session.commit()
    user = found.user
    body = due_dates_calendar(service.feed_events(user, clock.today_local()), feed_id=found.id,
                              language=user.language.value, now=now, link=_request_address)
    response = Response(body, content_type=ICAL_TYPE)
    response.headers["Content-Disposition"] = 'inline; filename="mla-tracker.ics"'
    # No Cache-Control here: tracker/web/security.py makes every answer but static files no-store, this one too.
    return response


def feed_address(secret: str) -> str:
    """The address calendars subscribe to: on the site's public address, as e-mailed links are."""
    return _public_base() + url_for("calendar_feed.feed", secret=secret)


def _request_address(request_id: int) -> str:
    """A request's page on the site's public address."""
    return _public_base() + url_for("requests.detail", request_id=request_id)


def _public_base() -> str:
    """PUBLIC_URL without its final slash (url_for's paths start with one)."""
    return current_app.config["PUBLIC_URL"].rstrip("/")


def _page(new: NewFeed | None = None):
    """The page: the address just made (if any), and where the feed stands."""
    return render_template("account/calendar.html", new=new, address=feed_address(new.secret) if new else None,
                           feed=service.live_feed_of(current_user))
