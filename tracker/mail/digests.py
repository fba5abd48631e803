"""Digests as emails: rendered in the recipient's language, text and HTML, then handed to tracker.mail.transport."""
from datetime import date
from urllib.parse import urlencode

from flask import current_app, render_template
from flask import request as http_request
from flask_babel import force_locale, gettext, ngettext
from markupsafe import Markup

from tracker.mail import transport as mail
from tracker.mail.styles import styler, stylesheet
from tracker.domain.people import Role
from tracker.services.digests import ProsecutorDigest, week_start


def render_digest(user, content, today: date, *, for_page: bool = False) -> tuple[str, str, str]:
    """Subject, text and HTML of a user's digest, in the user's language. The HTML is a whole e-mail with its
    styles in its tags, or, `for_page`, the digest's body for the "My digest" page, styled by digest.css."""
    with force_locale(user.language.value):
        if user.role == Role.PROSECUTOR:
            subject = _prosecutor_subject(content, today)
            name = "email/prosecutor_digest"
        else:
            subject = gettext("MLA Tracker: weekly summary of %(day)s", day=today.strftime("%d.%m.%Y"))
            name = "email/supervisor_digest"
        base = http_request.script_root if for_page else None
        context = {"user": user, "digest": content, "today": today, "subject": subject, "for_page": for_page,
                   "link": lambda request_id: request_link(request_id, base),
                   "list_link": lambda section: list_link(user, section, base),
                   "summary_link": lambda measure, row, by_country: summary_link(measure, row, by_country, base),
                   # The media queries come from tracker/static/digest.css, a file of the app, not from any user.
                   "css": styler(inline=not for_page), "media_css": Markup(stylesheet()[1])}  # nosec B704
        return subject, render_template(f"{name}.txt", **context), render_template(f"{name}.html", **context)


def _prosecutor_subject(content: ProsecutorDigest, today: date) -> str:
    """Says the most urgent thing first: critical deadlines, then overdue requests."""
    parts = [gettext("MLA Tracker: your week of %(day)s", day=today.strftime("%d.%m.%Y"))]
    if content.critical:
        parts.append(ngettext("%(num)d extradition deadline", "%(num)d extradition deadlines", content.critical.total))
    if content.overdue:
        parts.append(ngettext("%(num)d overdue", "%(num)d overdue", content.overdue.total))
    return " — ".join(parts)


def _base(base: str | None) -> str:
    """Where links lead: PUBLIC_URL for e-mails (without its final slash), or the base given (the site's own root
    on the "My digest" page, so that its links work wherever the site is served)."""
    return current_app.config["PUBLIC_URL"].rstrip("/") if base is None else base


def request_link(request_id: int, base: str | None = None) -> str:
    """The address of a request's page, for links in emails."""
    return f"{_base(base)}/requests/{request_id}"


# The list filters that show a whole digest section, for the link under a section the mail cuts short.
SECTION_FILTERS = {
    "critical": {"release": "1", "sort": "release_due_on", "dir": "asc"},
    "overdue": {"overdue": "1", "sort": "due_on", "dir": "asc"},
    "reminders_due": {"due_soon": "1", "sort": "due_on", "dir": "asc"},
    "due_soon": {"due_soon": "1", "sort": "due_on", "dir": "asc"},
}


# The list filters that show the requests a supervisor's summary counts, so each figure opens its own list.
SUMMARY_FILTERS = {
    "pending": {"pending": "1"},
    "overdue": {"pending": "1", "overdue": "1", "sort": "due_on", "dir": "asc"},
    "critical": {"critical": "1", "sort": "release_due_on", "dir": "asc"},
    "drafts": {"status": "draft"},
}


def summary_link(measure: str, row, by_country: bool, base: str | None = None) -> str:
    """The address of the request list holding the requests one figure of the supervisor's summary counts."""
    args = SUMMARY_FILTERS[measure] | ({"country": row.key} if by_country else {"owner_id": row.owner_id})
    return f"{_base(base)}/requests?{urlencode(args)}"


def list_link(user, section: str, base: str | None = None) -> str:
    """The address of the request list showing all of a digest section: the prosecutor's own, or everyone's."""
    args = SECTION_FILTERS[section] | ({"owner_id": user.id} if user.role == Role.PROSECUTOR else {})
    return f"{_base(base)}/requests?{urlencode(args)}"


def deliver_digest(today: date):
    """A deliver(user, content) function for send_weekly_digests that mails each digest."""
    def deliver(user, content):
        subject, text, html = render_digest(user, content, today)
        week = week_start(today).isoformat()
        mail.send(mail.build_message(user.email, subject, text, html,
                                     message_id=f"<digest-{week}-{user.id}@mla-tracker>"))
    return deliver
