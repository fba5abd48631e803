"""The documents a request stands for: the kinds of attachment the register keeps."""
from enum import StrEnum


class AttachmentKind(StrEnum):
    """What a stored document is, in the office's words."""

    REQUEST_AS_SENT = "request_as_sent"
    TRANSLATION = "translation"
    ACKNOWLEDGEMENT = "acknowledgement"
    REPLY = "reply"
    EXECUTED_MATERIALS = "executed_materials"
    NOTE_VERBALE = "note_verbale"
    REMINDER = "reminder"
    SUPPLEMENT = "supplement"
    OTHER = "other"
