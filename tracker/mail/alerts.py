"""Custody deadline alerts as emails, in the recipient's language, with the request's number and country only."""
from datetime import date

from flask import render_template
from flask_babel import force_locale, gettext

from tracker import labels
from tracker.mail import transport as mail
from tracker.mail.digests import request_link
from tracker.services.alerts import Alert


def render_alert(user, alert: Alert, today: date) -> tuple[str, str, str]:
    """Subject, text and HTML of one alert, in the user's language."""
    with force_locale(user.language.value):
        if alert.mark == 0:
            subject = gettext("MLA Tracker: MISSED — %(deadline)s, %(reference)s",
                              deadline=labels.DEADLINE[alert.deadline], reference=alert.reference)
        else:
            subject = gettext("MLA Tracker: %(deadline)s in %(days)d days, %(reference)s",
                              deadline=labels.DEADLINE[alert.deadline], days=alert.days_left, reference=alert.reference)
        context = {"user": user, "alert": alert, "today": today, "link": request_link(alert.request_id)}
        return (subject, render_template("email/deadline_alert.txt", **context),
                render_template("email/deadline_alert.html", **context))


def deliver_alert(today: date):
    """A deliver(user, alert) function for send_deadline_alerts that mails each alert."""
    def deliver(user, alert):
        subject, text, html = render_alert(user, alert, today)
        key = f"{alert.request_id}-{alert.deadline.value}-{alert.due_on.isoformat()}-{alert.mark}-{user.id}"
        mail.send(mail.build_message(user.email, subject, text, html, message_id=f"<alert-{key}@mla-tracker>"))
    return deliver
