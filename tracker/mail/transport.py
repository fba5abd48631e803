"""The one place that sends mail: SMTP when MAIL_SERVER is set, otherwise .eml files under instance/outbox/."""
import logging
import smtplib
import ssl
import uuid
from email import policy
from email.header import Header
from email.headerregistry import HeaderRegistry, UniqueUnstructuredHeader
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app

log = logging.getLogger("tracker.mail")


class MailError(Exception):
    """The message could not be handed over; the text says why."""


class WholeWordsSubject(UniqueUnstructuredHeader):
    """A Subject whose words all arrive: a long Russian or Kazakh subject must be folded into encoded words, and
    Python 3.11's folding can cut it at a space and drop that space ("недельная сводкана"). Such a subject is cut
    into encoded words of whole characters instead, each space kept inside one of them (RFC 2047)."""

    def fold(self, *, policy):
        """The header as it goes on the wire, lines no longer than the policy allows."""
        if policy.utf8 or str(self).isascii():
            return super().fold(policy=policy)
        encoded = Header(str(self), "utf-8", maxlinelen=policy.max_line_length, header_name=self.name)
        return f"{self.name}: {encoded.encode(linesep=policy.linesep)}{policy.linesep}"


def _mail_policy() -> policy.EmailPolicy:
    """SMTP's rules (CRLF line ends, lines of 78 characters) with the Subject folded by WholeWordsSubject."""
    headers = HeaderRegistry()
    headers.map_to_type("subject", WholeWordsSubject)
    return policy.SMTP.clone(header_factory=headers)


MAIL_POLICY = _mail_policy()


def build_message(to: str, subject: str, text: str, html: str, message_id: str | None = None) -> EmailMessage:
    """A message with a plain-text part and an HTML alternative; a fixed Message-ID lets mail systems
    recognise a resent copy of the same message."""
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id or make_msgid(domain="mla-tracker")
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def send(message: EmailMessage) -> None:
    """Hands the message to the mail server, or writes it to the outbox; raises MailError on failure."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        _write_to_outbox(message)
        return
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]) as smtp:
            if config["MAIL_USE_STARTTLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        log.warning("mail not sent: %s", type(error).__name__,
                    extra={"event": "mail", "mail": message["Message-ID"], "state": "failed"})
        raise MailError(f"{type(error).__name__}: {error}") from error
    # The message's id, not its recipients or subject, which may name people.
    log.info("mail sent", extra={"event": "mail", "mail": message["Message-ID"], "state": "sent"})


def _write_to_outbox(message: EmailMessage) -> None:
    """Writes the message as an .eml file so the embedded setup works offline."""
    outbox = Path(current_app.instance_path) / "outbox"
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{uuid.uuid4().hex}.eml"
    try:
        path.write_bytes(bytes(message))
    except OSError as error:
        raise MailError(f"{type(error).__name__}: {error}") from error
