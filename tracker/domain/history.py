"""What kinds of entry the append-only history of a request holds."""
from enum import StrEnum


class EventType(StrEnum):
    """One entry in a request's history."""

    CREATED = "created"
    EDITED = "edited"
    STATUS_CHANGED = "status_changed"
    REASSIGNED = "reassigned"
    CORRECTION = "correction"
    REMINDER_SENT = "reminder_sent"
    DEADLINE_EXTENDED = "deadline_extended"


class ReminderChannel(StrEnum):
    """How a reminder reached the foreign authority."""

    LETTER = "letter"
    DIPLOMATIC = "diplomatic"
    EMAIL = "email"
    FAX = "fax"
    PHONE = "phone"
    OTHER = "other"
