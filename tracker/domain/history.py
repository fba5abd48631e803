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
    # What the foreign side or we did that is not a status change.
    RECEIVED_ABROAD = "received_abroad"            # the requested state confirms it received our request
    EXTRADITION_ARREST = "extradition_arrest"      # the requested state applied extradition arrest
    ACKNOWLEDGED = "acknowledged"                  # the foreign side confirms receipt, with its reference number
    PARTIAL_EXECUTION = "partial_execution"        # part of an MLA request executed
    OUTCOME_NOTIFIED = "outcome_notified"          # we told the requested state the outcome
    # A supervisor withdrew a stored document from the request; the file is kept until an administrator purges it.
    ATTACHMENT_REMOVED = "attachment_removed"


# The events recorded through "record an event" (the API's POST .../events), as opposed to the entries
# other actions write.
FOREIGN_EVENTS = (EventType.RECEIVED_ABROAD, EventType.EXTRADITION_ARREST, EventType.ACKNOWLEDGED,
                  EventType.PARTIAL_EXECUTION, EventType.OUTCOME_NOTIFIED)


class ReminderChannel(StrEnum):
    """How a reminder reached the foreign authority."""

    LETTER = "letter"
    DIPLOMATIC = "diplomatic"
    EMAIL = "email"
    FAX = "fax"
    PHONE = "phone"
    OTHER = "other"
