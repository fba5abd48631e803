"""Digests as emails: rendered in the recipient's language, text and HTML, then handed to tracker.mail.transport."""
from datetime import date
from urllib.parse import urlencode

from flask import current_app, render_template
from flask_babel import force_locale, gettext, ngettext

from tracker.mail import transport as mail
from tracker.domain.people import Role
from tracker.services.digests import ProsecutorDigest, week_start


def render_digest(user, content, today: date) -> tuple[str, str, str]:
    """Subject, text and HTML of a user's digest, in the user's language."""
    with force_locale(user.language.value):
        context = {"user": user, "digest": content, "today": today, "link": request_link,
                   "list_link": lambda section: list_link(user, section), "summary_link": summary_link}
        if user.role == Role.PROSECUTOR:
            subject = _prosecutor_subject(content, today)
            name = "email/prosecutor_digest"
        else:
            subject = gettext("MLA Tracker: weekly summary of %(day)s", day=today.strftime("%d.%m.%Y"))
            name = "email/supervisor_digest"
        return subject, render_template(f"{name}.txt", **context), render_template(f"{name}.html", **context)


def _prosecutor_subject(content: ProsecutorDigest, today: date) -> str:
    """Says the most urgent thing first: critical deadlines, then overdue requests."""
    parts = [gettext("MLA Tracker: your week of %(day)s", day=today.strftime("%d.%m.%Y"))]
    if content.critical:
        parts.append(ngettext("%(num)d extradition deadline", "%(num)d extradition deadlines", content.critical.total))
    if content.overdue:
        parts.append(ngettext("%(num)d overdue", "%(num)d overdue", content.overdue.total))
    return " — ".join(parts)


def request_link(request_id: int) -> str:
    """The address of a request's page, for links in emails."""
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/requests/{request_id}"


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


def summary_link(measure: str, row, by_country: bool) -> str:
    """The address of the request list holding the requests one figure of the supervisor's summary counts."""
    args = SUMMARY_FILTERS[measure] | ({"country": row.key} if by_country else {"owner_id": row.owner_id})
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/requests?{urlencode(args)}"


def list_link(user, section: str) -> str:
    """The address of the request list showing all of a digest section: the prosecutor's own, or everyone's."""
    args = SECTION_FILTERS[section] | ({"owner_id": user.id} if user.role == Role.PROSECUTOR else {})
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/requests?{urlencode(args)}"


def deliver_digest(today: date):
    """A deliver(user, content) function for send_weekly_digests that mails each digest."""
    def deliver(user, content):
        subject, text, html = render_digest(user, content, today)
        week = week_start(today).isoformat()
        mail.send(mail.build_message(user.email, subject, text, html,
                                     message_id=f"<digest-{week}-{user.id}@mla-tracker>"))
    return deliver
