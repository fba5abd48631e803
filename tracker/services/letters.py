"""The facts of a request its letters are written from, who may have them, and recording a reminder letter as sent
with the letter attached to the reminder's history entry."""
from dataclasses import dataclass
from datetime import date, datetime

from tracker.domain.access import Access
from tracker.domain.attachments import AttachmentKind
from tracker.domain.deadlines import DeadlineCode
from tracker.domain.history import EventType, ReminderChannel
from tracker.domain.statuses import Status
from tracker.extensions import db
from tracker.models import AuditEntry, Request, RequestEvent
from tracker.models.audit import actor_and_source
from tracker.services import deadlines as deadline_service
from tracker.services.errors import NotPermitted

REQUEST_LETTERS = ("request", "reminder", "supplement_cover")


class NotOffered(LookupError):
    """The letter does not fit the request as it stands (a reminder of a request not sent, say)."""


@dataclass(frozen=True)
class LetterFacts:
    """A request and what its letters need beyond its own fields, read on `today`."""

    request: Request
    today: date
    # The open release deadline of a person detained abroad, if any.
    release_due_on: date | None
    # Days earlier reminders were sent, oldest first.
    reminders: tuple[date, ...]
    # When the requested state last asked for supplementary information.
    supplement_requested_on: date | None


def offered_letters(item: Request) -> list[str]:
    """The letters of the request as it stands: the request itself always, a reminder while it is sent and open, a
    supplementary-information cover while the requested state waits for one."""
    offered = ["request"]
    if item.may_be_reminded:
        offered.append("reminder")
    if item.status == Status.SUPPLEMENT_REQUESTED:
        offered.append("supplement_cover")
    return offered


def may_write_letters(access: Access) -> bool:
    """Letters about a request name the persons in it: whoever may not see personal data (the administrator) may not
    generate them."""
    return access.personal_data


def letter_facts(access: Access, item: Request, letter: str, today: date) -> LetterFacts:
    """The facts `letter` of `item` is written from, for a reader with `access` who already sees the request.

    Raises NotPermitted for a reader without personal data, NotOffered for a letter the request does not offer.
    """
    if not may_write_letters(access):
        raise NotPermitted()
    if letter not in offered_letters(item):
        raise NotOffered(letter)
    state = deadline_service.state_of(item, today)
    release = next((d.due_on for d in state.deadlines if d.code == DeadlineCode.RELEASE), None)
    reminders = tuple(sorted(e.effective_on for e in item.events
                             if e.event == EventType.REMINDER_SENT and e.effective_on))
    asked = [e.effective_on for e in item.events
             if e.event == EventType.STATUS_CHANGED and e.to_status == Status.SUPPLEMENT_REQUESTED and e.effective_on]
    return LetterFacts(item, today, release, reminders, max(asked, default=None))


def record_reminder_letter(actor, item: Request, *, content: bytes, filename: str, language: str, sent_on: date,
                           channel: ReminderChannel, note: str, expected_version: int, today: date,
                           now: datetime) -> RequestEvent:
    """Records the reminder as sent (tracker.services.deadlines.record_reminder) and keeps the letter sent as a
    document of that history entry. Raises what those two raise; nothing is kept unless both succeed, the
    caller committing once."""
    from tracker.services.attachments import add_attachment  # the documents' service

    deadline_service.record_reminder(actor, item, sent_on=sent_on, channel=channel, note=note,
                                     expected_version=expected_version, today=today, now=now)
    entry = item.events[-1]
    add_attachment(actor, item, filename=filename, content=content, kind=AttachmentKind.REMINDER, language=language,
                   document_date=sent_on, note=note.strip(), event=entry, now=now)
    return entry


def record_template_change(letter: str, language: str, *, replaced: bool, sha256: str, now: datetime) -> None:
    """Writes in the audit log that an administrator replaced a letter template (with the new file's SHA-256) or went
    back to the built-in one: templates are files, which the log of records does not see by itself."""
    actor_id, source = actor_and_source()
    db.session.add(AuditEntry(recorded_at=now, actor_id=actor_id, source=source,
                              action="update" if replaced else "delete", entity="letter_templates",
                              entity_id=f"{letter}.{language}", changes={"sha256": [None, sha256 or None]}))
    db.session.flush()
